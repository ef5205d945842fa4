"""Builders for the data the shared components take (summary lists and tables)."""

from __future__ import annotations

from typing import Any


def row(key: Any, value: Any, *, href: str = "", action: Any = "") -> dict[str, Any]:
    """A summary list row; ``href`` and ``action`` add a change link."""
    return {"key": key, "value": value, "href": href, "action": action}


def cell(
    text: Any, *, href: str = "", numeric: bool = False, hidden_text: Any = ""
) -> dict[str, Any]:
    """A table cell; ``hidden_text`` finishes a link's words for screen readers."""
    return {"text": text, "href": href, "numeric": numeric, "hidden_text": hidden_text}


def button_cell(
    text: Any, *, form_name: str, name: str, value: str, hidden_text: Any = "",
    kind: str = "secondary", action: str = "",
) -> dict[str, Any]:
    """A table cell holding a one-button form that posts back (works without JavaScript)."""
    return {
        "button": {
            "text": text, "form_name": form_name, "name": name, "value": value,
            "hidden_text": hidden_text, "kind": kind, "action": action,
        }
    }
