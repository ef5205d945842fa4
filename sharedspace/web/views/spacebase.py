"""What every page of one space shares: the space as the viewer sees it, names, the tabs, the
"Where you are" banner, and what the viewer's group may do here (and, if not, who decided)."""

# The interface uses typographic apostrophes and dashes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any, ClassVar

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sharedspace.audit import space_report
from sharedspace.governance import actions, selectors
from sharedspace.governance import policies as pol
from sharedspace.governance.choices import (
    Approach,
    GuestPermission,
    ProposalKind,
    ProposalState,
    SpaceKind,
    SpaceState,
    TenureRole,
)

from .. import easyread, reads
from ..components import cell, row
from ..context_processors import easy_read_on
from .auditparts import approach_label, label_check
from .base import Page

TABS = (
    ("space", _("Overview")),
    ("proposals", _("Proposals")),
    ("fund", _("Money")),
    ("meetings", _("Meetings")),
    ("outside", _("Outside decisions")),
    ("perception", _("Perception check")),
    ("audit", _("Power audit")),
    ("history", _("History")),
    ("charter", _("Charter")),
)


def coordinators_to_ask(party_ids: Sequence[str], names: Mapping[str, str]) -> list[dict[str, Any]]:
    """Each of these groups that has a coordinator: a link to the group's page and its
    coordinators' names, so a page can say whom to ask instead of "ask your coordinator"
    (one query)."""
    found = reads.coordinator_names(party_ids)
    return [
        {
            "party": names.get(p, p),
            "link": format_html('<a class="govuk-link" href="{}">{}</a>',
                                reverse("web:party", args=[p]), names.get(p, p)),
            "names": ", ".join(found[p]),
        }
        for p in party_ids
        if found.get(p)
    ]


