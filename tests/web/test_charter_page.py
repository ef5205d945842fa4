"""The charter page says truthfully who decides a change: every group in a shared space, the
host alone in its own space."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_shared_space_charter_changes_only_by_everyone(signed_in, cast, shared):
    page = signed_in(cast.carol).get(reverse("web:charter", args=[shared.pk])).content.decode()
    assert "It changes only if no group says no and at least one says yes." in page
    assert "decides alone" not in page


def test_own_space_charter_is_the_hosts_to_change(signed_in, cast, own):
    page = signed_in(cast.gil).get(reverse("web:charter", args=[own.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "It changes only if no group says no and at least one says yes." not in text
    assert (f"{cast.council.name} holds this space, so it decides alone whether the charter"
            " changes.") in text
