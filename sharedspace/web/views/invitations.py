"""Answering invitations: only the invited group's own coordinator can say yes or no.
Saying yes is asked about first, with what the group joins: a shared space's charter and
rules, or what a guest may do in another group's space."""

from __future__ import annotations

import hashlib
import json
from typing import Any, ClassVar

from django import forms as djforms
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from sharedspace.governance import actions, selectors
from sharedspace.governance import exceptions as ex
from sharedspace.governance import policies as pol
from sharedspace.governance.choices import GuestPermission, SpaceKind, TenureRole
from sharedspace.governance.models import Invitation

from .. import forms as f
from .. import present, reads
from ..components import row
from .base import Confirm, FormMap, Page

FORMS: FormMap = {"accept": f.IdForm, "decline": f.IdForm}


class InvitationAnswers(Page):
    """Pages that list invitations take the answers themselves, so refusals show there."""

    confirm: ClassVar[dict[str, Confirm]] = {
        # The words are filled in by ``confirm_for``: they name the space.
        "accept": Confirm("", "", ""),
    }

    def _asked_about(self, form: djforms.Form) -> Invitation | None:
        try:
            return selectors.invitation_get(viewer=self.person,
                                            invitation_id=form.cleaned_data["id"])
        except ex.NotFound:
            return None

    def confirm_needed(self, name: str, form: djforms.Form) -> bool:
        # An invitation this person cannot answer (not found; not the group's coordinator):
        # the core's refusal says so at once.
        invitation = self._asked_about(form)
        return invitation is not None and pol.allowed(
            pol.require_coordinator, self.person, invitation.party_id)

    def confirm_for(self, name: str, form: djforms.Form) -> Confirm:
        invitation = self._asked_about(form)
        if invitation is None:  # confirm_needed said it is there; gone since: not found
            raise ex.NotFound
        space = invitation.space
        title = {"title": space.title}
        if invitation.as_role == TenureRole.HOLDER:
            happens = _(
                "Your group becomes one of the groups that hold this space, as equals. Nothing "
                "is decided there unless no group says no and at least one says yes. No group "
                "can remove another."
            )
        elif space.kind == SpaceKind.SHARED:
            # The groups holding a shared space invited the guest together, by a passed
            # proposal, and can only remove it the same way (DESIGN rule 5).
            happens = _(
                "Your group becomes a guest. The groups that hold the space decide there, "
                "together. They can stop involving your group only by a proposal that none "
                "of them objects to."
            )
        else:
            happens = _(
                "Your group becomes a guest. The group that holds the space decides there, "
                "and it can stop involving your group at any time."
            )
        return Confirm(
            _("Say yes to “%(title)s”?") % title, happens, _("Yes, join this space"),
            warning=_("Your group can leave later. The record will show that it joined."),
            button="",
        )

    def confirm_details(self, name: str, form: djforms.Form) -> list[dict[str, Any]]:
        invitation = self._asked_about(form)
        if invitation is None:
            return []
        space = invitation.space
        names = reads.party_names([invitation.party_id])
        rows = [row(_("Space"), space.title),
                row(_("Your group"), names.get(invitation.party_id, ""))]
        if invitation.as_role == TenureRole.HOLDER:  # what it agrees to: the charter
            rows += [row(r["key"], r["value"]) for r in present.charter_rows(space.charter)]
        else:
            allowed = [str(GuestPermission(p).label) for p in (space.guest_permissions or [])]
            rows.append(row(_("What your group may do there"),
                            ", ".join(allowed) or _("Nothing more than be listed")))
        return rows

    def confirm_seen(self, name: str, form: djforms.Form) -> str:
        # "Yes" agrees to the charter, rules or guest permissions the page showed: if a
        # passed proposal changed them meanwhile, the question is asked again.
        invitation = self._asked_about(form)
        if invitation is None:
            return ""
        space = invitation.space
        shown = {"role": invitation.as_role, "charter": space.charter,
                 "guests_may": sorted(space.guest_permissions or [])}
        return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()[:32]

    def handle_accept(self, form: f.IdForm) -> HttpResponse:
        invitation = actions.invitation_accept(
            actor=self.person, invitation_id=form.cleaned_data["id"]
        )
        return self.done(
            _("Your group said yes. You are now part of “%(title)s”.")
            % {"title": invitation.space.title},
            reverse("web:space", args=[invitation.space_id]),
        )

    def handle_decline(self, form: f.IdForm) -> HttpResponse:
        invitation = actions.invitation_decline(
            actor=self.person, invitation_id=form.cleaned_data["id"]
        )
        return self.done(
            _("Your group said no to “%(title)s”.") % {"title": invitation.space.title},
            reverse("web:dashboard"),
        )
