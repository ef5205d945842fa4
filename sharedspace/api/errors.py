"""Every error the API gives has one body (CONTRACT.md §JSON API):

``{"error": {"code": "<stable_snake_case_code>", "message": "<plain words>"}}``, plus
``"fields": {name: plain words}`` for 422. Refusals of the governance core carry their own
status, code, message and fields; everything else is mapped here.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from sharedspace.governance import exceptions as ex

from .auth import CsrfRefused
from .parser import MalformedBody, NotAnObject, NotUnicode

logger = logging.getLogger("sharedspace.api")

NOT_SIGNED_IN = (
    "Sign in first. Send your API token in a header like this: "
    "'Authorization: Bearer <token>'. You can make a token with 'sharedspace token create'."
)
NO_SUCH_ADDRESS = (
    "There is nothing at this address. Check it against the API documentation at /api/v1/docs."
)
SERVER_ERROR = (
    "Something went wrong on our side, and nothing was changed. "
    "We have logged the problem. Please try again later."
)
CSRF_FAILED = (
    "Your browser sent this without its security check (CSRF token). Reload the page and try again."
)
NOT_JSON = 'We could not read what you sent. It must be a JSON object, like {"title": "..."}.'


def error_body(code: str, message: str, fields: dict[str, str] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "message": message}
    if fields is not None:
        body["fields"] = fields
    return {"error": body}


def json_error(
    status: int, code: str, message: str, fields: dict[str, str] | None = None
) -> JsonResponse:
    """An error response outside ninja's operations (unknown addresses, wrong methods)."""
    return JsonResponse(error_body(code, message, fields), status=status)


# --- field messages in plain words --------------------------------------------------------

_WHOLE_BODY = "body"


def _field_name(loc: tuple[Any, ...]) -> str:
    """``("body", "payload", "charter", "purpose")`` -> ``"charter.purpose"``.

    The source ("body", "query", "path") and the name of the view's parameter are dropped;
    list positions are dropped too: the message is about the field as a whole.
    """
    parts = list(loc)
    source = parts.pop(0) if parts else _WHOLE_BODY
    if source == "body" and parts:
        parts.pop(0)  # the view's parameter, e.g. "payload"
    names = []
    for part in parts:
        if not isinstance(part, str):
            break
        names.append(part)
    return ".".join(names) or _WHOLE_BODY


def _choices(expected: str) -> str:
    return expected.replace("'", "")


def _message(error: dict[str, Any], field: str) -> str:
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if field == _WHOLE_BODY and kind in {
        "missing",
        "model_type",
        "model_attributes_type",
        "dict_type",
    }:
        return 'Send a JSON object with the fields this needs, like {"title": "..."}.'
    if kind == "missing":
        return "This is missing. Fill it in."
    if kind == "extra_forbidden":
        return "We do not know this field. Check its spelling, or leave it out."
    if kind == "string_type":
        return "This must be text."
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return "This must be a whole number."
    if kind in {"bool_type", "bool_parsing"}:
        return "This must be true or false."
    if kind in {"list_type", "tuple_type", "set_type"}:
        return 'This must be a list, like ["a", "b"].'
    if kind == "literal_error":
        return "Choose one of: " + _choices(str(ctx.get("expected", ""))) + "."
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return 'This must be an object with named fields, like {"purpose": "..."}.'
    if kind.startswith("datetime") or kind in {"timezone_aware", "timezone_naive"}:
        return "Give a date and time with a time zone, like 2026-03-31T17:00:00Z."
    if kind.startswith("date"):
        return "Give a date, like 2026-03-31."
    if kind == "string_too_long":
        return f"Use at most {ctx.get('max_length')} characters."
    if kind == "string_too_short":
        return "This cannot be empty."
    if kind in {"greater_than_equal", "greater_than"}:
        limit = ctx.get("ge", ctx.get("gt"))
        return (
            f"This must be {limit} or more."
            if kind == "greater_than_equal"
            else (f"This must be more than {limit}.")
        )
    if kind in {"less_than_equal", "less_than"}:
        return f"This must be {ctx.get('le', ctx.get('lt'))} or less."
    if kind.startswith("money"):
        return str(error.get("msg", ""))
    return "This is not right. Check it and try again."


def fields_from(errors: list[dict[str, Any]]) -> dict[str, str]:
    """One plain-words message per bad field (the first problem found with it)."""
    fields: dict[str, str] = {}
    for error in errors:
        name = _field_name(tuple(error.get("loc", ())))
        fields.setdefault(name, _message(error, name))
    return fields


# --- handlers -----------------------------------------------------------------------------


def install(api: NinjaAPI) -> None:
    """Replace ninja's default error handlers with ones that give the contract's body.

    (``exc`` is typed ``Any``: ninja's stubs type a handler's exception loosely.)
    """

    def respond(
        request: HttpRequest,
        status: int,
        code: str,
        message: str,
        fields: dict[str, str] | None = None,
    ) -> HttpResponse:
        return api.create_response(request, error_body(code, message, fields), status=status)

    def on_refusal(request: HttpRequest, exc: Any) -> HttpResponse:
        fields = exc.fields if exc.status == 422 or exc.fields else None
        return respond(request, exc.status, exc.code, exc.message, fields)

    def on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(
            request, 422, ex.InvalidInput.code, ex.InvalidInput().message, fields_from(exc.errors)
        )

    def on_unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, 401, "not_signed_in", NOT_SIGNED_IN)

    def on_csrf(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, 403, "csrf_failed", CSRF_FAILED)

    def on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        cause = exc.__cause__
        if isinstance(cause, (MalformedBody, NotAnObject)) or exc.status_code == 400:
            if isinstance(cause, NotUnicode):
                why = (
                    "Some text is not valid Unicode: a \\u escape spells half of a character"
                    f" ({cause})."
                )
            elif isinstance(cause, NotAnObject):
                why = "Send one JSON object with named fields, not a list or a single value."
            else:
                why = "This is not valid JSON. Check the brackets, quotes and commas."
            return respond(request, 422, ex.InvalidInput.code, NOT_JSON, {_WHOLE_BODY: why})
        if exc.status_code == 404:
            return respond(request, 404, ex.NotFound.code, ex.NotFound().message)
        if exc.status_code == 429:
            return respond(
                request,
                429,
                "too_many_requests",
                "You have sent too many requests. Wait a little and try again.",
            )
        return respond(request, exc.status_code, "error", str(exc))

    def on_404(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, 404, ex.NotFound.code, ex.NotFound().message)

    def on_integrity(request: HttpRequest, exc: Any) -> HttpResponse:
        # Two people changed the same thing at once; the database kept it consistent.
        logger.warning("integrity error on %s %s: %s", request.method, request.path, exc)
        return respond(
            request,
            409,
            ex.Conflict.code,
            "Someone else changed this at the same moment. Look again and retry.",
        )

    def on_unexpected(request: HttpRequest, exc: Any) -> HttpResponse:
        logger.exception("unexpected error on %s %s", request.method, request.path)
        return respond(request, 500, "server_error", SERVER_ERROR)

    api.add_exception_handler(ex.GovernanceError, on_refusal)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(AuthenticationError, on_unauthenticated)
    api.add_exception_handler(CsrfRefused, on_csrf)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_404)
    api.add_exception_handler(IntegrityError, on_integrity)
    api.add_exception_handler(Exception, on_unexpected)
