"""Workshops where people look for them (UX review: the only way in was "Run a workshop" at the
bottom of the perception check): a "Workshops" part on the space's overview, and the open
workshops in the person's spaces on the dashboard; the big screen, which says how to join,
linked only for the groups in the space now (docs/adr/0029, "Finding workshops")."""

# The interface uses typographic dashes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from sharedspace.governance import actions as gov
from sharedspace.governance import selectors as gov_selectors
from sharedspace.web import easyread
from sharedspace.web.views.workshop_links import in_the_space_now
from sharedspace.workshops import actions, codes, selectors
from tests.governance.conftest import CHARTER, accept_all

from .test_workshop_pages import answer, join, phone

WHAT_IT_IS = ("In a workshop, everyone in the room answers the perception check’s questions "
              "on their own phone, without an account.")


def text_of(response) -> str:
    """The page's words, without tags, spaces squeezed."""
    assert response.status_code == 200
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def part(response) -> str:
    """The overview's "Workshops" section, as HTML ("" when the page has none)."""
    html = response.content.decode()
    found = re.search(r'<section aria-labelledby="space-workshops">.*?</section>', html, re.S)
    return found.group(0) if found else ""


def listed(response) -> str:
    """The dashboard's "Workshops open now" section, as HTML ("" when it has none)."""
    html = response.content.decode()
    found = re.search(r'<section aria-labelledby="open-workshops">.*?</section>', html, re.S)
    return found.group(0) if found else ""


