"""The fund of a space: balance, who gave what, spending and withdrawals, in the open."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import urlencode

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sharedspace.governance import actions, selectors
from sharedspace.governance import exceptions as ex
from sharedspace.governance import policies as pol
from sharedspace.governance.choices import FundEntryKind, ProposalKind, SpaceKind, SpaceState
from sharedspace.governance.models import Person, Proposal, Space

from .. import forms as f
from .. import reads
from ..components import cell, row
from ..templatetags.web import money
from .base import Confirm, FormMap, bound_name_is
from .spacebase import SpacePage


def may_record_spending(person: Person, space: Space) -> bool:
    """Whether the core lets this person record spending here (``actions.fund_spend``): in
    a shared space anyone in a group holding it (for a passed spending proposal), in an own
    space the host's coordinators. The money page's form and the proposal page's "Record
    this spending" are offered only then (ADR 28)."""
    if space.state != SpaceState.ACTIVE:
        return False
    if space.kind == SpaceKind.SHARED:
        return pol.allowed(pol.require_holder_member, person, space)
    return pol.allowed(pol.require_host_coordinator, person, space)


def record_spending_href(proposal: Proposal) -> str:
    """The money page at its spending form, paying for this proposal: shown with its agreed
    amount, with nothing to type (no JavaScript needed: the form reads ``?proposal=``)."""
    return (reverse("web:fund", args=[proposal.space_id]) + "?"
            + urlencode({"proposal": proposal.pk}) + "#spend")


def spend_proposal_href(space: Space) -> str:
    """The proposals page with a spending proposal chosen, at the form's heading."""
    return reverse("web:proposals", args=[space.pk]) + "?kind=spend#new"


