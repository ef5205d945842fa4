"""The record: the hash-chained ledger, its verification, and the power audit."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from sharedspace.governance import exceptions as ex
from sharedspace.governance import selectors

from ..auth import caller
from ..common import answers, resolve_due
from ..schemas import records as s

router = Router(tags=["Ledger and audit"])


class AuditUnavailable(ex.GovernanceError):
    """The power audit is not available on this server yet."""

    status = 503
    code = "audit_unavailable"


@router.get(
    "/spaces/{id}/ledger",
    response=answers(200, s.LedgerPage, 404, 422),
    url_name="space_ledger",
    operation_id="ledger_page",
)
def ledger_page(
    request: HttpRequest,
    id: str,
    after: int = Query(0, ge=0, le=2**63 - 1, description="Give entries after this `seq`."),
    limit: int = Query(500, ge=1, le=500, description="At most this many entries."),
) -> Any:
    """The space's chain, in order. Holders and former holders read all of it; guests
    where the host gave them `view`. Follow `next` until it is null."""
    resolve_due(id)
    entries, after_next = selectors.ledger_page(
        viewer=caller(request), space_id=id, after=after, limit=limit
    )
    return {"entries": entries, "next": after_next}


@router.get(
    "/spaces/{id}/ledger/verify",
    response=answers(200, s.LedgerVerdict, 404),
    operation_id="ledger_verify",
)
def ledger_verify(request: HttpRequest, id: str) -> Any:
    """Check the chain from its first entry: `ok`, how many `entries`, and the `seq` of
    the first bad entry (null when all is well)."""
    resolve_due(id)
    verdict = selectors.ledger_verify(viewer=caller(request), space_id=id)
    return {
        "ok": verdict.ok,
        "entries": verdict.entries,
        "first_bad": verdict.first_bad,
        "problem": verdict.problem or None,
    }


@router.get(
    "/spaces/{id}/audit",
    response=answers(200, s.Audit, 404, 503),
    url_name="space_audit",
    operation_id="audit_space",
)
def audit_space(request: HttpRequest, id: str) -> Any:
    """The power audit of the space: where decisions are made, who starts things, who
    controls the money, who can remove whom, and the label check."""
    resolve_due(id)
    selectors.space_get(viewer=caller(request), space_id=id)  # 404 for outsiders
    try:
        from sharedspace.audit import audit_space as run_audit  # the engine, loaded lazily
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[:2] == ["sharedspace", "audit"]:
            raise AuditUnavailable from exc
        raise
    except ImportError as exc:
        if "audit_space" in str(exc):
            raise AuditUnavailable from exc
        raise
    return run_audit(id)
