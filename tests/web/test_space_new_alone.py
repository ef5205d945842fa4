"""Making a shared space when no other group exists yet: the page says there is no one to
share with and what to do, instead of an empty list of groups to choose from."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sharedspace.governance import actions

pytestmark = pytest.mark.django_db

NO_ONE = ("There is no other group on Shared Space yet, so there is no one to share a space "
          "with. Ask the other group to sign in and make their group first.")


def _page(client):
    url = reverse("web:space_new") + "?kind=shared"
    return " ".join(client.get(url).content.decode().split())


def test_the_only_group_is_told_to_ask_the_other_group_first(signed_in):
    alone = actions.person_create(email="alone@example.org", name="Alone")
    actions.party_create(actor=alone, name="First group", kind="people",
                         decision_rule="speaker")
    page = _page(signed_in(alone))
    assert NO_ONE in page
    assert 'name="space-others"' not in page


def test_with_other_groups_they_are_listed_and_nothing_is_said(cast, signed_in):
    page = _page(signed_in(cast.carol))
    assert NO_ONE not in page
    assert 'name="space-others"' in page and "Self-advocates" in page
