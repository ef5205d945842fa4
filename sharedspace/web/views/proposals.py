"""Proposals: the list, making one, and the proposal page (answers, amending, closing)."""

# ruff: noqa: RUF001  (the typographic apostrophe is the interface's own)

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any, ClassVar

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sharedspace.governance import actions, consent, selectors
from sharedspace.governance import policies as pol
from sharedspace.governance.choices import (
    FundEntryKind,
    GuestPermission,
    PositionValue,
    ProposalKind,
    ProposalState,
    SpaceKind,
)
from sharedspace.governance.models import Comment, Publication, PublicComment

from .. import easyread, history, present, reads
from .. import forms as f
from ..components import row
from ..forms.spaces import end_of_day
from ..templatetags.web import money
from .base import Confirm, FormMap, bound_name_is
from .money import may_record_spending, record_spending_href
from .spacebase import SpacePage

PROPOSAL_KINDS = [
    (k.value, k.label) for k in ProposalKind
    if k not in (ProposalKind.CHARTER, ProposalKind.REMOVE_CONTENT)
]


# Said under a kind in the proposal form, where choosing it does more than decide.
KIND_HINTS = {
    ProposalKind.PUBLISH.value: gettext_lazy(
        "The title and text will be public if it passes. Anyone can read them, and anyone "
        "signed in can comment."),
    ProposalKind.CLOSE.value: gettext_lazy(
        "If it passes, the space closes for good. Nothing is deleted. Money not spent yet "
        "goes back to the group that gave it."),
}


