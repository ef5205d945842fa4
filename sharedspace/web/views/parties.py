"""Groups (parties): making one, its members and roles, its rule and its power sources; and
the download of everything the group can read (``/groups/<id>/export.zip``)."""

from __future__ import annotations

import tempfile
from typing import Any, ClassVar
from urllib.parse import urlencode

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sharedspace import exports
from sharedspace.governance import actions, selectors
from sharedspace.governance import exceptions as ex
from sharedspace.governance import policies as pol
from sharedspace.governance.choices import DecisionRule, PartyKind, PowerSource, Role
from sharedspace.governance.models import Membership, Party

from .. import forms as f
from .. import present, ratelimit
from ..components import cell, row
from .audit_across import party_audit_links, resolve_due_in
from .base import FormMap, Page, bound_name_is

# Downloads of a group's export per person in a fixed 15-minute window (web/ratelimit.py).
# Each reads every record the group can see, so a few are plenty (ADR 7).
EXPORT_KIND = "group-export"
EXPORT_LIMIT = 5


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
    forms: ClassVar[FormMap] = {
        "member": f.MemberForm, "rule": f.PartyRuleForm, "name": f.PartyNameForm,
        "roles": f.MemberRolesForm, "remove": f.IdForm, "leave": f.EmptyForm,
        "stay": f.EmptyForm,
    }

    def load(self, **kwargs: Any) -> None:
        self.view = selectors.party_get(viewer=self.person, party_id=kwargs["party_id"])
        self.party = self.view.party

    @property
    def chosen(self) -> Membership | None:
        """The member a coordinator chose to change (``?member=<person id>``), if any."""
        wanted = self.request.GET.get("member", "")
        if bound_name_is(self.request, "roles") or bound_name_is(self.request, "remove"):
            form = self.request.POST.get("form", "")
            wanted = self.request.POST.get(f"{form}-id", "")
        return next((m for m in self.view.members if m.person_id == wanted), None)

    @property
    def mine(self) -> Membership | None:
        """The viewer's own membership, if they are in the group."""
        return next((m for m in self.view.members if m.person_id == self.person.pk), None)

    def show_form(self, name: str) -> bool:
        if name == "leave":
            return self.view.viewer_is_member
        if name == "stay":  # someone put them in: asked whether they want to be (ADR 38)
            mine = self.mine
            return mine is not None and mine.confirmed_at is None
        if name in ("roles", "remove"):
            return self.is_coordinator and self.chosen is not None
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
        if name == "name":
            return {"initial": {"name": self.party.name}}
        chosen = self.chosen
        if name in ("roles", "remove") and chosen is not None:
            roles = [r for r in chosen.roles if r != Role.MEMBER]
            return {"initial": {"id": chosen.person_id, "roles": roles}}
        return {}

    def member_row(self, m: Membership) -> list[dict[str, Any]]:
        name = m.person.name
        if m.confirmed_at is None:  # put in by someone else; not said yes yet (ADR 38)
            name = _("%(name)s (has not said yet that they want to be in the group)") % {
                "name": name}
        cells = [cell(name), cell(", ".join(str(Role(r).label) for r in m.roles))]
        if self.is_coordinator:
            href = reverse("web:party", args=[self.party.pk]) + "?" + urlencode(
                {"member": m.person_id}) + "#change-member"
            cells.append(cell(_("Change"), href=href, hidden_text=m.person.name))
        return cells

    def context(self) -> dict[str, Any]:
        party = self.party
        none = _("None given")
        return {
            "party_rows": [
                row(_("Kind of group"), PartyKind(party.kind).label),
                row(_("How it decides"), self.rule_words()),
                row(_("Where its power comes from"),
                    ", ".join(str(PowerSource(p).label) for p in party.power_sources) or none),
            ],
            "member_head": [cell(_("Name")), cell(_("Roles"))]
            + ([{"text": _("Action"), "hidden": True}] if self.is_coordinator else []),
            "member_rows": [self.member_row(m) for m in self.view.members],
            "asked": self.asked(),
            "quorum_too_high": self.quorum_too_high(),
            "chosen": self.chosen,
            "chosen_is_me": self.chosen is not None and self.chosen.person_id == self.person.pk,
            "party": party,
            "members": self.view.members,
            "is_member": self.view.viewer_is_member,
            "is_coordinator": self.is_coordinator,
            "kind": PartyKind(party.kind).label,
            "rule": DecisionRule(party.decision_rule).label,
            "power_sources": [PowerSource(p).label for p in party.power_sources],
            "holder": pol.HOLDER,
            "export_href": (reverse("web:party_export", args=[party.pk])
                            if self.view.viewer_is_member else ""),
            **party_audit_links(self.person, party.pk),
        }

    def rule_words(self) -> str:
        """The rule, with how many must answer when the group set that number."""
        party = self.party
        label = str(DecisionRule(party.decision_rule).label)
        if party.decision_rule == DecisionRule.MAJORITY and party.quorum:
            return ngettext("%(rule)s (at least %(n)s member must answer)",
                            "%(rule)s (at least %(n)s members must answer)",
                            party.quorum) % {"rule": label, "n": party.quorum}
        return label

    def quorum_too_high(self) -> str:
        """Said to the group's own people when more must answer than it has members: until
        it has more, it can give no answer at all."""
        party = self.party
        if not (self.view.viewer_is_member and party.decision_rule == DecisionRule.MAJORITY
                and party.quorum and party.quorum > len(self.view.members)):
            return ""
        return ngettext(
            "The group has %(members)s member, but %(quorum)s must answer. Until it has more "
            "members, it cannot give an answer. A coordinator can change how many must answer.",
            "The group has %(members)s members, but %(quorum)s must answer. Until it has more "
            "members, it cannot give an answer. A coordinator can change how many must answer.",
            len(self.view.members)) % {"members": len(self.view.members), "quorum": party.quorum}

    def asked(self) -> str:
        """Who put the viewer in the group, and when, while the viewer has not said whether
        they want to be in it."""
        mine = self.mine
        if mine is None or mine.confirmed_at is not None:
            return ""
        adder = next((m.person for m in self.view.members if m.person_id == mine.added_by_id),
                     None)
        when = date_format(timezone.localtime(mine.joined_at), "j F Y")
        if adder is None:  # the person who added them has left the group since
            return _("You were added to this group on %(when)s.") % {"when": when}
        return _("%(name)s added you to this group on %(when)s.") % {
            "name": present.person_name(adder.name, adder.erased_at), "when": when}

    def handle_stay(self, form: f.EmptyForm) -> HttpResponse:
        actions.party_member_confirm(actor=self.person, party_id=self.party.pk)
        return self.done(_("You said you want to be in “%(name)s”. Thank you.")
                         % {"name": self.party.name}, self._here())

    def handle_member(self, form: f.MemberForm) -> HttpResponse:
        actions.party_member_add(
            actor=self.person, party_id=self.party.pk, email=form.cleaned_data["email"],
            roles=["member", *form.cleaned_data["roles"]],
        )
        return self.done(
            _("%(email)s is now a member of the group. When they sign in, they are asked "
              "whether they want to be in it.") % {"email": form.cleaned_data["email"]},
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

    def _here(self) -> str:
        return reverse("web:party", args=[self.party.pk])

    def handle_name(self, form: f.PartyNameForm) -> HttpResponse:
        actions.party_update(actor=self.person, party_id=self.party.pk,
                             name=form.cleaned_data["name"])
        return self.done(_("The group’s name is changed."), self._here())  # noqa: RUF001

    def handle_roles(self, form: f.MemberRolesForm) -> HttpResponse:
        membership = actions.party_member_set_roles(
            actor=self.person, party_id=self.party.pk, person_id=form.cleaned_data["id"],
            roles=["member", *form.cleaned_data["roles"]],
        )
        return self.done(
            _("%(name)s’s roles are changed. The change is recorded.")  # noqa: RUF001
            % {"name": membership.person.name},
            self._here(),
        )

    def handle_remove(self, form: f.IdForm) -> HttpResponse:
        chosen = self.chosen
        actions.party_member_remove(actor=self.person, party_id=self.party.pk,
                                    person_id=form.cleaned_data["id"])
        return self.done(
            _("%(name)s is no longer a member of the group. The change is recorded.")
            % {"name": chosen.person.name if chosen else ""},
            self._here(),
        )

    def handle_leave(self, form: f.EmptyForm) -> HttpResponse:
        actions.party_member_remove(actor=self.person, party_id=self.party.pk,
                                    person_id=self.person.pk)
        return self.done(_("You left the group “%(name)s”.") % {"name": self.party.name},
                         reverse("web:dashboard"))


def export_filename(party: Party) -> str:
    """``shared-space-<group>-<date>.zip``: the group's name in plain letters (its id when
    none are left), and today's date."""
    name = slugify(party.name) or slugify(party.pk)
    return f"shared-space-{name}-{timezone.localdate().isoformat()}.zip"


class PartyExport(Page):
    """``/groups/<id>/export.zip``: everything the group can read, with its ledgers and the
    program that checks them; the same zip as ``sharedspace export --party ID`` makes
    (``sharedspace.exports``). Only the group's own members may download it; anyone else
    gets the site's 404, as for a group that does not exist (DESIGN rules 6 and 7: a group
    that left a space still gets it).

    A GET that changes nothing but a count of downloads (a few per person in 15 minutes,
    then a plain page asking to wait) and, as every read does, proposals whose deadline has
    passed in the group's spaces. The zip is built in a temporary file with no name, which
    is gone when the response closes it. Signed-in responses are ``private, no-store``
    (``web/middleware.py``)."""

    template_name = "web/pages/party_export_wait.html"
    http_method_names: ClassVar[list[str]] = ["get", "head"]  # type: ignore[misc]
    once_keys = False  # no forms

    def load(self, **kwargs: Any) -> None:
        view = selectors.party_get(viewer=self.person, party_id=kwargs["party_id"])
        if not view.viewer_is_member:
            raise ex.NotFound
        self.party = view.party

    def get(  # type: ignore[override]
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponse | FileResponse:
        if not ratelimit.hit(EXPORT_KIND, self.person.pk, limit=EXPORT_LIMIT):
            return render(request, self.template_name, {"party": self.party}, status=429)
        # As the command does first, so the export is not stale (here only where it looks).
        resolve_due_in(exports.space_ids(self.party))
        # Unnamed, so nothing is left behind: FileResponse closes it when the body is sent
        # (or the person goes away), and closing deletes it.
        file = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            exports.write_zip(self.party, file)
            file.seek(0)
        except BaseException:
            file.close()
            raise
        return FileResponse(file, as_attachment=True, filename=export_filename(self.party),
                            content_type="application/zip")
