"""Reading request bodies: JSON objects only, with exact decimals."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja.parser import Parser


class MalformedBody(ValueError):
    """The body is not valid JSON."""


class NotUnicode(MalformedBody):
    """The body is valid JSON, but spells half of a character (a lone surrogate)."""


class NotAnObject(ValueError):
    """The body is valid JSON, but not an object with named fields."""


def _no_constants(name: str) -> Any:
    raise MalformedBody(f"{name} is not a number JSON allows")


class JSONObjectParser(Parser):
    """Parse a JSON object. Numbers with a point become ``Decimal``, so that money sent as
    a JSON number (120.50) keeps its exact value instead of becoming a binary float."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        try:
            data = json.loads(request.body, parse_float=Decimal, parse_constant=_no_constants)
        except (ValueError, UnicodeDecodeError) as exc:
            raise MalformedBody(str(exc)) from exc
        if not isinstance(data, dict):
            raise NotAnObject("the body is not a JSON object")
        try:
            # JSON's \uXXXX escapes can spell half of a character (a lone surrogate), which
            # no database or page can store: refuse it here rather than fail later.
            json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise NotUnicode(f"half of a character: {exc.object[exc.start:exc.end]!a}") from exc
        return data
