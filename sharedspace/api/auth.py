"""Who is calling: an API token (``Authorization: Bearer <token>``) or a browser session.

Tokens come first, so that a token request never needs a CSRF token. A browser session
must pass Django's CSRF check on unsafe methods (POST, PATCH, DELETE); a request that is
not signed in at all gets 401, never a CSRF refusal.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.middleware.csrf import CsrfViewMiddleware
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer

from sharedspace.governance import actions
from sharedspace.governance.models import Person

logger = logging.getLogger("sharedspace.api")


class CsrfRefused(Exception):
    """A signed-in browser sent a change without a valid CSRF token."""


class _CsrfCheck(CsrfViewMiddleware):
    """Django's own CSRF check, answering with the reason instead of an HTML page."""

    def _reject(self, request: HttpRequest, reason: str) -> HttpResponse:
        return HttpResponseForbidden(reason)


def csrf_problem(request: HttpRequest) -> str | None:
    """Why Django's CSRF check refuses this request, or None when it passes (it always
    passes for GET, HEAD, OPTIONS and TRACE)."""
    check = _CsrfCheck(lambda _request: HttpResponse())
    request.csrf_processing_done = False  # type: ignore[attr-defined]
    check.process_request(request)
    refusal = check.process_view(request, lambda _request: HttpResponse(), (), {})
    if refusal is None:
        return None
    return refusal.content.decode("utf-8", "replace") or "CSRF check failed"


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``, with tokens from ``sharedspace token create``."""

    def authenticate(self, request: HttpRequest, token: str) -> Person | None:
        return actions.token_authenticate(token.strip())


class SessionCsrfAuth(APIKeyCookie):
    """A signed-in browser session, with Django's CSRF protection on unsafe methods."""

    def __init__(self) -> None:
        self.param_name = settings.SESSION_COOKIE_NAME  # names the cookie in the OpenAPI
        super().__init__(csrf=True)

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        problem = csrf_problem(request)
        if problem is not None:
            logger.warning("CSRF refused on %s %s: %s", request.method, request.path, problem)
            raise CsrfRefused(problem)
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


def auth_methods() -> list[Any]:
    """Every way to sign in, tried in order."""
    return [TokenAuth(), SessionCsrfAuth()]


def caller(request: HttpRequest) -> Person:
    """The signed-in person making this request (set by the auth above)."""
    who = getattr(request, "auth", None)
    if not isinstance(who, Person):  # only when an operation was opened to everyone
        raise AuthenticationError
    return who
