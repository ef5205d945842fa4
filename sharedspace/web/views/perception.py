"""The perception check: each person answers for their own group, on their own; the answers
are shown side by side by group, with disagreements said in words and the record beside.

Who may do what is the core's rule (``sharedspace/perception/actions.py``, ADR 5): any person
of a holder opens a round and, by the rule of ``perception/closing.py``, closes it; any person
of a holder or a guest answers for their own group; everyone who can see the space sees the
answers, counted, never named (ADR 13). Before a close button the page says which groups have
not answered and that closing ends their chance; where the rule does not let the viewer close
yet, it says why and from when instead of showing the button (ADR 13, amended).
"""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

from functools import cached_property
from typing import Any, ClassVar

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sharedspace.governance import exceptions as ex
from sharedspace.perception import actions, selectors
from sharedspace.perception.closing import Closing
from sharedspace.perception.compare import MIXED, changes
from sharedspace.perception.models import Round
from sharedspace.perception.questions import BY_KEY, DONT_KNOW, TOGETHER

from .. import forms as f
from .. import present, reads
from ..components import button_cell, cell, row
from ..forms.perception import PerceptionAnswerForm
from .base import Confirm, FormMap
from .spacebase import SpacePage

# What the record looks at for each dimension it measures (questions.Question.measured_by).
RECORD_SOURCES = {
    "decisions": gettext_lazy("Who made the decisions written in the record."),
    "money": gettext_lazy(
        "Who gave the money, who took money out alone, and whether spending needs everyone."
    ),
    "budget": gettext_lazy("Whether there is a fund. Everyone in the space can see it."),
    "exit_power": gettext_lazy(
        "Who can stop the work or send people away, by the rules of this space."
    ),
    "initiative": gettext_lazy(
        "Which groups started things: the space, proposals, agenda items and invitations."
    ),
    "overall": gettext_lazy("Whose space this is, by its rules and who decides and holds money."),
}


#: Closing a check while a group has not answered asks first (the words are filled in by
#: ``PerceptionBase.confirm_for``: they name the groups).
CLOSE_CONFIRM = Confirm(
    question=gettext_lazy("Close the perception check now?"),
    what_happens=gettext_lazy("Once it is closed, no one can answer it."),
    yes=gettext_lazy("Yes, close it"),
)


def waiting_words(groups: list[str]) -> str:
    """What closing now would take away: the groups that could not answer any more."""
    return ngettext(
        "%(groups)s has not answered yet. If you close the check now, that group cannot "
        "answer.",
        "%(groups)s have not answered yet. If you close the check now, those groups cannot "
        "answer.",
        len(groups),
    ) % {"groups": ", ".join(groups)}


def not_yet_words(groups: list[str], day: str) -> str:
    """Why the viewer cannot close the check yet, and when they can."""
    return ngettext(
        "%(groups)s has not answered yet. Each group has two weeks to answer. You can close "
        "the check once that group has answered, or from %(day)s.",
        "%(groups)s have not answered yet. Each group has two weeks to answer. You can close "
        "the check once those groups have answered, or from %(day)s.",
        len(groups),
    ) % {"groups": ", ".join(groups), "day": day}


def when(moment: Any) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def answer_label(value: str | None, names: dict[str, str]) -> str:
    """An answer, a view or what the record shows, in words."""
    if value is None:
        return _("No answers yet")
    if value == TOGETHER:
        return _("All of us together")
    if value == DONT_KNOW:
        return _("Don’t know")
    if value == "split":
        return _("Split: its people gave different answers")
    if value == MIXED:
        return _("Mixed: no one group holds most of it")
    party_id = value.removeprefix("party:")
    return names.get(party_id) or _("A group no longer in the space")


def record_beside_question(
    q: dict[str, Any], groups: list[str], names: dict[str, str]
) -> dict[str, Any] | None:
    """What the record shows for one summarised question (``compare.summarise``), and how
    each group's view sits beside it; None where the record measures nothing. Shared by the
    perception check's results and a workshop's (web/partials/perception_question.html)."""
    question = BY_KEY[q["key"]]
    if not question.measured_by:
        return None
    said = q["record"]
    found = {
        "shows": answer_label(said, names) if said else "",
        # "Mixed" is neither the same as a view nor plainly against it: the page says how a
        # view sits beside it instead of "different from the record".
        "mixed": said == MIXED,
        "source": RECORD_SOURCES[question.measured_by],
        "why": [],
        "beside": [
            {"party": names.get(p, p), "matches": q["matches_record"][p],
             "view": q["by_party"][p]["view"], "says": ""}
            for p in groups
            if p in q["matches_record"]
        ],
    }
    if q["key"] == "overall" and said:
        found.update(overall_record(q, names, found["beside"]))
    return found


