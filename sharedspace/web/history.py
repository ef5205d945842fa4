"""The ledger in readable sentences. Entries hold ids only; names come from the database."""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.db.models import Q
from django.db.models.functions import Left
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from sharedspace.governance import ledger
from sharedspace.governance.choices import PositionValue
from sharedspace.governance.models import (
    LedgerEntry,
    Meeting,
    OutsideDecision,
    Position,
    Proposal,
    Publication,
    PublicComment,
)

from . import present, reads
from .templatetags.web import money

Entry = dict[str, Any]
Names = dict[str, str]
#: A group's answer to one version of a proposal: (proposal, version, party).
AnswerKey = tuple[str, int, str]


def _role(value: str | None) -> str:
    return _("an equal partner") if value == "holder" else _("a guest")


def _amount(data: dict[str, Any]) -> str:
    return money(data.get("amount"), data.get("currency") or "GBP")


CLOSED_BY_HOLDER = "closed_by_holder"

#: An outside decision has no title: the history names it by the first words of what was
#: decided, as the outside decisions page names its link (``truncatewords:8``).
DECISION_WORDS = 8
OUTSIDE = ("outside.record", "outside.confirm", "outside.dispute")


def decision_name(summary: str) -> str:
    """The first DECISION_WORDS words of what was decided, on one line, with "…" when
    there were more, and no full stop of its own (the sentence around it ends it)."""
    return Truncator(" ".join(summary.split())).words(DECISION_WORDS).rstrip(".;:,")


def _outside(action: str, data: dict[str, Any], party: str, maker: str,
             titles: Names) -> str:
    """An outside decision written down, confirmed or disputed, naming which one (the
    sentence without its name only when the decision cannot be found)."""
    decision = data.get("decision")
    name = titles.get(decision) if isinstance(decision, str) else None
    words = {"party": party, "maker": maker, "decision": name}
    if action == "outside.record":
        said = (_("%(party)s wrote down a decision made by %(maker)s somewhere else: "
                  "“%(decision)s”.") if name else
                _("%(party)s wrote down a decision made by %(maker)s somewhere else."))
    elif action == "outside.confirm":
        said = (_("%(party)s confirmed a decision made somewhere else: “%(decision)s”.")
                if name else _("%(party)s confirmed a decision made somewhere else."))
    else:
        said = (_("%(party)s disputed a decision said to be theirs: “%(decision)s”.")
                if name else _("%(party)s disputed a decision said to be theirs."))
    return said % words


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


def _answer_word(value: Any) -> str:
    return str(PositionValue(value).label).lower() if value in PositionValue.values else ""


def _key(data: dict[str, Any], party: Any) -> AnswerKey | None:
    """Whose answer to which version an entry is about, or None for a damaged one."""
    proposal, version = data.get("proposal"), data.get("version")
    if not (isinstance(proposal, str) and isinstance(version, int) and isinstance(party, str)):
        return None
    return proposal, version, party


def _reason_in(group_reason: str, wanted: str) -> str:
    """The member's reason, when the group's reason (its objecting members' reasons, one
    after another on their own lines) holds text whose digest is the one in the ledger;
    "" when it does not (the group's answer has changed since, or the text is not ours)."""
    lines = group_reason.split("\n")[:50]
    for start in range(len(lines)):
        for end in range(start + 1, len(lines) + 1):
            said = "\n".join(lines[start:end])
            if said.strip() and ledger.digest(said) == wanted:
                return said
    return ""


