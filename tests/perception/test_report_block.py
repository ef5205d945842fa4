"""The perception check in the audit report of a space: the ``perceptions`` block, the HTML
section and the slide "How each group sees power"."""

from __future__ import annotations

import io

from pptx import Presentation

from sharedspace.audit import audit_space
from sharedspace.audit.formats import render
from sharedspace.governance import actions as gov
from sharedspace.perception import actions, selectors
from tests.audit.steps import block_shared, host_decides, pass_shared

SLIDE = "How each group sees power"


def _slide_text(deck: bytes, title: str) -> str:
    """Every piece of text on the slide with this title and on its "(continued)" slides
    (a long table goes on over several), tables included."""
    prs = Presentation(io.BytesIO(deck))
    texts: list[str] = []
    for slide in prs.slides:
        shown = slide.shapes.title.text if slide.shapes.title is not None else ""
        if shown in (title, f"{title} (continued)"):
            for shape in slide.shapes:
                if shape.has_text_frame:
                    texts.append(shape.text_frame.text)
                if shape.has_table:
                    texts += [cell.text for row in shape.table.rows for cell in row.cells]
    if not texts:
        raise AssertionError(f"no slide called {title!r}")
    return "\n".join(texts)


def _both_answer(cast, space):
    rnd = actions.round_open(actor=cast.carol, space_id=space.pk)
    actions.answers_submit(actor=cast.carol, round_id=rnd.pk, party=cast.council.pk,
                           answers={"overall": "together", "money": "together"})
    for who in (cast.sam, cast.mo):
        actions.answers_submit(actor=who, round_id=rnd.pk, party=cast.group.pk,
                               answers={"overall": f"party:{cast.council.pk}",
                                        "money": "together"})
    return rnd


def test_no_round_yet_says_so_everywhere(cast, shared):
    """Without a round the block, the page and the deck say no check has been done yet."""
    block = audit_space(shared.pk)["perceptions"]
    assert block["status"] == "no_round"
    assert block["round"] is None and block["questions"] == []
    report = audit_space(shared.pk)
    html = render(report, "html")
    assert f"<h2 id='perceptions'>{SLIDE}</h2>" in html
    assert "No perception check has been done in this space yet." in html
    assert "No perception check has been done" in _slide_text(render(report, "pptx"), SLIDE)


def test_only_one_side_answered_cannot_be_compared_yet(cast, shared):
    """One group answered: its views are shown, but nothing is marked as agreeing or not."""
    rnd = actions.round_open(actor=cast.carol, space_id=shared.pk)
    actions.answers_submit(actor=cast.carol, round_id=rnd.pk, party=cast.council.pk,
                           answers={"overall": "together"})
    report = audit_space(shared.pk)
    block = report["perceptions"]
    assert block["status"] == "one_side"
    assert block["comparable"] is False
    assert block["answered_parties"] == [cast.council.pk]
    assert "cannot be compared yet" in block["message"]
    html = render(report, "html")
    assert "Cannot compare yet" in html
    assert "Seen differently" not in html
    text = _slide_text(render(report, "pptx"), SLIDE)
    assert "cannot be compared yet" in text
    assert "All of us together" in text


def test_both_sides_side_by_side_with_disagreements_and_the_record(cast, shared):
    """Council says the space is held together; the self-advocates say it is the council's.
    The question is marked as seen differently; the record (shared space: together) is
    beside it; money is seen the same way."""
    rnd = _both_answer(cast, shared)
    report = audit_space(shared.pk)
    block = report["perceptions"]
    assert block["status"] == "compared"
    assert block["round"] == rnd.pk
    by_key = {q["key"]: q for q in block["questions"]}
    overall = by_key["overall"]
    assert overall["by_party"][cast.council.pk]["view"] == "together"
    assert overall["by_party"][cast.group.pk]["view"] == f"party:{cast.council.pk}"
    assert overall["disagreement"] is True
    assert overall["record"] == "together"
    assert overall["matches_record"] == {cast.council.pk: True, cast.group.pk: False}
    assert by_key["money"]["disagreement"] is False
    assert block["disagreements"] == 1
    assert block["respondents"] == {cast.council.pk: 1, cast.group.pk: 2}

    html = render(report, "html")
    row = html[html.index("Whose space is this?"):]
    row = row[:row.index("</tr>")]
    assert "Council team" in row and "All of us together" in row and "Seen differently" in row
    assert "1 of 11 questions are seen differently by the groups." in html

    def row_of(question):
        row = html[html.index(question):]
        return row[:row.index("</tr>")]

    assert "Yes, the same" in row_of("Who decides how money is spent?")
    # No one answered this one: it is never shown as agreed.
    assert "Cannot compare yet" in row_of("Whose knowledge counts most?")

    text = _slide_text(render(report, "pptx"), SLIDE)
    for words in ("Whose space is this?", "Council team", "Self-advocates",
                  "All of us together", "Seen differently", "The record"):
        assert words in text, words


