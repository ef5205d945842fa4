"""Splitting a JSON array into its elements without loading it whole."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from sharedspace.imports.jsonsplit import NOT_PARSED, split_json_array

_text = st.text(alphabet=st.sampled_from(list('ab "\\[]{},:\n\té€😀')), max_size=12)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | _text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_text, children, max_size=3),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_json, max_size=6),
    st.sampled_from([None, 0, 2]),
    st.integers(min_value=1, max_value=40),
)
def test_every_element_comes_back_whatever_the_chunk_size(
    elements: list[object], indent: int | None, chunk: int
) -> None:
    """Strings holding brackets, quotes, escapes or non-ASCII text never confuse the split,
    however the file is cut into chunks; each piece starts on the line the element starts."""
    document = json.dumps(elements, indent=indent, ensure_ascii=False)
    pieces = list(split_json_array(io.StringIO(document), chunk=chunk))
    assert [p.error for p in pieces] == [None] * len(elements)
    assert [json.loads(p.text or "") for p in pieces] == elements
    # where the fast path parsed an element already, the value is the same
    assert all(p.value in (NOT_PARSED, e) for p, e in zip(pieces, elements, strict=True))
    lines = document.split("\n")
    for piece in pieces:
        assert (piece.text or "").split("\n")[0].strip() in lines[piece.line - 1]


def test_a_broken_element_is_one_piece_and_the_next_is_read() -> None:
    """The splitter does not parse: a broken element comes out whole, the rest follow."""
    document = '[\n{"a": 1},\n{"b": tru},\n{"c": "x"}\n]'
    pieces = list(split_json_array(io.StringIO(document), chunk=3))
    assert [(p.line, p.text) for p in pieces] == [
        (2, '{"a": 1}'),
        (3, '{"b": tru}'),
        (4, '{"c": "x"}'),
    ]


def test_problems_that_end_the_file_are_the_last_piece() -> None:
    """An array that is never closed, a record cut short, text after the array, or no array
    at all: each is reported, with the line, as the final piece."""

    def errors(document: str) -> list[tuple[int, str | None]]:
        return [
            (p.line, p.error) for p in split_json_array(io.StringIO(document), chunk=4) if p.error
        ]

    assert errors('[{"a": 1},\n{"b": 2}') == [(2, "the file ends before the array is closed")]
    assert errors('[{"a": 1},\n{"b": "never closed}]') == [(2, "the file ends inside this record")]
    assert errors('[{"a": 1}]\n\nmore') == [(3, "there is more text after the end of the array")]
    assert errors('{"a": 1}') == [(1, "the file is not a JSON array")]
    assert errors("   ") == [(1, "the file holds no JSON")]
    assert errors("[]") == []


def test_an_oversized_record_stops_the_file_instead_of_eating_memory() -> None:
    """A record longer than the limit (typically a quote never closed) is not buffered
    without end: the splitter gives up on the file at that record."""
    document = '[{"a": 1},\n{"b": "' + "x" * 5000 + ' , {"c": 2}]'
    pieces = list(split_json_array(io.StringIO(document), chunk=64, max_element=1000))
    assert pieces[0].text == '{"a": 1}'
    assert pieces[-1].line == 2
    assert pieces[-1].error is not None
    assert "too large" in pieces[-1].error