class Answers:
    """What the history needs to tell a member's vote from its group's answer: each group's
    answer before each vote (the ``party_position`` of the vote before it, on this page or
    an earlier one), and the groups' reasons as the proposal page shows them."""

    def __init__(self, entries: list[Entry], spaces: dict[str, str]) -> None:
        self.before: dict[AnswerKey, str | None] = {}
        votes = [e for e in entries if e["action"] == "vote.cast"]
        keys = {k for e in votes if (k := _key(e["data"], (e["actor"] or {}).get("party")))}
        self.reasons: dict[AnswerKey, str] = {
            (proposal, version, party): reason
            for proposal, version, party, reason in Position.objects.filter(
                proposal_id__in={k[0] for k in keys}, position=PositionValue.OBJECT
            ).values_list("proposal_id", "version", "party_id", "reason")
        } if any(e["data"].get("vote") == PositionValue.OBJECT for e in votes) else {}
        if votes:
            self._earlier(votes[0]["seq"], {k[0] for k in keys}, spaces)

    def _earlier(self, first: Any, proposals: set[str], spaces: dict[str, str]) -> None:
        """The group answers as they stood before this page: one query, over the votes on
        the same proposals earlier in the chain."""
        if not isinstance(first, int) or not proposals:
            return
        wanted = Q()
        for proposal in proposals:
            wanted |= Q(content__contains=ledger.canonical({"proposal": proposal})[1:-1])
        chains = {spaces[p] for p in proposals if p in spaces}
        rows = (LedgerEntry.objects.filter(wanted, chain__in=chains, action="vote.cast",
                                           seq__lt=first)
                .order_by("seq").values_list("content", flat=True))
        for content in rows:
            try:
                payload = json.loads(content)
                self.after(payload["data"], payload["actor"].get("party"))
            except (ValueError, TypeError, KeyError, AttributeError):
                continue  # a damaged entry: the page names it where it stands

    def after(self, data: dict[str, Any], party: Any) -> tuple[bool, str | None, str | None]:
        """Note a vote: (known, the group's answer before it, after it)."""
        key = _key(data, party)
        if key is None or "party_position" not in data:
            return False, None, None
        then, now = self.before.get(key), data.get("party_position")
        self.before[key] = now if now in PositionValue.values else None
        return True, then, self.before[key]

    def reason(self, data: dict[str, Any], party: Any) -> str:
        key, wanted = _key(data, party), data.get("reason_sha256")
        if key is None or not isinstance(wanted, str) or key not in self.reasons:
            return ""
        return _reason_in(self.reasons[key], wanted)


def _vote(entry: Entry, answers: Answers, names: Names, people: Names,
          titles: Names) -> tuple[str, dict[str, str] | None]:
    """A member's vote, under its group's rule, and then the group's answer when this vote
    set or changed it (or that it has none yet): a vote is one member's, never the group's
    unless the group's rule makes it so (DESIGN rule 9). A reason is in the ledger only as
    a digest: it is shown when the group's answer on the proposal page holds that very
    text, else the sentence says there was one and links to the proposal."""
    data: dict[str, Any] = entry["data"]
    party_id = (entry["actor"] or {}).get("party")
    party = names.get(party_id or "", _("A group"))
    words = {"person": people.get((entry["actor"] or {}).get("person") or "", "")
             or _("Someone"), "party": party,
             "title": titles.get(data.get("proposal") or "", _("a proposal")),
             "answer": _answer_word(data.get("vote"))}
    binding = data.get("binding", True) is not False
    link = None
    reason = answers.reason(data, party_id) if data.get("vote") == PositionValue.OBJECT else ""
    if data.get("vote") == PositionValue.OBJECT and data.get("reason_sha256") and not reason:
        said = (_("%(person)s (%(party)s) voted %(answer)s on “%(title)s”, with a reason.")
                if binding else
                _("%(person)s (%(party)s) gave a view on “%(title)s”: %(answer)s, with a "
                  "reason."))
        if isinstance(data.get("proposal"), str) and data["proposal"] in titles:
            link = {"href": reverse("web:proposal", args=[data["proposal"]]),
                    "text": _("Read the proposal")}
    else:
        said = (_("%(person)s (%(party)s) voted %(answer)s on “%(title)s”.") if binding else
                _("%(person)s (%(party)s) gave a view on “%(title)s”: %(answer)s."))
    text = said % words
    known, then, now = answers.after(data, party_id)
    if known:
        group = {"party": party, "answer": _answer_word(now)}
        if now is None:
            text += " " + (_("%(party)s has no answer now.") if then else
                           _("%(party)s has no answer yet.")) % group
        elif now != then:
            text += " " + (_("Answer from %(party)s: %(answer)s.") if binding else
                           _("View from %(party)s: %(answer)s.")) % group
        else:
            text += " " + (_("Answer from %(party)s is still: %(answer)s.") if binding else
                           _("View from %(party)s is still: %(answer)s.")) % group
    if reason:  # last, so the quoted words end the entry as they were written
        text += " " + _("The reason given: “%(reason)s”") % {"reason": reason}
    return text, link


