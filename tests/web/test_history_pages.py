"""A long history is read a page at a time, oldest first, with links to the page before,
the next one and the latest, so the newest events are one click away."""

from __future__ import annotations

import re

from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.web.views.history import PAGE


def links(html: str) -> dict[str, str]:
    found = re.findall(r'<a class="govuk-link" href="\?after=(\d+)(?:#latest)?">([^<]+)</a>', html)
    return {text: after for after, text in found}


def test_links_to_earlier_later_and_latest(cast, own, signed_in, monkeypatch):
    monkeypatch.setattr("sharedspace.web.views.history.PAGE", 5)
    for n in range(12):  # with the space's own entries, well over two pages of five
        actions.comment_add(actor=cast.carol, space_id=own.pk, body=f"Note {n}")
    carol = signed_in(cast.carol)
    url = reverse("web:history", args=[own.pk])
    first = links(carol.get(url).content.decode())
    assert first["Later events"] == "5" and "Earlier events" not in first
    latest = int(first["The latest events"])
    assert first["Go to the latest events"] == str(latest)
    last = carol.get(f"{url}?after={latest}").content.decode()
    assert f'start="{latest + 1}"' in last
    shown = last.split('class="govuk-list app-history"', 1)[1].split("</ol>", 1)[0]
    assert shown.count("<li") == 5  # the last five entries, the newest at the end
    assert shown.rstrip().rsplit("<li", 1)[1].startswith(' id="latest"')
    at_end = links(last)
    assert "Later events" not in at_end and "The latest events" not in at_end
    assert at_end["Earlier events"] == str(latest - 5)


def test_a_short_history_has_no_page_links(cast, own, signed_in):
    html = signed_in(cast.carol).get(reverse("web:history", args=[own.pk])).content.decode()
    assert links(html) == {}
    assert PAGE == 100


def test_an_address_past_the_end_shows_the_latest_page(cast, own, signed_in, monkeypatch):
    monkeypatch.setattr("sharedspace.web.views.history.PAGE", 5)
    for n in range(12):
        actions.comment_add(actor=cast.carol, space_id=own.pk, body=f"Note {n}")
    html = signed_in(cast.carol).get(
        reverse("web:history", args=[own.pk]) + "?after=500").content.decode()
    assert "Nothing has happened yet." not in html
    assert 'id="latest"' in html and "Earlier events" in html