class SpacePage(Page):
    """A page about one space. Due deadlines are resolved first, so nothing shown is stale."""

    tab = "space"
    #: The overview says where you are in full; every other page in one line, the rest in a
    #: details element, so its own content starts near the top of a phone's screen and a
    #: screen reader does not read the same paragraph again on every page.
    where_in_full: ClassVar[bool] = False

    def load(self, **kwargs: Any) -> None:
        space_id = kwargs["space_id"]
        self.resolved = actions.proposals_resolve_due(space_id=space_id)
        self.view = selectors.space_get(viewer=self.person, space_id=space_id)
        self.space = self.view.space
        self.mine = reads.my_parties_in(self.person, self.view)
        self.names = reads.party_names(
            self.view.holders + self.view.former_holders + self.view.guests
            + self.view.former_guests + [self.view.viewer_party or ""]
        )

    @property
    def active(self) -> bool:
        return self.space.state == SpaceState.ACTIVE

    @property
    def my_holder_parties(self) -> list[str]:
        return [p for p, rel in self.mine.items() if rel == pol.HOLDER]

    @cached_property
    def easy_read(self) -> bool:
        return easy_read_on(self.request)

    @cached_property
    def ended(self) -> reads.Ending | None:
        return reads.how_it_ended(self.view, self.names)  # None unless the viewer's group left

    def name_of(self, party: str) -> str:
        return self.names.get(party, party)

    @property
    def host(self) -> str:
        """An own space's host, by name (the group that held it, if it has left)."""
        holders = self.view.holders or self.view.former_holders
        return self.name_of(holders[0]) if holders else ""

    @property
    def deciders(self) -> str:
        """Who decides what guests may do: the host, or the holders of a shared space."""
        if self.space.kind == SpaceKind.SHARED:
            return gettext("The groups holding this space")
        return self.host

    # -- what the viewer's group may do, and if not, who decided ----------------------------

    @cached_property
    def may_propose(self) -> bool:
        return self.active and any(
            pol.allowed(pol.require_may_propose, self.person, self.space, p) for p in self.mine
        )

    @cached_property
    def may_comment(self) -> bool:
        return self.active and pol.allowed(pol.require_may_comment, self.person, self.space)

    def _guest_held_back(self) -> bool:
        """A guest group of an active space: whatever it may not do, someone decided so."""
        return self.active and self.view.relation == pol.GUEST

    def propose_refusal(self) -> str:
        """Why the viewer's guest group may not make proposals, naming who decided ("" when it
        may, or when the banner already says why: its group left, the space is closed)."""
        if self.may_propose or not self._guest_held_back():
            return ""
        if self.space.kind == SpaceKind.SHARED:
            return gettext("In a shared space only the groups holding it make proposals.")
        return gettext("%(host)s has not allowed guests to make proposals.") % {
            "host": self.host}

    def comment_refusal(self) -> str:
        """Why the viewer's guest group may not comment, naming who decided ("" otherwise)."""
        if self.may_comment or not self._guest_held_back():
            return ""
        if self.space.kind == SpaceKind.SHARED:
            return gettext("The groups holding this space have not allowed guests to comment.")
        return gettext("%(host)s has not allowed guests to comment.") % {"host": self.host}

    def easy_by_kind(self, key: str) -> easyread.EasyRead:
        """An easy-read text true to the space's kind: a shared space's (``TEXTS[key]``: each
        holding group answers), or an own space's naming its host, who alone decides
        (``NAMED[key + "_own"]``)."""
        if self.space.kind == SpaceKind.SHARED:
            return easyread.TEXTS[key]
        return easyread.named(f"{key}_own", self.host)

    def comments_easy(self) -> easyread.EasyRead:
        """The discussion's easy-read block, by what the viewer's group may do there."""
        if self.may_comment:
            return easyread.TEXTS["comments"]
        if self._guest_held_back():
            return easyread.named("comments_read", self.deciders)
        return easyread.TEXTS["comments_read"]

    # -- the caption and the "Where you are" banner ----------------------------------------

    def caption(self) -> str:
        """The model's word for the space, said so it cannot be misread. "Your space" alone
        sounds like the space that belongs to you, so for a guest it says "as a guest" and
        whose the space is; a group that is only invited, or no longer part of the space, is
        not told "your space" at all: it is simply the other group's space."""
        label = self.view.label
        if label == "my_space":
            return gettext("My space")
        if label != "your_space":
            return gettext("Shared space")
        shared = self.space.kind == SpaceKind.SHARED
        parties = ", ".join(self.name_of(p) for p in self.view.holders)
        if self.view.relation == pol.FORMER_GUEST:
            if shared:
                return gettext("A space shared by %(parties)s – your group is no longer part "
                               "of it.") % {"parties": parties}
            return gettext("%(host)s’s space – your group is no longer part of it.") % {
                "host": self.host}
        if self.view.relation == pol.INVITED:  # only an own space's guest is invited so
            return gettext("%(host)s’s space – your group is invited as a guest.") % {
                "host": self.host}
        if shared:
            return gettext("Your space (as a guest) – shared by %(parties)s.") % {
                "parties": parties}
        return gettext("Your space (as a guest) – this is %(host)s’s space.") % {
            "host": self.host}

    @cached_property
    def invitations_waiting(self) -> dict[str, list[str]]:
        """The groups invited and not answered yet, by role (``holder``, ``guest``), by name;
        for those who may read the space's record, where the invitations are written."""
        if not self.view.can_read_ledger:
            return {}
        return reads.open_invitations_by_role(self.space)

    def _ending(self) -> str:
        ended = self.ended
        if ended is None:
            return ""
        day = date_format(timezone.localtime(ended.at), "j F Y")
        if ended.removed and ended.together:
            return gettext("The groups holding this space stopped involving your group on "
                           "%(day)s.") % {"day": day}
        if ended.removed:
            host = ended.by[0] if ended.by else gettext("The host")
            return gettext("%(host)s stopped involving your group on %(day)s.") % {
                "host": host, "day": day}
        return gettext("Your group left on %(day)s.") % {"day": day}

    def _invited_more(self, party_id: str) -> str:
        """Who can say yes for the invited group: its coordinators, named."""
        ask = coordinators_to_ask([party_id], self.names)
        if not ask:
            return gettext("Nothing changes for your group until its coordinator says yes.")
        template = escape(gettext(
            "Nothing changes for %(party)s until one of its coordinators says yes: "
            "%(names)s."))
        # The sentence is escaped first, the names too; the link is format_html's.
        return mark_safe(  # noqa: S308 - every part escaped
            template % {"party": ask[0]["link"], "names": escape(ask[0]["names"])})

    def where(self) -> dict[str, Any]:
        """The banner: ``heading`` (where you are), ``key`` (the key rule, if any), ``more``
        (the rest, folded away except on the overview). On the overview in easy read, ``easy``
        (its easy-read twin) is said in place of ``key`` and ``more``, not as well, so a screen
        reader does not hear the same thing twice; ``easy_keep`` is what only the full banner
        says and easy read must keep (whom a forming space waits for, who can say yes)."""
        view, space = self.view, self.space
        party = self.name_of(view.viewer_party or "")
        holders = ", ".join(self.name_of(p) for p in view.holders)
        icon = {"my_space": "my_space", "your_space": "your_space"}.get(
            view.label or "", "shared_space")
        key: str = ""
        more: list[str] = []
        easy: easyread.EasyRead | None = None
        easy_keep: list[str] = []
        if space.state == SpaceState.CLOSED:
            heading = gettext("This space is closed.")
            more = [gettext("Nothing in it can change now. Nothing was deleted: you can still "
                            "read everything.")]
        elif view.relation in (pol.FORMER_HOLDER, pol.FORMER_GUEST):
            heading = gettext("%(party)s is no longer part of this space.") % {"party": party}
            more = [s for s in (self._ending(), gettext(
                "You can still read this space, but your group can no longer take part.")) if s]
            if self.ended is not None:
                easy = easyread.TEXTS["stopped_involving" if self.ended.removed else "left_space"]
        elif view.relation == pol.INVITED:
            heading = gettext("%(party)s is invited to this space.") % {"party": party}
            more = [self._invited_more(view.viewer_party or "")]
            easy, easy_keep = easyread.TEXTS["invitations"], more
        elif space.kind == SpaceKind.SHARED and view.relation == pol.HOLDER:
            rules = " ".join([
                gettext("No group can remove another group."),
                gettext("A group can take back its own unspent money alone: the record "
                        "shows it."),
                gettext("Any group can choose to leave."),
            ])
            decided = " ".join([
                gettext("Every group must answer."),
                gettext("Nothing is decided here unless no group objects and at least one "
                        "agrees."),
            ])
            if space.state == SpaceState.FORMING:
                waiting = self.invitations_waiting.get(TenureRole.HOLDER, [])
                heading = gettext("This shared space has not started yet.")
                key = (gettext("Waiting for %(parties)s to say yes.")
                       % {"parties": ", ".join(waiting)} if waiting else "")
                more = [gettext("The space starts when every group has said yes."),
                        f"{decided} {rules}"]
                easy_keep = [key] if key else []
            else:
                heading = gettext("This space is shared by %(parties)s.") % {"parties": holders}
                key, more = decided, [rules]
            easy = easyread.TEXTS["shared_space"]
        elif space.kind == SpaceKind.SHARED:
            heading = gettext("You are a guest in a space shared by %(parties)s.") % {
                "parties": holders}
            key = gettext("They decide together: nothing is decided if one of them objects.")
            more = [gettext("A guest is added or removed only by a proposal that none of them "
                            "objects to.")]
            easy = easyread.TEXTS["shared_guest"]
        elif view.relation == pol.GUEST:
            host = self.host
            heading = gettext("This is %(host)s’s own space.") % {"host": host}
            key = gettext("%(host)s decides what happens here. Your group is a guest.") % {
                "host": host}
            more = [gettext("%(host)s can stop involving your group at any time.") % {
                "host": host}]
            if pol.guest_may(space, GuestPermission.GIVE_VIEWS):
                more.append(gettext("Your answers to proposals are views: they are shown to "
                                    "everyone, but they do not decide."))
            easy = easyread.named("your_space", host)
        else:
            heading = gettext("This is your group’s own space.")
            key = gettext("Your group decides what happens here.")
            more = [gettext("Guests can see and say what you allow. If you stop involving a "
                            "guest, the history shows it.")]
            easy = easyread.TEXTS["my_space"]
        in_easy_read = self.where_in_full and self.easy_read and easy is not None
        return {
            "icon": icon, "heading": heading, "key": key, "more": more,
            "full": self.where_in_full, "easy": easy if in_easy_read else None,
            "easy_keep": easy_keep if in_easy_read else [],
        }

    # -- what it is called, and what the record shows (the overview) -----------------------

    def too_early(self, report: Mapping[str, Any]) -> str:
        """Why a shared space's record cannot say yet what it is ("" when it can). Its word
        rests on its decisions (docs/audit.md: early on, read it as "too early to tell"), so
        while it forms, or nothing has been decided, the overview says so instead of a match
        or a mismatch; the audit's own figures are read, its JSON unchanged. An own space's
        word is set by what its guests may do, so it can always be said."""
        if self.space.kind != SpaceKind.SHARED:
            return ""
        if self.space.state == SpaceState.FORMING:
            return gettext("Too early to say: nothing has been decided here yet")
        if (report.get("decisions") or {}).get("total", 0):
            return ""
        if self.space.state == SpaceState.CLOSED:
            return gettext("The record cannot say: nothing was decided here")
        return gettext("Too early to say: nothing has been decided here yet")

    def label_rows(self) -> list[dict[str, Any]]:
        """What the space is called and, beside it, what the record shows: the power audit's
        own label check (read from its running counters, so a few queries however long the
        record), with a warning tag when the two differ and a link to the audit; for a shared
        space with no decisions yet, that it is too early to say."""
        report = space_report(self.space)
        check = label_check(report, gettext("This space"))
        measured: Any = approach_label(report.get("measured_approach"))
        if early := self.too_early(report):
            measured = early
        elif check["mismatch"]:
            tag = render_to_string("web/components/tag.html", {
                "text": gettext("Not what it is called"), "colour": "orange"})
            measured = format_html("{} {}", measured, SafeString(tag))
        return [
            row(_("What it is called"), Approach(self.space.claimed_approach).label),
            row(_("What the record shows"), measured,
                href=reverse("web:audit", args=[self.space.pk]),
                action=_("See the power audit")),
        ]

    def invited_rows(self) -> list[dict[str, Any]]:
        """The groups invited that have not answered yet, by what they are asked to be."""
        waiting = self.invitations_waiting
        rows = []
        if waiting.get(TenureRole.HOLDER):
            rows.append(row(_("Invited to hold it (not yet answered)"),
                            ", ".join(waiting[TenureRole.HOLDER])))
        if waiting.get(TenureRole.GUEST):
            rows.append(row(_("Invited as a guest (not yet answered)"),
                            ", ".join(waiting[TenureRole.GUEST])))
        return rows

    # -- the context every page of the space shares ----------------------------------------

    def space_context(self) -> dict[str, Any]:
        view = self.view
        easy_tabs = easyread.TABS if self.easy_read else {}
        return {
            "view": view,
            "space": self.space,
            "names": self.names,
            "holders": [self.name_of(p) for p in view.holders],
            "former_holders": [self.name_of(p) for p in view.former_holders],
            "guests": [self.name_of(p) for p in view.guests],
            "viewer_party_name": self.name_of(view.viewer_party or ""),
            "approach": Approach(self.space.claimed_approach).label,
            # Not "caption": every table a page includes without one would take it as its own.
            "space_caption": self.caption(),
            "where": self.where(),
            "may_propose": self.may_propose,
            "may_comment": self.may_comment,
            "propose_refusal": self.propose_refusal(),
            "comment_refusal": self.comment_refusal(),
            "comments_easy": self.comments_easy(),
            "proposals_easy": self.easy_by_kind("proposals"),
            "outcome_easy": self.easy_by_kind("outcome"),
            "charter_easy": self.easy_by_kind("charter"),
            "tab": self.tab,
            "tabs": [
                {"key": key, "text": easy_tabs.get(key, text),
                 "href": reverse(f"web:{key}", args=[self.space.pk])}
                for key, text in TABS
                if (key != "history" or view.can_read_ledger)
            ],
            "active": self.active,
            "ended": self.ended,
            "breadcrumbs": self.breadcrumbs(),
        }

    def breadcrumbs(self) -> list[dict[str, Any]]:
        items = [{"text": _("Your dashboard"), "href": reverse("web:dashboard")}]
        if self.tab != "space" or type(self).__name__ != "SpaceOverview":
            items.append({"text": self.space.title,
                          "href": reverse("web:space", args=[self.space.pk])})
        return items

    def state_words(self, state: str) -> Any:
        """A proposal's state; in easy read, in the words a self-advocate uses (in an own
        space, "Stopped: Council team said no": only the host can say no there)."""
        if not self.easy_read:
            return ProposalState(state).label
        if self.space.kind != SpaceKind.SHARED and state in easyread.OWN_STATES:
            return str(easyread.OWN_STATES[state]) % {"who": easyread.short_name(self.host)}
        return easyread.STATES.get(state, ProposalState(state).label)

    def proposal_table(self, proposals: list[Any]) -> dict[str, Any]:
        """The head and rows of a table of proposals, newest first."""
        names = reads.party_names([p.proposed_by_party_id for p in proposals])
        return {
            # The state comes right after the title, so a phone shows it without scrolling.
            "proposal_head": [cell(_("Proposal")), cell(_("State")), cell(_("Kind")),
                              cell(_("From"))],
            "proposal_rows": [
                [
                    cell(p.title, href=reverse("web:proposal", args=[p.pk])),
                    cell(self.state_words(p.state)),
                    cell(ProposalKind(p.kind).label),
                    cell(names.get(p.proposed_by_party_id, "")),
                ]
                for p in proposals
            ],
        }

    def context(self) -> dict[str, Any]:
        return self.space_context()
