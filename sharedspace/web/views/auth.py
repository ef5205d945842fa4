"""Signing in without a password (a one-time link by email), with a password, and out; and
when this session signed in, for the account changes that need a recent sign-in (ADR 32)."""

from __future__ import annotations

import ipaddress
import os
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from sesame.utils import get_user

from sharedspace.governance import actions
from sharedspace.governance import exceptions as ex
from sharedspace.governance.models import Person
from sharedspace.signin import sign_in_url

from .. import forms as f
from .. import ratelimit
from .base import FormMap, Page, safe_next

LINK_PROBLEM = gettext_lazy(
    "This sign-in link does not work. It may be used already, or more than 15 minutes old."
)
TOO_MANY = gettext_lazy("Too many tries. Wait 15 minutes, then try again.")
# The session key that keeps an opened link's token until the button is pressed.
LINK_TOKEN = "sign_in_link_token"  # noqa: S105 - a session key, not a secret
# The session key that keeps when this session signed in, or last checked it was its person
# (seconds since 1970).
SIGNED_IN_AT = "signed_in_at"


def _bucket(address: str) -> str:
    """The part of an address the limit counts. An IPv6 address counts by its /64: one
    household or server is usually given a whole /64, so its 2^64 addresses are one bucket.
    An IPv4 address (also one written as IPv6, ::ffff:192.0.2.1) counts on its own."""
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def _client_address(request: HttpRequest) -> str:
    """The address a request came from, for the rate limits (an IPv6 address by its /64).

    Behind proxies, REMOTE_ADDR is the nearest proxy's, the same for everyone. Each proxy adds
    the address it heard from to the end of X-Forwarded-For, so with
    ``SHAREDSPACE_TRUSTED_PROXIES`` = n in front, the n-th address from the right is the one
    the outermost proxy heard from. Addresses further left may be made up by the client and are
    never read. With 0 (the default) the header is never read.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = settings.SHAREDSPACE_TRUSTED_PROXIES
    if proxies <= 0:
        return _bucket(remote)
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    ]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        # Fewer hops than proxies: the request did not come the way the setting says.
        return _bucket(remote)
    return _bucket(forwarded[-proxies])


def sign_in(request: HttpRequest, person: Person, *, backend: str | None = None) -> None:
    """Sign ``person`` in on this session, and note when (``signed_in_recently``)."""
    login(request, person, backend=backend)
    note_sign_in(request)


def note_sign_in(request: HttpRequest) -> None:
    """Note in the session that it signed in, or checked it is its person again, now."""
    request.session[SIGNED_IN_AT] = timezone.now().timestamp()


def signed_in_at(request: HttpRequest) -> datetime | None:
    """When this session signed in, or last checked it is its person; None for a session
    with no note (signed in before the note was kept, or by code that calls Django's
    ``login`` itself): such a session is not recent, and is asked to check (ADR 32)."""
    noted = request.session.get(SIGNED_IN_AT)
    if isinstance(noted, int | float) and not isinstance(noted, bool):
        return datetime.fromtimestamp(noted, tz=UTC)
    return None


def signed_in_recently(request: HttpRequest) -> bool:
    """Whether this session signed in (or checked it is its person) in the last
    ``RECENT_SIGN_IN_MINUTES`` minutes: setting a password and making an API token need it,
    so that someone at a computer left signed in cannot keep a way in (ADR 32)."""
    when = signed_in_at(request)
    if when is None:
        return False
    return timezone.now() - when < timedelta(minutes=settings.RECENT_SIGN_IN_MINUTES)


def link_tries_left(request: HttpRequest, email: str) -> bool:
    """Count one more request for a sign-in link, against the limits per email and per
    address; False once either is used up."""
    # The address first: a try refused for its address must not use up the email's own
    # tries, or one address could lock any number of people out (a review proved it).
    return (ratelimit.hit("sign-in-address", _client_address(request))
            and ratelimit.hit("sign-in-email", email))


def password_tries_left(request: HttpRequest, email: str) -> bool:
    """Count one more password try, against the limits per email and per address; False
    once either is used up."""
    # The address first, for the same reason as ``link_tries_left``.
    return (ratelimit.hit("password-address", _client_address(request))
            and ratelimit.hit("password-email", email))


def email_sign_in_link(request: HttpRequest, person: Person, *, next_page: str = "") -> None:
    """Email ``person`` a one-time sign-in link that, once used, goes on to ``next_page`` (a
    page on this site). The caller has counted the try (``link_tries_left``)."""
    # SHAREDSPACE_BASE_URL, when set, says where people reach this service (behind a
    # proxy, the request's own address may not be it).
    # In production it is always set (settings.py): the Host header, which the client
    # writes, is only used in development.
    base = os.environ.get("SHAREDSPACE_BASE_URL") or request.build_absolute_uri("/")
    link = sign_in_url(person, base_url=base)
    if next_page:
        link += "&" + urlencode({"next": next_page})
    send_mail(
        subject=_("Your sign-in link for Shared Space"),
        message=_(
            "Hello %(name)s,\n\nUse this link to sign in to Shared Space:\n\n%(link)s\n\n"
            "The link works once, for 15 minutes. If you did not ask for it, you can "
            "ignore this email.\n"
        ) % {"name": person.name, "link": link},
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[person.email],
    )


def _after_sign_in(request: HttpRequest, person: Person, to: str) -> HttpResponse:
    """Where to go once signed in: first the name page, for someone whose name was only made
    from their email (they may keep it); it then goes on to ``to``."""
    if not person.name_chosen:
        return redirect(reverse("web:account_name") + "?" + urlencode({"next": to}))
    return redirect(to)


class SignIn(Page):
    """Ask for a sign-in link by email; or sign in with a password, for those who set one."""

    template_name = "web/pages/sign_in.html"
    login_required = False
    forms: ClassVar[FormMap] = {"email": f.EmailForm}
    # Asking twice is harmless (each ask counts against the limits), and a once-only key
    # would hold the database's write lock while the email is sent (ADR 30).
    once_keys = False

    def context(self) -> dict[str, Any]:
        return {"next": self.request.GET.get("next", "")}

    def handle_email(self, form: f.EmailForm) -> HttpResponse:
        email = form.cleaned_data["email"].strip().lower()
        if not link_tries_left(self.request, email):
            form.add_error(None, TOO_MANY)
            return self.render_page({"email": form}, status=429)
        person = actions.person_for_email(email)
        if person.is_active:
            email_sign_in_link(self.request, person,
                               next_page=safe_next(self.request, self.request.GET.get("next"), ""))
        # The same answer whether or not the address has an account.
        return redirect(reverse("web:sign_in_sent"))


def sign_in_sent(request: HttpRequest) -> HttpResponse:
    # Without a mail server (development, `make run`) the email is printed where the
    # server runs: say so, or a newcomer waits for an email that never comes.
    printed = settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"
    return render(request, "web/pages/sign_in_sent.html", {"email_printed": printed})


class SignInLink(Page):
    """Where a sign-in link lands. Opening it shows one button; pressing it signs in.

    The extra press keeps the link single-use for the person: programs that open links in
    emails to scan them do not press buttons, so they cannot use the link up.

    Opening the link keeps its token in the session and sends the browser on to this page
    without it, so the token is not left in the address bar, the history, or the Referer of
    what the page loads next. Pressing the button uses the token up before signing in, in
    one ``UPDATE`` that only one press can win (docs/adr/0011).
    """

    template_name = "web/pages/sign_in_link.html"
    login_required = False
    forms: ClassVar[FormMap] = {"link": f.EmptyForm}

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = super().dispatch(request, *args, **kwargs)
        # The page names the person the link is for: no cache keeps it.
        patch_cache_control(response, private=True, no_store=True)
        return response

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "sesame" in request.GET:
            request.session[LINK_TOKEN] = request.GET["sesame"]
            nxt = request.GET.get("next")
            return redirect(reverse("web:sign_in_link")
                            + ("?" + urlencode({"next": nxt}) if nxt else ""))
        return super().get(request, *args, **kwargs)

    def token(self) -> str:
        # A token posted with the form works as well as the one kept from opening the link.
        token = self.request.POST.get("sesame") or self.request.session.get(LINK_TOKEN)
        return token if isinstance(token, str) else ""

    def person_for_link(self) -> Person | None:
        token = self.token()
        return get_user(token, update_last_login=False) if token else None

    def context(self) -> dict[str, Any]:
        person = self.person_for_link()
        return {
            "person": person,
            "link_problems": [] if person else [LINK_PROBLEM],
            "next": safe_next(self.request, self.request.GET.get("next")
                              or self.request.POST.get("next"), ""),
        }

    def render_page(self, bound: Any = None, *, status: int = 200) -> HttpResponse:
        if self.person_for_link() is None:
            status = 400
        return super().render_page(bound, status=status)

    def handle_link(self, form: f.EmptyForm) -> HttpResponse:
        person = self.person_for_link()
        # Use the link up first: the token is only good while last_login is what it was
        # (SESAME_ONE_TIME), so moving it on changes one row for one press only.
        used_up = person is not None and Person.objects.filter(
            pk=person.pk, last_login=person.last_login
        ).update(last_login=timezone.now())
        self.request.session.pop(LINK_TOKEN, None)
        if person is None or not used_up:
            return self.render_page(status=400)
        sign_in(self.request, person, backend="sesame.backends.ModelBackend")
        messages.success(self.request, _("You are signed in."))
        nxt = safe_next(self.request, self.request.POST.get("next"), reverse("web:dashboard"))
        return _after_sign_in(self.request, person, nxt)


class PasswordSignIn(Page):
    template_name = "web/pages/sign_in_password.html"
    login_required = False
    forms: ClassVar[FormMap] = {"password": f.PasswordSignInForm}

    def handle_password(self, form: f.PasswordSignInForm) -> HttpResponse:
        email = form.cleaned_data["email"].strip().lower()
        if not password_tries_left(self.request, email):
            form.add_error(None, TOO_MANY)
            return self.render_page({"password": form}, status=429)
        person = authenticate(
            self.request, username=email, password=form.cleaned_data["password"]
        )
        if person is None:
            raise ex.InvalidInput(
                _("That email and password do not match. You can ask for a sign-in link instead.")
            )
        sign_in(self.request, person)
        nxt = safe_next(self.request, self.request.GET.get("next"), reverse("web:dashboard"))
        return _after_sign_in(self.request, person, nxt)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You are signed out."))
    return redirect(reverse("web:home"))
