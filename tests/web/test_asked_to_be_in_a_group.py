"""Someone put in a group by its coordinator is asked whether they want to be in it (ADR 38):
on the dashboard, then on the group's page, where they say yes or leave. Their group's members
see who has not said yet."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.governance.models import LedgerEntry, Membership

from .conftest import form_data

pytestmark = pytest.mark.django_db


def party_url(party) -> str:
    return reverse("web:party", args=[party.pk])


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_added_person_is_asked_on_the_dashboard_and_says_yes(cast, signed_in):
    owen = signed_in(cast.owen)
    html = page(owen, reverse("web:dashboard"))
    assert "You were added to a group" in html
    assert "Carol added you to Council team." in html
    assert f'href="{party_url(cast.council)}#asked-title"' in html

    html = page(owen, party_url(cast.council))
    assert "Do you want to be in this group?" in html
    assert "Carol added you to this group on" in html
    response = owen.post(party_url(cast.council), form_data("stay"))
    assert response.status_code == 302 and response["Location"] == party_url(cast.council)
    html = page(owen, response["Location"])
    assert "You said you want to be in “Council team”." in html
    assert "Do you want to be in this group?" not in html
    assert "You were added to a group" not in page(owen, reverse("web:dashboard"))
    assert LedgerEntry.objects.filter(chain=cast.council.pk, action="member.confirm").count() == 1


def test_the_added_person_can_leave_from_the_question(cast, signed_in):
    owen = signed_in(cast.owen)
    response = owen.post(party_url(cast.council), form_data("leave"))
    assert response.status_code == 302 and response["Location"] == reverse("web:dashboard")
    assert not Membership.objects.filter(party=cast.council, person=cast.owen,
                                         left_at__isnull=True).exists()
    assert "You were added to a group" not in page(owen, reverse("web:dashboard"))


def test_the_group_sees_who_has_not_said_yet(cast, signed_in):
    carol = signed_in(cast.carol)
    waiting = "Owen (has not said yet that they want to be in the group)"
    assert waiting in page(carol, party_url(cast.council))
    actions.party_member_confirm(actor=cast.owen, party_id=cast.council.pk)
    html = page(carol, party_url(cast.council))
    assert waiting not in html and "has not said yet" not in html


def test_adding_someone_says_they_will_be_asked(cast, signed_in):
    carol = signed_in(cast.carol)
    response = carol.post(party_url(cast.council),
                          form_data("member", email="new@example.org"), follow=True)
    assert "they are asked whether they want to be in it" in unescape(response.content.decode())


def test_a_founder_and_someone_who_said_yes_are_not_asked(cast, signed_in):
    for person in (cast.carol, cast.sam):
        html = page(signed_in(person), reverse("web:dashboard"))
        assert "You were added to a group" not in html
    actions.party_member_confirm(actor=cast.mo, party_id=cast.group.pk)
    mo = signed_in(cast.mo)
    assert "You were added to a group" not in page(mo, reverse("web:dashboard"))
    assert "Do you want to be in this group?" not in page(mo, party_url(cast.group))
    # Saying yes again (a stale page) is not an error and writes nothing more.
    response = mo.post(party_url(cast.group), form_data("stay"))
    assert response.status_code == 302
    assert LedgerEntry.objects.filter(chain=cast.group.pk, action="member.confirm").count() == 1


def test_someone_outside_the_group_cannot_say_yes_for_it(cast, signed_in):
    olive = signed_in(cast.olive)
    response = olive.post(party_url(cast.council), form_data("stay"))
    assert response.status_code == 404
    assert not LedgerEntry.objects.filter(action="member.confirm").exists()


def test_the_group_page_says_how_many_must_answer_and_when_that_is_impossible(cast,
                                                                              signed_in):
    """A majority group that asks for more answers than it has members can never answer:
    its page says how many must answer, and warns its own people."""
    actions.party_update(actor=cast.sam, party_id=cast.group.pk, quorum=5)
    html = page(signed_in(cast.mo), party_url(cast.group))
    assert "(at least 5 members must answer)" in html
    assert "The group has 3 members, but 5 must answer." in html
    actions.party_update(actor=cast.sam, party_id=cast.group.pk, quorum=2)
    html = page(signed_in(cast.mo), party_url(cast.group))
    assert "(at least 2 members must answer)" in html
    assert "must answer. Until it has more members" not in html
    # Someone outside the group is not told about its members.
    assert "The group has" not in page(signed_in(cast.olive), party_url(cast.group))
