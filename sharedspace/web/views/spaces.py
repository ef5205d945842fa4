"""Opening a space, the space's own page (with its discussion), guests, leaving."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar
from urllib.parse import urlencode

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sharedspace.governance import actions, selectors
from sharedspace.governance import policies as pol
from sharedspace.governance.choices import GuestPermission, ProposalKind, SpaceKind

from .. import forms as f
from .. import present, publications, reads
from ..components import button_cell, cell, row
from .base import Confirm, FormMap, Page, bound_name_is
from .invitations import FORMS, InvitationAnswers
from .proposals import end_of_day, proposer_choices, proposers
from .spacebase import SpacePage, coordinators_to_ask
from .workshop_links import for_space as workshops_part


class SpaceNew(Page):
    """Making a space, in two steps, with no JavaScript: first whose space it is (a GET
    form, ``?kind=own`` or ``?kind=shared``), then only the fields that kind of space needs.
    A shared space's other groups and charter are not asked of an own space, nor what guests
    may do of a shared one (its guests come and go by passed proposals)."""

    template_name = "web/pages/space_new.html"
    forms: ClassVar[FormMap] = {"space": f.SpaceForm}
    error_aliases: ClassVar[dict[str, str]] = {
        "holders": "others",
        "charter": "charter_purpose",
        **{f"charter.{key}": f"charter_{key}" for key in f.CHARTER_KEYS},
    }

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        # The kind chosen: the one sent with the form, else the one in the address.
        if bound_name_is(self.request, "space"):
            kind = self.request.POST.get("space-kind", "")
        else:
            kind = self.request.GET.get("kind", "")
        self.kind = kind if kind in dict(f.SPACE_KINDS) else None

    def show_form(self, name: str) -> bool:
        return self.kind is not None

    def form_kwargs(self, name: str) -> dict[str, Any]:
        mine = reads.coordinator_parties(self.person)
        return {"parties": mine, "others": reads.other_parties([p for p, _n in mine]),
                "kind": self.kind}

    def kind_step(self) -> dict[str, Any]:
        """The first step; once chosen, the kind with a link to choose again. "Continue"
        with nothing chosen (``?step=kind``), or a form sent without a kind, says so."""
        if self.kind is not None:
            return {"space_kind": self.kind,
                    "kind_rows": [row(_("Whose space is it?"), dict(f.SPACE_KINDS)[self.kind],
                                      href=reverse("web:space_new"), action=_("Change"))]}
        sent: Any = None
        if self.request.method == "POST":
            sent = {}
        elif "step" in self.request.GET or "kind" in self.request.GET:
            sent = self.request.GET
        kind_form = f.SpaceKindForm(sent)
        if kind_form.is_bound:
            kind_form.is_valid()  # its error, in the summary and beside the choice
        return {"kind_form": kind_form, "kind_hints": f.SPACE_KIND_HINTS}

    def context(self) -> dict[str, Any]:
        coordinates = bool(reads.coordinator_parties(self.person))
        if coordinates:
            return {"coordinates": True, **self.kind_step()}
        # Whom to ask instead: the coordinators of each of the person's groups, named.
        groups = {m.party_id: m.party.name for m in reads.my_memberships(self.person)}
        return {"coordinates": False, "in_a_group": bool(groups),
                "coordinators": coordinators_to_ask(list(groups), groups)}

    def handle_space(self, form: f.SpaceForm) -> HttpResponse:
        data = form.cleaned_data
        shared = data["kind"] == "shared"  # its other groups and charter: SpaceForm.clean
        holders = [data["party"], *(data["others"] if shared else [])]
        space = actions.space_create(
            actor=self.person,
            title=data["title"],
            purpose=data["purpose"],
            holders=holders,
            claimed_approach=data["claimed_approach"],
            guest_permissions=None if shared else data["guest_permissions"],
            charter=form.charter() if shared else None,
        )
        if shared:
            message = _("The shared space is made. It starts when every other group accepts.")
        else:
            message = _("Your group's space is made.")
        return self.done(message, reverse("web:space", args=[space.pk]))


# Stopping involving a guest: the page's own warning, asked about with the group named.
STOP_INVOLVING = Confirm(
    gettext_lazy("Stop involving %(group)s?"),
    gettext_lazy("Stopping involving a guest takes effect at once, without their agreement. "
                 "They can no longer take part: they cannot comment, propose or give views. "
                 "But they can still read this space, as they can now, including what happens "
                 "here later. The history records that you stopped involving them, and the "
                 "power audit counts it."),
    gettext_lazy("Yes, stop involving them"),
    easy_read="stop_involving",
    # Not "cannot be undone": the group can be invited again; what was done stays recorded.
    warning=gettext_lazy("You can invite them again later. The record will always show that "
                         "you stopped involving them."),
)


class SpaceOverview(SpacePage, InvitationAnswers):
    template_name = "web/pages/space.html"
    where_in_full = True
    forms: ClassVar[FormMap] = {
        "comment": f.CommentForm, "invite": f.InviteForm, "remove": f.IdForm,
        "settings": f.SettingsForm, "details": f.SpaceDetailsForm, **FORMS,
    }
    confirm: ClassVar[dict[str, Confirm]] = {"remove": STOP_INVOLVING}

    def show_form(self, name: str) -> bool:
        if name == "comment":
            return self.active and pol.allowed(pol.require_may_comment, self.person, self.space)
        if name in ("invite", "settings", "details"):
            return self.host_coordinator
        return False

    def confirm_needed(self, name: str, form: Any) -> bool:
        # Asked only when it would be done: a host coordinator, a current guest.
        return self.host_coordinator and form.cleaned_data["id"] in self.view.guests

    def confirm_for(self, name: str, form: Any) -> Confirm:
        group = self.names.get(form.cleaned_data["id"], "")
        return Confirm(STOP_INVOLVING.question % {"group": group}, STOP_INVOLVING.what_happens,
                       STOP_INVOLVING.yes, STOP_INVOLVING.easy_read,
                       warning=STOP_INVOLVING.warning)

    def confirm_details(self, name: str, form: Any) -> list[dict[str, Any]]:
        return [row(_("Guest group"), self.names.get(form.cleaned_data["id"], "")),
                row(_("Space"), self.space.title)]

    @property
    def host_coordinator(self) -> bool:
        return (
            self.active
            and self.space.kind == SpaceKind.OWN
            and bool(reads.coordinates(self.person, self.view.holders[:1]))
        )

    def form_kwargs(self, name: str) -> dict[str, Any]:
        if name == "invite":
            current = self.view.holders + self.view.guests
            return {"parties": reads.other_parties(current)}
        if name == "settings":
            return {"initial": {"guest_permissions": self.space.guest_permissions,
                                "claimed_approach": self.space.claimed_approach}}
        if name == "details":
            return {"initial": {"title": self.space.title, "purpose": self.space.purpose}}
        return {}

    def guest_proposals(self) -> dict[str, Any]:
        """Shared space: guests come and go only by passed proposals. Links that open the
        proposal form filled in, for people who may propose."""
        if not (self.active and self.space.kind == SpaceKind.SHARED and proposers(self)):
            return {}
        base = reverse("web:proposals", args=[self.space.pk])

        def href(**query: str) -> str:
            return base + "?" + urlencode(query) + "#new"

        return {
            "propose_guests": True,
            "propose_add_guest": href(kind=ProposalKind.ADD_GUEST),
            "propose_add_holder": href(kind=ProposalKind.ADD_HOLDER),
            "shared_guest_head": [cell(_("Guest group")), {"text": _("Action"), "hidden": True}],
            "shared_guest_table": [
                [cell(self.names.get(p, p)),
                 cell(_("Propose ending their involvement"),
                      href=href(kind=ProposalKind.REMOVE_GUEST, party=p),
                      hidden_text=self.names.get(p, p))]
                for p in self.view.guests
            ],
        }

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        space = self.space
        none = _("None")
        context.update(self.proposal_table(reads.recent_proposals(space, limit=10)))
        rows = [
            row(_("What it is for"), space.purpose),
            row(_("Held by"), ", ".join(context["holders"]) or none),
            row(_("Guests"), ", ".join(context["guests"]) or none),
            *self.invited_rows(),
        ]
        if context["former_holders"]:
            rows.append(row(_("Groups that left"), ", ".join(context["former_holders"])))
        if space.kind == SpaceKind.OWN:
            rows.append(row(_("Guests may"), ", ".join(
                str(GuestPermission(p).label) for p in (space.guest_permissions or [])
            ) or none))
        rows.extend(self.label_rows())  # what it is called, and what the record shows
        context.update(
            {
                "space_rows": rows,
                **self.discussion(),
                "host_coordinator": self.host_coordinator,
                "invitations": [
                    i for i in selectors.invitations_open(viewer=self.person)
                    if i.space_id == space.pk
                ],
                "guest_head": [cell(_("Guest group")), {"text": _("Action"), "hidden": True}],
                "guest_table": [
                    [cell(self.names.get(p, p)),
                     button_cell(_("Stop involving"), form_name="remove", name="remove-id",
                                 value=p, hidden_text=self.names.get(p, p), kind="warning")]
                    for p in self.view.guests
                ],
                "can_leave": not space.is_closed
                and bool(reads.coordinates(self.person, list(self.mine))),
                "can_propose_removal": self.active and bool(proposers(self)),
            }
        )
        context.update(self.guest_proposals())
        context.update(workshops_part(self))  # an open workshop, the latest results, or run one
        # Work this space published (ADR 36): its newest, in one query; none, no section.
        context["publications"], context["publications_more"] = publications.of_space(space)
        return context

    def discussion(self) -> dict[str, Any]:
        """The newest comments, or every one (up to 500) when asked: ``?comments=all``."""
        if self.request.GET.get("comments") == "all":
            return {"comments": reads.comments(self.space), "comments_older": False}
        comments, older = reads.latest_comments(self.space)
        return {"comments": comments, "comments_older": older}

    def handle_comment(self, form: f.CommentForm) -> HttpResponse:
        actions.comment_add(actor=self.person, space_id=self.space.pk,
                            body=form.cleaned_data["body"])
        return self.done(_("Your comment is added."),
                         reverse("web:space", args=[self.space.pk]) + "#discussion")

    def handle_invite(self, form: f.InviteForm) -> HttpResponse:
        actions.guest_invite(actor=self.person, space_id=self.space.pk,
                             party_id=form.cleaned_data["party"])
        return self.done(
            _("The invitation is sent. The group is a guest once its coordinator accepts."),
            reverse("web:space", args=[self.space.pk]),
        )

    def handle_settings(self, form: f.SettingsForm) -> HttpResponse:
        actions.space_settings_update(
            actor=self.person, space_id=self.space.pk,
            guest_permissions=form.cleaned_data["guest_permissions"],
            claimed_approach=form.cleaned_data["claimed_approach"],
        )
        return self.done(_("The space's settings are saved. The history shows the change."),
                         reverse("web:space", args=[self.space.pk]))

    def handle_details(self, form: f.SpaceDetailsForm) -> HttpResponse:
        actions.space_settings_update(
            actor=self.person, space_id=self.space.pk,
            title=form.cleaned_data["title"], purpose=form.cleaned_data["purpose"],
        )
        return self.done(_("The space’s name and purpose are saved. The history shows the "  # noqa: RUF001
                           "change."),
                         reverse("web:space", args=[self.space.pk]))

    def handle_remove(self, form: f.IdForm) -> HttpResponse:
        actions.guest_remove(actor=self.person, space_id=self.space.pk,
                             party_id=form.cleaned_data["id"])
        return self.done(
            _("You stopped involving that group. This is recorded in the history."),
            reverse("web:space", args=[self.space.pk]),
        )


class Leave(SpacePage):
    """Leaving, explained first, then confirmed with one button."""

    template_name = "web/pages/leave.html"
    forms: ClassVar[FormMap] = {"leave": f.PartyChoiceForm}

    def leavable(self) -> list[tuple[str, str]]:
        return reads.as_choices(reads.coordinates(self.person, list(self.mine)), self.names)

    def show_form(self, name: str) -> bool:
        return bool(self.leavable()) and not self.space.is_closed

    def form_kwargs(self, name: str) -> dict[str, Any]:
        parties = self.leavable()
        if bound_name_is(self.request, name):  # let the core explain a refusal
            parties = reads.as_choices(list(self.mine), self.names)
        return {"parties": parties, "label": _("Which of your groups is leaving?")}

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        context["is_holder"] = bool(self.my_holder_parties)
        if not self.leavable():
            context["coordinators"] = coordinators_to_ask(list(self.mine), self.names)
        context["last_two"] = self.space.kind == SpaceKind.SHARED and len(self.view.holders) <= 2
        context["money_left"] = self.money_left(
            closes=bool(self.my_holder_parties) and (context["last_two"]
                                                     or self.space.kind == SpaceKind.OWN))
        return context

    def money_left(self, *, closes: bool) -> dict[str, Any] | None:
        """What leaving does to money still in the fund. When leaving closes the space, each
        group's unspent money goes back to it as it closes (ADR 39), and a spending proposal
        that passed but was not spent never will be: the page says so before, with the
        amounts. When the space stays open, the group's money stays in the fund."""
        if self.space.is_closed:
            return None
        fund = selectors.fund_get(viewer=self.person, space_id=self.space.pk)
        if fund.balance <= 0:
            return None
        mine = sum((fund.unspent_by.get(p, 0) for p in self.mine), Decimal("0"))
        unspent_proposals = closes and bool(reads.passed_unspent_spending(self.space))
        return {"closes": closes, "total": fund.balance, "mine": mine,
                "others": fund.balance - mine, "currency": fund.currency,
                "unspent_proposals": unspent_proposals}

    def handle_leave(self, form: f.PartyChoiceForm) -> HttpResponse:
        actions.space_leave(actor=self.person, space_id=self.space.pk,
                            party_id=form.cleaned_data["party"])
        return self.done(
            _("Your group has left the space. You can still read everything up to today."),
            reverse("web:space", args=[self.space.pk]),
        )


class Charter(SpacePage):
    template_name = "web/pages/charter.html"
    tab = "charter"
    forms: ClassVar[FormMap] = {"charter": f.CharterForm}
    error_aliases: ClassVar[dict[str, str]] = {
        "charter": "purpose", **{f"charter.{key}": key for key in f.CHARTER_KEYS},
    }

    def show_form(self, name: str) -> bool:
        return self.active and bool(proposers(self))

    def form_kwargs(self, name: str) -> dict[str, Any]:
        # The charter as it reads now, to change where it should change.
        return {"current": self.space.charter or {}, "mine": proposer_choices(self, name)}

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        context["sections"] = present.charter_rows(self.space.charter)
        return context

    def handle_charter(self, form: f.CharterForm) -> HttpResponse:
        proposal = actions.proposal_submit(
            actor=self.person, space_id=self.space.pk, kind="charter",
            title=form.cleaned_data["title"], charter=form.charter(),
            closes_at=end_of_day(form.cleaned_data["closes_at"]),
            as_party=form.cleaned_data["as_party"] or None,
        )
        return self.done(_("Your proposal to change the charter is open for answers."),
                         reverse("web:proposal", args=[proposal.pk]))
