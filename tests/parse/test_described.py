"""Lines a translator rewrote (sijill.parse.described), read as the lines they stand for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.parse import described
from sijill.parse.lines import split_lines
from tests.parse.conftest import assert_pieces_of


def test_translated_lines_keep_their_offsets() -> None:
    text = "مكتب المياه\n[Office of Water]\nقطاع الوادي (Valley Sector)\nDate: 3 Rajab 1441"
    out = described.english_for_arabic(split_lines(text))
    assert [x.text for x in out] == ["Office of Water", "Valley Sector", "Date: 3 Rajab 1441"]
    assert all(text[x.start : x.end] == x.text for x in out)


DESCRIBED_PIECES = st.sampled_from([
    "مكتب المياه", "[Office of Water]", "(stamp)", "[Letterhead: Valley Council. Ref. No. 4.]",
    "[The header reads: A Office, B Sector. Number 3/1, dated 2 Rajab 1441.]", "Date: 3 Rajab",
    "هيئة (Council)", "[", "]", "(x)", ". ", "[. A]", "", "x",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(DESCRIBED_PIECES, max_size=8).map("\n".join) | st.text(max_size=200))
def test_described_lines_are_pieces_of_the_text(text: str) -> None:
    lines = split_lines(text)
    out = described.description_sentences(described.english_for_arabic(lines))
    assert_pieces_of(text, lines, out)
