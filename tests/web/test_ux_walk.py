"""What a newcomer trips over, walking the pages (issue 3): next steps and short phone pages."""
# ruff: noqa: RUF001

from __future__ import annotations

from django.urls import reverse

from sharedspace.governance import actions
from sharedspace.web import easyread
from sharedspace.web.views.auditparts import label_check
from tests.governance.conftest import pass_proposal

from .test_upload import (  # noqa: F401  (the upload tests' folder and worker fixtures)
    DATA,
    data_dir,
    only_job,
    run_worker,
    send,
    worker_keeps_the_test_connection,
)


def _easy(client):
    client.cookies["easy_read"] = "1"
    return client


def test_the_dashboard_says_where_to_audit_another_platform(cast, signed_in):
    html = signed_in(cast.carol).get(reverse("web:dashboard")).content.decode()
    assert f'href="{reverse("web:audit_import")}"' in html


def test_where_you_are_in_easy_read_is_on_the_overview_only(cast, shared, signed_in):
    """The banner is on every part of a space; its easy-read twin only on the overview, so a
    phone reaches each part's own content without scrolling past the same words twice."""
    client = _easy(signed_in(cast.sam))
    line = easyread.TEXTS["shared_space"].lines[0]
    overview = client.get(reverse("web:space", args=[shared.pk])).content.decode()
    proposals = client.get(reverse("web:proposals", args=[shared.pk])).content.decode()
    assert str(line) in overview
    assert str(line) not in proposals
    assert "This space is shared by" in proposals


def test_a_proposal_waiting_for_you_links_to_the_answer(cast, shared, signed_in):
    proposal = actions.proposal_submit(
        actor=cast.carol, space_id=shared.pk, kind="decision", title="Meet monthly"
    )
    html = signed_in(cast.sam).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    assert 'href="#answer"' in html and 'id="answer"' in html


def test_the_state_follows_the_title_in_a_list_of_proposals(cast, shared, signed_in):
    actions.proposal_submit(
        actor=cast.carol, space_id=shared.pk, kind="decision", title="Meet monthly"
    )
    html = signed_in(cast.sam).get(reverse("web:proposals", args=[shared.pk])).content.decode()
    head = html.split('<thead class="govuk-table__head"', 1)[1].split("</thead>", 1)[0]
    assert head.index("Proposal") < head.index("State") < head.index("Kind")


def test_no_label_is_not_a_matching_label():
    unnamed = label_check({"claimed_approach": None, "measured_approach": "engagement"}, "It")
    named = label_check({"claimed_approach": "engagement", "measured_approach": "engagement"}, "It")
    assert unnamed["claimed"] is False and named["claimed"] is True


def test_an_import_without_a_label_does_not_say_the_label_matches(cast, signed_in):
    client = signed_in(cast.carol)
    send(client, "consul.csv", (DATA / "consul-proposals.csv").read_bytes(), owner="Council")
    run_worker()
    page = client.get(f"/audit-import/{only_job().pk}/").content.decode()
    assert "there is no label to check" in page
    assert "The label matches the records." not in page


def test_spending_in_the_fund_links_to_the_proposal_it_paid_for(cast, shared, signed_in):
    actions.fund_commit(
        actor=cast.carol, space_id=shared.pk, party=cast.council.pk, amount="100.00"
    )
    spend = pass_proposal(cast, shared, kind="spend", title="Buy paper", amount="40.00")
    actions.fund_spend(actor=cast.carol, space_id=shared.pk, proposal=spend.pk, amount="40.00")
    html = signed_in(cast.sam).get(reverse("web:fund", args=[shared.pk])).content.decode()
    assert f'href="{reverse("web:proposal", args=[spend.pk])}"' in html


