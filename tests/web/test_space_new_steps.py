"""Making a space in two steps, with no JavaScript: first whose space it is (a GET form),
then only what that kind of space needs. A shared space asks for the other groups and the
charter; an own space asks what guests may do, and never shows the charter's boxes (the page
never sent an own space's charter to the core: DESIGN §3, the charter is the written agreement
of a shared space)."""

# The interface uses typographic apostrophes, as GOV.UK's style guide does.
# ruff: noqa: RUF001

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sharedspace.governance.actions._base import CHARTER_SECTIONS
from sharedspace.governance.models import Space

from .conftest import errors_in, form_data

pytestmark = pytest.mark.django_db

NEW = "/spaces/new/"


def main(html: str) -> str:
    return html[html.index('<main'):html.index("</main>")]


def title(html: str) -> str:
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    assert found
    return " ".join(found.group(1).split())


def test_the_address_is_the_one_the_dashboard_links_to():
    assert reverse("web:space_new") == NEW


def test_the_first_step_asks_only_whose_space_it_is(cast, signed_in):
    """One question, each answer saying what it means; nothing else to fill in yet."""
    html = main(signed_in(cast.carol).get(NEW).content.decode())
    assert '<form method="get" novalidate>' in html
    assert 'name="kind" type="radio" value="own"' in html
    assert 'name="kind" type="radio" value="shared"' in html
    assert "Only your group decides. You can invite other groups in as guests." in html
    assert ("The groups decide together, as equals. Every group must say yes before the space "
            "starts.") in html
    for field in ("space-title", "space-others", "space-charter_purpose",
                  "space-guest_permissions", 'name="form"'):
        assert field not in html, field


def test_continue_with_nothing_chosen_says_so(cast, signed_in):
    response = signed_in(cast.carol).get(NEW, {"step": "kind"})
    html = response.content.decode()
    assert errors_in(html) == ["Choose whose space it is"]
    assert 'href="#id_kind"' in html and 'id="id_kind"' in html
    assert title(html).startswith("Error: Make a space")
    # A kind it does not know is the same as none.
    assert errors_in(signed_in(cast.carol).get(NEW, {"step": "kind", "kind": "mine"}
                                               ).content.decode()) == ["Choose whose space it is"]


def test_an_own_space_asks_no_charter_and_no_other_groups(cast, signed_in):
    html = signed_in(cast.carol).get(NEW, {"step": "kind", "kind": "own"}).content.decode()
    page = main(html)
    assert "<h1" in page and "Make a space for your group</h1>" in page
    assert title(html).startswith("Make a space for your group")
    assert "charter" not in page.lower()
    assert 'name="space-others"' not in page
    assert 'name="space-guest_permissions"' in page
    assert "What may guests do?" in page and "(own space only)" not in page
    assert '<input type="hidden" id="id_space-kind" name="space-kind" value="own">' in page
    # The choice is shown, with a way to change it.
    assert re.search(r'Whose space is it\?</dt>\s*<dd class="govuk-summary-list__value">Our own '
                     r"group&#x27;s space</dd>", page)
    assert f'<a class="govuk-link" href="{NEW}">Change' in page


def test_a_shared_space_asks_for_the_groups_and_the_charter(cast, signed_in):
    page = main(signed_in(cast.carol).get(NEW, {"kind": "shared"}).content.decode())
    assert "Make a shared space</h1>" in page
    assert 'name="space-others"' in page
    for key in CHARTER_SECTIONS:
        assert f'name="space-charter_{key}"' in page
    assert 'name="space-guest_permissions"' not in page
    assert '<input type="hidden" id="id_space-kind" name="space-kind" value="shared">' in page
    # Said once, above the groups, not again as "Only for a shared space".
    assert "Only for a shared space." not in page


def test_making_an_own_space_from_its_step(cast, signed_in):
    """Posted from the own space's step: made with what guests may do, and no charter even
    when one is sent by hand."""
    carol = signed_in(cast.carol)
    response = carol.post(NEW + "?kind=own", form_data(
        "space", kind="own", title="Council plans", purpose="Our plans", party=cast.council.pk,
        claimed_approach="consultation", guest_permissions=["view", "comment"],
        charter_purpose="Not asked for",
    ))
    space = Space.objects.get(title="Council plans")
    assert response.status_code == 302 and response["Location"] == f"/spaces/{space.pk}/"
    assert (space.kind, space.state, space.charter) == ("own", "active", None)
    assert space.guest_permissions == ["view", "comment"]


def test_an_own_space_with_errors_stays_on_its_step(cast, signed_in):
    response = signed_in(cast.carol).post(NEW + "?kind=own", form_data(
        "space", kind="own", party=cast.council.pk))
    html = response.content.decode()
    assert errors_in(html) == ["Enter a name for the space", "Say what the space is for",
                               "Choose what you call the work"]
    page = main(html)
    assert "Make a space for your group</h1>" in page and "charter" not in page.lower()
    assert not Space.objects.exists()


def test_a_shared_space_with_errors_stays_on_its_step(cast, signed_in):
    response = signed_in(cast.carol).post(NEW + "?kind=shared", form_data(
        "space", kind="shared", title="T", purpose="P", party=cast.council.pk,
        claimed_approach="coproduction",
    ))
    html = response.content.decode()
    assert errors_in(html) == ["Choose at least one other group.",
                               "Write why you work together: a shared space needs a charter."]
    page = main(html)
    assert "Make a shared space</h1>" in page and 'name="space-charter_purpose"' in page
    assert 'name="space-guest_permissions"' not in page
    assert not Space.objects.exists()


def test_the_kind_sent_decides_the_step_shown(cast, signed_in):
    """The form's own kind counts, not the address: a shared form sent to the own address
    is shown again as the shared step."""
    response = signed_in(cast.carol).post(NEW + "?kind=own", form_data(
        "space", kind="shared", title="T", purpose="P", party=cast.council.pk,
        claimed_approach="coproduction", others=[cast.group.pk],
    ))
    page = main(response.content.decode())
    assert "Make a shared space</h1>" in page and 'name="space-charter_purpose"' in page


def test_a_form_sent_without_a_kind_asks_for_it(cast, signed_in):
    """Only a hand-made request gets here: it is asked whose space it is, nothing is made."""
    response = signed_in(cast.carol).post(NEW, form_data("space", title="T", purpose="P"))
    html = response.content.decode()
    assert errors_in(html) == ["Choose whose space it is"]
    assert 'name="kind" type="radio"' in main(html)
    assert title(html).startswith("Error: Make a space")
    assert title(html).count("Error:") == 1
    assert not Space.objects.exists()


def test_someone_who_coordinates_no_group_is_told_whom_to_ask_at_each_step(cast, signed_in):
    mo = signed_in(cast.mo)
    for query in ({}, {"kind": "shared"}, {"kind": "own"}):
        page = main(mo.get(NEW, query).content.decode())
        assert "Only a group’s coordinator can make a space for it." in page
        assert 'name="kind"' not in page and 'name="space-title"' not in page
