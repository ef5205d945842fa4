"""The audit report as a PDF, printed from the HTML page by WeasyPrint."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .html import to_html


def to_pdf(report: Mapping[str, Any]) -> bytes:
    from weasyprint import HTML  # heavy import: only when a PDF is asked for

    return HTML(string=to_html(report)).write_pdf()
