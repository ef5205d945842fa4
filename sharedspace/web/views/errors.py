"""The site's own pages for refused requests, in its layout and both languages: never Django's
bare, technical ones. 403, 404 and 500 are templates (``403.html``, ``404.html``, ``500.html``)
that Django's own handlers draw; a form refused for its security token (CSRF) is drawn here
(``CSRF_FAILURE_VIEW`` in the settings)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from .base import safe_next


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent with an old or missing security token, most often because the page was
    open for a long time or the person signed in on another tab (signing in changes the
    token). Nothing was done. Plain words, a link back to the page they came from (if it is on
    this site), and still the 403 status. Django's reason is logged by Django, not shown."""
    home = reverse("web:home")
    back = safe_next(request, request.META.get("HTTP_REFERER"), home)
    return render(request, "403_csrf.html", {"back": back, "back_is_home": back == home},
                  status=403)