def _named(value: str | None) -> str | None:
    return value.removeprefix("party:") if value and value.startswith("party:") else None


def overall_record(
    q: dict[str, Any], names: dict[str, str], beside: list[dict[str, Any]]
) -> dict[str, Any]:
    """"Whose space is this?": what the record shows in words true to the space's kind and
    holders, where that comes from (``why``: sentences shown in place of ``source``), and
    how each group's view sits beside a mixed answer (``beside[].says``). The rule is
    ``compare._overall`` (docs/adr/0022, amended)."""
    rule = q.get("record_rule")
    said = q["record"]
    host = _named(said)
    if rule == "own_space" and host:
        name = names.get(host) or answer_label(said, names)
        return {"why": [_("This is %(host)s’s own space, so %(host)s decides here.")
                        % {"host": name}]}
    shared = _("This is a shared space: nothing is decided unless no group objects, and no "
               "group can remove another.")
    if said != MIXED:
        return {"why": [shared, _("The record shows no group deciding alone or holding the "
                                  "money alone.")]}
    basis = {b["key"]: b for b in q.get("record_basis") or []}
    holder = None
    reasons: list[str] = []
    if rule == "shared_one_group_holds_more":
        for key in ("next_steps", "money"):
            found = basis.get(key) or {}
            party = _named(found.get("record"))
            if party is None:
                continue
            holder = party
            name = names.get(party) or answer_label(found.get("record"), names)
            if key == "next_steps":
                reasons.append(_("%(name)s made most of the decisions.") % {"name": name})
            elif found.get("record_rule") == "money_withdrawn_alone":
                reasons.append(_("%(name)s took money back on its own.") % {"name": name})
            else:
                reasons += [_("%(name)s gave most of the money.") % {"name": name},
                            _("It can take back what is not spent at any time.")]
    holder_name = (names.get(holder) or answer_label(f"party:{holder}", names)) if holder else ""
    if holder:
        shows = _("Shared, but %(party)s holds more of the power") % {"party": holder_name}
        why = [shared, _("But the record shows %(party)s holds more of the power:")
               % {"party": holder_name}, *reasons]
    else:
        shows = _("Shared, but not all of its power is shared")
        why = [shared, _("But the record shows that not all decisions and money are held "
                         "together. See who decides what happens next and who decides how "
                         "money is spent.")]
    for b in beside:
        view = b["view"]
        if view == TOGETHER:
            b["says"] = _("%(party)s: they say all of us together. The space is shared by its "
                          "rules, but not all of its power is shared.") % {"party": b["party"]}
        elif holder and view == f"party:{holder}":
            b["says"] = _("%(party)s: they name %(named)s. By its rules no one group holds "
                          "this space alone, but the record shows %(named)s holds more of the "
                          "power.") % {"party": b["party"], "named": holder_name}
        elif _named(view):
            b["says"] = _("%(party)s: they name one group. By its rules no one group holds "
                          "this space alone.") % {"party": b["party"]}
    return {"shows": shows, "why": why}


def round_state(found: Round, *, space_active: bool) -> str:
    if found.closed_at is not None:
        return _("Closed")
    if not space_active:
        return _("Ended when the space closed")
    return _("Open")


