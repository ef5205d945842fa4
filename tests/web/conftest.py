"""Fixtures for the web pages: the governance cast, signed-in clients, and page helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from sharedspace.web.once import keys as once
from tests.governance.conftest import (  # noqa: F401  (fixtures shared with the core's tests)
    CHARTER,
    Cast,
    accept_all,
    agree_all,
    cast,
    own,
    pass_proposal,
    shared,
)

# WhiteNoise warns when the collected-static folder is missing; tests serve from finders.
Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def signed_in(client: Client) -> Callable[[Any], Client]:
    """``signed_in(person)``: a fresh client signed in as that person."""

    def make(person: Any) -> Client:
        c = Client()
        c.force_login(person)
        note_sign_in(c)
        return c

    return make


def note_sign_in(client: Client) -> None:
    """Note in a ``force_login`` session that it signed in now, as signing in by link or
    password does (``force_login`` calls Django's login itself): so the session counts as a
    recent sign-in (ADR 32)."""
    from django.utils import timezone

    from sharedspace.web.views.auth import SIGNED_IN_AT

    session = client.session
    session[SIGNED_IN_AT] = timezone.now().timestamp()
    session.save()


def errors_in(html: str) -> list[str]:
    """The texts listed in the page's error summary (empty when there is none)."""
    match = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)
    if not match:
        return []
    return [re.sub(r"<[^>]+>", "", item).strip()
            for item in re.findall(r"<li>(.*?)</li>", match.group(1), re.S)]


def form_data(prefix: str, **fields: Any) -> dict[str, Any]:
    """POST data for the page form ``prefix``: ``form_data("answer", position="agree")``.

    Like a form just drawn, it carries a new once-only key (docs/adr/0030): posting the same
    data twice is sending that form twice, which acts once. Call again for a second form."""
    data: dict[str, Any] = {"form": prefix, once.FIELD: once.make()}
    for key, value in fields.items():
        data[f"{prefix}-{key}"] = value
    return data


def hidden_fields(html: str) -> dict[str, str]:
    """The hidden fields of the confirm page's form, as a browser sends them with "Yes"
    (not the header's language and easy-read forms); of the whole page when it has no
    confirm form."""
    forms = [f for f in re.findall(r"<form\b.*?</form>", html, re.S) if 'name="confirmed"' in f]
    return {name: unescape(value) for name, value in
            re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">',
                       forms[0] if forms else html)}


def date_parts(name: str, day: str, month: str, year: str) -> dict[str, str]:
    """A date as GOV.UK's date input posts it, for ``form_data``: ``date_parts("due_on",
    "31", "12", "2026")`` gives due_on_day, due_on_month and due_on_year."""
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}
