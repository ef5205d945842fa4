"""What people write (comments, a proposal's text, a position's reason) takes its direction
from its own words, and nothing in it can turn the page around it (docs/web.md)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sharedspace.governance import actions

pytestmark = pytest.mark.django_db

URDU = "ہم اگلے ہفتے ملیں گے"  # "We will meet next week"
RLO = "\u202e"  # turns the text after it right to left


def test_a_comment_in_urdu_reads_right_to_left_in_its_own_block(cast, shared, signed_in):
    actions.comment_add(actor=cast.sam, space_id=shared.pk, body=URDU + "\nThank you")
    html = signed_in(cast.carol).get(reverse("web:space", args=[shared.pk])).content.decode()
    assert f'<div class="app-written" dir="auto"><p>{URDU}<br>Thank you</p></div>' in html


def test_a_direction_character_stays_inside_what_was_written(cast, shared, signed_in):
    """A body may hold the characters that turn text around (languages written right to
    left need them), but they stop at the edge of the writer's own block or ``<bdi>``; the
    words stay escaped."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet in town", body=f"{RLO}<b>evil</b>")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="object", reason=f"{RLO}too far")
    html = signed_in(cast.carol).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert f'<div class="app-written" dir="auto"><p>{RLO}&lt;b&gt;evil&lt;/b&gt;</p></div>' in html
    assert f"Reason: <bdi>{RLO}too far</bdi>" in html
    assert "<b>evil</b>" not in html
