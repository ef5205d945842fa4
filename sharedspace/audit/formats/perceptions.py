"""The perception check in the reports: "How each group sees power" as an HTML section and a
slide, from the report's ``perceptions`` block (see sharedspace/audit/perceptions.py).

One row per question: each group's view, the record where it measures the same thing, and
whether the groups see it differently. When no round exists, or only one group answered, the
section says so instead of comparing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

TITLE = "How each group sees power"
DIFFERENT = "Seen differently"

#: The table's own words, in English for the downloads (docs/adr/0018). A web page passes
#: the same keys in the reader's language (``rows(report, words)``).
WORDS: Mapping[str, str] = {
    "question": "Question",
    "record": "The record",
    "agree": "Groups agree?",
    "no_answer": "No answer",
    "not_measured": "Not measured",
    "together": "All of us together",
    "dont_know": "Don't know",
    "split": "Split: no single view",
    "mixed": "Mixed: no one group",
    "different": DIFFERENT,
    "cannot_compare": "Cannot compare yet",
    "some_dont_know": "Some groups don't know",
    "same": "Yes, the same",
    # "Whose space is this?" in a shared space where one group holds more of the power: the
    # record names no one group, but says which (docs/adr/0022, amended).
    "shared_but": "Shared, but %(party)s holds more of the power",
}


def _name(report: Mapping[str, Any], party: str) -> str:
    return str(((report.get("parties") or {}).get(party) or {}).get("name") or party)


def answer_words(report: Mapping[str, Any], value: str | None, *, record: bool = False,
                 words: Mapping[str, str] = WORDS) -> str:
    """An answer value in plain words: a group's name, "All of us together", ..."""
    if value is None:
        return words["not_measured"] if record else words["no_answer"]
    if value.startswith("party:"):
        return _name(report, value.removeprefix("party:"))
    if value in ("together", "dont_know", "split", "mixed"):
        return words[value]
    return value


def _shown_parties(block: Mapping[str, Any]) -> list[str]:
    answered = list(block.get("answered_parties") or [])
    return answered + [p for p in block.get("parties") or [] if p not in answered]


def rows(report: Mapping[str, Any], words: Mapping[str, str] = WORDS
         ) -> tuple[list[str], list[list[str]], list[bool]]:
    """The table: header, one row per question, and which rows show a disagreement.

    ``words``: the table's own words (``WORDS``, English, for the downloads; the web page
    gives them in the reader's language). The questions and the groups' names come from
    the report as they are."""
    block = report.get("perceptions") or {}
    parties = _shown_parties(block)
    head = [words["question"], *(_name(report, p) for p in parties), words["record"],
            words["agree"]]
    body, flagged = [], []
    for q in block.get("questions") or []:
        raw = [(q["by_party"].get(p) or {}).get("view") for p in parties]
        views = [answer_words(report, v, words=words) for v in raw]
        different = bool(q["disagreement"]) and bool(block.get("comparable"))
        body.append([str(q["text"]), *views, _record_words(report, q, words),
                     _agree(block, raw, different, words)])
        flagged.append(different)
    return head, body, flagged


def _record_words(report: Mapping[str, Any], q: Mapping[str, Any],
                  words: Mapping[str, str] = WORDS) -> str:
    """What the record says, in plain words. For "Whose space is this?" in a shared space
    where one group holds more of the power, "mixed" alone would read as "no one group
    holds most of it", the opposite of the reason: name the group the answers it rests on
    name (``record_basis``)."""
    if q.get("record_rule") == "shared_one_group_holds_more":
        named = next((str(b["record"]) for b in q.get("record_basis") or ()
                      if str(b.get("record") or "").startswith("party:")), None)
        if named:
            return words["shared_but"] % {"party": answer_words(report, named, words=words)}
    return answer_words(report, q["record"], record=True, words=words)


def _agree(block: Mapping[str, Any], views: Sequence[str | None], different: bool,
           words: Mapping[str, str] = WORDS) -> str:
    """Whether the groups see a question the same way, never claiming more than the answers
    show: a question fewer than two groups answered cannot be compared."""
    if different:
        return words["different"]
    given = [v for v in views if v is not None]
    if not block.get("comparable") or len(given) < 2:
        return words["cannot_compare"]
    if "dont_know" in given:
        return words["some_dont_know"]
    return words["same"]


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def to_html(report: Mapping[str, Any]) -> str:
    """The section for the HTML and PDF report ("" when the report has no such block)."""
    block = report.get("perceptions")
    if block is None:
        return ""
    parts = [f"<section aria-labelledby='perceptions'><h2 id='perceptions'>{TITLE}</h2>",
             f"<p>{_e(block.get('message'))}</p>"]
    if block.get("round"):
        n = block.get("disagreements", 0)
        if block.get("comparable"):
            parts.append(f"<p><strong>{n} of {len(block['questions'])} questions are seen "
                         "differently by the groups.</strong></p>")
        respondents = block.get("respondents") or {}
        parts.append("<p class='note'>People who answered: " + _e(", ".join(
            f"{_name(report, p)} {n}" for p, n in respondents.items()) or "none yet")
            + f". Asked on {_e(str(block.get('opened_at'))[:10])}"
            + (", still open." if not block.get("closed_at") else ".") + "</p>")
        head, body, flagged = rows(report)
        header = "".join(f"<th scope='col'>{_e(h)}</th>" for h in head)
        lines = []
        for row, different in zip(body, flagged, strict=True):
            cells = f"<th scope='row'>{_e(row[0])}</th>" + "".join(
                f"<td>{_e(c)}</td>" for c in row[1:-1])
            last = (f"<td><strong class='different'>{_e(row[-1])}</strong></td>" if different
                    else f"<td>{_e(row[-1])}</td>")
            opening = "<tr class='different'>" if different else "<tr>"
            lines.append(f"{opening}{cells}{last}</tr>")
        parts.append("<table class='perceptions'><caption>Each group's view and the record"
                     "</caption><thead><tr>"
                     f"{header}</tr></thead><tbody>{''.join(lines)}</tbody></table>")
    parts.append("</section>")
    return "".join(parts)
