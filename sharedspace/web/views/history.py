"""The space's history from its ledger, in sentences, with the chain checked."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404

from sharedspace.governance import selectors

from .. import history
from .spacebase import SpacePage

PAGE = 100


class History(SpacePage):
    template_name = "web/pages/history.html"
    tab = "history"

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        if not self.view.can_read_ledger:
            raise Http404
        try:
            self.after = max(0, int(self.request.GET.get("after", "0")))
        except ValueError:
            self.after = 0

    def context(self) -> dict[str, Any]:
        context = self.space_context()
        verdict = selectors.ledger_verify(viewer=self.person, space_id=self.space.pk)
        # Oldest first, a page at a time; links to the page before, the next one and the
        # latest, so the newest events are one click away however long the history. An
        # address past the end shows the latest page, not an empty one.
        latest = max(0, verdict.entries - PAGE)
        self.after = min(self.after, latest)
        rows, next_after = selectors.ledger_page(
            viewer=self.person, space_id=self.space.pk, after=self.after, limit=PAGE
        )
        for row in rows:
            if row["at"]:  # None for an entry that cannot be read
                row["at"] = dt.datetime.fromisoformat(row["at"].replace("Z", "+00:00"))
        context.update(
            {
                "entries": history.sentences(rows),
                "next_after": next_after,
                "earlier_after": max(0, self.after - PAGE) if self.after else None,
                "latest_after": latest if next_after and latest > self.after else None,
                "after": self.after,
                "verdict": verdict,
            }
        )
        return context