def _hidden(data: dict[str, Any], title: str, people: Names, titles: Names,
            friends: dict[str, tuple[str, str]]) -> str:
    """A comment hidden by a passed proposal, named: whose it was, on which work, by which
    proposal (a critical friend's comment on published work: ADR 36)."""
    comment = str(data.get("comment") or "")
    if data.get("public") or comment.startswith("pcm_"):
        publication, author = friends.get(comment, ("", ""))
        if publication in titles:
            return _("The comment by %(person)s on the published work “%(work)s” was hidden, "
                     "by the proposal “%(title)s” that passed.") % {
                "person": author or _("Someone"), "work": titles[publication], "title": title}
        return _("A critical friend’s comment on published work was hidden, by the proposal "
                 "“%(title)s” that passed.") % {"title": title}
    return _("A comment was hidden, by the proposal “%(title)s” that passed.") % {"title": title}


def _sentence(entry: Entry, names: Names, people: Names, titles: Names,
              friends: dict[str, tuple[str, str]] | None = None) -> str:
    data: dict[str, Any] = entry["data"]
    actor = entry["actor"] or {}
    party = names.get(actor.get("party") or "", _("A group"))
    person = people.get(actor.get("person") or "", "")
    title = titles.get(data.get("proposal") or "", _("a proposal"))
    meeting = titles.get(data.get("meeting") or "", _("a meeting"))
    work = titles.get(data.get("publication") or "", _("some work"))
    target = names.get(data.get("party") or "", _("a group"))
    maker = names.get(data.get("made_by") or "", _("a group"))
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
        "proposal.amend": lambda: (
            _("%(party)s changed the proposal “%(title)s”, and the charter it proposes. "
              "Everyone answers again.") if data.get("charter_sha256") else
            _("%(party)s changed the proposal “%(title)s”. Everyone answers again.")
        ) % {"party": party, "title": title},
        "proposal.withdraw": lambda: _("%(party)s took back the proposal “%(title)s”.")
        % {"party": party, "title": title},
        "proposal.resolve": lambda: _resolved(data, title, person, party),
        # Said the same in a shared space (every group answered, none said no) and in an
        # own space (the host decided; a guest's view is not binding): a proposal passed.
        "charter.change": lambda: _("The charter changed, by a proposal that passed."),
        "comment.add": lambda: _("%(person)s of %(party)s wrote a comment.")
        % {"person": person or _("Someone"), "party": party},
        "content.remove": lambda: _hidden(data, title, people, titles, friends or {}),
        "work.publish": lambda: _("The work “%(work)s” was published. Anyone can read it now.")
        % {"work": work},
        "public_comment.add": lambda: _("%(person)s commented on the published work "
                                        "“%(work)s” as a critical friend.")
        % {"person": person or _("Someone"), "work": work},
        "public_comment.withdraw": lambda: _("%(person)s took back their comment on the "
                                             "published work “%(work)s”.")
        % {"person": person or _("Someone"), "work": work},
        "fund.commit": lambda: _("%(party)s gave %(amount)s to the fund.")
        % {"party": party, "amount": _amount(data)},
        "fund.withdraw": lambda: (
            _("%(party)s took back %(amount)s from the fund, on its own.")
            if data.get("unilateral")
            else _("%(party)s took back %(amount)s from the fund.")
        ) % {"party": party, "amount": _amount(data)},
        "fund.spend": lambda: _("%(amount)s was spent from the fund.")
        % {"amount": _amount(data)},
        "fund.return": lambda: _("The space was closing, so %(amount)s that %(target)s gave "
                                 "and was not spent went back to it.")
        % {"amount": _amount(data), "target": target},
        "guest.remove": lambda: _("%(party)s stopped involving %(target)s.")
        % {"party": party, "target": target},
        "space.leave": lambda: _("%(target)s left the space.") % {"target": target},
        "space.close": lambda: _("The space closed. Nothing in it will change now."),
        "outside.record": lambda: _outside(action, data, party, maker, titles),
        "outside.confirm": lambda: _outside(action, data, party, maker, titles),
        "outside.dispute": lambda: _outside(action, data, party, maker, titles),
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
    learning = _learning_set_sentence(action, data, party, person, meeting)
    if learning:
        return learning
    make = words.get(action)
    return make() if make else _("Something happened: %(action)s.") % {"action": action}


def _learning_set_sentence(action: str, data: dict[str, Any], party: str, person: str,
                           meeting: str) -> str:
    """Action learning sets (ADR 35): their entries said in their own words ("" for any
    other entry, which the table above says)."""
    someone = person or _("Someone")
    if action == "meeting.schedule" and data.get("kind") == "learning_set":
        return _("%(party)s called an action learning set: “%(meeting)s”.") % {
            "party": party, "meeting": meeting}
    if action == "agenda.add" and data.get("presenter"):
        return _("%(person)s of %(party)s will present a question at “%(meeting)s”.") % {
            "person": someone, "party": party, "meeting": meeting}
    if action == "action_point.review":
        said = (_("%(person)s of %(party)s reviewed an action at “%(meeting)s”: done.")
                if data.get("done") else
                _("%(person)s of %(party)s reviewed an action at “%(meeting)s”: not done yet."))
        return said % {"person": someone, "party": party, "meeting": meeting}
    return ""


