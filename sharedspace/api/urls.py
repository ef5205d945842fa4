"""URLs of the JSON API, mounted at /api/v1/ by sharedspace/urls.py.

Every answer under /api/v1/ is JSON, errors included: an unknown address is a JSON 404
and a wrong method a JSON 405, never Django's HTML pages. Every answer is in English,
whatever language the request asks for (a header or the web's language cookie): the API is
the stable contract that scripts read (docs/adr/0018).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path, re_path
from django.utils import translation

from sharedspace.governance import exceptions as ex

from .app import api
from .errors import NO_SUCH_ADDRESS, json_error

View = Callable[..., HttpResponse]


def _json_errors(view: View) -> View:
    """Give ninja's plain-text 405 and the bare 404 of its root page the JSON error body, and
    answer in English whatever LocaleMiddleware chose (the audit's sentences, the questions'
    words and the refusals' messages are translated for the web pages only)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            with translation.override("en"):
                response = view(request, *args, **kwargs)
        except Http404:
            response = json_error(404, ex.NotFound.code, NO_SUCH_ADDRESS)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            method = request.method or "this method"
            message = f"You cannot use {method} here. This address accepts: {allowed}."
            response = json_error(405, "method_not_allowed", message)
            response["Allow"] = allowed
        response["Content-Language"] = "en"  # LocaleMiddleware would name the request's
        return response

    return wrapper


def _wrap(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _json_errors(pattern.callback)
        else:
            _wrap(pattern.url_patterns)
    return patterns


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Anything under /api/v1/ that is not an operation."""
    return json_error(404, ex.NotFound.code, NO_SUCH_ADDRESS)


_patterns, _app_name, _namespace = api.urls

urlpatterns: list[URLPattern | URLResolver] = [
    path("", (_wrap(_patterns), _app_name, _namespace)),
    re_path(r"^(?P<rest>.*)$", not_found, name="api-not-found"),
]
