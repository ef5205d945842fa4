# ruff: noqa: F811 - the fixtures imported from test_demo are used by name
"""`sharedspace demo`'s workshops: one held at the day centre and closed, whose answers show
the two groups seeing power differently, and one still open, which a newcomer can show on a
big screen and join from a phone with its code (docs/adr/0029, "Demo"). Their pages in a real
browser: tests/web/browser/test_a11y_demo_workshops.py."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sharedspace import demo
from sharedspace.cli.main import main
from sharedspace.demo import workshops as chapter
from sharedspace.demo.cast import COUNCIL, GROUP, PEOPLE
from sharedspace.governance.models import Comment, LedgerEntry, Party, Person, Space
from sharedspace.perception.compare import record_beside
from sharedspace.perception.questions import QUESTIONS, TOGETHER
from sharedspace.perception.selectors import record_report
from sharedspace.web.views.workshop_join import KEY_COOKIE
from sharedspace.workshops import codes, selectors, tally
from sharedspace.workshops.models import Answer, Participant, Workshop
from tests.test_demo import demo_loaded_once, loaded  # noqa: F401  (the demo, loaded once)
from tests.web.conftest import form_data


def _run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue()


def _shared() -> Space:
    return Space.objects.get(title=demo.SHARED_TITLE)


def _sessions() -> tuple[Workshop, Workshop]:
    """The closed workshop and the open one, both in the shared space."""
    shared = _shared()
    return (
        Workshop.objects.get(space=shared, closed_at__isnull=False),
        Workshop.objects.get(space=shared, closed_at__isnull=True),
    )


def _party(name: str) -> str:
    return Party.objects.get(name=name).pk


def _person(key: str) -> Person:
    return Person.objects.get(email=next(p.email for p in PEOPLE if p.key == key))


def _phone() -> Client:
    """Someone in the room: no account, the CSRF check on, as in a browser."""
    return Client(enforce_csrf_checks=True)


def _post(client: Client, url: str, data: dict[str, str]):
    """A form posted as a browser does: the page first (it sets the CSRF cookie)."""
    client.get(url)
    return client.post(url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})


def test_demo_has_a_closed_workshop_and_an_open_one(loaded):
    """Both in the shared space, opened by people of its holders, in the story's past; the
    closed one was held (and closed) before the open one was opened; no ledger entry."""
    shared = _shared()
    assert Workshop.objects.count() == Workshop.objects.filter(space=shared).count() == 2
    closed, still_open = _sessions()
    now = timezone.now()
    assert closed.opened_at < closed.closed_at < still_open.opened_at < now
    assert closed.opened_by == _person("bethan") and still_open.opened_by == _person("tom")
    assert still_open.taking_answers and not closed.taking_answers
    assert codes.looks_like_a_code(still_open.code)
    assert list(Workshop.objects.taking_answers()) == [still_open]
    # Workshops are off the ledger (docs/adr/0005, 0029): nothing names one.
    assert not LedgerEntry.objects.filter(action__icontains="workshop").exists()
    assert not LedgerEntry.objects.filter(content__contains=closed.pk).exists()


def test_the_closed_workshop_has_a_room_of_anonymous_answers(loaded):
    """Seventeen people joined and answered: nine from Lleisiau Ni, six council staff, two
    not sure. Each answered most questions; the rows keep nothing that names anyone."""
    closed, _open = _sessions()
    counts = selectors.counts(closed)
    council, group = _party(COUNCIL.name), _party(GROUP.name)
    assert counts.people == {council: 6, group: 9, tally.UNSURE: 2}
    assert 12 <= counts.total == counts.joined == len(chapter.OPEN_MORNING) <= 20
    per_person = [p.answers.count() for p in Participant.objects.filter(workshop=closed)]
    assert min(per_person) >= 4 and sum(per_person) > 0.9 * len(QUESTIONS) * len(per_person)
    # A participant is a side and a digest, no more (docs/adr/0029, "What is kept, exactly").
    assert {f.name for f in Participant._meta.concrete_fields} == {
        "id", "workshop", "key_digest", "party"
    }
    assert Participant.objects.filter(workshop=closed).values("key_digest").distinct().count() == 17
    # Bethan's comment, which sends readers to the answers, gives the right number.
    said = Comment.objects.get(space=closed.space, body__contains="open morning").body
    assert said.startswith(f"{counts.total} people answered")


def test_the_closed_workshop_shows_the_groups_seeing_power_differently(loaded):
    """Side by side, with the record beside (as its answers page shows them): the council's
    staff say "all of us together" about money and about whose space this is, Lleisiau Ni
    says "the council", as the record does; some questions they agree on, many they do not."""
    closed, _open = _sessions()
    council, group = _party(COUNCIL.name), _party(GROUP.name)
    counts = selectors.counts(closed)
    sides = selectors.sides(closed.space)
    assert sides == [group, council, tally.UNSURE]
    summary = tally.side_by_side(
        counts.rows, sides=sides, **record_beside(record_report(closed.space))
    )
    questions = {q["key"]: q for q in summary["questions"]}
    for key in ("money", "overall", "stop", "knowledge", "payment"):
        q = questions[key]
        assert q["disagreement"], key
        assert q["by_party"][council]["view"] == TOGETHER, key
        assert q["by_party"][group]["view"] == f"party:{council}", key
    assert questions["money"]["by_party"][group]["counts"] == {f"party:{council}": 9}
    # The record agrees with Lleisiau Ni about money. Whose space this is: shared by its rules,
    # so the record names no one group, but the council holds more of the power: mixed, which
    # neither group said (docs/adr/0022, amended).
    assert questions["money"]["record"] == f"party:{council}"
    assert questions["overall"]["record"] == "mixed"
    assert questions["overall"]["matches_record"] == {council: False, group: False}
    for key in ("next_steps", "budget", "start", "meetings"):
        assert not questions[key]["disagreement"], key
    assert 5 <= sum(q["disagreement"] for q in questions.values()) < len(QUESTIONS)
    # The people not sure of their side are shown, and make no disagreement.
    assert questions["overall"]["by_party"][tally.UNSURE]["answered"] == 2
    # The big screen's three circles for "Whose space is this?": Lleisiau Ni's "the council"
    # is "your space", the council's "all of us together" is "shared space".
    circles = tally.circle_counts(counts.rows, "overall")
    assert circles["yours"] >= 6 and circles["shared"] >= 8 and circles["mine"] == 0


def test_the_workshops_pages_show_the_story(loaded):
    """Signed in as Dafydd, the perception check page lists both workshops (the open one
    with its big screen); the answers page puts the sides side by side and says they
    disagree; the big screen of the open one shows its code and how to join."""
    closed, still_open = _sessions()
    client = Client()
    client.force_login(_person("dafydd"))
    listing = client.get(reverse("web:perception", args=[closed.space_id])).content.decode()
    assert reverse("web:workshop_results", args=[closed.pk]) in listing
    assert reverse("web:workshop_results", args=[still_open.pk]) in listing
    assert f'href="{reverse("web:workshop", args=[still_open.pk])}"' in listing
    # A closed workshop has no big screen to show: only its answers.
    assert f'href="{reverse("web:workshop", args=[closed.pk])}"' not in listing
    results = client.get(reverse("web:workshop_results", args=[closed.pk]))
    assert results.status_code == 200
    page = results.content.decode()
    assert GROUP.name in page and COUNCIL.name in page
    assert "Who decides how money is spent?" in page
    assert page.count("The groups do not give the same answer.") >= 5
    assert "Seen the same way: every group that answered gives the same answer." in page
    assert f"{GROUP.name}: their view is the same as the record." in page
    projector = client.get(reverse("web:workshop", args=[still_open.pk]))
    assert projector.status_code == 200
    big_screen = projector.content.decode()
    assert codes.spaced(still_open.code) in big_screen
    assert "testserver/w" in big_screen  # the address to type, short
    assert 'aria-label="QR code: scan it to join the workshop"' in big_screen
    # The space's overview sends people to the answers, in Bethan's words.
    overview = client.get(reverse("web:space", args=[closed.space_id])).content.decode()
    assert "open morning" in overview
    assert reverse("web:perception", args=[closed.space_id]) in overview


def test_a_newcomer_joins_the_open_workshop_by_its_code(loaded):
    """A phone with no account types the code as it is read out ("km7 4qx"), chooses a side
    among the space's groups by name, answers "Whose space is this?", and the big screen's
    figures count one more person; the closed workshop's code says it is closed."""
    closed, still_open = _sessions()
    council = _party(COUNCIL.name)
    before = selectors.counts(still_open)
    assert before.total == len(chapter.TRIED_OUT)

    phone = _phone()
    typed = codes.spaced(still_open.code).lower()
    went = _post(phone, reverse("web:workshop_join"), form_data("code", code=typed))
    side_url = reverse("web:workshop_side", args=[still_open.code])
    assert (went.status_code, went["Location"]) == (302, side_url)
    side_page = phone.get(side_url).content.decode()
    labels = re.findall(r'govuk-radios__label" for="[^"]+">([^<]+)</label>', side_page)
    assert [label.strip() for label in labels] == [GROUP.name, COUNCIL.name, "I am not sure"]
    joined = _post(phone, side_url, form_data("side", side=council))
    assert joined.status_code == 302 and KEY_COOKIE in phone.cookies
    overall = len(QUESTIONS)  # "Whose space is this?" is the last question
    answered = _post(
        phone,
        reverse("web:workshop_question", args=[still_open.code, overall]),
        form_data("answer", answer=TOGETHER),
    )
    assert answered["Location"] == reverse("web:workshop_thanks", args=[still_open.code])

    after = selectors.counts(still_open)
    assert after.total == before.total + 1
    assert after.people[council] == before.people.get(council, 0) + 1
    carys = Client()
    carys.force_login(_person("carys"))
    live = carys.get(reverse("web:workshop_live", args=[still_open.pk])).json()
    assert str(after.total) in str(live)

    gone = _phone().get(reverse("web:workshop_side", args=[closed.code]))
    assert gone.status_code == 200
    assert "closed" in gone.content.decode().lower()
    assert Participant.objects.filter(workshop=closed).count() == len(chapter.OPEN_MORNING)


def test_demo_run_again_adds_no_workshop_and_every_chain_still_verifies(loaded):
    """Running `sharedspace demo` again loads nothing twice, workshops included; the ledger
    verifies with as many entries as before."""
    code, verified = _run("ledger", "verify")
    assert (code, verified) == (0, f"ok: {LedgerEntry.objects.count()} entries\n")
    before = [m.objects.count() for m in (Workshop, Participant, Answer, LedgerEntry)]
    code, out = _run("demo")
    assert code == 0
    assert len(out.splitlines()) == len(PEOPLE)  # the links only: nothing added to stdout
    assert [m.objects.count() for m in (Workshop, Participant, Answer, LedgerEntry)] == before
    assert _run("ledger", "verify") == (0, verified)


@pytest.mark.parametrize("letters", [row for _, row in chapter.OPEN_MORNING + chapter.TRIED_OUT])
def test_every_row_of_answers_has_one_letter_a_question(letters):
    assert len(letters) == len(QUESTIONS)
    assert set(letters) <= set("TCG?-")