def own_space_with_guest(cast):
    own = gov.space_create(
        actor=cast.carol, title="Coproduction board", purpose="Hear from people",
        holders=[cast.council.pk], claimed_approach="coproduction",
        guest_permissions=["view", "comment", "propose", "give_views"])
    invitation = gov.guest_invite(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    gov.invitation_accept(actor=cast.gil, invitation_id=invitation.pk)
    return own


# --- the space's overview -----------------------------------------------------------------


def test_a_holder_with_no_workshop_yet_is_offered_to_run_one(cast, shared, signed_in):
    """Before any workshop, a holder's person reads one sentence on what a workshop is and
    finds "Run a workshop", which leads to the page that opens one."""
    section = part(signed_in(cast.sam).get(reverse("web:space", args=[shared.pk])))
    assert "<h2" in section and ">Workshops</h2>" in section
    assert WHAT_IT_IS in section
    assert "Run a workshop" in section
    assert f'href="{reverse("web:workshop_open", args=[shared.pk])}"' in section
    assert "A workshop is open" not in section and "The last workshop" not in section


def test_a_guest_with_no_workshop_sees_no_part(cast, signed_in):
    """A guest cannot run one: with no workshop there is nothing to say, so no part."""
    own = own_space_with_guest(cast)
    page = signed_in(cast.gil).get(reverse("web:space", args=[own.pk]))
    assert page.status_code == 200
    assert part(page) == ""
    assert "Run a workshop" not in text_of(page)


def test_an_open_workshop_links_to_its_big_screen_and_answers(cast, shared, signed_in):
    """An open workshop says so, when it started, and links to its big screen and its
    answers so far; "Run a workshop" stays (two rooms may run one each)."""
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    section = part(signed_in(cast.mo).get(reverse("web:space", args=[shared.pk])))
    assert "A workshop is open. It started on " in section
    assert f'href="{reverse("web:workshop", args=[found.pk])}"' in section
    assert "Show on the big screen" in section
    assert f'href="{reverse("web:workshop_results", args=[found.pk])}"' in section
    assert "See the answers so far" in section
    assert "Run a workshop" in section
    # The overview never says how to join: that is the big screen's.
    assert codes.spaced(found.code) not in section and found.code not in section
    assert "/w/" not in section


def test_a_current_guest_sees_the_big_screen_link_but_cannot_run_one(cast, signed_in):
    """The guest's people are in the room too (may_see_code): the big screen is linked;
    only the host runs workshops."""
    own = own_space_with_guest(cast)
    found = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    section = part(signed_in(cast.gil).get(reverse("web:space", args=[own.pk])))
    assert f'href="{reverse("web:workshop", args=[found.pk])}"' in section
    assert "Run a workshop" not in section
    assert WHAT_IT_IS in section


def _former_holder(cast):
    space = gov.space_create(
        actor=cast.carol, title="Three", purpose="p", charter=CHARTER,
        holders=[cast.council.pk, cast.group.pk, cast.outsiders.pk],
        claimed_approach="coproduction")
    accept_all(space, cast)
    found = actions.workshop_open(actor=cast.carol, space_id=space.pk)
    gov.space_leave(actor=cast.olive, space_id=space.pk, party_id=cast.outsiders.pk)
    return found, cast.olive


def _removed_guest(cast):
    own = own_space_with_guest(cast)
    found = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    gov.guest_remove(actor=cast.carol, space_id=own.pk, party_id=cast.guests.pk)
    return found, cast.gil


def _invited_group(cast):
    own = own_space_with_guest(cast)
    found = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    gov.guest_invite(actor=cast.carol, space_id=own.pk, party_id=cast.outsiders.pk)
    return found, cast.olive


@pytest.mark.parametrize("who", [_former_holder, _removed_guest, _invited_group],
                         ids=["left", "removed", "invited"])
def test_a_group_not_in_the_space_now_is_led_to_the_answers_only(cast, signed_in, who):
    """A group that left, a guest the host removed and a group only invited read the space
    and the workshop's answers (ADR 27), but are not led to the big screen, and the
    dashboard does not list the workshop for them."""
    found, person = who(cast)
    assert not selectors.may_see_code(viewer=person, workshop=found)
    client = signed_in(person)
    section = part(client.get(reverse("web:space", args=[found.space_id])))
    assert "A workshop is open" in section
    assert f'href="{reverse("web:workshop_results", args=[found.pk])}"' in section
    assert f'href="{reverse("web:workshop", args=[found.pk])}"' not in section
    assert "Show on the big screen" not in section and "Run a workshop" not in section
    assert listed(client.get(reverse("web:dashboard"))) == ""


def test_the_latest_results_are_the_newest_ended_workshop(cast, shared, signed_in):
    """The newest workshop that has ended is "the last workshop": when it started, how many
    people answered, and a link to its answers; older ones are on the perception check."""
    older = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    actions.workshop_close(actor=cast.carol, workshop_id=older.pk)
    newest = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    for n, side in enumerate([cast.council.pk, cast.group.pk, cast.group.pk]):
        someone = phone(f"10.0.0.{n + 1}")
        join(someone, newest, side)
        answer(someone, newest, 1, "together")
    join(phone("10.0.0.9"), newest, cast.group.pk)  # joined, never answered: not counted
    actions.workshop_close(actor=cast.carol, workshop_id=newest.pk)
    page = signed_in(cast.sam).get(reverse("web:space", args=[shared.pk]))
    section = part(page)
    assert "A workshop is open" not in section
    assert f'href="{reverse("web:workshop_results", args=[newest.pk])}"' in section
    assert f'href="{reverse("web:workshop_results", args=[older.pk])}"' not in section
    assert re.search(r"The last workshop started on [^.]+\. 3 people answered\.",
                     text_of(page))
    assert f'href="{reverse("web:perception", args=[shared.pk])}"' in section
    assert "Every workshop in this space" in section


def test_one_person_is_said_in_the_singular(cast, shared, signed_in):
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    someone = phone()
    join(someone, found, cast.group.pk)
    answer(someone, found, 1, "together")
    actions.workshop_close(actor=cast.carol, workshop_id=found.pk)
    words = text_of(signed_in(cast.sam).get(reverse("web:space", args=[shared.pk])))
    assert "1 person answered." in words
    assert "Every workshop in this space" not in words  # the only one is already shown


def test_a_closed_space_shows_its_workshops_ended_and_offers_none(cast, shared, signed_in):
    """A workshop open when its space closed ended with it: no longer "open", its answers
    are the latest results, and no one can run another there."""
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    gov.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    shared.refresh_from_db()
    assert shared.state == "closed"
    section = part(signed_in(cast.carol).get(reverse("web:space", args=[shared.pk])))
    assert "A workshop is open" not in section and "Run a workshop" not in section
    assert f'href="{reverse("web:workshop_results", args=[found.pk])}"' in section
    assert f'href="{reverse("web:workshop", args=[found.pk])}"' not in section
    assert listed(signed_in(cast.carol).get(reverse("web:dashboard"))) == ""


def test_a_closed_space_with_no_workshop_shows_no_part(cast, shared, signed_in):
    gov.space_leave(actor=cast.sam, space_id=shared.pk, party_id=cast.group.pk)
    assert part(signed_in(cast.carol).get(reverse("web:space", args=[shared.pk]))) == ""


# --- the dashboard ------------------------------------------------------------------------


def test_the_dashboard_lists_open_workshops_in_my_spaces(cast, shared, signed_in):
    """Each open workshop in a space where the person's group is now: the space, when it
    started, and its big screen; newest first. Closed ones are not listed."""
    assert listed(signed_in(cast.sam).get(reverse("web:dashboard"))) == ""
    other = gov.space_create(
        actor=cast.carol, title="Transport review", purpose="Buses", charter=CHARTER,
        holders=[cast.council.pk, cast.group.pk], claimed_approach="co-design")
    accept_all(other, cast)
    first = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    second = actions.workshop_open(actor=cast.carol, space_id=other.pk)
    closed = actions.workshop_open(actor=cast.carol, space_id=other.pk)
    actions.workshop_close(actor=cast.carol, workshop_id=closed.pk)
    page = signed_in(cast.mo).get(reverse("web:dashboard"))
    section = listed(page)
    assert "Workshops open now" in section
    assert section.index(reverse("web:workshop", args=[second.pk])) < section.index(
        reverse("web:workshop", args=[first.pk]))
    assert reverse("web:workshop", args=[closed.pk]) not in section
    assert shared.title in section and "Transport review" in section
    assert f'href="{reverse("web:space", args=[other.pk])}"' in section
    assert "A workshop is open. It started on " in section
    assert section.count("Show on the big screen") == 2
    assert first.code not in section and "/w/" not in section
    # Someone whose groups are not in the space is not told about it.
    assert listed(signed_in(cast.olive).get(reverse("web:dashboard"))) == ""


def test_a_guest_sees_open_workshops_on_the_dashboard(cast, signed_in):
    own = own_space_with_guest(cast)
    found = actions.workshop_open(actor=cast.carol, space_id=own.pk)
    section = listed(signed_in(cast.gil).get(reverse("web:dashboard")))
    assert reverse("web:workshop", args=[found.pk]) in section


def test_the_dashboard_rule_is_may_see_code(cast, signed_in):
    """The dashboard decides from the rows it has read; it agrees with the selector's rule
    for a holder, a guest, a group that left, a removed guest and an invited group."""
    cases = []
    for make in (_former_holder, _removed_guest, _invited_group):
        found, person = make(cast)
        cases += [(found, person), (found, cast.carol)]
    own = own_space_with_guest(cast)
    cases.append((actions.workshop_open(actor=cast.carol, space_id=own.pk), cast.gil))
    for found, person in cases:
        views = {v.space.pk: v for v in gov_selectors.spaces_for(viewer=person)}
        assert in_the_space_now(person, views[found.space_id]) == selectors.may_see_code(
            viewer=person, workshop=found), (person, found)


# --- words: easy read and Welsh -----------------------------------------------------------


def test_easy_read_explains_workshops_on_both_pages(cast, shared, signed_in):
    actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    client = signed_in(cast.sam)
    client.cookies["easy_read"] = "1"
    overview = part(client.get(reverse("web:space", args=[shared.pk])))
    for line in easyread.TEXTS["workshops"].lines:
        assert str(line).replace("'", "&#x27;") in overview
    dashboard = listed(client.get(reverse("web:dashboard")))
    for line in easyread.TEXTS["workshops_open"].lines:
        assert str(line) in dashboard


@pytest.mark.parametrize("language", ["en", "cy"])
def test_both_pages_draw_in_both_languages(cast, shared, signed_in, language):
    found = actions.workshop_open(actor=cast.carol, space_id=shared.pk)
    client = signed_in(cast.sam)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert reverse("web:workshop", args=[found.pk]) in part(
        client.get(reverse("web:space", args=[shared.pk])))
    assert reverse("web:workshop", args=[found.pk]) in listed(
        client.get(reverse("web:dashboard")))