def _publication_link(entry: Entry, titles: Names,
                      friends: dict[str, tuple[str, str]]) -> dict[str, str] | None:
    """Published work is public: its entries link to its page (None for other entries)."""
    publication = entry["data"].get("publication")
    if entry["action"] == "content.remove":  # a critical friend's comment hidden
        publication = friends.get(str(entry["data"].get("comment") or ""), ("", ""))[0]
    elif entry["action"] not in ("work.publish", "public_comment.add",
                                 "public_comment.withdraw"):
        return None
    if not isinstance(publication, str) or publication not in titles:
        return None
    href = reverse("web:publication", args=[publication])
    if entry["action"] == "public_comment.add" and isinstance(entry["data"].get("comment"), str):
        href += "#" + entry["data"]["comment"]
    # Several links on one page read alike: a screen reader hears which work each is.
    return {"href": href, "text": _("Read the published work"), "about": titles[publication]}


def _decision_link(entry: Entry, titles: Names) -> dict[str, str] | None:
    """An outside decision's entries link to its own page, where all of it can be read."""
    decision = entry["data"].get("decision")
    if not isinstance(decision, str) or not titles.get(decision):
        return None
    return {"href": reverse("web:outside_decision", args=[decision]),
            "text": _("Read the decision"), "about": titles[decision]}


def sentences(entries: list[Entry]) -> list[dict[str, Any]]:
    """Each entry with a sentence (and, for a vote whose reason cannot be shown, a link to
    the proposal; for published work or an outside decision, a link to its page), reading
    names in a few queries for the whole page, however long."""
    party_ids: set[str] = set()
    person_ids: set[str] = set()
    proposal_ids: set[str] = set()
    meeting_ids: set[str] = set()
    publication_ids: set[str] = set()
    decision_ids: set[str] = set()
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
        if isinstance(e["data"].get("publication"), str):
            publication_ids.add(e["data"]["publication"])
        if e["action"] in OUTSIDE and isinstance(e["data"].get("decision"), str):
            decision_ids.add(e["data"]["decision"])
    names = reads.party_names(party_ids)
    people = reads.person_names(person_ids)
    found = Proposal.objects.filter(pk__in=proposal_ids).values_list("id", "title", "space_id")
    titles = {pk: title for pk, title, _space in found}
    answers = Answers(entries, {pk: space for pk, _title, space in found})
    if meeting_ids:  # ids are prefixed (prp_/mtg_), so one map holds both kinds of title
        titles.update(Meeting.objects.filter(pk__in=meeting_ids).values_list("id", "title"))
    # Critical friends' comments that were hidden: whose, and on which work (ADR 36).
    friends: dict[str, tuple[str, str]] = {}
    hidden = {str(e["data"].get("comment")) for e in entries
              if e["action"] == "content.remove" and str(e["data"].get("comment") or "")
              .startswith("pcm_")}
    if hidden:
        for pk, publication, name, erased in PublicComment.objects.filter(
                pk__in=hidden).values_list("id", "publication_id", "author__name",
                                           "author__erased_at"):
            friends[pk] = (publication, present.person_name(name, erased))
            publication_ids.add(publication)
    if publication_ids:  # published work (pub_), ADR 36
        titles.update(Publication.objects.filter(pk__in=publication_ids)
                      .values_list("id", "title"))
    if decision_ids:  # outside decisions (out_), named by their first words: one query
        titles.update(
            (pk, decision_name(start)) for pk, start in OutsideDecision.objects.filter(
                pk__in=decision_ids).values_list("id", Left("summary", 500)))
    result = []
    for e in entries:
        link = None
        if e["action"] == "vote.cast":
            text, link = _vote(e, answers, names, people, titles)
        else:
            text = _sentence(e, names, people, titles, friends)
            link = (_decision_link(e, titles) if e["action"] in OUTSIDE
                    else _publication_link(e, titles, friends))
        result.append({"seq": e["seq"], "at": e["at"], "action": e["action"], "text": text,
                       "link": link, "hash": e["hash"]})
    return result
