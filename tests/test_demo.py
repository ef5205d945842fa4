"""`sharedspace demo`: a whole partnership, told through the governance actions only."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone
from sesame.utils import get_user

from sharedspace import demo
from sharedspace.cli.main import main
from sharedspace.demo.cast import COUNCIL, FORUM, GROUP, PEOPLE
from sharedspace.governance import ledger
from sharedspace.governance.choices import ProposalState
from sharedspace.governance.models import (
    FundEntry,
    LedgerEntry,
    OutsideDecision,
    Party,
    Person,
    Proposal,
    Publication,
    PublicComment,
    Space,
    Tenure,
)

LINK = re.compile(r"^(?P<name>[^()]+) \((?P<label>[^()]+)\): (?P<url>http://\S+)$")


@dataclass(frozen=True)
class Output:
    out: str
    err: str


@pytest.fixture(scope="module")
def demo_loaded_once(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module through the command line, and rolled back at
    the end. Each test runs in a savepoint inside, so the tests cannot disturb each other."""
    out, err = io.StringIO(), io.StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            assert main(["demo"]) == 0
        yield Output(out.getvalue(), err.getvalue())
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo_loaded_once, db):
    return demo_loaded_once


def test_demo_prints_one_sign_in_link_per_person(loaded):
    """stdout holds only one `Name (who they are): link` line per demo person, and each link
    signs that person in."""
    lines = loaded.out.splitlines()
    assert len(lines) == len(PEOPLE)
    for line, person in zip(lines, PEOPLE, strict=True):
        match = LINK.match(line)
        assert match, line
        assert match["name"] == person.name
        assert match["url"].startswith("http://127.0.0.1:8000/sign-in/link/?sesame=")
        token = match["url"].split("sesame=", 1)[1]
        assert get_user(token) == Person.objects.get(email=person.email)
    assert lines[0].startswith("Carys Jones (council coordinator): ")
    assert "Loading the demo" in loaded.err


def test_demo_every_chain_verifies_and_history_is_in_the_past(loaded):
    """Every ledger chain verifies, and the story's events are spread over past months."""
    verdict = ledger.verify_all()
    assert verdict.ok, verdict
    assert verdict.entries == LedgerEntry.objects.count() > 100
    first = LedgerEntry.objects.order_by("at").first().at
    last = LedgerEntry.objects.order_by("at").last().at
    assert timezone.now() - first > dt.timedelta(days=120)
    assert last < timezone.now()
    months = {(e.at.year, e.at.month) for e in LedgerEntry.objects.all()}
    assert len(months) >= 4


def test_demo_has_the_partnership_the_contract_describes(loaded):
    """A council team and a self-advocacy group; the council's own 'coproduction' board
    with the group as a guest that may only view and give views; a shared space with a
    charter of every section; the group's own space."""
    council = Party.objects.get(name=COUNCIL.name)
    group = Party.objects.get(name=GROUP.name)
    assert (council.kind, council.decision_rule) == ("organisation", "speaker")
    assert set(council.power_sources) == {"money", "mandate", "professional"}
    assert (group.kind, group.decision_rule) == ("people", "majority")
    assert set(group.power_sources) == {"lived_experience", "networks"}

    board = Space.objects.get(title=demo.BOARD_TITLE)
    assert (board.kind, board.claimed_approach) == ("own", "coproduction")
    assert board.guest_permissions == ["view", "give_views"]
    assert board.tenures.filter(party=group, role="guest", ended_at__isnull=True).exists()
    removed = Tenure.objects.get(space=board, party__name=FORUM.name)
    assert removed.end_reason == "removed"
    assert LedgerEntry.objects.filter(chain=board.pk, action="guest.remove").count() == 1

    shared = Space.objects.get(title=demo.SHARED_TITLE)
    assert (shared.kind, shared.state) == ("shared", "active")
    assert set(shared.charter) == {
        "purpose", "decision_making", "payment", "accessibility", "meetings", "other"
    }
    ours = Space.objects.get(title=demo.GROUP_SPACE_TITLE)
    assert ours.kind == "own"
    assert list(ours.tenures.values_list("party", flat=True)) == [group.pk]


def test_demo_has_proposals_in_every_state(loaded):
    """The shared space holds proposals open, passed, blocked, lapsed and withdrawn, one
    amended after an objection and then passed, and a spend proposal passed and spent."""
    shared = Space.objects.get(title=demo.SHARED_TITLE)
    states = Counter(shared.proposals.values_list("state", flat=True))
    assert set(states) == set(ProposalState.values)
    assert shared.proposals.filter(state="passed", version__gt=1).exists()
    amended = shared.proposals.get(state="passed", version__gt=1)
    assert amended.positions.filter(version=1, position="object").exists()
    spend = shared.proposals.get(kind="spend", state="passed")
    assert spend.spent_at is not None
    assert FundEntry.objects.filter(space=shared, kind="spending", proposal=spend).exists()
    board = Space.objects.get(title=demo.BOARD_TITLE)
    # In the council's own space, the guests' objections were views the host overrode.
    overridden = board.proposals.filter(
        state="passed", positions__binding=False, positions__position="object"
    )
    assert overridden.exists()
    assert board.proposals.filter(state="blocked").exists()


def test_demo_money_and_outside_decisions(loaded):
    """Both parties commit to the shared fund, one withdraws on its own; outside decisions
    are made by the council cabinet, one confirmed, one disputed, one unanswered."""
    shared = Space.objects.get(title=demo.SHARED_TITLE)
    committed_by = set(
        FundEntry.objects.filter(space=shared, kind="commitment").values_list(
            "party__name", flat=True
        )
    )
    assert committed_by == {COUNCIL.name, GROUP.name}
    withdrawal = FundEntry.objects.get(space=shared, kind="withdrawal")
    assert withdrawal.unilateral and withdrawal.amount == Decimal("3000.00")
    decisions = OutsideDecision.objects.filter(space=shared)
    assert set(decisions.values_list("made_by__name", flat=True)) == {"Aberhafod Council cabinet"}
    assert sorted(decisions.values_list("state", flat=True)) == [
        "confirmed", "disputed", "unanswered"
    ]
    assert shared.comments.count() >= 5


def test_demo_has_published_work_with_critical_friends_comments(loaded):
    """Work the shared space published by both groups' consent, with comments from people
    outside it: a researcher in no group, and the carers forum's coordinator."""
    shared = Space.objects.get(title=demo.SHARED_TITLE)
    (work,) = Publication.objects.filter(space=shared)
    assert work.proposal.kind == "publish" and work.proposal.state == "passed"
    authors = [c.author.email for c in PublicComment.objects.filter(publication=work)]
    assert authors == ["nia.evans@example.org", "huw.lewis@example.org"]
    nia = Person.objects.get(email="nia.evans@example.org")
    assert not nia.memberships.exists(), "the researcher is a critical friend in no group"


def test_demo_has_history_for_every_audit_measure(loaded):
    """Initiative from both parties, decisions in every venue, acceptance, objections,
    exit, and people from each party acting over time."""
    council = Party.objects.get(name=COUNCIL.name)
    group = Party.objects.get(name=GROUP.name)
    proposers = Counter(Proposal.objects.values_list("proposed_by_party", flat=True))
    assert proposers[council.pk] >= 3 and proposers[group.pk] >= 3
    venues = Counter(
        Proposal.objects.exclude(state__in=["open", "withdrawn"]).values_list(
            "space__kind", flat=True
        )
    )
    assert venues["own"] >= 3 and venues["shared"] >= 3
    actors = Counter(
        json.loads(e.content)["actor"]["person"]
        for e in LedgerEntry.objects.filter(action="vote.cast")
    )
    assert len(actors) >= 7  # most people in both parties took part


def test_sign_in_links_follow_the_base_url(loaded, monkeypatch):
    """SHAREDSPACE_BASE_URL changes where the links point."""
    monkeypatch.setenv("SHAREDSPACE_BASE_URL", "https://shared.example.org/")
    links = demo.sign_in_links()
    assert links[0].url.startswith("https://shared.example.org/sign-in/link/?sesame=")


def _run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue()


def test_demo_has_meetings_held_and_to_come(loaded):
    """The shared space has a meeting that was held, with agenda items from both groups,
    notes and two action points (one done, one open), and a meeting still to come with an
    item on its agenda; the council's board had a meeting too."""
    from sharedspace.governance.models import Meeting

    council = Party.objects.get(name=COUNCIL.name)
    group = Party.objects.get(name=GROUP.name)
    shared = Space.objects.get(title=demo.SHARED_TITLE)
    now = timezone.now()
    held = Meeting.objects.get(space=shared, state="held")
    assert held.starts_at < now and held.notes.exists()
    assert {item.added_by_party_id for item in held.agenda.all()} == {council.pk, group.pk}
    points = {p.party_id: p for p in held.actions.all()}
    assert set(points) == {council.pk, group.pk}
    assert points[council.pk].done_at is not None and points[group.pk].done_at is None
    coming = Meeting.objects.get(space=shared, state="scheduled")
    assert coming.starts_at > now and coming.agenda.exists()
    assert coming.starts_at.weekday() == held.starts_at.weekday() == 1  # the charter's Tuesday
    board = Space.objects.get(title=demo.BOARD_TITLE)
    board_meeting = Meeting.objects.get(space=board)
    assert board_meeting.state == "held" and board_meeting.agenda.count() == 2
    assert LedgerEntry.objects.filter(chain=shared.pk, action="action_point.done").count() == 1


