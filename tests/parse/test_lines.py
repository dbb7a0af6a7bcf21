"""A text as lines: glued PDF sentences are read as the lines they were."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sijill.parse.lines import split_lines
from tests.parse.conftest import GLUED


def test_glued_sentences_are_read_as_their_lines() -> None:
    texts = [line.text for line in split_lines(GLUED)]
    assert "To the respected brother, Sheikh Salim Haddad, Allah keep him" in texts
    assert all(GLUED[line.start : line.end] == line.text for line in split_lines(GLUED))


def test_a_glued_tag_list_is_left_whole() -> None:
    tags = "Orchards ValleyCommitteeNotices Apricots RiverSideMarket"
    assert [line.text for line in split_lines(tags)] == [tags]


@given(st.lists(st.sampled_from(
    ["To", "the", "brother", "Sheikh", "Salim", ",", ".", "him", "Peace", "upon", "you", "\n",
     "\n\n", "Page 1", "McDonald", "iPhone", "al-Haddad", " "]), max_size=60))
def test_lines_are_slices_of_the_text_in_order(words: list[str]) -> None:
    text = "".join(w if w in (",", ".", "\n", "\n\n") else f"{w} " if len(w) % 2 else w
                   for w in words)
    lines = split_lines(text)
    assert all(text[line.start : line.end] == line.text and line.text for line in lines)
    assert all(a.end <= b.start for a, b in zip(lines, lines[1:], strict=False))