def ago(moment: dt.datetime, now: dt.datetime) -> str:
    """How long ago something happened, in plain words: "just now", "3 minutes ago", "2
    days ago"; after two weeks, the day ("on 3 March 2027")."""
    minutes = int((now - moment).total_seconds() // 60)
    if minutes < 1:
        return _("just now")
    if minutes < 60:
        return ngettext("%(count)d minute ago", "%(count)d minutes ago", minutes) % {
            "count": minutes}
    hours = minutes // 60
    if hours < 24:
        return ngettext("%(count)d hour ago", "%(count)d hours ago", hours) % {"count": hours}
    days = hours // 24
    if days < 14:
        return ngettext("%(count)d day ago", "%(count)d days ago", days) % {"count": days}
    return _("on %(day)s") % {"day": present.day(moment)}


def proposers(page: SpacePage) -> list[tuple[str, str]]:
    """The viewer's groups that may make a proposal in this space now, as form choices."""
    return [
        (p, page.names.get(p, p))
        for p in page.mine
        if pol.allowed(pol.require_may_propose, page.person, page.space, p)
    ]


def proposer_choices(page: SpacePage, name: str) -> list[tuple[str, str]]:
    """Offer the groups that may propose; when a form is posted accept any of the viewer's
    groups in the space, so that the core's refusal (not a form error) explains a stale page."""
    if bound_name_is(page.request, name):
        return [(p, page.names.get(p, p)) for p in page.mine]
    return proposers(page)


class Proposals(SpacePage):
    """Every proposal and the form to make one. ``?kind=…&party=…`` fills the form in (the
    links beside guests use it); ``?remove=<comment>`` offers a proposal to remove a comment."""

    template_name = "web/pages/proposals.html"
    tab = "proposals"
    forms: ClassVar[FormMap] = {"proposal": f.ProposalForm,
                                "remove_content": f.RemoveContentForm}
    error_aliases: ClassVar[dict[str, str]] = {"currency": "amount", "closes_at": "closes_at"}

    def proposers(self) -> list[tuple[str, str]]:
        return proposers(self)

    @property
    def removing(self) -> Any:
        """The comment a proposal would remove (from the link under it, or the form): one
        of the space's discussion, or a critical friend's comment on the space's published
        work (its id starts ``pcm_``; ADR 36)."""
        if not hasattr(self, "_removing"):
            wanted = self.request.GET.get("remove", "")
            if bound_name_is(self.request, "remove_content"):
                wanted = self.request.POST.get("remove_content-content", "")
            found: Comment | PublicComment | None
            if wanted.startswith("pcm_"):
                found = reads.public_comment_in(self.space, wanted)
            else:
                found = reads.comment_in(self.space, wanted)
            self._removing = found
        return self._removing

    @property
    def removing_friend(self) -> bool:
        """Whether the comment to remove is a critical friend's (it has no group)."""
        return isinstance(self.removing, PublicComment)

    def show_form(self, name: str) -> bool:
        if name == "remove_content" and self.removing is None:
            return False
        return self.active and bool(self.proposers())

    def form_kwargs(self, name: str) -> dict[str, Any]:
        mine = proposer_choices(self, name)
        if name == "remove_content":
            comment = self.removing
            person = (present.person_name(comment.author.name, comment.author.erased_at)
                      if comment else "")
            title = (_("Remove a critical friend’s comment by %(person)s")
                     if self.removing_friend else _("Remove a comment by %(person)s"))
            return {"mine": mine, "initial": {
                "content": comment.pk if comment else "", "title": title % {"person": person},
            }}
        initial: dict[str, str] = {}
        kind = self.request.GET.get("kind", "")
        if kind in dict(PROPOSAL_KINDS):
            initial["kind"] = kind
        party = self.request.GET.get("party", "")
        if party:
            initial["party"] = party
        # The groups a proposal can name: the guests now first (to remove, or to hold the
        # space too), then every group not in the space (to invite). Holders cannot be
        # added again nor removed by others (rule 5), so they are not offered.
        guests = set(self.view.guests)
        others = reads.other_parties(self.view.holders)
        parties = [(p, _("%(name)s (a guest now)") % {"name": n}) for p, n in others
                   if p in guests] + [(p, n) for p, n in others if p not in guests]
        return {"kinds": PROPOSAL_KINDS, "parties": parties, "mine": mine, "initial": initial}

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        context["proposals"] = reads.recent_proposals(self.space, limit=200)
        context.update(self.proposal_table(context["proposals"]))
        context["removing"] = self.removing
        context["removing_friend"] = self.removing_friend
        context["kind_hints"] = KIND_HINTS
        return context

    def handle_remove_content(self, form: f.RemoveContentForm) -> HttpResponse:
        data = form.cleaned_data
        proposal = actions.proposal_submit(
            actor=self.person, space_id=self.space.pk, kind=ProposalKind.REMOVE_CONTENT,
            title=data["title"], body=data["body"], closes_at=end_of_day(data["closes_at"]),
            content=data["content"], as_party=data["as_party"] or None,
        )
        return self.done(_("Your proposal to remove the comment is open. The comment stays "
                           "until the proposal passes."),
                         reverse("web:proposal", args=[proposal.pk]))

    def handle_proposal(self, form: f.ProposalForm) -> HttpResponse:
        data = form.cleaned_data
        kind = data["kind"]
        proposal = actions.proposal_submit(
            actor=self.person,
            space_id=self.space.pk,
            kind=kind,
            title=data["title"],
            body=data["body"],
            closes_at=end_of_day(data["closes_at"]),
            amount=data["amount"] if kind == ProposalKind.SPEND else None,
            party=data["party"] or None,
            as_party=data["as_party"] or None,
        )
        return self.done(_("Your proposal is open. Each group can now give its answer."),
                         reverse("web:proposal", args=[proposal.pk]))


class ProposalPage(SpacePage):
    template_name = "web/pages/proposal.html"
    tab = "proposals"
    # The core names a charter's sections "charter.<key>"; the amend form "charter_<key>".
    error_aliases: ClassVar[dict[str, str]] = {
        "charter": "charter_purpose",
        **{f"charter.{key}": f"charter_{key}" for key in f.CHARTER_KEYS},
    }
    forms: ClassVar[FormMap] = {
        "answer": f.AnswerForm,
        "amend": f.AmendForm,
        "close": f.EmptyForm,
        "withdraw": f.EmptyForm,
        "comment": f.CommentForm,
    }
    confirm: ClassVar[dict[str, Confirm]] = {
        "withdraw": Confirm(
            gettext_lazy("Take the proposal back?"),
            gettext_lazy("It ends now, and no group can answer it any more. To ask again, make "
                         "a new proposal."),
            gettext_lazy("Yes, take it back"),
        ),
        "close": Confirm(
            gettext_lazy("Close the proposal now?"),
            gettext_lazy("It is decided now with the answers given so far. A group that has not "
                         "answered means no decision."),
            gettext_lazy("Yes, close it now"),
        ),
    }

    def breadcrumbs(self) -> list[dict[str, Any]]:
        """Your dashboard, the space, then Proposals: the way back to the list."""
        return [*super().breadcrumbs(),
                {"text": _("Proposals"), "href": reverse("web:proposals", args=[self.space.pk])}]

    def load(self, **kwargs: Any) -> None:
        proposal_id = kwargs["proposal_id"]
        found = selectors.proposal_get(viewer=self.person, proposal_id=proposal_id)
        super().load(space_id=found.proposal.space_id)
        # Read again if due deadlines were resolved just now.
        self.pview = (
            selectors.proposal_get(viewer=self.person, proposal_id=proposal_id)
            if self.resolved else found
        )
        self.proposal = self.pview.proposal

    @property
    def is_open(self) -> bool:
        return self.active and self.proposal.state == ProposalState.OPEN

    @cached_property
    def tallies(self) -> dict[str, Any]:
        """For each of the viewer's groups in the space, while the proposal is open: how far
        the group has got in deciding its answer by its own rule."""
        if not self.is_open:
            return {}
        views_count = pol.guest_may(self.space, GuestPermission.GIVE_VIEWS)
        return {
            p: selectors.vote_tally(viewer=self.person, proposal=self.proposal, party_id=p)
            for p, relation in self.mine.items()
            if relation == pol.HOLDER or views_count  # a guest group gives views if allowed
        }

    def my_vote(self, party_id: str) -> Any:
        found = self.tallies.get(party_id)
        if found is None:
            return None
        return next((v for v in found.votes if v.person == self.person.pk), None)

    def how_we_decide(self) -> list[dict[str, Any]]:
        """A few plain sentences per group of the viewer: its rule, the answers it needs and
        has, and the viewer's own answer, so no one wonders why "No answer yet" stays."""
        said = []
        for party_id, found in self.tallies.items():
            name = self.names.get(party_id, party_id)
            sentences = []
            guest = party_id not in self.view.holders
            if guest:  # said before anyone answers, not only beside the answer given
                sentences.append(_("%(party)s is a guest here. Its answer is a view: it is "
                                   "shown, but it does not decide.") % {"party": name})
            if not found.members:
                sentences.append(_("%(party)s has no members now, so it cannot answer.")
                                 % {"party": name})
            elif found.rule == "speaker":
                speakers = reads.person_names([p for p, speaks in found.members.items() if speaks])
                if not speakers:
                    sentences.append(_("%(party)s answers through its speakers, but it has none "
                                       "now. A coordinator of the group can name one.")
                                     % {"party": name})
                    said.append({"party": name, "sentences": sentences})
                    continue
                sentences.append(_("%(party)s answers through its speakers: %(names)s.") % {
                    "party": name, "names": ", ".join(sorted(speakers.values()))})
                if found.members.get(self.person.pk) and guest:
                    sentences.append(_("You are a speaker, so your answer is the group’s "
                                       "view."))
                elif found.members.get(self.person.pk):
                    sentences.append(_("You are a speaker, so your answer is the group’s "
                                       "answer."))
                else:
                    sentences.append(_("Ask a speaker to give the group’s answer."))
            else:
                if found.rule == "majority":
                    sentences.append(_("%(party)s decides by a majority of its members.")
                                     % {"party": name})
                else:
                    sentences.append(_("%(party)s decides only when every member answers. "
                                       "One objection means the group objects.")
                                     % {"party": name})
                sentences.append(_("Answers so far: %(answered)s of %(needed)s needed.") % {
                    "answered": len(found.votes), "needed": found.needed})
            mine = self.my_vote(party_id)
            if mine is not None:
                label = PositionValue(mine.position).label
                sentences.append(
                    _("Your answer: %(position)s. Reason: %(reason)s") % {
                        "position": label, "reason": mine.reason}
                    if mine.reason else _("Your answer: %(position)s.") % {"position": label}
                )
            said.append({"party": name, "sentences": sentences})
        return said

    def answerers(self) -> list[tuple[str, str]]:
        return [
            (p, self.names.get(p, p))
            for p in self.mine
            if pol.allowed(pol.require_may_answer, self.person, self.proposal, p)
        ]

    def show_form(self, name: str) -> bool:
        if name == "comment":
            return self.active and pol.allowed(pol.require_may_comment, self.person, self.space)
        if not self.is_open:
            return False
        if name == "answer":
            return bool(self.answerers())
        if name in ("amend", "withdraw"):  # the proposer, while its group may (ADR 27)
            return pol.allowed(pol.require_may_change_proposal, self.person, self.proposal)
        if name == "close":  # a coordinator or speaker of a holder, as the core asks
            return pol.allowed(pol.require_may_close_early, self.person, self.space)
        return False

    def form_kwargs(self, name: str) -> dict[str, Any]:
        if name == "answer":
            # Offer the groups that may answer; accept any of the viewer's groups in the
            # space, so that the core's refusal (not a form error) explains a stale page.
            answerers = self.answerers()
            if bound_name_is(self.request, "answer"):
                answerers = [(p, self.names.get(p, p)) for p in self.mine]
            kwargs: dict[str, Any] = {"parties": answerers}
            # One group to answer for: its form starts from the viewer's own answer.
            mine = self.my_vote(answerers[0][0]) if len(answerers) == 1 else None
            if mine is not None:
                kwargs["initial"] = {"position": mine.position, "reason": mine.reason}
            return kwargs
        if name == "amend":
            p = self.proposal
            # A charter proposal's form starts from the charter it proposes now (ADR 37).
            return {"initial": {"title": p.title, "body": p.body, "amount": p.amount},
                    "charter": (p.charter or {}) if p.kind == ProposalKind.CHARTER else None,
                    "publish": p.kind == ProposalKind.PUBLISH}
        return {}

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        proposal = self.proposal
        names = dict(self.names)
        names.update(reads.party_names([proposal.proposed_by_party_id,
                                        proposal.target_party_id or ""]))
        positions = present.positions(self.pview.positions, self.view, names)
        own_votes = []
        for party_id in self.mine:
            votes = reads.member_votes(proposal, party_id)
            if votes:
                own_votes.append({"party": names.get(party_id, party_id), "votes": votes})
        context.update(
            {
                "proposal": proposal,
                "kind_label": ProposalKind(proposal.kind).label,
                "state_label": self.state_words(proposal.state),  # easy-read words in easy read
                "state_colour": present.STATE_COLOURS.get(proposal.state, "grey"),
                "target_party": names.get(proposal.target_party_id or "", ""),
                "positions": positions,
                "outcome": present.outcome(proposal, positions, self.view),
                "closed_by": "" if proposal.is_open else self.closed_by(),
                **self.close_context(),
                **self.spending_context(),
                "own_votes": own_votes,
                "how_we_decide": self.how_we_decide(),
                "answered": any(self.my_vote(p) for p, _name in self.answerers()),
                "comments": reads.comments(self.space, proposal=proposal),
                "can_propose_removal": self.active and bool(proposers(self)),
                "is_open": self.is_open,
                **self.charter_context(),
                **self.publish_context(),
                **self.changes_context(),
                "more_than_the_fund": self.more_than_the_fund(),
                "proposal_rows_summary": self.summary(proposal, names),
                "answer_hints": {
                    PositionValue.AGREE.value: _("We are happy with this."),
                    PositionValue.OBJECT.value: _("Not like this. Say why, and what would make "
                                                  "it acceptable."),
                    PositionValue.STAND_ASIDE.value: _("We will not stop it, but we do not "
                                                       "join in."),
                },
            }
        )
        return context

    def charter_context(self) -> dict[str, Any]:
        """A charter proposal's sections; while it is open, each marked where it differs
        from the charter as it reads now (with those words), so no one agrees blind."""
        proposal = self.proposal
        if proposal.kind != ProposalKind.CHARTER or not proposal.charter:
            return {"charter_rows": []}
        if not self.is_open:
            # Said as what happened: agreed (it is the charter since), or only proposed.
            heading = (_("The charter, as it was agreed")
                       if proposal.state == ProposalState.PASSED
                       else _("The charter, as it was proposed"))
            return {"charter_rows": [{**r, "changed": False, "current": ""}
                                     for r in present.charter_rows(proposal.charter)],
                    "charter_heading": heading}
        rows = present.charter_comparison(proposal.charter, self.space.charter)
        return {"charter_rows": rows, "charter_compared": True,
                "charter_heading": _("The charter, as it would read"),
                "charter_changes": sum(1 for r in rows if r["changed"]),
                # Another change passed since: amending must not quietly undo it.
                "charter_moved": reads.charter_changed_since(self.space, proposal.created_at)}

    def publish_context(self) -> dict[str, Any]:
        """A publish proposal (ADR 36): while open, what passing it does; once passed, a
        link to the published work; else that it was not published."""
        proposal = self.proposal
        if proposal.kind != ProposalKind.PUBLISH:
            return {}
        if proposal.state == ProposalState.PASSED:
            published = Publication.objects.filter(proposal=proposal).values_list(
                "pk", flat=True).first()
            if published:
                return {"publish_said": _("This work is published. Anyone can read it, and "
                                          "anyone signed in can comment on it."),
                        "publication_href": reverse("web:publication", args=[published])}
        if proposal.state != ProposalState.OPEN:
            return {"publish_said": _("This work was not published.")}
        if self.space.kind == SpaceKind.SHARED:
            when = _("If every group answers and none says no, the title and text are "
                     "published on a public page, as they read then.")
        else:
            when = _("If %(host)s agrees, the title and text are published on a public page, "
                     "as they read then.") % {"host": self.host}
        return {"publish_said": " ".join([
            when,
            _("Anyone can read them, and anyone signed in can comment on them."),
            _("Published work cannot be taken back."),
        ]), "publish_easy": easyread.TEXTS["publish"]}

    def changes_context(self) -> dict[str, Any]:
        """After an amendment: what changed since the version before, from the words the
        core kept (ProposalVersion), and each older version's words."""
        proposal = self.proposal
        if proposal.version < 2:
            return {}
        earlier = list(proposal.earlier_versions.order_by("-version"))
        previous = next((v for v in earlier if v.version == proposal.version - 1), None)
        currency = proposal.currency or "GBP"
        answered = reads.earlier_positions(proposal)
        names = dict(self.names)
        names.update(reads.party_names({p.party_id for rows in answered.values() for p in rows}
                                       - set(names)))

        def answers(version: int) -> list[dict[str, Any]]:
            return present.answers_given(answered.get(version, []), names)

        return {
            "since_version": proposal.version - 1,
            "previous_answers": answers(proposal.version - 1),
            "previous_kept": previous is not None,
            "changes": present.version_changes(proposal, previous,
                                               lambda amount: money(amount, currency)),
            "older_versions": [
                {"version": v.version, "title": v.title, "body": v.body,
                 "amount": money(v.amount, currency) if v.amount is not None else "",
                 "charter_rows": present.charter_rows(v.charter),
                 "answers": answers(v.version)}
                for v in earlier if v.version < proposal.version - 1
            ],
        }

    def confirm_needed(self, name: str, form: Any) -> bool:
        # Taking it back when the core would refuse (a group that left): say so at once.
        if name == "withdraw":
            return pol.allowed(pol.require_may_change_proposal, self.person, self.proposal)
        return True

    def confirm_details(self, name: str, form: Any) -> list[dict[str, Any]]:
        rows = [row(_("Proposal"), self.proposal.title)]
        if name == "close":
            rows.append(row(_("What will happen"), self.close_warning() or self.close_forecast()))
        return rows

    def close_context(self) -> dict[str, Any]:
        """What closing now does, said beside the button: the plain warning when it ends
        the proposal before someone could act (an objection the proposer could still meet,
        or the viewer's own group not answered), else the forecast."""
        if not self.show_form("close"):
            return {"close_forecast": "", "close_warning": ""}
        warning = self.close_warning()
        return {"close_forecast": "" if warning else self.close_forecast(),
                "close_warning": warning}

    @cached_property
    def close_names(self) -> dict[str, str]:
        """Every holder's name (a holder may not be among the names the page read)."""
        names = dict(self.names)
        names.update(reads.party_names(pol.holder_ids(self.space)))
        return names

    def close_forecast(self) -> str:
        """What closing it now does, by the same arithmetic as the close itself."""
        return present.close_forecast(self.proposal, self.view, self.pview.positions,
                                      self.close_names)

    def close_warning(self) -> str:
        """The forecast said as what it takes away, when it takes something away (ADR 28):

        - it would end blocked: each objecting group and when it objected, and that the
          proposer has not changed the proposal since (an objection keeps a proposal open so
          its proposer can change it: DESIGN rule 5); closing ends that chance;
        - it would end with no decision while the viewer's own group has not answered.

        "" otherwise: then the forecast alone says what will happen. Worked out by the same
        arithmetic as the close (``consent.outcome_at_deadline``)."""
        proposal = self.proposal
        holders = pol.holder_ids(self.space)
        answers = {p.party_id: p for p in self.pview.positions
                   if p.binding and p.version == proposal.version}
        result = consent.outcome_at_deadline(
            shared=self.space.kind == SpaceKind.SHARED, holders=holders,
            positions={party: p.position for party, p in answers.items()})
        names = self.close_names
        if result == consent.BLOCKED:
            now = timezone.now()
            said = [_("%(party)s objected %(when)s.") % {
                        "party": names.get(h, h), "when": ago(answers[h].updated_at, now)}
                    for h in holders
                    if h in answers and answers[h].position == consent.OBJECT]
            proposer = proposal.proposed_by_person_id or ""
            if proposer == self.person.pk:
                said.append(_("You have not changed the proposal since."))
            else:
                said.append(_("%(person)s has not changed the proposal since.") % {
                    "person": reads.person_names([proposer]).get(proposer)
                    or names.get(proposal.proposed_by_party_id, _("The proposer"))})
            said.append(_("If you close it now, it ends blocked, and it cannot be changed any "
                          "more."))
            return " ".join(said)
        if result != consent.LAPSED:
            return ""
        own = [p for p in self.my_holder_parties if p not in answers]
        if not own:
            return ""
        if len(own) == 1:
            said = [_("Your group has not answered yet. If you close it now, it ends with no "
                      "decision.")]
        else:
            said = [_("Your groups %(parties)s have not answered yet. If you close it now, it "
                      "ends with no decision.") % {
                          "parties": ", ".join(names.get(p, p) for p in own)}]
        others = [names.get(h, h) for h in holders if h not in answers and h not in own]
        if others:
            said.append(ngettext("%(parties)s has not answered yet either.",
                                 "%(parties)s have not answered yet either.",
                                 len(others)) % {"parties": ", ".join(others)})
        if proposal.closes_at is not None:
            said.append(_("Every group has until %(deadline)s to answer.") % {
                "deadline": present.day(proposal.closes_at)})
        return " ".join(said)

    def spending_context(self) -> dict[str, Any]:
        """A passed spending proposal's next step: once spent, when and how much (linked to
        the money page); before, "Record this spending" for whoever the core lets record it,
        with this proposal chosen: the money page shows its agreed amount, nothing to type."""
        proposal = self.proposal
        if proposal.kind != ProposalKind.SPEND or proposal.state != ProposalState.PASSED:
            return {}
        fund_href = reverse("web:fund", args=[self.space.pk])
        currency = proposal.currency or self.fund.currency
        if proposal.spent_at is not None:
            entry = next((e for e in self.fund.entries if e.proposal_id == proposal.pk
                          and e.kind == FundEntryKind.SPENDING), None)
            return {"spending_shown": True, "fund_href": fund_href,
                    "spent": _("The money was spent: %(amount)s, recorded on %(day)s.") % {
                        "amount": money(entry.amount if entry else proposal.amount,
                                        entry.currency if entry else currency),
                        "day": present.day(proposal.spent_at)}}
        may = may_record_spending(self.person, self.space)
        enough = proposal.amount is not None and proposal.amount <= self.fund.balance
        return {"spending_shown": True, "fund_href": fund_href,
                "record_href": record_spending_href(proposal) if may and enough else "",
                "fund_too_low": money(self.fund.balance, self.fund.currency)
                if may and not enough else ""}

    def closed_by(self) -> str:
        """Who closed it before its time, and for which group, from the ledger."""
        found = history.proposal_closer(self.proposal)
        if found is None:
            return ""
        person, party = found
        return present.closed_by(self.proposal, {
            "person": reads.person_names([person]).get(person, _("Someone")),
            "party": reads.party_names([party]).get(party, _("a group")),
        })

    def more_than_the_fund(self) -> bool:
        """An open spending proposal asking for more than the fund holds now: it may still
        pass, but the money can be spent only when there is enough."""
        p = self.proposal
        if p.kind != ProposalKind.SPEND or p.amount is None or not self.is_open:
            return False
        return bool(p.amount > self.fund.balance)

    @cached_property
    def fund(self) -> Any:
        return selectors.fund_get(viewer=self.person, space_id=self.space.pk)

    def summary(self, proposal: Any, names: dict[str, str]) -> list[dict[str, Any]]:
        rows = [
            row(_("Space"), self.space.title),
            # The person too: only they can change or take back the proposal (ADR 27).
            row(_("Proposed by"), self.proposed_by(proposal, names)),
        ]
        if proposal.amount is not None:
            rows.append(row(_("Amount"), money(proposal.amount, proposal.currency or "GBP")))
            if proposal.kind == ProposalKind.SPEND:
                rows.append(row(_("In the fund now"),
                                money(self.fund.balance, self.fund.currency)))
        if proposal.target_party_id:
            rows.append(row(_("Group"), names.get(proposal.target_party_id, "")))
        if proposal.content_id:
            comment = reads.comment_in(self.space, proposal.content_id)
            rows.append(row(_("Comment to remove"), Truncator(comment.body).chars(300)
                            if comment else _("This comment is now hidden.")))
        if proposal.public_comment_id:
            rows.extend(self.friend_rows(proposal))
        if proposal.closes_at:
            rows.append(row(_("Answers needed by"),
                            date_format(timezone.localtime(proposal.closes_at), "j F Y, H:i")))
        rows.append(row(_("Version"), str(proposal.version)))
        return rows

    def proposed_by(self, proposal: Any, names: dict[str, str]) -> str:
        party = names.get(proposal.proposed_by_party_id, "")
        person = reads.person_names([proposal.proposed_by_person_id or ""]).get(
            proposal.proposed_by_person_id or "", "")
        if not person:
            return party
        return _("%(person)s, for %(party)s") % {"person": person, "party": party}

    def friend_rows(self, proposal: Any) -> list[dict[str, Any]]:
        """A proposal to hide a critical friend's comment (ADR 36): whose it is, on which
        work (kept after it is hidden), its words while shown, and what passing does."""
        friend = reads.public_comment_in(self.space, proposal.public_comment_id,
                                         shown_only=False)
        if friend is None:
            return []
        rows = [
            row(_("Written by"), _("%(person)s, %(when)s") % {
                "person": present.person_name(friend.author.name, friend.author.erased_at),
                "when": date_format(timezone.localtime(friend.created_at), "j F Y, H:i")}),
            row(_("On the published work"), friend.publication.title,
                href=reverse("web:publication", args=[friend.publication_id]) + f"#{friend.pk}",
                action=_("Read it")),
        ]
        if friend.removed_at is None:
            rows.append(row(_("A critical friend’s comment to remove"),
                            Truncator(friend.body).chars(300)))
            if proposal.state == ProposalState.OPEN:
                rows.append(row(_("If this passes"), _(
                    "The comment is hidden on the public page, which says that the groups hid "
                    "it. Its words stay in the record and in exports.")))
        elif proposal.state == ProposalState.OPEN:
            rows.append(row(_("A critical friend’s comment to remove"), _(
                "This comment is hidden already. Passing this proposal changes nothing: you "
                "can take the proposal back.")))
        else:
            rows.append(row(_("A critical friend’s comment to remove"),
                            _("This comment is now hidden.")))
        return rows

    def _back(self, anchor: str = "") -> str:
        return reverse("web:proposal", args=[self.proposal.pk]) + anchor

    def handle_answer(self, form: f.AnswerForm) -> HttpResponse:
        data = form.cleaned_data
        actions.position_give(actor=self.person, proposal_id=self.proposal.pk,
                              party=data["party"], position=data["position"],
                              reason=data["reason"])
        return self.done(_("Your answer is recorded."), self._back())

    def handle_amend(self, form: f.AmendForm) -> HttpResponse:
        data = form.cleaned_data
        actions.proposal_amend(
            actor=self.person, proposal_id=self.proposal.pk, title=data["title"],
            body=data["body"],
            amount=data["amount"] if self.proposal.kind == ProposalKind.SPEND else None,
            charter=form.charter(),
        )
        return self.done(_("The proposal is changed. Every group needs to answer again."),
                         self._back())

    def handle_close(self, form: f.EmptyForm) -> HttpResponse:
        actions.proposal_close(actor=self.person, proposal_id=self.proposal.pk)
        return self.done(_("The proposal is closed."), self._back())

    def handle_withdraw(self, form: f.EmptyForm) -> HttpResponse:
        actions.proposal_withdraw(actor=self.person, proposal_id=self.proposal.pk)
        return self.done(_("You withdrew the proposal."), self._back())

    def handle_comment(self, form: f.CommentForm) -> HttpResponse:
        actions.comment_add(actor=self.person, space_id=self.space.pk,
                            body=form.cleaned_data["body"], proposal_id=self.proposal.pk)
        return self.done(_("Your comment is added."), self._back("#discussion"))
