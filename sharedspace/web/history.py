"""The ledger in readable sentences. Entries hold ids only; names come from the database."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from sharedspace.governance import ledger
from sharedspace.governance.choices import PositionValue
from sharedspace.governance.models import LedgerEntry, Meeting, Proposal

from . import reads
from .templatetags.web import money

Entry = dict[str, Any]
Names = dict[str, str]


def _role(value: str | None) -> str:
    return _("an equal partner") if value == "holder" else _("a guest")


def _amount(data: dict[str, Any]) -> str:
    return money(data.get("amount"), data.get("currency") or "GBP")


CLOSED_BY_HOLDER = "closed_by_holder"


def _resolved(data: dict[str, Any], title: str, person: str, party: str) -> str:
    """How a proposal ended; when someone of a holder group closed it before its time, who
    did, and for which group (the entry's actor)."""
    outcome = data.get("outcome", "")
    words = {"title": title, "person": person or _("Someone"), "party": party}
    if data.get("why") == CLOSED_BY_HOLDER:
        closed = {
            "passed": _("%(person)s, for %(party)s, closed the proposal “%(title)s”. "
                        "It passed."),
            "blocked": _("%(person)s, for %(party)s, closed the proposal “%(title)s”. "
                         "It was stopped by an objection."),
            "lapsed": _("%(person)s, for %(party)s, closed the proposal “%(title)s”. "
                        "It ended without a decision."),
        }.get(outcome)
        if closed:
            return closed % words
    return {
        "passed": _("The proposal “%(title)s” passed."),
        "blocked": _("The proposal “%(title)s” was stopped by an objection."),
        "lapsed": _("The proposal “%(title)s” ended without a decision."),
    }.get(outcome, _("The proposal “%(title)s” ended.")) % words


def proposal_closer(proposal: Proposal) -> tuple[str, str] | None:
    """Who closed the proposal before its time, from the ledger: (person id, party id) of
    the entry that ended it, or None when it ended some other way (or is still open)."""
    if proposal.resolved_at is None:
        return None
    wanted = ledger.canonical({"proposal": proposal.pk})[1:-1]  # "proposal":"prp_…"
    rows = (LedgerEntry.objects.filter(chain=proposal.space_id, action="proposal.resolve",
                                       content__contains=wanted)
            .order_by("-seq").values_list("content", flat=True))
    for content in rows[:3]:
        try:
            payload = json.loads(content)
            data, actor = payload["data"], payload["actor"]
        except (ValueError, TypeError, KeyError):  # a damaged entry: the history says so
            continue
        if not isinstance(data, dict) or data.get("proposal") != proposal.pk:
            continue
        if data.get("why") != CLOSED_BY_HOLDER or not isinstance(actor, dict):
            return None
        return str(actor.get("person") or ""), str(actor.get("party") or "")
    return None


def _sentence(entry: Entry, names: Names, people: Names, titles: Names) -> str:
    data: dict[str, Any] = entry["data"]
    actor = entry["actor"] or {}
    party = names.get(actor.get("party") or "", _("A group"))
    person = people.get(actor.get("person") or "", "")
    title = titles.get(data.get("proposal") or "", _("a proposal"))
    meeting = titles.get(data.get("meeting") or "", _("a meeting"))
    target = names.get(data.get("party") or "", _("a group"))
    action = entry["action"]
    words: dict[str, Callable[[], str]] = {
        "space.create": lambda: _("%(party)s opened the space.") % {"party": party},
        "invitation.create": lambda: _("%(party)s invited %(target)s to join as %(role)s.")
        % {"party": party, "target": target, "role": _role(data.get("as"))},
        "invitation.accept": lambda: _("%(target)s said yes and joined as %(role)s.")
        % {"target": target, "role": _role(data.get("as"))},
        "invitation.decline": lambda: _("%(target)s said no to the invitation.")
        % {"target": target},
        "space.activate": lambda: _("Every group said yes. The shared space started."),
        "space.become_shared": lambda: _("The space became a shared space."),
        "space.settings": lambda: _("%(party)s changed the space's settings.") % {"party": party},
        "proposal.submit": lambda: _("%(party)s proposed “%(title)s”.")
        % {"party": party, "title": title},
        "proposal.amend": lambda: _("%(party)s changed the proposal “%(title)s”. Everyone "
                                    "answers again.") % {"party": party, "title": title},
        "proposal.withdraw": lambda: _("%(party)s took back the proposal “%(title)s”.")
        % {"party": party, "title": title},
        "vote.cast": lambda: (
            _("%(person)s answered “%(title)s” for %(party)s: %(answer)s.")
            if data.get("binding", True)
            else _("%(person)s gave a view on “%(title)s” for %(party)s: %(answer)s.")
        ) % {"person": person or _("Someone"), "title": title, "party": party,
             "answer": str(PositionValue(data["vote"]).label).lower()
             if data.get("vote") in PositionValue.values else ""},
        "proposal.resolve": lambda: _resolved(data, title, person, party),
        "charter.change": lambda: _("The charter changed: no group said no."),
        "comment.add": lambda: _("%(person)s of %(party)s wrote a comment.")
        % {"person": person or _("Someone"), "party": party},
        "content.remove": lambda: _("A comment was hidden: no group said no."),
        "fund.commit": lambda: _("%(party)s gave %(amount)s to the fund.")
        % {"party": party, "amount": _amount(data)},
        "fund.withdraw": lambda: (
            _("%(party)s took back %(amount)s from the fund, on its own.")
            if data.get("unilateral")
            else _("%(party)s took back %(amount)s from the fund.")
        ) % {"party": party, "amount": _amount(data)},
        "fund.spend": lambda: _("%(amount)s was spent from the fund.")
        % {"amount": _amount(data)},
        "guest.remove": lambda: _("%(party)s stopped involving %(target)s.")
        % {"party": party, "target": target},
        "space.leave": lambda: _("%(target)s left the space.") % {"target": target},
        "space.close": lambda: _("The space closed. Nothing in it will change now."),
        "outside.record": lambda: _("%(party)s wrote down a decision made by %(maker)s "
                                    "somewhere else.")
        % {"party": party, "maker": names.get(data.get("made_by") or "", _("a group"))},
        "outside.confirm": lambda: _("%(party)s confirmed a decision made somewhere else.")
        % {"party": party},
        "outside.dispute": lambda: _("%(party)s disputed a decision said to be theirs.")
        % {"party": party},
        "meeting.schedule": lambda: _("%(party)s called a meeting: “%(meeting)s”.")
        % {"party": party, "meeting": meeting},
        "meeting.cancel": lambda: _("%(party)s called off the meeting “%(meeting)s”.")
        % {"party": party, "meeting": meeting},
        "agenda.add": lambda: _("%(party)s added an item to the agenda of “%(meeting)s”.")
        % {"party": party, "meeting": meeting},
        "notes.record": lambda: _("%(person)s of %(party)s wrote notes of the meeting "
                                  "“%(meeting)s”.")
        % {"person": person or _("Someone"), "party": party, "meeting": meeting},
        "action_point.add": lambda: _("%(party)s wrote down an action point for %(target)s.")
        % {"party": party, "target": target},
        "action_point.done": lambda: _("%(party)s marked an action point as done.")
        % {"party": party},
    }
    if action == ledger.UNREADABLE:
        return _("This entry cannot be read. It may have been damaged or changed.")
    make = words.get(action)
    return make() if make else _("Something happened: %(action)s.") % {"action": action}


def sentences(entries: list[Entry]) -> list[dict[str, Any]]:
    """Each entry with a sentence, reading names in four queries for the whole page."""
    party_ids: set[str] = set()
    person_ids: set[str] = set()
    proposal_ids: set[str] = set()
    meeting_ids: set[str] = set()
    for e in entries:
        actor = e["actor"] or {}
        party_ids.update(x for x in (actor.get("party"), e["data"].get("party"),
                                     e["data"].get("made_by")) if isinstance(x, str))
        if actor.get("person"):
            person_ids.add(actor["person"])
        if isinstance(e["data"].get("proposal"), str):
            proposal_ids.add(e["data"]["proposal"])
        if isinstance(e["data"].get("meeting"), str):
            meeting_ids.add(e["data"]["meeting"])
    names = reads.party_names(party_ids)
    people = reads.person_names(person_ids)
    titles = dict(Proposal.objects.filter(pk__in=proposal_ids).values_list("id", "title"))
    if meeting_ids:  # ids are prefixed (prp_/mtg_), so one map holds both kinds of title
        titles.update(Meeting.objects.filter(pk__in=meeting_ids).values_list("id", "title"))
    return [
        {"seq": e["seq"], "at": e["at"], "action": e["action"],
         "text": _sentence(e, names, people, titles), "hash": e["hash"]}
        for e in entries
    ]
