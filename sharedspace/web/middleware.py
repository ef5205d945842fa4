"""Middleware of the web layer."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.cache import patch_cache_control


def private_pages(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    """Whatever is drawn for a signed-in person (their dashboard, account, spaces, downloads)
    is sent ``Cache-Control: private, no-store``: no proxy keeps it, and the browser does not
    keep it on disk, where the next person at a shared computer could find it with "Back"."""

    def middleware(request: HttpRequest) -> HttpResponseBase:
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware
