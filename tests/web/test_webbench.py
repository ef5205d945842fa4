"""What the web benchmark relies on, and what its speed-ups must not break (ADR 0017)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sharedspace.governance import actions, policies
from sharedspace.governance.models import Proposal
from sharedspace.web import reads
from tests.governance.conftest import clock  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[2]


def test_the_bare_view_is_not_served_without_the_benchmark_setting(client):
    """/_bench/bare/ exists only when SHAREDSPACE_BENCHMARK is on: a 404 here."""
    assert client.get("/_bench/bare/").status_code == 404


def _settings_with(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "sharedspace.settings",
             "SHAREDSPACE_DATA_DIR": str(ROOT / "var" / "test-webbench"), **env},
    )


def test_the_benchmark_setting_turns_debug_off_and_is_refused_in_production():
    """A benchmark measures what production runs (DEBUG off); production refuses it."""
    bench = _settings_with({"SHAREDSPACE_BENCHMARK": "1", "SHAREDSPACE_ENV": "development"})
    assert bench.returncode == 0, bench.stderr
    assert bench.stdout.strip() == "False"
    refused = _settings_with({"SHAREDSPACE_BENCHMARK": "1", "SHAREDSPACE_ENV": "production",
                              "SHAREDSPACE_ALLOWED_HOSTS": "example.org"})
    assert refused.returncode != 0
    assert "never in production" in refused.stderr


def test_remembering_reads_membership_once_and_only_inside_the_block(cast, shared):
    """Inside ``remembering`` the same rows are read once; outside, every call reads afresh,
    so an action always sees a membership change made just before."""
    with CaptureQueriesContext(connection) as ctx, policies.remembering():
        first = policies.party_ids_of(cast.carol)
        again = policies.party_ids_of(cast.carol)
        holders = policies.holder_ids(shared)
        policies.holder_ids(shared)
        policies.guest_ids(shared)
        policies.guest_ids(shared)
    assert len(ctx.captured_queries) == 3
    assert first == again == policies.party_ids_of(cast.carol) == [cast.council.pk]
    assert holders == policies.holder_ids(shared) and cast.council.pk in holders
    party = actions.party_create(actor=cast.carol, name="New team", kind="organisation",
                                 decision_rule="speaker")
    assert set(policies.party_ids_of(cast.carol)) == {cast.council.pk, party.pk}


def test_a_proposal_page_shows_a_deadline_that_passed_since_the_last_read(
    cast, shared, signed_in, clock  # noqa: F811
):
    """The page resolves due deadlines first and then shows the proposal as it is now."""
    proposal = actions.proposal_submit(
        actor=cast.carol, space_id=shared.pk, kind="decision", title="Paint the hall",
        closes_at=clock.moment + dt.timedelta(days=1),
    )
    client = signed_in(cast.sam)
    url = reverse("web:proposal", args=[proposal.pk])
    assert "Lapsed" not in client.get(url).content.decode()
    clock.advance(days=2)
    page = client.get(url).content.decode()
    assert Proposal.objects.get(pk=proposal.pk).state == "lapsed"
    assert "Lapsed" in page


def test_a_long_discussion_shows_the_newest_comments_and_a_link_to_every_one(
    cast, shared, signed_in
):
    """The space's page shows the newest 30 comments, oldest first, and links to all of
    them (``?comments=all``), which works without JavaScript."""
    for i in range(reads.COMMENTS_SHOWN + 5):
        actions.comment_add(actor=cast.sam, space_id=shared.pk, body=f"Note number {i:02d}")
    client = signed_in(cast.carol)
    url = reverse("web:space", args=[shared.pk])
    page = client.get(url).content.decode()
    shown = re.findall(r"Note number (\d\d)", page)
    assert shown == [f"{i:02d}" for i in range(5, reads.COMMENTS_SHOWN + 5)]
    assert 'href="?comments=all#discussion"' in page
    everything = client.get(url + "?comments=all").content.decode()
    assert len(re.findall(r"Note number \d\d", everything)) == reads.COMMENTS_SHOWN + 5
    assert "?comments=all#discussion" not in everything


def test_a_short_discussion_shows_every_comment_without_the_link(cast, shared, signed_in):
    """With few comments nothing is hidden, so there is no link."""
    actions.comment_add(actor=cast.sam, space_id=shared.pk, body="Just one")
    page = signed_in(cast.carol).get(reverse("web:space", args=[shared.pk])).content.decode()
    assert "Just one" in page and "?comments=all#discussion" not in page
