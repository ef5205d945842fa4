"""Decisions made somewhere else on the audit pages (DESIGN rule 11: confirmed and disputed
ones both count, disputed ones marked): per group in a space's audit, and in the named
group's own audit, also when it has no part in the space."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from sharedspace.governance import actions


@pytest.fixture
def named(cast, shared):
    """The self-advocates write down three decisions they say the other charity made; the
    charity has no part in the space. Olive confirms one and disputes one."""
    made = [
        actions.outside_decision_record(actor=cast.sam, space_id=shared.pk,
                                        made_by=cast.outsiders.pk, summary=f"Decision {n}")
        for n in range(3)
    ]
    actions.outside_decision_confirm(actor=cast.olive, decision_id=made[0].pk)
    actions.outside_decision_dispute(actor=cast.olive, decision_id=made[1].pk,
                                     reason="We did not decide that")
    return shared


def text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def table_row(html: str, caption: str, first_cell: str) -> list[str]:
    """The cells of the row starting with ``first_cell`` in the table with ``caption``."""
    table = html[html.index(caption):]
    table = table[:table.index("</table>")]
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
        cells = [text(c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        if cells and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row {first_cell!r} in {caption!r}")


def test_a_disputed_decision_is_apart_in_the_groups_count(cast, named, signed_in):
    """The space's audit no longer says the charity made three decisions alone: two made
    somewhere else (one confirmed, one not answered yet), one it disputes; the page says
    why the disputed one still counts."""
    html = signed_in(cast.sam).get(reverse("web:audit", args=[named.pk])).content.decode()
    head = table_row(html, "Decisions by group", "Group")
    assert head == ["Group", "Made alone in its own space", "Made somewhere else",
                    "Said to be made somewhere else, but the group disputes it"]
    assert table_row(html, "Decisions by group", "Other charity") == [
        "Other charity", "0", "2", "1"]
    assert table_row(html, "Decisions by group", "Council team") == ["Council team", "0", "0", "0"]
    assert ("If that group disputes it, it still counts, in the last column: the group says it "
            "did not make it.") in text(html)


def test_a_space_without_outside_decisions_keeps_one_column(cast, own, signed_in):
    html = signed_in(cast.carol).get(reverse("web:audit", args=[own.pk])).content.decode()
    assert table_row(html, "Decisions by group", "Group") == ["Group", "Decisions made alone"]
    assert "in the last column" not in html


def test_the_named_groups_own_audit_counts_them(cast, named, signed_in):
    """Olive's group holds no space, yet its audit counts the three decisions named as its
    own: in its outside circle, and in a table of how it answered them."""
    olive = signed_in(cast.olive)
    html = olive.get(reverse("web:party_audit", args=[cast.outsiders.pk])).content.decode()
    said = text(html)
    assert "It covers 0 spaces that you can see." in said
    assert ("It also counts 3 decisions that other groups wrote down as made by this group, "
            "for spaces this group is not part of.") in said
    assert table_row(html, "Where decisions were made, seen from Other charity",
                     "Outside, somewhere else") == ["Outside, somewhere else", "3"]
    caption = "Decisions this group is named as making, for spaces it is not part of"
    assert table_row(html, caption, "Disputed by the group named") == [
        "Disputed by the group named", "1"]
    assert table_row(html, caption, "Confirmed by the group named") == [
        "Confirmed by the group named", "1"]
    # Nothing else of the space: not its title, its money or who started things there.
    assert "Day service review" not in html
    # The space it is only named in makes no partnership on its group page.
    page = olive.get(reverse("web:party", args=[cast.outsiders.pk])).content.decode()
    assert reverse("web:partnership_audit", args=[cast.outsiders.pk, cast.group.pk]) not in page


def test_others_see_the_named_groups_audit_as_before(cast, named, signed_in):
    """Someone who sees none of the charity's spaces and is not one of its people still gets
    a 404: the decisions naming it do not open its audit to them."""
    url = reverse("web:party_audit", args=[cast.outsiders.pk])
    assert signed_in(cast.carol).get(url).status_code == 404