class PerceptionBase(SpacePage):
    tab = "perception"
    confirm: ClassVar[dict[str, Confirm]] = {"close": CLOSE_CONFIRM}

    @property
    def can_answer(self) -> bool:
        """The core lets people of holders and guests answer, each for their own group."""
        return self.active and bool(self.mine)

    @property
    def can_manage(self) -> bool:
        """The core lets people of holders open and close rounds."""
        return self.active and bool(self.my_holder_parties)

    def round_is_open(self, found: Round) -> bool:
        return found.closed_at is None and self.active

    def closable(self) -> list[str]:
        """The rounds this page shows a close button for."""
        return []

    def shown_round(self, round_id: str) -> Round | None:
        """One of the rounds this page shows, by id."""
        return None

    def closing(self, found: Round) -> Closing | None:
        """What closing this open round would do, for a viewer whose group holds the space
        (``selectors.closing``, the rule the core keeps); None where there is no close."""
        if not (self.can_manage and self.round_is_open(found)):
            return None
        if found.pk not in self.closings:
            self.closings[found.pk] = selectors.closing(viewer=self.person, found=found)
        return self.closings[found.pk]

    @cached_property
    def closings(self) -> dict[str, Closing]:
        """``closing`` of each round asked about, read once per request."""
        return {}

    def close_words(self, found: Round) -> dict[str, Any]:
        """Before the close button: whether to show it (``allowed``) and what to say
        (``says``): the groups that could not answer once it is closed, or, where the rule
        does not let the viewer close yet, which groups it waits for and from when."""
        terms = self.closing(found)
        if terms is None:
            return {"allowed": False, "says": ""}
        if terms.allowed:
            waiting = [self.name_of(p) for p in terms.waiting]
            return {"allowed": True, "says": waiting_words(waiting) if waiting else ""}
        return {"allowed": False, "says": not_yet_words(
            [self.name_of(p) for p in terms.holders_waiting], when(terms.fair_chance_ends))}

    def confirm_needed(self, name: str, form: Any) -> bool:
        """Closing asks first only when a group has not answered and the core would let the
        viewer close it; otherwise it acts (or is refused) at once."""
        if name != "close":
            return True
        found = self.shown_round(form.cleaned_data["id"])
        terms = self.closing(found) if found is not None else None
        return terms is not None and terms.allowed and bool(terms.waiting)

    def confirm_for(self, name: str, form: Any) -> Confirm:
        found = self.shown_round(form.cleaned_data["id"])
        terms = self.closing(found) if found is not None else None
        if name != "close" or terms is None:
            return super().confirm_for(name, form)
        return Confirm(
            question=CLOSE_CONFIRM.question,
            what_happens=waiting_words([self.name_of(p) for p in terms.waiting]),
            yes=CLOSE_CONFIRM.yes,
        )

    def handle_close(self, form: f.IdForm) -> HttpResponse:
        round_id = form.cleaned_data["id"]
        if round_id not in self.closable():
            raise ex.NotFound
        found = actions.round_close(actor=self.person, round_id=round_id)
        return self.done(
            _("The perception check is closed. No one can answer it now."),
            reverse("web:perception_round", args=[found.pk]),
        )

    def perception_crumbs(self) -> list[dict[str, Any]]:
        items = super().breadcrumbs()
        items.append(
            {"text": _("Perception check"), "href": reverse("web:perception", args=[self.space.pk])}
        )
        return items


class PerceptionRounds(PerceptionBase):
    """Every round of the space; open one; close one."""

    template_name = "web/pages/perception.html"
    forms: ClassVar[FormMap] = {"open": f.EmptyForm, "close": f.IdForm}

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.rounds = selectors.rounds_overview(viewer=self.person, space_id=self.space.pk)

    def show_form(self, name: str) -> bool:
        # One check open at a time: the button shows when none is open.
        return name == "open" and self.can_manage and not any(
            self.round_is_open(r) for r, _people in self.rounds
        )

    def closable(self) -> list[str]:
        return [r.pk for r, _people in self.rounds]

    def shown_round(self, round_id: str) -> Round | None:
        return next((r for r, _people in self.rounds if r.pk == round_id), None)

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        rows = []
        current = next((r for r, _people in self.rounds if self.round_is_open(r)), None)
        closing = self.close_words(current) if current is not None else {
            "allowed": False, "says": ""}
        for found, people in self.rounds:
            is_open = self.round_is_open(found)
            started = date_format(timezone.localtime(found.opened_at), "j F Y, H:i")
            actions_cell: dict[str, Any] = cell("")
            if is_open and self.can_manage and closing["allowed"]:
                actions_cell = button_cell(
                    _("Close"),
                    form_name="close",
                    name="close-id",
                    value=found.pk,
                    hidden_text=_("the check started on %(day)s") % {"day": started},
                )
            rows.append(
                [
                    cell(started, href=reverse("web:perception_round", args=[found.pk])),
                    cell(round_state(found, space_active=self.active)),
                    cell(people, numeric=True),
                    cell(
                        _("Answer the questions"),
                        href=reverse("web:perception_answer", args=[found.pk]),
                    )
                    if is_open and self.can_answer
                    else cell(""),
                    actions_cell,
                ]
            )
        context.update(
            rounds=self.rounds,
            closing=closing,
            round_head=[
                cell(_("Started")),
                cell(_("State")),
                cell(_("People who answered"), numeric=True),
                {"text": _("Answer"), "hidden": True},
                {"text": _("Close"), "hidden": True},
            ],
            round_rows=rows,
            current=current,
            can_answer=self.can_answer,
            can_manage=self.can_manage,
        )
        return context

    def handle_open(self, form: f.EmptyForm) -> HttpResponse:
        found = actions.round_open(actor=self.person, space_id=self.space.pk)
        return self.done(
            _("The perception check has started. Everyone in the space can answer now."),
            reverse("web:perception_answer", args=[found.pk]),
        )