def test_the_record_beside_the_answers_matches_the_perception_check(cast, shared, own):
    """The block reads the record from the audit's counters; it says the same as the
    perception check's own summary, which reads the governance tables."""
    pass_shared(cast, shared, by=cast.sam)
    pass_shared(cast, shared)
    block_shared(cast, shared)
    for _ in range(3):  # with the two passed, the council holds 60% of decisions: "mixed"
        gov.outside_decision_record(actor=cast.sam, space_id=shared.pk,
                                    made_by=cast.council.pk, summary="Decided at the council")
    host_decides(cast, own, "agree", by=cast.gil)
    host_decides(cast, own, "object")
    for space in (shared, own):
        rnd = actions.round_open(actor=cast.carol, space_id=space.pk)
        actions.answers_submit(actor=cast.carol, round_id=rnd.pk, party=cast.council.pk,
                               answers={"overall": "together"})
        from_tables = selectors.round_summary(viewer=cast.carol, round_id=rnd.pk)
        from_counters = audit_space(space.pk)["perceptions"]
        assert [q["record"] for q in from_counters["questions"]] == [
            q["record"] for q in from_tables["questions"]]
        if space is shared:
            next_steps = next(q for q in from_counters["questions"] if q["key"] == "next_steps")
            assert next_steps["record"] == "mixed"
        assert [q["by_party"] for q in from_counters["questions"]] == [
            q["by_party"] for q in from_tables["questions"]]


def test_the_latest_round_that_can_be_compared_is_shown(cast, shared):
    """A newer round with no answers yet, or with one group's only, cannot be compared: the
    older round both groups answered is shown, and ``latest`` says what the newer one waits
    for (docs/adr/0033)."""
    older = _both_answer(cast, shared)
    actions.round_close(actor=cast.sam, round_id=older.pk)
    newer = actions.round_open(actor=cast.sam, space_id=shared.pk)
    block = audit_space(shared.pk)["perceptions"]
    assert block["round"] == older.pk and block["earlier"] is True
    assert block["rounds"] == 2
    assert block["status"] == "compared" and block["comparable"] is True
    assert block["closed_at"] is not None
    assert block["latest"]["round"] == newer.pk
    assert block["latest"]["status"] == "no_answers"
    assert block["message"].startswith("The newest perception check cannot be compared yet")
    actions.answers_submit(actor=cast.sam, round_id=newer.pk, party=cast.group.pk,
                           answers={"overall": "together"})
    block = audit_space(shared.pk)["perceptions"]
    assert block["round"] == older.pk
    assert block["latest"]["status"] == "one_side"
    assert block["latest"]["answered_parties"] == [cast.group.pk]
    # Once both groups answer the newer round, it is the one shown.
    actions.answers_submit(actor=cast.carol, round_id=newer.pk, party=cast.council.pk,
                           answers={"overall": "together"})
    block = audit_space(shared.pk)["perceptions"]
    assert block["round"] == newer.pk and block["earlier"] is False
    assert block["latest"]["round"] == newer.pk and block["latest"]["status"] == "compared"


def test_without_a_round_that_can_be_compared_the_latest_is_shown(cast, shared):
    """No earlier round to fall back on: the newest is shown with what it waits for."""
    first = actions.round_open(actor=cast.carol, space_id=shared.pk)
    actions.answers_submit(actor=cast.carol, round_id=first.pk, party=cast.council.pk,
                           answers={"overall": "together"})
    # The self-advocates have not answered: only they may close it early (docs/adr/0013).
    actions.round_close(actor=cast.sam, round_id=first.pk)
    newer = actions.round_open(actor=cast.sam, space_id=shared.pk)
    block = audit_space(shared.pk)["perceptions"]
    assert block["round"] == newer.pk and block["earlier"] is False
    assert block["status"] == "no_answers"
    assert block["message"] == "A perception check has started, but no one has answered yet."



def test_a_shared_space_one_group_holds_more_of_says_which_in_the_table(cast, shared):
    """"Whose space is this?" in a shared space the council funded: the record's cell names
    no one group as holding it, but does not say "no one group holds most of it" either
    (the opposite of its reason): it says the council holds more of the power, in the
    downloads (and on the audit page: tests/web/test_audit_perceptions.py; ADR 22)."""
    gov.fund_commit(actor=cast.carol, space_id=shared.pk, party=cast.council.pk, amount="9500")
    gov.fund_commit(actor=cast.sam, space_id=shared.pk, party=cast.group.pk, amount="500")
    _both_answer(cast, shared)
    report = audit_space(shared.pk)
    overall = next(q for q in report["perceptions"]["questions"] if q["key"] == "overall")
    assert overall["record"] == "mixed"
    says = "Shared, but Council team holds more of the power"
    html = render(report, "html")
    assert says in html and "Mixed: no one group" not in html
    assert says in _slide_text(render(report, "pptx"), SLIDE)
