"""The audit page compares the groups' perceptions from the latest check where both groups
answered, and says which check that is (its dates), and what the newest one waits for."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from sharedspace.perception import actions
from sharedspace.perception.models import Round


def text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def day(when: dt.datetime) -> str:
    return date_format(timezone.localtime(when), "j F Y")


def test_an_unfinished_check_does_not_hide_a_finished_one(cast, shared, signed_in):
    older = actions.round_open(actor=cast.carol, space_id=shared.pk)
    actions.answers_submit(actor=cast.carol, round_id=older.pk, party=cast.council.pk,
                           answers={"money": "together"})
    actions.answers_submit(actor=cast.sam, round_id=older.pk, party=cast.group.pk,
                           answers={"money": f"party:{cast.council.pk}"})
    actions.round_close(actor=cast.sam, round_id=older.pk)
    newer = actions.round_open(actor=cast.sam, space_id=shared.pk)
    actions.answers_submit(actor=cast.sam, round_id=newer.pk, party=cast.group.pk,
                           answers={"money": "together"})
    older, newer = Round.objects.get(pk=older.pk), Round.objects.get(pk=newer.pk)
    html = signed_in(cast.mo).get(reverse("web:audit", args=[shared.pk])).content.decode()
    said = text(html)
    assert (f"These answers are from the perception check started on {day(older.opened_at)} "
            f"and closed on {day(older.closed_at)}.") in said
    assert (f"The newest perception check, started on {day(newer.opened_at)}, has answers from "
            "only one group so far, so it cannot be compared yet.") in said
    # The finished check's answers are compared: the groups see money differently.
    assert "Seen differently. Who decides how money is spent?" in said
    assert "Only one group has answered the perception check" not in said


def test_the_check_shown_is_named_when_it_is_the_newest(cast, shared, signed_in):
    current = actions.round_open(actor=cast.carol, space_id=shared.pk)
    actions.answers_submit(actor=cast.carol, round_id=current.pk, party=cast.council.pk,
                           answers={"money": "together"})
    current = Round.objects.get(pk=current.pk)
    said = text(signed_in(cast.mo).get(reverse("web:audit", args=[shared.pk])).content.decode())
    assert "Only one group has answered so far, so the answers cannot be compared yet." in said
    assert (f"These answers are from the perception check started on {day(current.opened_at)}. "
            "It is still open.") in said


def test_whose_space_in_a_funded_shared_space_says_who_holds_more(cast, shared, signed_in):
    """The audit page's table says "Shared, but Council team holds more of the power" for
    "Whose space is this?", not "Mixed: no one group holds most of it" (its opposite), in
    English and Welsh (docs/adr/0022, amended)."""
    from sharedspace.governance import actions as gov

    gov.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk, amount="9500")
    gov.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="500")
    rnd = actions.round_open(actor=cast.carol, space_id=shared.pk)
    actions.answers_submit(actor=cast.carol, round_id=rnd.pk, party=cast.council.pk,
                           answers={"overall": "together"})
    for who in (cast.sam, cast.mo):
        actions.answers_submit(actor=who, round_id=rnd.pk, party=cast.group.pk,
                               answers={"overall": f"party:{cast.council.pk}"})
    sam = signed_in(cast.sam)
    url = reverse("web:audit", args=[shared.pk])
    page = text(sam.get(url).content.decode())
    row = page[page.index("Whose space is this? All of us together"):][:200]
    assert "Shared, but Council team holds more of the power" in row
    assert "no one group holds most of it" not in row
    sam.post(reverse("web:set_language"), {"language": "cy", "next": "/"})
    assert "Wedi\u2019i rannu, ond Council team sydd \u00e2 mwy o\u2019r p\u0175er" in text(
        sam.get(url).content.decode())
