"""Groups (parties): making one, its members and roles, its rule and its power sources."""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from sharedspace.governance import actions, selectors
from sharedspace.governance import policies as pol
from sharedspace.governance.choices import DecisionRule, PartyKind, PowerSource, Role

from .. import forms as f
from ..components import cell, row
from .base import FormMap, Page


class PartyNew(Page):
    template_name = "web/pages/party_new.html"
    forms: ClassVar[FormMap] = {"party": f.PartyForm}

    def handle_party(self, form: f.PartyForm) -> HttpResponse:
        party = actions.party_create(
            actor=self.person,
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            decision_rule=form.cleaned_data["decision_rule"],
            power_sources=form.cleaned_data["power_sources"],
        )
        return self.done(
            _("Your group “%(name)s” is made. You are its coordinator and speaker.")
            % {"name": party.name},
            reverse("web:party", args=[party.pk]),
        )


class PartyPage(Page):
    template_name = "web/pages/party.html"
    forms: ClassVar[FormMap] = {"member": f.MemberForm, "rule": f.PartyRuleForm}

    def load(self, **kwargs: Any) -> None:
        self.view = selectors.party_get(viewer=self.person, party_id=kwargs["party_id"])
        self.party = self.view.party

    def show_form(self, name: str) -> bool:
        return self.is_coordinator

    @property
    def is_coordinator(self) -> bool:
        return any(
            m.person_id == self.person.pk and m.is_coordinator for m in self.view.members
        )

    def form_kwargs(self, name: str) -> dict[str, Any]:
        if name == "rule":
            return {"initial": {"decision_rule": self.party.decision_rule,
                                "quorum": self.party.quorum,
                                "power_sources": self.party.power_sources}}
        return {}

    def context(self) -> dict[str, Any]:
        party = self.party
        none = _("None given")
        return {
            "party_rows": [
                row(_("Kind of group"), PartyKind(party.kind).label),
                row(_("How it decides"), DecisionRule(party.decision_rule).label),
                row(_("Where its power comes from"),
                    ", ".join(str(PowerSource(p).label) for p in party.power_sources) or none),
            ],
            "member_head": [cell(_("Name")), cell(_("Roles"))],
            "member_rows": [
                [cell(m.person.name),
                 cell(", ".join(str(Role(r).label) for r in m.roles))]
                for m in self.view.members
            ],
            "party": party,
            "members": self.view.members,
            "is_member": self.view.viewer_is_member,
            "is_coordinator": self.is_coordinator,
            "kind": PartyKind(party.kind).label,
            "rule": DecisionRule(party.decision_rule).label,
            "power_sources": [PowerSource(p).label for p in party.power_sources],
            "holder": pol.HOLDER,
        }

    def handle_member(self, form: f.MemberForm) -> HttpResponse:
        actions.party_member_add(
            actor=self.person, party_id=self.party.pk, email=form.cleaned_data["email"],
            roles=["member", *form.cleaned_data["roles"]],
        )
        return self.done(
            _("%(email)s is now a member of the group.") % {"email": form.cleaned_data["email"]},
            reverse("web:party", args=[self.party.pk]),
        )

    def handle_rule(self, form: f.PartyRuleForm) -> HttpResponse:
        actions.party_update(
            actor=self.person, party_id=self.party.pk,
            decision_rule=form.cleaned_data["decision_rule"],
            quorum=form.cleaned_data["quorum"],
            power_sources=form.cleaned_data["power_sources"],
        )
        return self.done(_("The group's rule is changed."),
                         reverse("web:party", args=[self.party.pk]))
