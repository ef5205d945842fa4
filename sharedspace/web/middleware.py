"""Middleware of the web layer."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.cache import patch_cache_control


def private_pages(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    """Whatever is drawn for a signed-in person (their dashboard, account, spaces, downloads)
    is sent ``Cache-Control: private, no-store``, and so is every answer to a request that
carries an API token: no proxy keeps it, and the browser does not
    keep it on disk, where the next person at a shared computer could find it with "Back".

    Told by the session cookie, without reading the session: asking ``request.user`` here
    would load the session and the person for every response, also those that never needed
    them (two queries each). Someone signed out who still has a session cookie gets the same
    header, which costs nothing but a cache."""

    def middleware(request: HttpRequest) -> HttpResponseBase:
        response = get_response(request)
        # A token caller (the API) is told by its Authorization header, the same way.
        if (settings.SESSION_COOKIE_NAME in request.COOKIES
                or "HTTP_AUTHORIZATION" in request.META):
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware
