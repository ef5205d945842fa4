"""Making, stamping, reading and claiming once-only keys (docs/adr/0030).

A key is a random value signed with the time it was made (Django's ``TimestampSigner``), so
only keys this site made are taken, and only for ``LIFETIME``. A used key is a row in
``UsedFormKey``; rows older than ``LIFETIME`` can go, because a key that old is refused
anyway.
"""

from __future__ import annotations

import hashlib
import re
import time
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.core import signing
from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone

from .models import UsedFormKey

FIELD = "once"  # the hidden field's name in every page form
LIFETIME = timedelta(days=7)  # longer than a page is left open, in practice
CLEAN_EVERY = 3600.0  # seconds between two clear-outs of old keys, in each server process

_signer = signing.TimestampSigner(salt="sharedspace.web.once")
_KEY = re.compile(r"[0-9a-f]{32}")
# Every page form names itself with this hidden field (views/base.py, Page.post).
_FORM = re.compile(r'<input type="hidden" name="form" value="[^"]*">')
_next_clean = 0.0


class Stale(Exception):
    """A key that this site did not make, or made more than ``LIFETIME`` ago."""


def make() -> str:
    """A new key, for one form as it is drawn."""
    return _signer.sign(uuid.uuid4().hex)


def read(value: object) -> str | None:
    """The key sent with a form: None when there is none; ``Stale`` when it is not ours or
    too old."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Stale
    try:
        key = _signer.unsign(value, max_age=LIFETIME)
    except signing.BadSignature:  # SignatureExpired too
        raise Stale from None
    if not _KEY.fullmatch(key):
        raise Stale
    return key


# Fields that say nothing about what was asked for: the CSRF token changes per page, the key
# is what the digest is mixed with, and "confirmed" is the confirm page's own yes.
_NOT_WHAT_WAS_SENT = frozenset({"csrfmiddlewaretoken", FIELD, "confirmed"})


def claim_for(key: str, data: object, files: object = None) -> str:
    """What is claimed for a form sent with ``key``: the key together with what was sent.

    The same drawing of a form sent twice with the same words (a double click, a resend) is
    one claim, so it acts once. Sent again with other words (Back, mend a typo, send) it is
    another claim and acts: the person asked for something else. ``data`` is the POST (a
    QueryDict), ``files`` the uploads (their names and sizes count)."""
    digest = hashlib.sha256(key.encode())
    items: list[tuple[str, str]] = []
    getlist = getattr(data, "lists", None)
    if getlist is not None:
        for name, values in sorted(data.lists()):  # type: ignore[attr-defined]
            if name not in _NOT_WHAT_WAS_SENT:
                # Line breaks as browsers may send them (CR LF, or LF from a hidden field
                # written back) are one and the same.
                items += [(name, str(v).replace("\r\n", "\n").replace("\r", "\n"))
                          for v in values]
    uploads = getattr(files, "lists", None)
    if uploads is not None:
        for name, found in sorted(files.lists()):  # type: ignore[attr-defined]
            items += [(name, f"{f.name}:{f.size}") for f in found]
    for name, value in items:
        for part in (name, value):
            digest.update(len(part.encode()).to_bytes(8, "big"))
            digest.update(part.encode())
    return digest.hexdigest()[:32]


def stamp(response: HttpResponseBase) -> HttpResponseBase:
    """Put a new key in every page form of an HTML page, just after the form's hidden
    ``form`` field. A response marked ``keep`` (the confirm page, which sends on the key
    of the form it asks about) is left as it is."""
    if (
        not isinstance(response, HttpResponse)
        or getattr(response, "once_keep", False)
        or not response.get("Content-Type", "").startswith("text/html")
    ):
        return response
    content = response.content
    if b'name="form"' not in content:
        return response
    charset = response.charset
    html = content.decode(charset)
    response.content = _FORM.sub(
        lambda m: f'{m.group(0)}<input type="hidden" name="{FIELD}" value="{make()}">', html
    ).encode(charset)
    return response


def keep(response: HttpResponse) -> HttpResponse:
    """Mark a page whose forms carry the keys they were given (``stamp`` skips it)."""
    response.once_keep = True  # type: ignore[attr-defined]
    return response


def went_to(key: str) -> str | None:
    """Where the action done with ``key`` sent the person ("" when it drew a page); None
    while the key is unused."""
    return UsedFormKey.objects.filter(key=key).values_list("went_to", flat=True).first()


def act(key: str, run: Callable[[], HttpResponse]) -> HttpResponse | None:
    """Claim ``key`` and ``run`` the form's action in one transaction; None, without
    running, when the key was used already.

    The claim is an INSERT on the key's primary key. Of two requests with the same key, the
    second waits for the first's transaction (PostgreSQL: for the row; SQLite: for the write
    lock), then finds the key taken, so only one acts.

    When the form does not go through, the claim is let go, so the form can be sent again:
    a refusal (an exception; the governance action has rolled itself back, as every action
    does) or a page saying so (status 400 or more). Anything else the handler wrote stays, as
    it would without a key: a sign-in try counted by the rate limit must stay counted.
    """
    failed: Exception | None = None
    with transaction.atomic():
        try:
            with transaction.atomic():
                UsedFormKey.objects.create(key=key, used_at=timezone.now())
        except IntegrityError:
            return None
        try:
            response = run()
        except Exception as error:  # re-raised below, once the claim is let go
            failed = error
            _let_go(key)
        else:
            if response.status_code >= 400:
                _let_go(key)
            elif response.has_header("Location"):
                UsedFormKey.objects.filter(key=key).update(went_to=response["Location"][:2000])
    if failed is not None:
        raise failed
    _now_and_then()
    return response


def _let_go(key: str) -> None:
    try:
        with transaction.atomic():
            UsedFormKey.objects.filter(key=key).delete()
    except DatabaseError:
        # The transaction itself is broken (a database error outside any action): roll all
        # of it back, the claim with it.
        transaction.set_rollback(True)


def forget_old() -> int:
    """Delete used keys older than ``LIFETIME``: a key that old is refused as ``Stale``
    whether or not its row is kept. Returns how many were deleted."""
    deleted, _ = UsedFormKey.objects.filter(used_at__lt=timezone.now() - LIFETIME).delete()
    return deleted


def _now_and_then() -> None:
    """``forget_old`` at most once every ``CLEAN_EVERY`` seconds in each process, outside
    the action's transaction (so it never holds the action's locks longer)."""
    global _next_clean  # one timer per process
    moment = time.monotonic()
    if moment >= _next_clean:
        _next_clean = moment + CLEAN_EVERY
        forget_old()
