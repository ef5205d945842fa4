"""Pages anyone can open: the home page, and the easy-read switch."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..context_processors import EASY_READ_COOKIE
from .base import safe_next


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/pages/home.html")


@require_POST
def easy_read(request: HttpRequest) -> HttpResponse:
    """Turn easy read on or off; a cookie remembers it for a year, signed in or not."""
    response = redirect(safe_next(request, request.POST.get("next"), reverse("web:home")))
    if request.POST.get("easy_read") == "on":
        response.set_cookie(
            EASY_READ_COOKIE, "1", max_age=365 * 24 * 3600, httponly=True, samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(EASY_READ_COOKIE, samesite="Lax")
    return response
