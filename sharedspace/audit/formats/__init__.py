"""The audit report in each of its formats: JSON, CSV, HTML, PDF and PowerPoint."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

FORMATS = ("json", "csv", "html", "pdf", "pptx")


def to_json(report: Mapping[str, Any]) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def _csv(report: Mapping[str, Any]) -> str:
    from .csvout import to_csv

    return to_csv(report)


def _html(report: Mapping[str, Any]) -> str:
    from .html import to_html

    return to_html(report)


def _pdf(report: Mapping[str, Any]) -> bytes:
    from .pdf import to_pdf

    return to_pdf(report)


def _pptx(report: Mapping[str, Any]) -> bytes:
    from .slides import to_pptx

    return to_pptx(report)


RENDERERS: dict[str, Callable[[Mapping[str, Any]], str | bytes]] = {
    "json": to_json,
    "csv": _csv,
    "html": _html,
    "pdf": _pdf,
    "pptx": _pptx,
}


def render(report: Mapping[str, Any], fmt: str) -> str | bytes:
    """The report in format ``fmt`` (text for json/csv/html, bytes for pdf/pptx)."""
    if report.get("scope") in ("party", "partnership") and fmt in ("html", "pdf", "pptx"):
        from .across import RENDERERS as ACROSS  # a party's or a partnership's audit

        rendered: str | bytes = ACROSS[fmt](report)
        return rendered
    return RENDERERS[fmt](report)
