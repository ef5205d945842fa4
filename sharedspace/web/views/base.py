"""What every page shares: sign-in, forms posted back to the same page, refusals shown
in the error summary (never a bare 403), and not-found pages for what one may not see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlencode

from django import forms as djforms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from sharedspace.governance import exceptions as ex
from sharedspace.governance import policies as pol
from sharedspace.governance.models import Person

from .. import refusals
from ..once import keys as once

FormMap = dict[str, type[djforms.Form]]

# A form sent with a once-only key that this site did not make, or made too long ago.
STALE_FORM = gettext_lazy("This page was open for too long, so nothing was done. Check the "
                          "form and press the button again.")

# The field a confirm page sends back with a digest of what it showed (``confirm_seen``).
SEEN = "confirm_seen"


@dataclass(frozen=True)
class Confirm:
    """A form whose action cannot be undone is asked about first: ``question`` is the
    confirm page's heading, ``what_happens`` says what follows, ``yes`` is the button.
    ``easy_read`` names an easy-read text about this action, shown after the one every
    confirm page has."""

    question: Any
    what_happens: Any
    yes: Any
    easy_read: str = ""
    # The warning under it; "This cannot be undone." when not given.
    warning: Any = ""
    # The button's look: "warning" (red) for what takes something away; "" (the usual
    # green) for saying yes to something, such as joining a space.
    button: str = "warning"


def apply_refusal(
    form: djforms.BaseForm, error: ex.GovernanceError, aliases: dict[str, str]
) -> None:
    """Put a refusal from the core on the form: on the fields it names, else on the form."""
    if not error.fields:
        form.add_error(None, refusals.message(error))
        return
    for key, message in error.fields.items():
        name = aliases.get(key, key)
        form.add_error(name if name in form.fields else None,
                       refusals.field_message(error, message))


def safe_next(request: HttpRequest, value: str | None, default: str) -> str:
    """Only ever send people back to a page on this site."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return default


def bound_name_is(request: HttpRequest, name: str) -> bool:
    """Whether this request posts the page form called ``name``."""
    return request.method == "POST" and request.POST.get("form") == name


def sign_in_redirect(request: HttpRequest) -> HttpResponse:
    return redirect(reverse("web:sign_in") + "?" + urlencode({"next": request.get_full_path()}))


