"""Your account: your name, an optional password, API tokens (shown once, revocable), and
removing your name and email (docs/adr/0021). The name page, asked at a first sign-in."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth import logout, update_session_auth_hash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sharedspace.governance import actions, selectors

from .. import forms as f
from .. import reads
from ..components import button_cell, cell, row
from ..forms.accounts import NameForm
from .base import FormMap, Page, safe_next


class Account(Page):
    template_name = "web/pages/account.html"
    forms: ClassVar[FormMap] = {
        "name": NameForm, "password": f.SetPasswordForm, "token": f.TokenForm,
        "revoke": f.IdForm,
    }

    def show_form(self, name: str) -> bool:
        return name != "revoke"

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
            "account_rows": [row(_("Name"), person.name), row(_("Email"), person.email)],
            "memberships": reads.my_memberships(person),
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


class Erase(Page):
    """Removing your name and email: what happens, plainly, then one button (rule 13)."""

    template_name = "web/pages/account_erase.html"
    forms: ClassVar[FormMap] = {"erase": f.EmptyForm}
    preview: selectors.ErasurePreview

    def load(self, **kwargs: Any) -> None:
        self.preview = selectors.erasure_preview(viewer=self.person)

    def show_form(self, name: str) -> bool:
        # Offered only when the core would allow it; a plain POST still gets the refusal.
        return self.preview.allowed

    def context(self) -> dict[str, Any]:
        return {
            "preview": self.preview,
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