def test_the_power_audit_is_a_part_of_every_space(cast, shared, signed_in):
    html = signed_in(cast.sam).get(reverse("web:charter", args=[shared.pk])).content.decode()
    nav = html.split('class="app-subnav"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{reverse("web:audit", args=[shared.pk])}"' in nav
    audit = signed_in(cast.sam).get(reverse("web:audit", args=[shared.pk])).content.decode()
    assert 'aria-current="page">Power audit<' in audit


def test_the_dashboard_says_what_waits_for_your_groups_answer(cast, shared, signed_in):
    proposal = actions.proposal_submit(
        actor=cast.carol, space_id=shared.pk, kind="decision", title="Meet monthly"
    )
    proposals = reverse("web:proposals", args=[shared.pk])
    sam = signed_in(cast.sam).get(reverse("web:dashboard")).content.decode()
    assert "1 proposal is waiting for your group’s answer." in sam
    assert f'href="{proposals}"' in sam
    # The council proposed it but has not answered either; once it does, only the group waits.
    actions.position_give(
        actor=cast.carol, proposal_id=proposal.pk, party=cast.council.pk, position="agree"
    )
    carol = signed_in(cast.carol).get(reverse("web:dashboard")).content.decode()
    assert "waiting for your group’s answer" not in carol
    assert (
        "waiting for your group’s answer"
        in signed_in(cast.sam).get(reverse("web:dashboard")).content.decode()
    )


def test_choosing_several_is_checkboxes_not_radios(cast, signed_in):
    """A group's power sources and a member's roles: more than one may be chosen, and every
    chosen one shows as chosen (Django's CheckboxSelectMultiple is a kind of RadioSelect)."""
    party = cast.council
    actions.party_update(actor=cast.carol, party_id=party.pk, power_sources=["money", "mandate"])
    html = signed_in(cast.carol).get(reverse("web:party", args=[party.pk])).content.decode()
    for value in ("money", "mandate"):
        assert f'type="checkbox" value="{value}" checked' in html
    assert 'name="rule-power_sources" type="radio"' not in html
    assert 'name="member-roles" type="checkbox"' in html


def test_a_proposal_page_leads_back_to_the_proposals(signed_in, cast, shared):
    """The breadcrumbs on a proposal: your dashboard, the space, then Proposals."""
    proposal = actions.proposal_submit(actor=cast.carol, space_id=shared.pk, kind="decision",
                                       title="Meet on Fridays")
    page = signed_in(cast.carol).get(reverse("web:proposal", args=[proposal.pk])).content.decode()
    start = page.index("govuk-breadcrumbs")
    crumbs = page[start:page.index("</nav>", start)]
    assert reverse("web:proposals", args=[shared.pk]) in crumbs
    assert reverse("web:space", args=[shared.pk]) in crumbs


def test_a_meeting_page_has_its_own_easy_read_words(signed_in, cast, shared):
    """A meeting's page explains that one meeting, not the list of meetings."""
    import datetime as dt

    from django.utils import timezone

    meeting = actions.meeting_schedule(actor=cast.carol, space_id=shared.pk, title="Planning",
                                       starts_at=timezone.now() + dt.timedelta(days=3),
                                       place="Library")
    client = signed_in(cast.carol)
    client.cookies["easy_read"] = "1"
    page = client.get(reverse("web:meeting", args=[meeting.pk])).content.decode()
    assert "This page is about one meeting." in page


def test_a_phone_shows_each_cell_under_its_column_heading(cast, shared, signed_in):
    """Every table cell carries its column's heading, which a phone draws above the cell
    (a card a row); the table keeps its roles, so CSS cannot take its meaning away."""
    actions.proposal_submit(
        actor=cast.carol, space_id=shared.pk, kind="decision", title="Meet monthly"
    )
    html = signed_in(cast.sam).get(reverse("web:proposals", args=[shared.pk])).content.decode()
    body = html.split('<tbody class="govuk-table__body" role="rowgroup">', 1)[1]
    row = body.split("</tr>", 1)[0]
    assert 'role="row"' in row
    assert row.count('role="cell"') == 4
    assert 'data-label="State">Open</td>' in row
    assert 'data-label="Kind">A decision</td>' in row
    assert '<table class="govuk-table app-table" role="table">' in html


def test_a_hidden_column_heading_gives_no_label():
    from sharedspace.web.templatetags.web import labelled

    head = [{"text": "Name"}, {"text": "Action", "hidden": True}]
    assert labelled([{"text": "a"}, {"text": "b"}, {"text": "c"}], head) == [
        ({"text": "a"}, "Name"), ({"text": "b"}, ""), ({"text": "c"}, ""),
    ]