class Page(View):
    """A page with any number of forms that post back to it.

    Each form posted carries a hidden ``form`` field naming it; ``handle_<name>(form)``
    calls the action and returns the response (usually a redirect). A refusal re-renders
    the page with the form's errors in the error summary and the HTTP status of the refusal.

    Each form also carries a once-only key (``once``), put in as the page is drawn: the
    handler runs in one transaction with the key's claim, so the same form sent twice acts
    once (docs/adr/0030). Sending it again goes where the first send went, with "You sent
    this twice. We did it only once."
    """

    template_name: ClassVar[str]
    login_required: ClassVar[bool] = True
    forms: ClassVar[FormMap] = {}
    # Core field names (as in GovernanceError.fields) that a form calls something else.
    error_aliases: ClassVar[dict[str, str]] = {}
    # Forms that do what cannot be undone: posting one first shows a page saying what will
    # happen, with "Yes" and "No, go back" (a plain form again: no JavaScript needed).
    confirm: ClassVar[dict[str, Confirm]] = {}
    # False for pages whose forms are safe to send twice and must keep nothing about who
    # sent them (a workshop's anonymous participant pages): no once-only keys there.
    once_keys: ClassVar[bool] = True

    request: HttpRequest

    @property
    def person(self) -> Person:
        return self.request.user  # type: ignore[return-value]

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        if self.login_required and not request.user.is_authenticated:
            return sign_in_redirect(request)
        try:
            self.load(**kwargs)
            response = super().dispatch(request, *args, **kwargs)
        except ex.NotFound:
            raise Http404 from None
        # Every page form gets a new key each time it is drawn, also when it is shown again
        # with errors; what a handler drew itself (a page shown once) too.
        return once.stamp(response) if self.once_keys else response

    def load(self, **kwargs: Any) -> None:
        """Read what the page is about (through selectors); NotFound becomes a 404."""

    def context(self) -> dict[str, Any]:
        return {}

    def form_kwargs(self, name: str) -> dict[str, Any]:
        return {}

    def make_form(self, name: str, data: Any = None) -> djforms.Form:
        return self.forms[name](data, prefix=name, **self.form_kwargs(name))

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Drawing the page writes nothing: the rules it checks share one read of who
        # belongs where (docs/adr/0017).
        with pol.remembering():
            return self.render_page()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        name = request.POST.get("form", "")
        if name not in self.forms:  # only a hand-made request gets here
            return render(request, "400.html", status=400)
        try:
            key = once.read(request.POST.get(once.FIELD)) if self.once_keys else None
            stale = False
        except once.Stale:
            key, stale = None, True
        if key is not None:
            # What was sent counts with the key: the same form sent again with other words
            # (after Back) is a new request, not the first one repeated.
            key = once.claim_for(key, request.POST, request.FILES)
            went = once.went_to(key)
            if went is not None:  # sent again: checked before the form, which may not fit now
                return self.already_done(went)
        form = self.make_form(name, request.POST)
        status = 200
        if form.is_valid() and stale:
            form.add_error(None, STALE_FORM)
            status = 400
        elif form.is_valid():
            if name in self.confirm and self.confirm_needed(name, form):
                if request.POST.get("confirmed") != "yes":
                    return self.render_confirm(name, form)
                seen = request.POST.get(SEEN)
                if seen is not None and seen != self.confirm_seen(name, form):
                    # What the question showed changed before "Yes" was pressed (a charter,
                    # say): ask again, showing it as it is now. (A form sent with "yes" but
                    # without the digest never showed a question: it acts as before.)
                    return self.render_confirm(name, form, changed=True)
            handler: Callable[[djforms.Form], HttpResponse] = getattr(self, f"handle_{name}")
            try:
                if key is None:
                    # No key: a hand-made request (which could make keys anyway) or a page
                    # drawn before keys were put in. It acts as before.
                    return handler(form)
                response = once.act(key, lambda: handler(form))
                if response is None:  # the same form, sent at the same moment, won
                    return self.already_done(once.went_to(key) or "")
                return response
            except ex.NotFound as error:
                if error.message != ex.NotFound().message:
                    form.add_error(None, refusals.message(error))
                    status = 404
                else:
                    raise
            except ex.GovernanceError as error:
                apply_refusal(form, error, self.error_aliases)
                status = error.status
        return self.render_page({name: form}, status=status)

    def already_done(self, went_to: str) -> HttpResponse:
        """A form sent again with a key already used: nothing is done again. Go where the
        first send went (else this page), saying so."""
        messages.info(self.request, _("You sent this twice. We did it only once."))
        return redirect(safe_next(self.request, went_to, self.request.get_full_path()))

    def confirm_needed(self, name: str, form: djforms.Form) -> bool:
        """Whether to ask first; False when the core would refuse anyway, so the person
        reads the refusal at once instead of confirming something that cannot happen."""
        return True

    def confirm_for(self, name: str, form: djforms.Form) -> Confirm:
        """The words of the question: the page's ``confirm`` entry, or words that name what
        it is about (a page overrides this to fill them in)."""
        return self.confirm[name]

    def confirm_details(self, name: str, form: djforms.Form) -> list[dict[str, Any]]:
        """What exactly is being confirmed, as summary-list rows (the proposal, the amount)."""
        return []

    def confirm_seen(self, name: str, form: djforms.Form) -> str:
        """A digest of what the question shows that may change while it is read (a charter
        agreed to, say); "Yes" counts only while it is the same. Empty: nothing to compare."""
        return ""

    def render_confirm(
        self, name: str, form: djforms.Form, *, changed: bool = False
    ) -> HttpResponse:
        """The page that asks first: the same fields posted again with ``confirmed=yes``,
        the once-only key among them, so that "Yes" pressed twice acts once."""
        asked = self.confirm_for(name, form)
        fields = [
            (key, value)
            for key, values in self.request.POST.lists()
            if key not in ("csrfmiddlewaretoken", "confirmed", SEEN)
            for value in values
        ]
        seen = self.confirm_seen(name, form)
        if seen:
            fields.append((SEEN, seen))
        return once.keep(render(self.request, "web/pages/confirm.html", {
            "question": asked.question, "what_happens": asked.what_happens, "yes": asked.yes,
            "easy_read_about": asked.easy_read, "warning": asked.warning,
            "button": asked.button,
            "fields": fields, "back": self.request.get_full_path(),
            "details": self.confirm_details(name, form), "changed": changed,
        }))

    def render_page(
        self, bound: dict[str, djforms.Form] | None = None, *, status: int = 200
    ) -> HttpResponse:
        bound = bound or {}
        page_forms = {
            name: bound.get(name) or self.make_form(name)
            for name in self.forms
            if name in bound or self.show_form(name)
        }
        context = self.context()
        context.update({f"{name}_form": form for name, form in page_forms.items()})
        context["page_forms"] = list(page_forms.values())
        context["page_has_errors"] = any(f.is_bound and f.errors for f in page_forms.values())
        return render(self.request, self.template_name, context, status=status)

    def show_form(self, name: str) -> bool:
        """Whether the page offers this form now (hide what the person cannot do)."""
        return True

    def done(self, message: str, to: str) -> HttpResponse:
        messages.success(self.request, message)
        return redirect(to)
