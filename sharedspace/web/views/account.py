"""Your account: your name, an optional password, API tokens (shown once, revocable), and
removing your name and email (docs/adr/0021). The name page, asked at a first sign-in.

Setting a password and making a token need a recent sign-in: otherwise the page asks the
person to check it is them, by a new emailed link or their password (docs/adr/0032)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth import authenticate, logout, update_session_auth_hash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sharedspace.governance import actions, selectors
from sharedspace.governance import exceptions as ex

from .. import forms as f
from .. import reads
from ..components import button_cell, cell, row
from ..forms.accounts import CheckPasswordForm, NameForm
from .auth import (
    TOO_MANY,
    email_sign_in_link,
    link_tries_left,
    password_tries_left,
    sign_in,
    signed_in_recently,
)
from .base import Confirm, FormMap, Page, safe_next
from .workshop_live import join_base

# The forms that could leave someone at a computer left signed in with a way back in later
# (a password they know, a token they keep) need a recent sign-in, and what each refusal
# says. Stopping a token only takes a way in away, and a name gives none: those need not.
NEEDS_RECENT_SIGN_IN = {
    "password": gettext_lazy(
        "We need to check it is you before you set a password. Nothing was changed."),
    "token": gettext_lazy(
        "We need to check it is you before you make a token. Nothing was changed."),
}
WRONG_PASSWORD = gettext_lazy(
    "That is not your password. Try again, or ask for a sign-in link by email.")


class Account(Page):
    template_name = "web/pages/account.html"
    forms: ClassVar[FormMap] = {
        "name": NameForm, "password": f.SetPasswordForm, "token": f.TokenForm,
        "revoke": f.IdForm,
        # Checking it is you: a new sign-in link by email, or your password if you set one.
        "check_email": f.EmptyForm, "check_password": CheckPasswordForm,
    }
    # A form of NEEDS_RECENT_SIGN_IN sent without a recent sign-in: what the summary says.
    refused: str = ""

    @cached_property
    def recent(self) -> bool:
        return signed_in_recently(self.request)

    def show_form(self, name: str) -> bool:
        if name in NEEDS_RECENT_SIGN_IN:
            return self.recent
        if name == "check_email":
            return not self.recent
        if name == "check_password":
            return not self.recent and self.person.has_usable_password()
        return name != "revoke"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        name = request.POST.get("form", "")
        if name in NEEDS_RECENT_SIGN_IN and not self.recent:
            # Refused before the form is read: nothing changes, and its once-only key stays
            # unused (the page drawn again gives new ones).
            self.refused = str(NEEDS_RECENT_SIGN_IN[name])
            return self.render_page(status=403)
        return super().post(request, *args, **kwargs)

    def form_kwargs(self, name: str) -> dict[str, Any]:
        if name == "name":
            return {"initial": {"name": self.person.name}}
        if name == "password":  # checked against the person's own name and email
            return {"person": self.person}
        return {}

    def context(self) -> dict[str, Any]:
        person = self.person
        tokens = reads.tokens(person)
        return {
            "recent_sign_in": self.recent,
            # The refusal links to the place on the page where the person checks it is them.
            "recent_refusals": [{"text": self.refused, "href": "#check"}] if self.refused else [],
            "account_rows": [row(_("Name"), person.name), row(_("Email"), person.email)],
            "memberships": reads.my_memberships(person),
            # How to use a token: a real GET of the API, at the address people reach us by.
            "api_example": join_base(self.request) + reverse("api:me"),
            "token_head": [cell(_("What it is for")), cell(_("Made")), cell(_("Last used")),
                           {"text": _("Action"), "hidden": True}],
            "token_rows": [
                [
                    cell(label),
                    cell(date_format(t.created_at, "j M Y")),
                    cell(date_format(t.last_used_at, "j M Y") if t.last_used_at else _("Never")),
                    # The button names its token, so a screen reader can tell two apart.
                    button_cell(_("Stop"), form_name="revoke", name="revoke-id", value=t.pk,
                                hidden_text=label, kind="warning"),
                ]
                for t, label in zip(tokens, token_labels(tokens), strict=True)
            ],
        }

    def handle_name(self, form: NameForm) -> HttpResponse:
        actions.person_rename(actor=self.person, person_id=self.person.pk,
                                      name=form.cleaned_data["name"])
        return self.done(_("Your name is changed."), reverse("web:account"))

    def handle_password(self, form: f.SetPasswordForm) -> HttpResponse:
        # A password is account data, not governed state: no ledger entry (docs/adr/0003).
        self.person.set_password(form.cleaned_data["password"])
        self.person.save(update_fields=["password"])
        update_session_auth_hash(self.request, self.person)
        return self.done(_("Your password is set. You can still sign in by email link."),
                         reverse("web:account"))

    def handle_token(self, form: f.TokenForm) -> HttpResponse:
        token, raw = actions.token_create(actor=self.person, name=form.cleaned_data["name"])
        # Shown once, on this response only: it is never stored or shown again.
        context = self.context()
        context.update({"new_token": raw, "new_token_name": token.name,
                        "name_form": self.make_form("name"),
                        "password_form": self.make_form("password"),
                        "token_form": self.make_form("token")})
        response = render(self.request, self.template_name, context, status=201)
        response["Cache-Control"] = "no-store"
        return response

    def handle_revoke(self, form: f.IdForm) -> HttpResponse:
        actions.token_revoke(actor=self.person, token_id=form.cleaned_data["id"])
        return self.done(_("The token is stopped. It no longer works."), reverse("web:account"))

    def handle_check_email(self, form: f.EmptyForm) -> HttpResponse:
        # The same link, limits and email as the sign-in page's; it comes back here.
        if not link_tries_left(self.request, self.person.email):
            form.add_error(None, TOO_MANY)
            return self.render_page({"check_email": form}, status=429)
        email_sign_in_link(self.request, self.person, next_page=reverse("web:account"))
        return self.done(_("We emailed you a new sign-in link. Open it on this computer or "
                           "phone to come back to this page."), reverse("web:account"))

    def handle_check_password(self, form: CheckPasswordForm) -> HttpResponse:
        # The sign-in page's check and limits: the tries count with those made there.
        email = self.person.email
        if not password_tries_left(self.request, email):
            form.add_error(None, TOO_MANY)
            return self.render_page({"check_password": form}, status=429)
        person = authenticate(self.request, username=email,
                              password=form.cleaned_data["password"])
        if person is None or person.pk != self.person.pk:
            form.add_error("password", WRONG_PASSWORD)
            return self.render_page({"check_password": form}, status=422)
        # Signed in again, as on the password sign-in page: noted as recent (and links
        # emailed before stop working, as the person's last sign-in moves on).
        sign_in(self.request, person)
        return self.done(_("Thank you. Now you can set a password or make a token."),
                         reverse("web:account"))


class AccountName(Page):
    """"What should we call you?": one field, asked after a first sign-in of someone whose
    name was only made from their email (they may keep it), then on to where they were going.
    Anyone signed in may open it to change their name."""

    template_name = "web/pages/account_name.html"
    forms: ClassVar[FormMap] = {"name": NameForm}

    def form_kwargs(self, name: str) -> dict[str, Any]:
        return {"initial": {"name": self.person.name}}

    def next_page(self) -> str:
        return safe_next(self.request, self.request.GET.get("next"), reverse("web:dashboard"))

    def context(self) -> dict[str, Any]:
        return {"next": self.next_page(), "first_time": not self.person.name_chosen}

    def handle_name(self, form: NameForm) -> HttpResponse:
        actions.person_rename(actor=self.person, person_id=self.person.pk,
                                      name=form.cleaned_data["name"])
        return redirect(self.next_page())


# Taking back every comment on published work at once (ADR 36), asked first.
TAKE_BACK_ALL = Confirm(
    gettext_lazy("Take back all your comments on published work?"),
    gettext_lazy("Each comment is hidden from its page, and the page says that you took it "
                 "back. The groups that hold each space keep its words in their records."),
    gettext_lazy("Yes, take them all back"),
)


class Erase(Page):
    """Removing your name and email: what happens, plainly, then one button (rule 13)."""

    template_name = "web/pages/account_erase.html"
    forms: ClassVar[FormMap] = {"erase": f.EmptyForm, "take_back": f.EmptyForm}
    confirm: ClassVar[dict[str, Confirm]] = {"take_back": TAKE_BACK_ALL}
    preview: selectors.ErasurePreview

    def load(self, **kwargs: Any) -> None:
        self.preview = selectors.erasure_preview(viewer=self.person)

    def show_form(self, name: str) -> bool:
        if name == "take_back":
            return bool(self.commented)
        # Offered only when the core would allow it; a plain POST still gets the refusal.
        return self.preview.allowed

    @cached_property
    def commented(self) -> list[Any]:
        return reads.commented_as_friend(self.person)

    def confirm_details(self, name: str, form: Any) -> list[dict[str, Any]]:
        return [row(_("Published work"), work["title"]) for work in self.commented]

    def handle_take_back(self, form: f.EmptyForm) -> HttpResponse:
        """Every comment the person may still take back, one action each (a space that
        closed meanwhile keeps its comment, and the page says how many were taken back)."""
        taken = 0
        for comment in reads.comments_to_take_back(self.person):
            try:
                actions.public_comment_withdraw(actor=self.person, comment_id=comment)
            except ex.GovernanceError:
                continue
            taken += 1
        return self.done(ngettext("You took back %(n)s comment.",
                                  "You took back %(n)s comments.", taken) % {"n": taken},
                         reverse("web:account_erase"))

    def context(self) -> dict[str, Any]:
        return {
            "preview": self.preview,
            # Their comments on published work stay public (ADR 36): they may want to take
            # some back first.
            "commented": self.commented,
            "breadcrumbs": [{"text": _("Your account"), "href": reverse("web:account")}],
        }

    def handle_erase(self, form: f.EmptyForm) -> HttpResponse:
        actions.person_erase(actor=self.person, person_id=self.person.pk)
        logout(self.request)
        return redirect(reverse("web:account_erased"))


def erased(request: HttpRequest) -> HttpResponse:
    """The plain page after erasure. It says nothing about anyone: anyone may open it."""
    return render(request, "web/pages/account_erased.html")


def token_labels(tokens: list[Any]) -> list[str]:
    """What each token is called on the page: its name; a token made with no name is told
    apart by when it was made (to the minute, and its place among others made then)."""
    labels = [
        t.name or _("No name, made %(when)s") % {
            "when": date_format(timezone.localtime(t.created_at), "j M Y, H:i")}
        for t in tokens
    ]
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
    count: dict[str, int] = {}
    out = []
    for label in labels:
        if seen[label] > 1:
            count[label] = count.get(label, 0) + 1
            label = _("%(label)s (%(n)s of %(total)s)") % {
                "label": label, "n": count[label], "total": seen[label]}
        out.append(label)
    return out
