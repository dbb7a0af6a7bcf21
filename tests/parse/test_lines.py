"""A text as lines: glued PDF sentences are read as the lines they were."""

from __future__ import annotations

from sijill.parse.lines import split_lines
from tests.parse.conftest import GLUED


def test_glued_sentences_are_read_as_their_lines() -> None:
    texts = [line.text for line in split_lines(GLUED)]
    assert "To the respected brother, Sheikh Salim Haddad, Allah keep him" in texts
    assert all(GLUED[line.start : line.end] == line.text for line in split_lines(GLUED))


def test_a_glued_tag_list_is_left_whole() -> None:
    tags = "Orchards ValleyCommitteeNotices Apricots RiverSideMarket"
    assert [line.text for line in split_lines(tags)] == [tags]
