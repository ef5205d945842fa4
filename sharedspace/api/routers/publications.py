"""Published work and critical friends' comments on it (ADR 36). Not in CONTRACT.md: an
addition. Anyone signed in may read and comment; the web pages are open to everyone."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from sharedspace.governance import actions
from sharedspace.governance import exceptions as ex
from sharedspace.governance.models import Publication, PublicComment

from .. import present
from ..auth import caller
from ..common import answers, created
from ..schemas import records as s

router = Router(tags=["Published work"])

PER_PAGE = 50
COMMENTS_SHOWN = 500


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=1_000_000)


@router.get(
    "/publications",
    response=answers(200, list[s.PublicationSummary], 422),
    operation_id="publication_list",
)
def publication_list(request: HttpRequest, query: Query[PageQuery]) -> Any:
    """Every piece of published work, newest first, 50 a page (``?page=2`` …). An empty
    list past the last page."""
    caller(request)
    paginator = Paginator(Publication.objects.order_by("-published_at", "-id"), PER_PAGE)
    if query.page > paginator.num_pages:
        return []
    return [present.publication_summary(p) for p in paginator.page(query.page)]


@router.get(
    "/publications/{id}",
    response=answers(200, s.Publication, 404),
    operation_id="publication_get",
)
def publication_get(request: HttpRequest, id: str) -> Any:
    """The work, with its critical friends' comments, oldest first: the newest 500 of them
    (as the web page shows). A removed comment has ``author`` and ``body`` null."""
    caller(request)
    publication = Publication.objects.filter(pk=id).first()
    if publication is None:
        raise ex.NotFound
    newest = PublicComment.objects.filter(publication=publication).select_related("author")
    comments = list(newest.order_by("-created_at", "-id")[:COMMENTS_SHOWN])[::-1]
    return present.publication(publication, comments)


@router.post(
    "/publications/{id}/comments",
    response=answers(201, s.PublicComment, 404, 409, 422, 429),
    operation_id="public_comment_add",
)
def public_comment_add(request: HttpRequest, id: str, payload: s.PublicCommentIn) -> Any:
    """Comment as a critical friend: anyone signed in, in a group or not. 409
    ``space_closed`` once the space has closed; 429 ``too_many_comments`` after 10 comments
    in 15 minutes (web and API together)."""
    comment = actions.public_comment_add(actor=caller(request), publication_id=id,
                                         body=payload.body)
    return created(present.public_comment(comment))
