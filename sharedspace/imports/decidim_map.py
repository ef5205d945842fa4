"""Decidim proposals, one record at a time: which variant it is, and its fields mapped.

Who proposed it (`source`), for current exports, which have no `source` field. The rules, in
order (docs/imports.md says why):
1. an explicit `source` field is taken as in the legacy format; `official` true → official,
   `official_meeting` true → meeting;
2. no `author` key at all → unknown (the export cannot say, and we do not guess);
3. author cells all empty → citizen, author None (a deleted account);
4. the first author's URL holds `/profiles/` → citizen (organization when the export names a
   user group);
5. the URL holds `/meetings/` → meeting;
6. the author's name is the owner given with --owner → official;
7. names but no URL field at all → unknown;
8. any other URL (Decidim gives the organisation's root URL), or a name with an empty URL →
   official (the organisation itself).
"""

from __future__ import annotations

from typing import Any

from .errors import RowError
from .records import (
    SOURCE_CITIZEN,
    SOURCE_MEETING,
    SOURCE_OFFICIAL,
    SOURCE_ORGANIZATION,
    SOURCE_UNKNOWN,
    STATE_ACCEPTED,
    STATE_EVALUATING,
    STATE_OPEN,
    STATE_REJECTED,
    STATE_WITHDRAWN,
    Location,
    ProposalRecord,
)
from .stream import ImportStream
from .values import as_ref, parse_bool, parse_count, parse_optional_datetime, pick_text

_SOURCES = {
    "official": SOURCE_OFFICIAL,
    "citizen": SOURCE_CITIZEN,
    "organization": SOURCE_ORGANIZATION,
    "organisation": SOURCE_ORGANIZATION,
    "user_group": SOURCE_ORGANIZATION,
    "meeting": SOURCE_MEETING,
}
_STATES = {
    "": STATE_OPEN,
    "not_answered": STATE_OPEN,
    "open": STATE_OPEN,
    "published": STATE_OPEN,
    "accepted": STATE_ACCEPTED,
    "rejected": STATE_REJECTED,
    "evaluating": STATE_EVALUATING,
    "withdrawn": STATE_WITHDRAWN,
}
_LEGACY_KEYS = ("source", "status", "official", "from_meeting", "district")
_CURRENT_KEYS = (
    "state",
    "reference",
    "published_at",
    "supports",
    "votes",
    "endorsements",
    "answer",
    "is_amend",
    "participatory_space",
    "component",
)


def _truthy(value: Any) -> bool:
    """Lenient flag for fields that only refine a record: garbage counts as false."""
    try:
        return parse_bool(value, field="flag")
    except RowError:
        return False


def _name(value: Any) -> str | None:
    """`{"id": 1, "name": ...}` or a plain text, as a name."""
    if isinstance(value, dict):
        return pick_text(value.get("name"))
    return pick_text(value) if isinstance(value, str) else None


def _count(value: Any) -> int | None:
    try:
        return parse_count(value, field="votes")
    except RowError:
        return None


def _state(raw: Any, *, field: str) -> str:
    if raw is None:
        return STATE_OPEN
    if not isinstance(raw, str):
        raise RowError("unknown_state", f"the {field} {raw!r} is not a known state")
    state = _STATES.get(raw.strip().lower())
    if state is None:
        raise RowError(
            "unknown_state",
            f"the {field} {raw!r} is not one of accepted, rejected, evaluating, "
            "not_answered, withdrawn",
        )
    return state


def _required_ref(record: dict[str, Any]) -> str:
    ref = as_ref(record.get("id"))
    if ref is None:
        raise RowError("missing_field", "the proposal has no id")
    return ref


def _required_title(record: dict[str, Any]) -> str:
    title = pick_text(record.get("title"))
    if title is None:
        raise RowError("missing_field", "the proposal has no title")
    return title


def classify(obj: Any) -> tuple[str, dict[str, Any]]:
    """("legacy" | "current", the proposal's fields), or RowError if it is no proposal."""
    if not isinstance(obj, dict):
        raise RowError("unknown_record", "the record is not a JSON object")
    if "proposal" in obj:
        inner = obj["proposal"]
        if not isinstance(inner, dict):
            raise RowError("missing_field", 'the proposal is empty ("proposal" is not an object)')
        return "legacy", inner
    if "state" not in obj and any(key in obj for key in _LEGACY_KEYS):
        return "legacy", obj
    if any(key in obj for key in _CURRENT_KEYS):
        return "current", obj
    raise RowError(
        "unknown_record",
        "not a Decidim proposal (it has none of the fields proposal, source, status, state)",
    )


def _legacy_source(p: dict[str, Any]) -> str:
    raw = p.get("source")
    if isinstance(raw, str) and raw.strip():
        source = _SOURCES.get(raw.strip().lower())
        if source is None:
            raise RowError(
                "unknown_source",
                f"the source {raw!r} is not one of official, citizen, organization, meeting",
            )
        return source
    if raw is not None and not isinstance(raw, str):
        raise RowError("unknown_source", f"the source {raw!r} is not a text")
    if _truthy(p.get("official")):
        return SOURCE_OFFICIAL
    if _truthy(p.get("from_meeting")):
        return SOURCE_MEETING
    raise RowError("missing_field", "the proposal does not say who proposed it (no source)")