def test_demo_audit_counts_agenda_items_as_initiative(loaded):
    """Every agenda item in the shared space shows in its audit as an initiative of the
    group that added it."""
    from sharedspace.governance.models import AgendaItem

    shared = Space.objects.get(title=demo.SHARED_TITLE)
    code, out = _run("audit", "--space", shared.pk)
    assert code == 0
    initiative = json.loads(out)["initiative"]
    items = AgendaItem.objects.filter(meeting__space=shared)
    assert initiative["by_kind"]["agenda_item"] == items.count() >= 4
    proposals = Counter(shared.proposals.values_list("proposed_by_party", flat=True))
    agenda = Counter(items.values_list("added_by_party", flat=True))
    assert len(agenda) == 2
    # What is left over per party is opening the space, once.
    left = {p: n - proposals[p] - agenda[p] for p, n in initiative["by_party"].items()}
    assert sorted(left.values()) == [0, initiative["by_kind"]["open_space"]] == [0, 1]


def test_demo_perception_checks_closed_and_open(loaded):
    """A closed perception round answered by people of both groups, who disagree about who
    decides money; an open round where only Lleisiau Ni has answered so far. The record is
    put beside the answers."""
    from sharedspace.perception.models import Round
    from sharedspace.perception.selectors import round_summary

    council = Party.objects.get(name=COUNCIL.name)
    group = Party.objects.get(name=GROUP.name)
    shared = Space.objects.get(title=demo.SHARED_TITLE)
    carys = Person.objects.get(email=PEOPLE[0].email)
    closed = Round.objects.get(space=shared, closed_at__isnull=False)
    still_open = Round.objects.get(space=shared, closed_at__isnull=True)
    assert closed.closed_at < still_open.opened_at < timezone.now()

    summary = round_summary(viewer=carys, round_id=closed.pk)
    assert summary["respondents"] == {council.pk: 3, group.pk: 4}
    questions = {q["key"]: q for q in summary["questions"]}
    money = questions["money"]
    assert money["disagreement"]
    assert money["by_party"][council.pk]["view"] == "together"
    assert money["by_party"][group.pk]["view"] == f"party:{council.pk}"
    # Spending needs both groups' consent, but the council gave most of the fund and took
    # £3,000 out alone: the record says the council holds the money (docs/adr/0022).
    assert money["record"] == f"party:{council.pk}"
    assert money["record_rule"] == "money_withdrawn_alone"
    # Opening the space and agenda items count as starting things, as in the audit.
    assert questions["start"]["record"] == "together"
    assert not questions["overall"]["disagreement"]
    assert 2 <= sum(q["disagreement"] for q in questions.values()) < len(questions)

    summary = round_summary(viewer=carys, round_id=still_open.pk)
    assert summary["respondents"] == {group.pk: 3}


def test_demo_ledger_verifies_and_counters_agree_for_every_space(loaded):
    """`sharedspace ledger verify` passes, and `audit --recount` agrees in every demo space."""
    code, out = _run("ledger", "verify")
    assert (code, out) == (0, f"ok: {LedgerEntry.objects.count()} entries\n")
    spaces = list(Space.objects.values_list("pk", flat=True))
    assert len(spaces) == 3
    for space in spaces:
        code, out = _run("audit", "--space", space, "--recount")
        assert code == 0, out
        assert out.startswith("ok:")


def test_demo_run_again_loads_nothing_twice(loaded):
    """Running `sharedspace demo` again prints the links again and changes nothing."""
    from sharedspace.governance.models import Meeting
    from sharedspace.perception.models import Answer, Round

    before = [m.objects.count() for m in (LedgerEntry, Meeting, Round, Answer, Person)]
    code, out = _run("demo")
    assert code == 0
    assert len(out.splitlines()) == len(PEOPLE)
    assert [m.objects.count() for m in (LedgerEntry, Meeting, Round, Answer, Person)] == before


def test_demo_meetings_and_perception_pages_show_the_story(loaded, client):
    """Signed in as the group's coordinator, a newcomer finds the meetings and the
    perception checks filled in on the web pages."""
    from django.urls import reverse

    from sharedspace.governance.models import Meeting
    from sharedspace.perception.models import Round

    client.force_login(Person.objects.get(email="dafydd.morgan@example.org"))
    shared = Space.objects.get(title=demo.SHARED_TITLE)
    listing = client.get(reverse("web:meetings", args=[shared.pk]))
    assert listing.status_code == 200
    held = Meeting.objects.get(space=shared, state="held")
    page = client.get(reverse("web:meeting", args=[held.pk])).content.decode()
    assert "Paper copies of the review, not only the website" in page
    assert "Get a price for printing 200 easy-read copies of the review." in page
    rounds = client.get(reverse("web:perception", args=[shared.pk]))
    assert rounds.status_code == 200
    closed = Round.objects.get(space=shared, closed_at__isnull=False)
    results = client.get(reverse("web:perception_round", args=[closed.pk]))
    assert results.status_code == 200
    assert "Who decides how money is spent?" in results.content.decode()
    still_open = Round.objects.get(space=shared, closed_at__isnull=True)
    answer = client.get(reverse("web:perception_answer", args=[still_open.pk]))
    assert answer.status_code == 200
