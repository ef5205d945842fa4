"""Refusals raised with their own words are translatable too, and the web's table of them
stays in step with the core: every literal message in a ``raise`` is read from the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.utils import translation

from sharedspace.governance import exceptions as ex
from sharedspace.web import refusals

ROOT = Path(refusals.__file__).resolve().parents[1]
# The layers whose refusals reach the web pages (the API and CLI word their own).
SKIP = {"web", "api", "cli", "demo", "migrations"}


def _template(node: ast.expr) -> str:
    """The English of a message expression, with {} where the code fills something in."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "{}"
                       for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _template(node.left) + _template(node.right)
    return "{}"


def _is_message(node: ast.expr) -> bool:
    """Whether an argument is written-out words (not a variable passed along)."""
    return isinstance(node, (ast.Constant, ast.JoinedStr, ast.BinOp))


def core_custom_messages() -> set[tuple[str, str]]:
    """Every (code, English) a refusal is raised with, other than its class's own words."""
    found: set[tuple[str, str]] = set()
    for path in sorted(ROOT.rglob("*.py")):
        if SKIP & set(path.relative_to(ROOT).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in ("ex", "exceptions")
            ):
                continue
            cls = getattr(ex, node.func.attr, None)
            if not (isinstance(cls, type) and issubclass(cls, ex.GovernanceError)):
                continue
            texts = [a for a in node.args[:1] if _is_message(a)]
            for keyword in node.keywords:
                if keyword.arg == "fields" and isinstance(keyword.value, ast.Dict):
                    texts += [v for v in keyword.value.values if _is_message(v)]
            found |= {(cls.code, _template(t)) for t in texts}
    return found


def test_the_collector_finds_the_core_s_own_words():
    """The collector reads the source as it is: it finds a message and a field message."""
    found = core_custom_messages()
    assert ("conflict", "A group needs at least one coordinator. Add another one first.") in found
    assert ("invalid_input", "Use at most {} characters.") in found


def test_every_custom_refusal_message_has_a_translatable_copy():
    """Every message the core raises with its own words is in the web's table, with the
    same code and the same English, so it can be shown in Welsh."""
    missing = core_custom_messages() - set(refusals.CUSTOM)
    assert not missing, f"add these to sharedspace/web/refusals.py CUSTOM: {sorted(missing)}"


def test_the_table_has_no_messages_the_core_no_longer_raises():
    """A message the core stopped using is taken out of the table too."""
    stale = set(refusals.CUSTOM) - core_custom_messages()
    assert not stale, f"no longer raised by the core: {sorted(stale)}"


@pytest.mark.parametrize(("code", "template"), sorted(refusals.CUSTOM))
def test_each_copy_reads_like_the_core_in_english(code, template):
    """In English, the copy with its parts filled in is the core's sentence exactly."""
    translated, names = refusals.CUSTOM[(code, template)]
    parts = [f"part{i}" for i in range(len(names))]
    english = template.format(*parts)
    with translation.override("en"):
        filled = dict(zip(names, parts, strict=True))
        assert (str(translated) % filled if names else str(translated)) == english
        assert refusals.custom(code, english) == english


def _welsh_catalogue_has(english: str) -> None:
    """The catalogue has Welsh for this sentence (tests/web/test_welsh.py checks them all)."""
    with translation.override("cy"):
        assert translation.gettext(english) != english


def test_a_custom_refusal_is_shown_in_welsh():
    """The last coordinator's refusal, raised with its own words, reads in Welsh."""
    error = ex.Conflict("A group needs at least one coordinator. Add another one first.")
    _welsh_catalogue_has(error.message)
    with translation.override("cy"):
        shown = refusals.message(error)
    assert shown != error.message and shown


def test_filled_in_parts_are_kept_in_welsh():
    """A message with a part the core filled in keeps that part in the Welsh."""
    error = ex.InvalidInput(fields={"title": "Use at most 200 characters."})
    _welsh_catalogue_has("Use at most %(number)s characters.")
    with translation.override("cy"):
        shown = refusals.field_message(error, error.fields["title"])
    assert "200" in shown and shown != "Use at most 200 characters."


def test_an_unknown_message_is_shown_as_the_core_wrote_it():
    """Words the table does not know (say, from a newer core) are shown unchanged."""
    error = ex.Conflict("Something new happened.")
    assert refusals.message(error) == "Something new happened."