class PerceptionRoundPage(PerceptionBase):
    """One round, loaded before the space so the address can name the round alone."""

    def load(self, **kwargs: Any) -> None:
        self.round = selectors.round_get(viewer=self.person, round_id=kwargs["round_id"])
        super().load(space_id=self.round.space_id)

    def breadcrumbs(self) -> list[dict[str, Any]]:
        return self.perception_crumbs()


class PerceptionResults(PerceptionRoundPage):
    """Answers grouped by group, side by side, disagreements in words, the record beside;
    earlier rounds, and what changed since the round before."""

    template_name = "web/pages/perception_results.html"
    forms: ClassVar[FormMap] = {"close": f.IdForm}

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.summary = selectors.round_summary(viewer=self.person, round_id=self.round.pk)
        self.rounds = selectors.rounds_overview(viewer=self.person, space_id=self.space.pk)
        ids = [r.pk for r, _people in self.rounds]
        index = ids.index(self.round.pk)
        self.previous = self.rounds[index + 1][0] if index + 1 < len(ids) else None
        self.earlier = (
            selectors.round_summary(viewer=self.person, round_id=self.previous.pk)
            if self.previous
            else None
        )

    def show_form(self, name: str) -> bool:
        return False

    def closable(self) -> list[str]:
        return [self.round.pk]

    def shown_round(self, round_id: str) -> Round | None:
        return self.round if round_id == self.round.pk else None

    def closed_words(self, names: dict[str, str]) -> list[str]:
        """Who closed the check, for which group, and which groups had not answered then:
        kept by the core since docs/adr/0013 was amended (nothing for an older round)."""
        found = self.round
        if found.closed_at is None or found.closed_by_id is None:
            return []
        person = reads.person_names([found.closed_by_id]).get(found.closed_by_id) or _(
            "Someone")
        party = names.get(found.closed_by_party_id or "") or _("a group")
        lines = [_("%(person)s, for %(party)s, closed it on %(day)s.")
                 % {"person": person, "party": party, "day": present.day(found.closed_at)}]
        waiting = found.not_answered or []
        if waiting:
            lines.append(_("%(groups)s had not answered when it was closed.")
                         % {"groups": ", ".join(names.get(p, p) for p in waiting)})
        else:
            lines.append(_("Every group had answered when it was closed."))
        return lines

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        summary = self.summary
        parties = summary["parties"]
        extra = set(parties) - set(self.names)
        names = dict(self.names)
        closed = self.round.not_answered or []
        extra |= {p for p in [*closed, self.round.closed_by_party_id] if p} - set(names)
        if extra:  # a group that answered or had not answered, and has left since
            names.update(reads.party_names(extra))
        closing = self.close_words(self.round)
        context.update(
            round=self.round,
            round_open=self.round_is_open(self.round),
            state=round_state(self.round, space_active=self.active),
            can_answer=self.can_answer and self.round_is_open(self.round),
            can_close=closing["allowed"],
            closing=closing,
            closed_words=self.closed_words(names),
            questions=[self.question(q, parties, names) for q in summary["questions"]],
            notes=self.notes(parties, names),
            respondent_head=[cell(_("Group")), cell(_("People who answered"), numeric=True)],
            respondent_rows=[
                [cell(names.get(p, p)), cell(summary["respondents"].get(p, 0), numeric=True)]
                for p in parties
            ],
            earlier_rounds=[
                {
                    "round": r,
                    "people": people,
                    "href": reverse("web:perception_round", args=[r.pk]),
                    "state": round_state(r, space_active=self.active),
                    "current": r.pk == self.round.pk,
                }
                for r, people in self.rounds
            ],
            previous=self.previous,
            changed=self.changed(names),
            breadcrumbs=self.breadcrumbs(),
        )
        return context

    def question(
        self, q: dict[str, Any], parties: list[str], names: dict[str, str]
    ) -> dict[str, Any]:
        """One question: a table with a column per group, its disagreement in words, and
        the record beside where the record measures it."""
        question = BY_KEY[q["key"]]
        by_party = q["by_party"]
        options = [f"party:{p}" for p in parties] + [TOGETHER, DONT_KNOW]
        rows = [
            [cell(answer_label(option, names))]
            + [cell(by_party[p]["counts"].get(option, 0)) for p in parties]
            for option in options
        ]
        rows.append(
            [cell(_("Their view"))]
            + [cell(answer_label(by_party[p]["view"], names)) for p in parties]
        )
        split = [names.get(p, p) for p in parties if by_party[p]["view"] == "split"]
        views = {
            p: by_party[p]["view"]
            for p in parties
            if by_party[p]["view"] not in (None, DONT_KNOW, "split")
        }
        same = len(views) > 1 and not q["disagreement"]
        record = record_beside_question(q, parties, names)
        return {
            "key": q["key"],
            "text": question.text,
            "hint": question.hint,
            "icon": question.icon,
            "head": [cell(_("Answer"))] + [cell(names.get(p, p)) for p in parties],
            "rows": rows,
            # Each group's view first, in a short list; the counts behind it are one click
            # away (a phone shows one short list a question, not a long table).
            "views": [row(names.get(p, p), answer_label(by_party[p]["view"], names))
                      for p in parties],
            "answered": any(by_party[p]["answered"] for p in parties),
            "disagreement": q["disagreement"],
            "split": split,
            "same": same,
            "record": record,
        }

    def notes(self, parties: list[str], names: dict[str, str]) -> list[str]:
        """The edge cases, each in one clear sentence."""
        answered = self.summary["answered_parties"]
        if not answered:
            return [_("No one has answered yet.")]
        found = []
        if len(answered) == 1 and len(parties) > 1:
            found.append(
                _("Only %(party)s has answered so far. The answers cannot be compared yet.")
                % {"party": names.get(answered[0], answered[0])}
            )
        found += [
            _("%(party)s has not answered yet.") % {"party": names.get(p, p)}
            for p in parties
            if p not in answered
        ]
        return found

    def changed(self, names: dict[str, str]) -> list[str]:
        if self.earlier is None:
            return []
        return [
            _("%(question)s %(party)s said “%(before)s” before, and “%(after)s” now.")
            % {
                "question": BY_KEY[c["key"]].text,
                "party": names.get(c["party"], c["party"]),
                "before": answer_label(c["before"], names),
                "after": answer_label(c["after"], names),
            }
            for c in changes(self.earlier, self.summary)
        ]


