"""Decisions about the space's work made somewhere else: recorded, confirmed or disputed.

The space's own page lists them for the people of the space. Each decision also has a page
of its own, which the group it names can open even with no part in the space: there it
confirms or disputes the decision (DESIGN §3 and rule 11; docs/adr/0025).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sharedspace.governance import actions, selectors
from sharedspace.governance import policies as pol
from sharedspace.governance.choices import OutsideDecisionState
from sharedspace.governance.models import OutsideDecision

from .. import forms as f
from .. import reads
from ..components import row
from .base import FormMap, Page
from .spacebase import SpacePage


class Outside(SpacePage):
    template_name = "web/pages/outside.html"
    tab = "outside"
    forms: ClassVar[FormMap] = {"record": f.OutsideDecisionForm, "answer": f.OutsideAnswerForm}

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.decisions = selectors.outside_decisions_for(viewer=self.person,
                                                          space_id=self.space.pk)

    def show_form(self, name: str) -> bool:
        if name == "record":
            return self.active and bool(self.my_holder_parties)
        return False

    def form_kwargs(self, name: str) -> dict[str, Any]:
        if name == "record":
            return {"parties": reads.other_parties([])}
        return {}

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        names = reads.party_names([d.made_by_id for d in self.decisions]
                                  + [d.recorded_by_party_id for d in self.decisions])
        speaking = {
            m.party_id for m in reads.my_memberships(self.person)
            if m.is_coordinator or m.is_speaker
        }
        bound = self.bound_answer
        context["decisions"] = [
            {
                "form": self.answer_form(d.pk, bound),
                "decision": d,
                "made_by": names.get(d.made_by_id, ""),
                "recorded_by": names.get(d.recorded_by_party_id, ""),
                "state": OutsideDecisionState(d.state).label,
                "colour": {"confirmed": "green", "disputed": "red"}.get(d.state, "grey"),
                "can_answer": self.active and d.state == OutsideDecisionState.UNANSWERED
                and d.made_by_id in speaking,
            }
            for d in self.decisions
        ]
        return context

    bound_answer: f.OutsideAnswerForm | None = None

    def render_page(self, bound: Any = None, *, status: int = 200) -> HttpResponse:
        self.bound_answer = (bound or {}).get("answer")
        return super().render_page(bound, status=status)

    def answer_form(self, decision_id: str, bound: Any) -> f.OutsideAnswerForm:
        """One answer form per decision, each with its own ids; the posted one keeps its errors."""
        if bound is not None and bound.data.get("answer-id") == decision_id:
            form = bound
        else:
            form = f.OutsideAnswerForm(prefix="answer", initial={"id": decision_id})
        form.auto_id = f"id_%s-{decision_id}"
        return form

    def handle_record(self, form: f.OutsideDecisionForm) -> HttpResponse:
        data = form.cleaned_data
        actions.outside_decision_record(
            actor=self.person, space_id=self.space.pk, made_by=data["made_by"],
            summary=data["summary"], made_on=data["made_on"],
        )
        return self.done(_("The outside decision is recorded. The group that made it can "
                           "confirm or dispute it."), reverse("web:outside", args=[self.space.pk]))

    def handle_answer(self, form: f.OutsideAnswerForm) -> HttpResponse:
        data = form.cleaned_data
        if data["answer"] == "confirm":
            actions.outside_decision_confirm(actor=self.person, decision_id=data["id"],
                                             reason=data["reason"])
        else:
            actions.outside_decision_dispute(actor=self.person, decision_id=data["id"],
                                             reason=data["reason"])
        return self.done(_("Your answer is recorded."),
                         reverse("web:outside", args=[self.space.pk]))


STATE_COLOURS = {"confirmed": "green", "disputed": "red"}


class OutsideDecisionPage(Page):
    """One outside decision on its own page. Anyone who can see the space reads it; so do
    the members of the group it names, who see the decision and the space's title, nothing
    else of the space (``selectors.outside_decision_get``). The group's coordinators or
    speakers confirm or dispute it here (``policies.require_named_party``)."""

    template_name = "web/pages/outside_decision.html"
    forms: ClassVar[FormMap] = {"answer": f.OutsideAnswerForm}

    decision: OutsideDecision

    def load(self, **kwargs: Any) -> None:
        self.decision = selectors.outside_decision_get(
            viewer=self.person, decision_id=kwargs["decision_id"]
        )

    @property
    def waiting(self) -> bool:
        """Still open to an answer: not answered yet, in a space that is not closed."""
        return (self.decision.state == OutsideDecisionState.UNANSWERED
                and not self.decision.space.is_closed)

    def show_form(self, name: str) -> bool:
        return self.waiting and pol.allowed(pol.require_named_party, self.person, self.decision)

    def form_kwargs(self, name: str) -> dict[str, Any]:
        return {"initial": {"id": self.decision.pk}}

    def context(self) -> dict[str, Any]:
        d = self.decision
        space = d.space
        names = reads.party_names([d.made_by_id, d.recorded_by_party_id])
        made_by = names.get(d.made_by_id, "")
        recorded_by = names.get(d.recorded_by_party_id, "")
        sees_space = pol.can_see_space(self.person, space)
        rows = [
            row(_("Space"), space.title),
            row(_("Said to be decided by"), made_by),
            row(_("Written down by"), recorded_by),
            row(_("Written down on"), date_format(timezone.localtime(d.created_at), "j F Y")),
        ]
        if d.made_on:
            rows.append(row(_("Decided on"), date_format(d.made_on, "j F Y")))
        answered_by = ""
        if d.answered_by_id:
            answered_by = reads.person_names([d.answered_by_id]).get(d.answered_by_id, "")
        crumbs = [{"text": _("Your dashboard"), "href": reverse("web:dashboard")}]
        if sees_space:
            crumbs += [
                {"text": space.title, "href": reverse("web:space", args=[space.pk])},
                {"text": _("Outside decisions"), "href": reverse("web:outside", args=[space.pk])},
            ]
        return {
            "decision": d,
            "space": space,
            "made_by": made_by,
            "recorded_by": recorded_by,
            "rows": rows,
            "state": OutsideDecisionState(d.state).label,
            "colour": STATE_COLOURS.get(d.state, "grey"),
            "answered_by": answered_by,
            "waiting": self.waiting,
            "may_answer": self.show_form("answer"),
            "named_member": pol.is_member(self.person, d.made_by_id),
            "sees_space": sees_space,
            "breadcrumbs": crumbs,
        }

    def handle_answer(self, form: f.OutsideAnswerForm) -> HttpResponse:
        data = form.cleaned_data
        answer = (actions.outside_decision_confirm if data["answer"] == "confirm"
                  else actions.outside_decision_dispute)
        answer(actor=self.person, decision_id=self.decision.pk, reason=data["reason"])
        return self.done(_("Your answer is recorded."),
                         reverse("web:outside_decision", args=[self.decision.pk]))
