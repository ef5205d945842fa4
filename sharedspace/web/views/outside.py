"""Decisions about the space's work made somewhere else: recorded, confirmed or disputed."""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from sharedspace.governance import actions, selectors
from sharedspace.governance.choices import OutsideDecisionState

from .. import forms as f
from .. import reads
from .base import FormMap
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
