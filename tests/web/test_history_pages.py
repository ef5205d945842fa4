"""A long history is read a page at a time, oldest first, with links to the page before,
the next one and the latest, so the newest events are one click away. Votes are said as each
member's, and the group's answer apart."""

from __future__ import annotations

import re
from html import unescape

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


# --- votes and the group's answer (DESIGN rule 9) -------------------------------------------


def history_texts(client, space) -> list[str]:
    """Each entry of the space's history page as plain text, oldest first."""
    html = client.get(reverse("web:history", args=[space.pk])).content.decode()
    shown = html.split('class="govuk-list app-history"', 1)[1].split("</ol>", 1)[0]
    items = [re.sub(r'<span class="govuk-body-s app-history__when">.*?</span>', "", i)
             for i in re.findall(r"<li[^>]*>(.*?)</li>", shown, re.S)]
    return [unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", i))).strip() for i in items]


def test_a_members_vote_is_not_the_groups_answer(cast, shared, signed_in):
    """The self-advocates decide by majority (3 members, 2 needed): Mo's vote is hers, not
    the group's answer; the group's answer is said when Sam's vote settles it. The council
    decides by its speaker, so Carol's vote gives its answer at once."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet on Tuesdays")
    actions.position_give(actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk,
                          position="agree")
    actions.position_give(actor=cast.mo, proposal_id=proposal.pk, party=cast.group.pk,
                          position="agree")
    actions.position_give(actor=cast.sam, proposal_id=proposal.pk, party=cast.group.pk,
                          position="agree")
    texts = history_texts(signed_in(cast.ria), shared)
    assert "Carol (Council team) voted agree on “Meet on Tuesdays”. Answer from Council team: " \
        "agree." in texts
    assert "Mo (Self-advocates) voted agree on “Meet on Tuesdays”. Self-advocates has no " \
        "answer yet." in texts
    assert "Sam (Self-advocates) voted agree on “Meet on Tuesdays”. Answer from " \
        "Self-advocates: agree." in texts
    assert not any(" for Self-advocates" in t or "answered" in t for t in texts), texts


def test_an_objections_reason_is_shown_when_the_groups_answer_holds_it(cast, shared,
                                                                       signed_in):
    """The ledger holds only the reason's digest. While the group's answer (on the proposal
    page) holds those words, the history shows them; once it no longer does, it says there
    was a reason and links to the proposal."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet at County Hall")
    actions.position_give(actor=cast.mo, proposal_id=proposal.pk, party=cast.group.pk,
                          position="object", reason="The bus does not go there.")
    actions.position_give(actor=cast.sam, proposal_id=proposal.pk, party=cast.group.pk,
                          position="object", reason="We need a quiet room.")
    ria = signed_in(cast.ria)
    texts = history_texts(ria, shared)
    assert ("Mo (Self-advocates) voted object on “Meet at County Hall”. Self-advocates has no "
            "answer yet. The reason given: “The bus does not go there.”") in texts
    assert ("Sam (Self-advocates) voted object on “Meet at County Hall”. Answer from "
            "Self-advocates: object. The reason given: “We need a quiet room.”") in texts
    # Sam changes his vote: the group still objects (1 object, 1 agree), but Sam's reason
    # is no longer part of its answer.
    actions.position_give(actor=cast.sam, proposal_id=proposal.pk, party=cast.group.pk,
                          position="agree")
    html = ria.get(reverse("web:history", args=[shared.pk])).content.decode()
    texts = history_texts(ria, shared)
    assert ("Sam (Self-advocates) voted object on “Meet at County Hall”, with a reason. "
            "Answer from Self-advocates: object. Read the proposal") in texts
    assert "We need a quiet room." not in html
    assert f'href="{reverse("web:proposal", args=[proposal.pk])}">Read the proposal</a>' in html
    assert ("Sam (Self-advocates) voted agree on “Meet at County Hall”. Answer from "
            "Self-advocates is still: object.") in texts
    assert "The bus does not go there." in html  # Mo's reason is still the group's


def test_the_groups_answer_before_the_page_counts(cast, shared, signed_in, monkeypatch):
    """A page that starts after the group's answer was given still knows it: a later vote
    that does not change it says so, and does not announce it as new."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet on Fridays")
    for who in (cast.mo, cast.sam):
        actions.position_give(actor=who, proposal_id=proposal.pk, party=cast.group.pk,
                              position="agree")
    last = actions.position_give(actor=cast.ria, proposal_id=proposal.pk, party=cast.group.pk,
                                 position="agree")
    assert last is not None
    monkeypatch.setattr("sharedspace.web.views.history.PAGE", 1)
    ria = signed_in(cast.ria)
    from sharedspace.governance.models import LedgerEntry
    seq = LedgerEntry.objects.filter(chain=shared.pk).order_by("-seq").values_list(
        "seq", flat=True)[0]
    html = ria.get(reverse("web:history", args=[shared.pk]) + f"?after={seq - 1}")
    text = unescape(re.sub(r"<[^>]+>", " ", html.content.decode()))
    assert "Ria (Self-advocates) voted agree on “Meet on Fridays”. Answer from " \
        "Self-advocates is still: agree." in re.sub(r"\s+", " ", text)


def test_a_guests_view_is_a_view(cast, own, signed_in):
    """In an own space a guest's answer is a view: said so, never "for" anyone."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=own.pk, kind="decision",
                                       title="Open on Saturdays")
    actions.position_give(actor=cast.gil, proposal_id=proposal.pk, party=cast.guests.pk,
                          position="object", reason="Carers work on Saturdays.")
    texts = history_texts(signed_in(cast.carol), own)
    assert ("Gil (Carers forum) gave a view on “Open on Saturdays”: object. View from "
            "Carers forum: object. The reason given: “Carers work on Saturdays.”") in texts


def test_the_history_offers_the_groups_export(cast, own, signed_in):
    """Beside the raw record, a member can download everything their group can read (the
    zip `sharedspace export` makes): the history is where people look for it."""
    html = signed_in(cast.carol).get(reverse("web:history", args=[own.pk])).content.decode()
    assert reverse("web:party_export", args=[cast.council.pk]) in html
    assert "Download everything" in html
