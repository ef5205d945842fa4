"""Meetings of a space: the list with a form to call one, and a meeting's page with its
agenda, notes and action points (ADR 12). Every write is one governance action."""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sharedspace.governance import actions, selectors
from sharedspace.governance import exceptions as ex
from sharedspace.governance import policies as pol
from sharedspace.governance.choices import MeetingState, SpaceKind

from .. import forms as f
from .. import reads
from ..components import button_cell, cell, row
from ..forms import meetings as mf
from .base import Confirm, FormMap, bound_name_is
from .spacebase import SpacePage

STATE_COLOURS = {"scheduled": "blue", "held": "green", "cancelled": "grey"}

CANCEL = Confirm(
    gettext_lazy("Call the meeting off?"),
    gettext_lazy("It stays in the record, marked as called off. Nothing more can be added to "
                 "it: no agenda items, notes or action points. Everyone in the space can see "
                 "this."),
    gettext_lazy("Yes, call it off"),
    easy_read="call_off",
)
# The first notes also mark the meeting held; later ones only add to what is written.
FIRST_NOTES = Confirm(
    gettext_lazy("Save the notes?"),
    gettext_lazy("Notes cannot be changed later. Saving them marks the meeting as held: after "
                 "that nothing can be added to its agenda, and it cannot be called off."),
    gettext_lazy("Yes, save the notes"),
)
MORE_NOTES = Confirm(
    gettext_lazy("Save the notes?"),
    gettext_lazy("Notes cannot be changed later. You can add more notes."),
    gettext_lazy("Yes, save the notes"),
)


def when(moment: Any) -> str:
    """A meeting's date and time in the reader's language and the site's time zone."""
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def state_tag(state: str) -> dict[str, Any]:
    return {"text": MeetingState(state).label, "colour": STATE_COLOURS.get(state, "grey")}


class MeetingsBase(SpacePage):
    """What the list and a meeting's page share: which of my groups may do what."""

    tab = "meetings"

    def groups_for(self, rule: Any, *args: Any) -> list[tuple[str, str]]:
        """My groups in the space that ``rule`` lets act, as choices (all of them when a form
        was posted, so that the core explains a refusal)."""
        return [
            (p, self.names.get(p, p))
            for p in self.mine
            if pol.allowed(rule, self.person, *args, as_party=p)
        ]

    def choices(self, name: str, rule: Any, *args: Any) -> list[tuple[str, str]]:
        if bound_name_is(self.request, name):
            return reads.as_choices(list(self.mine), self.names)
        return self.groups_for(rule, *args)


class Meetings(MeetingsBase):
    template_name = "web/pages/meetings.html"
    forms: ClassVar[FormMap] = {"schedule": mf.MeetingForm}

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.meetings = selectors.meetings_for(viewer=self.person, space_id=self.space.pk)

    def show_form(self, name: str) -> bool:
        return self.active and bool(
            self.groups_for(pol.require_may_run_meetings, self.space)
        )

    def form_kwargs(self, name: str) -> dict[str, Any]:
        return {"mine": self.choices(name, pol.require_may_run_meetings, self.space)}

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        upcoming = [m for m in self.meetings
                    if m.state == MeetingState.SCHEDULED and m.starts_at >= today]
        past = [m for m in reversed(self.meetings) if m not in upcoming]
        head = [cell(_("When")), cell(_("Meeting")), cell(_("Where")),
                cell(_("Agenda items"), numeric=True), cell(_("State"))]
        context.update({
            "meeting_head": head,
            "kind_hints": {"learning_set": _(
                "A few people each bring a question from their work. The group helps "
                "them think, and each one chooses what to do next.")},
            "upcoming_rows": [self._row(m) for m in upcoming],
            "past_rows": [self._row(m) for m in past],
        })
        return context

    def _row(self, m: Any) -> list[dict[str, Any]]:
        return [
            cell(when(m.starts_at)),
            cell(m.title, href=reverse("web:meeting", args=[m.pk])),
            cell(m.place or _("Not said")),
            cell(str(m.agenda_count), numeric=True),
            cell(MeetingState(m.state).label),
        ]

    def handle_schedule(self, form: mf.MeetingForm) -> HttpResponse:
        meeting = actions.meeting_schedule(
            actor=self.person, space_id=self.space.pk, title=form.cleaned_data["title"],
            starts_at=form.starts_at(), place=form.cleaned_data["place"],
            as_party=form.cleaned_data["as_party"] or None,
            kind=form.cleaned_data["kind"] or "meeting",
        )
        return self.done(_("The meeting is planned. Everyone in the space can see it."),
                         reverse("web:meeting", args=[meeting.pk]))