class PerceptionAnswer(PerceptionRoundPage):
    """Answer the questions for your own group, on your own; change them while it is open."""

    template_name = "web/pages/perception_answer.html"
    forms: ClassVar[FormMap] = {"answers": PerceptionAnswerForm}
    error_aliases: ClassVar[dict[str, str]] = {"answers": "topic"}

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.mine_answers = selectors.my_answers(viewer=self.person, round_id=self.round.pk)

    def show_form(self, name: str) -> bool:
        return self.can_answer and self.round_is_open(self.round)

    def form_kwargs(self, name: str) -> dict[str, Any]:
        in_space = self.view.holders + self.view.guests
        return {
            "mine": [(p, self.names.get(p, p)) for p in in_space if p in self.mine],
            "parties": [(p, self.names.get(p, p)) for p in in_space],
        }

    def make_form(self, name: str, data: Any = None) -> PerceptionAnswerForm:
        form = PerceptionAnswerForm(data, prefix=name, **self.form_kwargs(name))
        if data is None and self.mine_answers:
            form.initial.update({q: answer for q, (_p, answer) in self.mine_answers.items()})
            party = next(iter(self.mine_answers.values()))[0]
            if party in self.mine:
                form.initial["party"] = party
        return form

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        context.update(
            round=self.round,
            round_open=self.round_is_open(self.round),
            answered_before=bool(self.mine_answers),
            results_href=reverse("web:perception_round", args=[self.round.pk]),
            breadcrumbs=self.breadcrumbs(),
        )
        return context

    def handle_answers(self, form: PerceptionAnswerForm) -> HttpResponse:
        # A round closed meanwhile is the core's refusal, in Welsh too (refusals.CUSTOM).
        actions.answers_submit(
            actor=self.person,
            round_id=self.round.pk,
            party=form.cleaned_data["party"],
            answers=form.answers(),
        )
        return self.done(
            _("Your answers are saved. You can change them while the check is open."),
            reverse("web:perception_round", args=[self.round.pk]),
        )