def map_legacy(p: dict[str, Any], origin: Location, stream: ImportStream) -> ProposalRecord:
    """A decidim.barcelona proposal (the inside of `{"proposal": ...}`) as a record."""
    ref = _required_ref(p)
    source = _legacy_source(p)
    state = _state(p.get("status"), field="status")
    title = _required_title(p)
    author_field = p.get("author")
    author = _name(author_field) if isinstance(author_field, dict) else pick_text(author_field)
    created_at = parse_optional_datetime(p.get("created_at"), field="created_at")
    if source == SOURCE_OFFICIAL and author:
        stream.saw_official_author(author)
    district = p.get("district")
    return ProposalRecord(
        ref=ref,
        source=source,
        author=author,
        created_at=created_at,
        state=state,
        title=title,
        category=_name(p.get("category")),
        origin=origin,
        reference=pick_text(p.get("code")),
        scope=_name(district) if district is not None else _name(p.get("scope")),
        votes=_count(p.get("total_votes")),
        hidden=_truthy(p.get("hidden")),
    )


def _split_list(value: Any) -> list[Any]:
    """Decidim 0.28+ gives lists of authors; CSV joins lists with ", "."""
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        return [part.strip() for part in value.split(", ")]
    return [value]


def _authors(r: dict[str, Any]) -> list[tuple[str | None, str | None]] | None:
    """[(name, url)] of the authors; None when the export carries no author information."""
    if "author" not in r:
        return None
    author = r["author"]
    if author is None:
        return []
    if isinstance(author, str):
        return [(pick_text(author), None)]
    if not isinstance(author, dict):
        return []
    urls = _split_list(author.get("url"))
    raw_names = author.get("name")
    if isinstance(raw_names, str) and len(urls) > 1 and len(_split_list(raw_names)) == len(urls):
        names = _split_list(raw_names)
    elif isinstance(raw_names, list):
        names = raw_names
    else:
        names = [raw_names]
    has_url = "url" in author
    pairs: list[tuple[str | None, str | None]] = []
    for index in range(max(len(names), len(urls))):
        name = pick_text(names[index]) if index < len(names) else None
        url = pick_text(urls[index]) if index < len(urls) else None
        pairs.append((name, url if url else ("" if has_url else None)))
    return pairs


def current_source(r: dict[str, Any], owner: str | None) -> tuple[str, str | None]:
    """(source, author name) for a current-format proposal, by the rules in the docstring."""
    raw = r.get("source")
    if isinstance(raw, str) and raw.strip():
        source = _SOURCES.get(raw.strip().lower())
        if source is None:
            raise RowError("unknown_source", f"the source {raw!r} is not a known source")
        named = _authors(r) or [(None, None)]
        return source, named[0][0]
    authors = _authors(r)
    first_name = authors[0][0] if authors else None
    if _truthy(r.get("official")):
        return SOURCE_OFFICIAL, first_name
    if _truthy(r.get("official_meeting")):
        return SOURCE_MEETING, first_name
    if authors is None:
        return SOURCE_UNKNOWN, None
    if not authors or all(not name and not url for name, url in authors):
        return SOURCE_CITIZEN, None  # the author's account is gone
    name, url = authors[0]
    lowered = (url or "").lower()
    if "/profiles/" in lowered:
        group = r.get("user_group")
        if isinstance(group, dict) and any(v not in (None, "") for v in group.values()):
            return SOURCE_ORGANIZATION, _name(group) or name
        return SOURCE_CITIZEN, name
    if "/meetings/" in lowered:
        return SOURCE_MEETING, name
    if owner and name and name.casefold() == owner.casefold():
        return SOURCE_OFFICIAL, name
    if url is None:
        return SOURCE_UNKNOWN, name  # the export has author names but no URLs to judge by
    return SOURCE_OFFICIAL, name


def map_current(r: dict[str, Any], origin: Location, stream: ImportStream) -> ProposalRecord:
    """A proposal as Decidim's ProposalSerializer writes it, as a record."""
    ref = _required_ref(r)
    title = _required_title(r)
    state = _state(r.get("state"), field="state")
    if _truthy(r.get("withdrawn")) or r.get("withdrawn_at") not in (None, ""):
        state = STATE_WITHDRAWN
    source, author = current_source(r, stream.owner)
    if source == SOURCE_OFFICIAL and author:
        stream.saw_official_author(author)
    created = r.get("published_at") or r.get("created_at")
    answered = r.get("answered_at") or r.get("state_published_at")
    votes = r.get("supports", r.get("votes"))
    return ProposalRecord(
        ref=ref,
        source=source,
        author=author,
        created_at=parse_optional_datetime(created, field="published_at"),
        state=state,
        title=title,
        category=_name(r.get("category")),
        origin=origin,
        reference=pick_text(r.get("reference")),
        scope=_name(r.get("scope")),
        answered_at=parse_optional_datetime(answered, field="answered_at"),
        votes=_count(votes),
        is_amendment=_truthy(r.get("is_amend")),
        hidden=_truthy(r.get("hidden")),
    )