class Fund(SpacePage):
    template_name = "web/pages/fund.html"
    tab = "fund"
    forms: ClassVar[FormMap] = {
        "commit": f.MoneyForm, "withdraw": f.MoneyForm, "spend": f.SpendForm,
    }
    error_aliases: ClassVar[dict[str, str]] = {"currency": "amount"}
    confirm: ClassVar[dict[str, Confirm]] = {
        "withdraw": Confirm(
            gettext_lazy("Take this money back from the fund?"),
            gettext_lazy("Your group takes it back on its own. Everyone in the space sees this "
                         "in the history, and the power audit counts it as money taken back "
                         "alone."),
            gettext_lazy("Yes, take the money back"),
        ),
    }

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.fund = selectors.fund_get(viewer=self.person, space_id=self.space.pk)
        self.coordinated = reads.coordinates(self.person, list(self.mine))
        self.spending = reads.passed_unspent_spending(self.space)

    @cached_property
    def may_spend(self) -> bool:
        return may_record_spending(self.person, self.space)

    def show_form(self, name: str) -> bool:
        if name == "spend":  # who the core lets spend, not only coordinators
            return self.may_spend
        if not self.active or not self.coordinated:
            return False
        if name == "withdraw":  # nothing of its own left in the fund: nothing to take back
            return any(self.fund.unspent_by.get(p, 0) > 0 for p in self.coordinated)
        return True

    def confirm_needed(self, name: str, form: Any) -> bool:
        # More than the group may take back: the core's refusal says so at once.
        data = form.cleaned_data
        return bool(data["amount"] <= self.fund.unspent_by.get(data["party"], 0))

    def confirm_details(self, name: str, form: Any) -> list[dict[str, Any]]:
        data = form.cleaned_data
        return [row(_("Group"), self.names.get(data["party"], data["party"])),
                row(_("Amount"), money(data["amount"], self.fund.currency))]

    @cached_property
    def spend_fixed(self) -> Proposal | None:
        """The one proposal the spending form pays for, shown rather than chosen: the one
        chosen by ``?proposal=`` (from the proposal page's "Record this spending"), else the
        only one waiting. None when there is a choice to make, or nothing to pay for."""
        wanted = self.request.GET.get("proposal", "")
        chosen = next((p for p in self.spending if p.pk == wanted), None)
        if chosen is None and len(self.spending) == 1:
            chosen = self.spending[0]
        return chosen

    def spend_kwargs(self) -> dict[str, Any]:
        """The passed spending proposals not paid yet, each with its agreed amount in
        money (£380.00). A posted proposal no longer waiting (paid meanwhile) is accepted, so
        the core's refusal says why."""
        proposals = list(self.spending)
        if bound_name_is(self.request, "spend"):
            posted = self.request.POST.get("spend-proposal", "")
            if posted and posted not in {p.pk for p in proposals}:
                try:
                    found = selectors.proposal_get(viewer=self.person,
                                                   proposal_id=posted).proposal
                except ex.NotFound:
                    found = None
                if (found is not None and found.space_id == self.space.pk
                        and found.kind == ProposalKind.SPEND and found.amount is not None):
                    proposals.append(found)
        agreed = {p.pk: (p.amount, self.agreed_amount(p)) for p in proposals}
        return {"proposals": [(p.pk, f"{p.title} ({agreed[p.pk][1]})") for p in proposals],
                "agreed": agreed}

    def agreed_amount(self, proposal: Proposal) -> str:
        return money(proposal.amount, proposal.currency or self.fund.currency)

    def spend_context(self) -> dict[str, Any]:
        """What the spending part of the page shows: the one proposal it pays for (with a
        way to choose another when more are waiting), or the choice of those waiting; in an
        own space also spending without a proposal, which asks how much."""
        fixed = self.spend_fixed
        return {
            "spend_waiting": len(self.spending),
            "spend_fixed": fixed.pk if fixed is not None else "",
            # Less in the fund than it agreed: no button the core would refuse (as on the
            # proposal page), but how much the fund holds.
            "spend_fund_too_low": money(self.fund.balance, self.fund.currency)
            if fixed is not None and fixed.amount is not None
            and fixed.amount > self.fund.balance else "",
            "spend_fixed_rows": [
                row(_("Proposal"), fixed.title),
                row(_("Amount agreed"), self.agreed_amount(fixed)),
            ] if fixed is not None else [],
            # Chosen on the proposal page while others wait too: the page without the choice.
            "spend_choose_href": reverse("web:fund", args=[self.space.pk]) + "#spend"
            if fixed is not None and len(self.spending) > 1 else "",
        }

    def form_kwargs(self, name: str) -> dict[str, Any]:
        if name == "spend":
            return self.spend_kwargs()
        if bound_name_is(self.request, name):  # let the core explain a refusal
            return {"parties": reads.as_choices(list(self.mine), self.names)}
        return {"parties": reads.as_choices(self.coordinated, self.names)}

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        fund = self.fund
        names = dict(self.names)
        paid_for = reads.proposal_titles({e.proposal_id for e in fund.entries if e.proposal_id})
        names.update(reads.party_names(
            list(fund.committed_by) + [e.party_id or "" for e in fund.entries]
        ))
        cur = fund.currency
        returned = sum(fund.returned_by.values(), Decimal(0))
        context.update(
            {
                "shared": self.space.kind == SpaceKind.SHARED,
                "fund_rows": [
                    row(_("Money in the fund now"), money(fund.balance, cur)),
                    row(_("Given in total"), money(sum(fund.committed_by.values(), Decimal(0)),
                                                   cur)),
                    row(_("Spent"), money(fund.spent, cur)),
                    row(_("Taken back"), money(fund.withdrawn - returned, cur)),
                    *([row(_("Given back when the space closed"), money(returned, cur))]
                      if returned else []),
                ],
                # What each group gave, and what became of it: spent by consent, taken
                # back alone, still in the fund. "Gave" alone would overstate a group that
                # took money back.
                "share_head": [cell(_("Group")), cell(_("Gave"), numeric=True),
                               cell(_("Spent"), numeric=True),
                               cell(_("Took back alone") if self.space.kind == SpaceKind.SHARED
                                    else _("Took back"), numeric=True),
                               *([cell(_("Given back when it closed"), numeric=True)]
                                 if returned else []),
                               cell(_("Not spent yet"), numeric=True)],
                "share_rows": [
                    [cell(names.get(p, p)), cell(money(amount, cur), numeric=True),
                     cell(money(fund.spent_by.get(p, Decimal(0)), cur), numeric=True),
                     cell(money(fund.withdrawn_by.get(p, Decimal(0))
                                - fund.returned_by.get(p, Decimal(0)), cur), numeric=True),
                     *([cell(money(fund.returned_by.get(p, Decimal(0)), cur), numeric=True)]
                       if returned else []),
                     cell(money(fund.unspent_by.get(p, Decimal(0)), cur), numeric=True)]
                    for p, amount in fund.committed_by.items()
                ],
                # What each group this person coordinates may take back (the core's limit).
                "take_back_limits": [
                    {"group": names.get(p, p),
                     "amount": money(fund.unspent_by.get(p, Decimal(0)), cur)}
                    for p in self.coordinated if fund.unspent_by.get(p, Decimal(0)) > 0
                ],
                # In the space, but not a coordinator: who can give or take back (and
                # spend, unless the core lets this person spend too).
                "coordinators": (
                    [{"group": names.get(p, p), "people": people}
                     for p, people in reads.coordinator_names(list(self.mine)).items()]
                    if self.active and self.mine and not self.coordinated else []
                ),
                "coordinators_spend": not self.may_spend,
                # Someone who may not spend, but may ask for spending: their next step.
                "may_propose_spending": not self.may_spend and self.may_propose,
                "no_spending_proposal": self.space.kind == SpaceKind.SHARED
                and not self.spending,
                "spend_proposal_href": spend_proposal_href(self.space),
                **self.spend_context(),
                "entry_head": [cell(_("When")), cell(_("What")), cell(_("Group")),
                               cell(_("Amount"), numeric=True)],
                "entry_rows": [
                    [cell(date_format(timezone.localtime(e.created_at), "j M Y")),
                     # Spending says, and links to, the proposal it paid for: everyone sees why.
                     cell(_("%(what)s: %(title)s") % {"what": FundEntryKind(e.kind).label,
                                                      "title": paid_for[e.proposal_id]}
                          if e.proposal_id in paid_for else FundEntryKind(e.kind).label
                          + (" " + _("(acting alone)") if e.unilateral else ""),
                          href=reverse("web:proposal", args=[e.proposal_id])
                          if e.proposal_id else "",
                          hidden_text=_("(the proposal it paid for)") if e.proposal_id else ""),
                     cell(names.get(e.party_id or "", "")),
                     cell(money(e.amount, e.currency), numeric=True)]
                    for e in fund.entries
                ],
            }
        )
        return context

    def _back(self) -> str:
        return reverse("web:fund", args=[self.space.pk])

    def handle_commit(self, form: f.MoneyForm) -> HttpResponse:
        actions.fund_commit(actor=self.person, space_id=self.space.pk,
                            party=form.cleaned_data["party"],
                            amount=str(form.cleaned_data["amount"]))
        return self.done(_("The money is added to the fund."), self._back())

    def handle_withdraw(self, form: f.MoneyForm) -> HttpResponse:
        party = form.cleaned_data["party"]
        try:
            actions.fund_withdraw(actor=self.person, space_id=self.space.pk, party=party,
                                  amount=str(form.cleaned_data["amount"]))
        except ex.MoreThanUnspent as refused:
            # The same refusal (its code and status), said beside the amount with the limit.
            raise ex.MoreThanUnspent(fields={"amount": self.take_back_limit(party)}
                                     ) from refused
        return self.done(_("The money is taken back. Everyone in the space can see this."),
                         self._back())

    def take_back_limit(self, party: str) -> str:
        """How much the group can take back, as it is now (read again: the fund may have
        changed since the page was drawn). The page around the error shows the same."""
        self.fund = selectors.fund_get(viewer=self.person, space_id=self.space.pk)
        group = self.names.get(party) or reads.party_names([party]).get(party, party)
        left = self.fund.unspent_by.get(party, Decimal(0))
        if left <= 0:
            return _("%(group)s has no money in this fund that it can take back.") % {
                "group": group}
        return _("%(group)s can take back at most %(amount)s.") % {
            "group": group, "amount": money(left, self.fund.currency)}

    def handle_spend(self, form: f.SpendForm) -> HttpResponse:
        actions.fund_spend(actor=self.person, space_id=self.space.pk,
                           amount=str(form.cleaned_data["amount"]),
                           proposal=form.cleaned_data["proposal"] or None)
        return self.done(_("The spending is recorded."), self._back())
