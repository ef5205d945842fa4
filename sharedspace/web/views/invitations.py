"""Answering invitations: only the invited group's own coordinator can say yes or no."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from sharedspace.governance import actions

from .. import forms as f
from .base import FormMap, Page

FORMS: FormMap = {"accept": f.IdForm, "decline": f.IdForm}


class InvitationAnswers(Page):
    """Pages that list invitations take the answers themselves, so refusals show there."""

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
