"""The web's translatable copies of the core's refusal messages match the core exactly."""

from __future__ import annotations

from django.utils import translation

from sharedspace.governance import exceptions as ex
from sharedspace.web import refusals


def _all_refusals() -> list[type[ex.GovernanceError]]:
    """Every refusal the core defines (other layers' own errors are theirs to word)."""
    found, todo = [], [ex.GovernanceError]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls is not ex.GovernanceError and cls.__module__ == ex.__name__:
            found.append(cls)
    return found


def test_every_refusal_has_a_translatable_copy_that_matches():
    """For every refusal class, the English copy here equals the core's message word for
    word, so the Welsh translation always translates what the core says."""
    with translation.override("en"):
        for cls in _all_refusals():
            assert cls.code in refusals.MESSAGES, f"{cls.__name__} ({cls.code}) has no copy"
            assert str(refusals.MESSAGES[cls.code]) == cls().message, cls.code


def test_a_custom_message_is_shown_as_it_is():
    """A refusal raised with its own words keeps them."""
    error = ex.Conflict("A group needs at least one coordinator.")
    assert refusals.message(error) == "A group needs at least one coordinator."


def test_refusals_are_shown_in_welsh():
    """In Welsh, a refusal the core raised in English is shown in Welsh."""
    with translation.override("cy"):
        assert refusals.message(ex.NotASpeaker()) != ex.NotASpeaker().message
