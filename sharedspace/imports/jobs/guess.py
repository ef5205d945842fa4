"""Which platform an upload comes from, when the person did not say (the page's "Find out
for me"). The CLI always names the source; the browser may leave it to us.

Each file is looked at as each source's importer would look at it (``choose_parser``: the
first 64 KiB, never the file's name). An event log's header is the most particular, so it
wins; a CSV that both Decidim and CONSUL could read is CONSUL's when its header has a
column only CONSUL writes, and Decidim's otherwise.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from sharedspace.imports import ImportInputError, choose_parser
from sharedspace.imports.inputs import READ_ERRORS, plan_input
from sharedspace.imports.textio import decode_head

#: Columns of CONSUL's proposals table that a Decidim export does not have.
CONSUL_ONLY = ("cached_votes_up", "retired_at", "author_id", "geozone_id", "hidden_at")
#: How many files of a folder or zip are looked at before giving up.
LOOK_AT = 50
ORDER = ("csv", "decidim", "consul")


def _first_line(head: bytes) -> str:
    text = decode_head(head).lstrip("\ufeff").lstrip()
    return text.splitlines()[0].lower() if text else ""


def guess_source(path: Path) -> str:
    """The source ("decidim", "consul" or "csv") of the records at `path`; ImportInputError when no
    file in it looks like any of them (with the first file's problem in plain words)."""
    with contextlib.ExitStack() as stack:
        plan = plan_input(path, stack)
        first_problem = ""
        for file in plan.files[:LOOK_AT]:
            try:
                readable = [s for s in ORDER if choose_parser(file, s)[0] is not None]
                header = _first_line(file.head())
            except READ_ERRORS as exc:
                first_problem = first_problem or f"{file.name}: the file cannot be read ({exc})"
                continue
            if not readable:
                first_problem = first_problem or f"{file.name}: {choose_parser(file, 'csv')[1]}"
                continue
            if (
                readable[0] == "decidim"
                and "consul" in readable
                and any(column in header for column in CONSUL_ONLY)
            ):
                return "consul"
            return readable[0]
    problem = first_problem or (
        plan.broken[0][0] + ": " + plan.broken[0][1] if plan.broken else str(path)
    )
    raise ImportInputError(
        "we could not tell what it is: it does not look like a Decidim export, a CONSUL "
        f"export or an event log (first: {problem})"
    )
