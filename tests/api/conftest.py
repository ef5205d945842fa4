"""Calling the JSON API as the named people of tests/governance/conftest.py.

``api.post("/spaces", carol, {...})`` sends Carol's API token as ``Authorization: Bearer``
and returns Django's test response (``.status_code``, ``.json()``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.test import Client

from sharedspace.governance import actions
from sharedspace.governance.models import LedgerEntry, Person
from tests.governance.conftest import (  # noqa: F401 - fixtures shared with the core's tests
    CHARTER,
    Cast,
    accept_all,
    cast,
    own,
    shared,
)

PREFIX = "/api/v1"
_NO_BODY = object()


class Api:
    def __init__(self) -> None:
        self.client = Client()
        self._tokens: dict[str, str] = {}

    def token(self, person: Person) -> str:
        if person.pk not in self._tokens:
            _, raw = actions.token_create(actor=person, name="tests")
            self._tokens[person.pk] = raw
        return self._tokens[person.pk]

    def call(
        self,
        method: str,
        path: str,
        person: Person | None = None,
        body: Any = _NO_BODY,
        *,
        raw: str | bytes | None = None,
        token: str | None = None,
    ) -> Any:
        headers: dict[str, str] = {}
        if token is None and person is not None:
            token = self.token(person)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        data: Any = raw if raw is not None else ("" if body is _NO_BODY else json.dumps(body))
        return self.client.generic(
            method, PREFIX + path, data, content_type="application/json", headers=headers
        )

    def get(self, path: str, person: Person | None = None, **kw: Any) -> Any:
        return self.call("GET", path, person, **kw)

    def post(self, path: str, person: Person | None = None, body: Any = _NO_BODY, **kw: Any) -> Any:
        return self.call("POST", path, person, body, **kw)

    def patch(
        self, path: str, person: Person | None = None, body: Any = _NO_BODY, **kw: Any
    ) -> Any:
        return self.call("PATCH", path, person, body, **kw)

    def delete(self, path: str, person: Person | None = None, **kw: Any) -> Any:
        return self.call("DELETE", path, person, **kw)


@pytest.fixture
def api(db) -> Api:
    return Api()


def ledger_size() -> int:
    return LedgerEntry.objects.count()


@contextmanager
def nothing_written() -> Iterator[None]:
    """Assert that no ledger entry was appended anywhere inside the block."""
    before = ledger_size()
    yield
    assert ledger_size() == before, "a refusal must write nothing"


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """The response is an error of this status and code, with the contract's body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and error["message"].strip()
    if status == 422:
        assert isinstance(error["fields"], dict)
    return error