class MeetingPage(MeetingsBase):
    template_name = "web/pages/meeting.html"
    forms: ClassVar[FormMap] = {
        "agenda": mf.AgendaItemForm,
        "notes": mf.NotesForm,
        "action": mf.ActionPointForm,
        "done": mf.ActionDoneForm,
        "cancel": f.EmptyForm,
        # An action learning set (ADR 35): present, choose your actions, review them.
        "present": mf.PresenterForm,
        "myaction": mf.PresenterActionForm,
        "review": mf.ReviewForm,
    }
    error_aliases: ClassVar[dict[str, str]] = {"person": "party"}
    confirm: ClassVar[dict[str, Confirm]] = {"cancel": CANCEL, "notes": FIRST_NOTES}

    def load(self, **kwargs: Any) -> None:
        found = selectors.meeting_get(viewer=self.person, meeting_id=kwargs["meeting_id"])
        super().load(space_id=found.meeting.space_id)
        self.mview = selectors.meeting_get(viewer=self.person, meeting_id=kwargs["meeting_id"])
        self.meeting = self.mview.meeting

    def breadcrumbs(self) -> list[dict[str, Any]]:
        items = super().breadcrumbs()
        items.append({"text": _("Meetings"), "href": reverse("web:meetings",
                                                            args=[self.space.pk])})
        return items

    @property
    def cancelled(self) -> bool:
        return self.meeting.state == MeetingState.CANCELLED

    @property
    def started(self) -> bool:
        """Notes are written once the meeting has started (the core refuses them before)."""
        return self.meeting.starts_at <= timezone.now()

    def show_form(self, name: str) -> bool:
        if not self.active:
            return False
        if name == "agenda":
            return self.meeting.is_scheduled and bool(self._agenda_groups())
        if name == "notes":
            return not self.cancelled and self.started and bool(self._runner_groups())
        if name == "action":
            return not self.cancelled and bool(self._runner_groups())
        if name == "cancel":
            return self._may_cancel()
        if name == "present":
            return (self.meeting.is_learning_set and self.meeting.is_scheduled
                    and bool(self._agenda_groups()))
        if name == "myaction":
            return self.meeting.is_learning_set and not self.cancelled and self._presenting()
        return False  # "done" and "review": one per action point

    def _may_cancel(self) -> bool:
        return self.meeting.is_scheduled and pol.allowed(
            pol.require_may_cancel_meeting, self.person, self.meeting)

    def confirm_needed(self, name: str, form: Any) -> bool:
        # Asked only when the core would do it; otherwise its refusal shows at once.
        if name == "cancel":
            return self._may_cancel()
        as_party = form.cleaned_data["as_party"] or None
        return (self.active and not self.cancelled and self.started
                and pol.allowed(pol.require_may_run_meetings, self.person, self.space,
                                as_party=as_party))

    def confirm_for(self, name: str, form: Any) -> Confirm:
        if name == "notes" and not self.meeting.is_scheduled:
            return MORE_NOTES  # already held: these notes add to what is written
        return super().confirm_for(name, form)

    def confirm_details(self, name: str, form: Any) -> list[dict[str, Any]]:
        rows = [row(_("Meeting"), self.meeting.title),
                row(_("When"), when(self.meeting.starts_at))]
        if name == "notes":
            rows.append(row(_("Notes"), Truncator(form.cleaned_data["body"]).chars(300)))
        return rows

    def _presenting(self) -> bool:
        return any(i.presenting and i.added_by_person_id == self.person.pk
                   for i in self.mview.agenda)

    def render_page(self, bound: dict[str, Any] | None = None, *, status: int = 200
                    ) -> HttpResponse:
        self._bound = bound or {}  # a review form sent with a mistake is shown again
        return super().render_page(bound, status=status)

    def _learning_set(self, names: dict[str, str]) -> dict[str, Any]:
        """A set's presenters with their actions, and at the top the actions of earlier sets
        still to review, each with its own form (ADR 35)."""
        mv = self.mview
        if not self.meeting.is_learning_set:
            return {"learning_set": False}
        items = [i for i in mv.agenda if i.presenting]
        people = reads.person_names(
            [i.added_by_person_id or "" for i in items]
            + [a.person_id or "" for a in mv.to_review + mv.reviewed])
        names.update(reads.party_names([a.party_id for a in mv.to_review + mv.reviewed]))

        def facts(a: Any) -> list[dict[str, Any]]:
            return [row(_("Action"), a.what),
                    row(_("Who"), f"{people.get(a.person_id or '', '')} "
                                  f"({names.get(a.party_id, '')})"),
                    row(_("From the set"), f"{a.meeting.title}, {when(a.meeting.starts_at)}"),
                    row(_("By when"), date_format(a.due_on, "j F Y") if a.due_on
                        else _("No date"))]

        may = self.active and not self.cancelled
        coordinating = ({p for p in self.mine if pol.is_coordinator(self.person, p)}
                        if may else set())
        bound = getattr(self, "_bound", {}).get("review")
        to_review = []
        for a in mv.to_review:
            form = None
            if may and (a.person_id == self.person.pk or a.party_id in coordinating):
                form = (bound if bound is not None and bound.data.get("review-id") == a.pk
                        else mf.ReviewForm(prefix="review", auto_id=f"review-{a.pk}-%s",
                                           initial={"id": a.pk}))
            to_review.append({"point": a, "rows": facts(a), "form": form})
        reviewed = [{"point": a, "rows": [*facts(a),
                     row(_("Done?"), _("Done") if a.review_done else _("Not done yet")),
                     row(_("What they learned"), a.learned or _("Nothing written"))]}
                    for a in mv.reviewed]
        presenters = []
        for i in items:
            mine = [a for a in mv.actions if a.person_id == i.added_by_person_id]
            presenters.append({
                "name": people.get(i.added_by_person_id or "", ""),
                "rows": [row(_("Question"), i.title),
                         row(_("Group"), names.get(i.added_by_party_id, ""))],
                "actions": [{"what": a.what,
                             "due": date_format(a.due_on, "j F Y") if a.due_on else "",
                             "done": a.is_done} for a in mine],
            })
        return {"learning_set": True, "to_review": to_review, "reviewed": reviewed,
                "presenters": presenters}

    def _agenda_groups(self) -> list[tuple[str, str]]:
        return self.groups_for(pol.require_may_add_agenda_item, self.space)

    def _runner_groups(self) -> list[tuple[str, str]]:
        return self.groups_for(pol.require_may_run_meetings, self.space)

    def form_kwargs(self, name: str) -> dict[str, Any]:
        if name in ("agenda", "present"):
            return {"mine": self.choices(name, pol.require_may_add_agenda_item, self.space)}
        if name in ("notes", "action"):
            kwargs: dict[str, Any] = {
                "mine": self.choices(name, pol.require_may_run_meetings, self.space)}
            if name == "action":
                present = self.view.holders + self.view.guests
                kwargs["parties"] = reads.as_choices(present, self.names)
            return kwargs
        return {}

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        mv = self.mview
        names = dict(self.names)
        names.update(reads.party_names(
            [i.added_by_party_id for i in mv.agenda]
            + [n.written_by_party_id for n in mv.notes]
            + [a.party_id for a in mv.actions] + [self.meeting.created_by_party_id]))
        people = reads.person_names([n.written_by_person_id or "" for n in mv.notes]
                                    + [a.person_id or "" for a in mv.actions])
        can_mark = self.active and not self.cancelled
        # The rule depends on the point's group only: ask it once per group, not per point.
        by_party: dict[str, bool] = {}
        for a in mv.actions:
            if can_mark and a.party_id not in by_party:
                by_party[a.party_id] = pol.allowed(pol.require_may_mark_action_done,
                                                   self.person, a)
        marks = {a.pk: not a.is_done and by_party.get(a.party_id, False) for a in mv.actions}
        action_head = [cell(_("What")), cell(_("Who")), cell(_("By when")), cell(_("Done?"))]
        if any(marks.values()):
            action_head.append(cell(_("Mark as done")))
        action_rows = []
        for a in mv.actions:
            who = names.get(a.party_id, "")
            if a.person_id:
                who += f" ({people.get(a.person_id, '')})"
            line = [
                cell(a.what), cell(who),
                cell(date_format(a.due_on, "j F Y") if a.due_on else _("No date")),
                cell(_("Yes") if a.is_done else _("Not yet")),
            ]
            if any(marks.values()):
                line.append(button_cell(_("Mark as done"), form_name="done", name="done-id",
                                        value=a.pk, hidden_text=a.what[:60])
                            if marks[a.pk] else cell(""))
            action_rows.append(line)
        context.update(self._who_can(names))
        context.update(self._learning_set(names))
        context.update({
            "meeting": self.meeting,
            # Said to those who will write the notes, until the meeting starts.
            "notes_from": (when(self.meeting.starts_at)
                           if self.active and self.meeting.is_scheduled and not self.started
                           and self._runner_groups() else ""),
            "heading": self.meeting.title,
            "state": state_tag(self.meeting.state),
            "agenda": [{"item": i, "by": names.get(i.added_by_party_id, "")}
                       for i in mv.agenda if not i.presenting],
            "notes": [{"note": n, "by": names.get(n.written_by_party_id, ""),
                       "person": people.get(n.written_by_person_id or "", ""),
                       "at": when(n.created_at)} for n in mv.notes],
            "action_head": action_head,
            "action_rows": action_rows,
            "summary_rows": [
                row(_("When"), when(self.meeting.starts_at)),
                row(_("Where"), self.meeting.place or _("Not said")),
                row(_("Called by"), names.get(self.meeting.created_by_party_id, "")),
                row(_("State"), MeetingState(self.meeting.state).label),
                *([row(_("Kind"), _("Action learning set"))]
                  if self.meeting.is_learning_set else []),
            ],
        })
        return context

    def _who_can(self, names: dict[str, str]) -> dict[str, str]:
        """For a group still taking part that may not call the meeting off or write its
        notes: who can, and whom to ask, instead of no button and no word (``cancel_who``,
        ``notes_who``; "" when the viewer may, or nothing more can happen there)."""
        said = {"cancel_who": "", "notes_who": ""}
        if not self.active or self.cancelled or self.view.relation not in (pol.HOLDER,
                                                                           pol.GUEST):
            return said
        shared = self.space.kind == SpaceKind.SHARED
        caller = self.meeting.created_by_party_id
        host = "" if shared or not self.view.holders else self.view.holders[0]
        cancel = self.meeting.is_scheduled and not self._may_cancel()
        write = not self._runner_groups()
        # The group that can, named: the caller while it holds the space, else the host.
        canceller = caller if caller in self.view.holders else host
        asked = {p for p, needed in ((canceller, cancel), (host, write)) if p and needed}
        found = reads.coordinator_names(sorted(asked)) if asked else {}

        def only(alone: str, asking: str, party: str) -> str:
            """The sentence with the group linked and its coordinators named, if it has any
            (the words escaped first, then the parts filled in)."""
            link = format_html('<a class="govuk-link" href="{}">{}</a>',
                               reverse("web:party", args=[party]), names.get(party, party))
            if not found.get(party):
                return mark_safe(escape(alone) % {"party": link})  # noqa: S308 - escaped
            return mark_safe(escape(asking) % {  # noqa: S308 - every part escaped
                "party": link, "names": escape(", ".join(found[party]))})

        if cancel and canceller == caller and caller:
            said["cancel_who"] = only(
                _("Only %(party)s, which called the meeting, can call it off."),
                _("Only %(party)s, which called the meeting, can call it off: ask %(names)s."),
                caller)
        elif cancel and canceller:
            said["cancel_who"] = only(_("Only %(party)s can call it off."),
                                      _("Only %(party)s can call it off: ask %(names)s."), host)
        elif cancel:
            said["cancel_who"] = _("Only a group holding this space can call it off.")
        if write and host:
            said["notes_who"] = only(
                _("Only %(party)s writes the notes and action points."),
                _("Only %(party)s writes the notes and action points: ask %(names)s."), host)
        elif write:
            said["notes_who"] = _("Only the groups holding this space write the notes and "
                                  "action points.")
        return said

    def _back(self) -> str:
        return reverse("web:meeting", args=[self.meeting.pk])

    def handle_agenda(self, form: mf.AgendaItemForm) -> HttpResponse:
        actions.agenda_add(actor=self.person, meeting_id=self.meeting.pk,
                           title=form.cleaned_data["title"],
                           as_party=form.cleaned_data["as_party"] or None)
        return self.done(_("The item is on the agenda."), self._back())

    def handle_notes(self, form: mf.NotesForm) -> HttpResponse:
        actions.notes_record(actor=self.person, meeting_id=self.meeting.pk,
                             body=form.cleaned_data["body"],
                             as_party=form.cleaned_data["as_party"] or None)
        return self.done(_("The notes are saved."), self._back())

    def handle_action(self, form: mf.ActionPointForm) -> HttpResponse:
        data = form.cleaned_data
        actions.action_add(actor=self.person, meeting_id=self.meeting.pk, what=data["what"],
                           party=data["party"], due_on=data["due_on"],
                           as_party=data["as_party"] or None)
        return self.done(_("The action point is written down."), self._back())

    def handle_done(self, form: mf.ActionDoneForm) -> HttpResponse:
        point = form.cleaned_data["id"]
        if point not in {a.pk for a in self.mview.actions}:
            raise ex.NotFound
        actions.action_done(actor=self.person, action_id=point)
        return self.done(_("The action point is marked as done."), self._back())

    def handle_cancel(self, form: f.EmptyForm) -> HttpResponse:
        actions.meeting_cancel(actor=self.person, meeting_id=self.meeting.pk)
        return self.done(_("The meeting is called off. Everyone in the space can see this."),
                         reverse("web:meetings", args=[self.space.pk]))

    def handle_present(self, form: mf.PresenterForm) -> HttpResponse:
        actions.presenter_add(actor=self.person, meeting_id=self.meeting.pk,
                              question=form.cleaned_data["question"],
                              as_party=form.cleaned_data["as_party"] or None)
        return self.done(_("You are a presenter at this set."), self._back())

    def handle_myaction(self, form: mf.PresenterActionForm) -> HttpResponse:
        actions.presenter_action_add(actor=self.person, meeting_id=self.meeting.pk,
                                     what=form.cleaned_data["what"],
                                     due_on=form.cleaned_data["due_on"])
        return self.done(_("Your action is written down."), self._back())

    def handle_review(self, form: mf.ReviewForm) -> HttpResponse:
        point = form.cleaned_data["id"]
        if point not in {a.pk for a in self.mview.to_review}:
            raise ex.NotFound
        actions.action_review(actor=self.person, meeting_id=self.meeting.pk, action_id=point,
                              done=form.cleaned_data["done"] == "yes",
                              learned=form.cleaned_data["learned"])
        return self.done(_("Your review is saved. Thank you."), self._back())
