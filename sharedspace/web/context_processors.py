"""What every page's base template needs: easy read, the language switch, the person's groups."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation

EASY_READ_COOKIE = "easy_read"


def easy_read_on(request: HttpRequest) -> bool:
    """Easy read is remembered in a cookie, so it works before and after signing in."""
    return request.COOKIES.get(EASY_READ_COOKIE) == "1"


def web(request: HttpRequest) -> dict[str, Any]:
    language = translation.get_language() or "en"
    other = "en" if language.startswith("cy") else "cy"
    return {
        "easy_read": easy_read_on(request),
        "language": "cy" if language.startswith("cy") else "en",
        "other_language": other,
        "other_language_name": "English" if other == "en" else "Cymraeg",
    }
