"""The power audits across spaces: a party across all its spaces, and a partnership (two
parties) across all the spaces they meet in. Only the spaces the caller may see count."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from sharedspace.audit import across

from ..auth import caller
from ..common import answers, resolve_due
from ..schemas import audits as s

router = Router(tags=["Ledger and audit"])


@router.get(
    "/parties/{id}/audit",
    response=answers(200, s.PartyAudit, 404),
    url_name="party_audit",
    operation_id="audit_party",
)
def audit_party(request: HttpRequest, id: str) -> Any:
    """The power audit of a party across every space it holds or held, or is or was a guest
    in: where its decisions were made (its own space, others' spaces, shared spaces, outside),
    who starts things, whose proposals pass, money, who can remove whom, and each space's
    label check. Only the spaces you may see are included; 404 if you may see none of them
    and are not one of the party's own people."""
    ids = across.party_scope(viewer=caller(request), party_id=id)
    for space_id in sorted(ids):
        resolve_due(space_id)
    return across.audit_party(id, within=ids)


@router.get(
    "/partnerships/{a}/{b}/audit",
    response=answers(200, s.PartnershipAudit, 404, 422),
    url_name="partnership_audit",
    operation_id="audit_partnership",
)
def audit_partnership(request: HttpRequest, a: str, b: str) -> Any:
    """The power audit of two parties across every space both are (or were) in, with each
    party's three-circle picture and a label check of the partnership as a whole. The order
    of `a` and `b` does not change the figures. Only the spaces you may see are included;
    404 if you may see none of them and belong to neither party; 422 if `a` and `b` are the
    same party."""
    ids = across.partnership_scope(viewer=caller(request), party_a=a, party_b=b)
    for space_id in sorted(ids):
        resolve_due(space_id)
    return across.audit_partnership(a, b, within=ids)
