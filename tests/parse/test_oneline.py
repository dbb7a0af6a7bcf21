"""A header written on one line (sijill.parse.oneline), read as the lines it stands for."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.parse import oneline
from sijill.parse.lines import split_lines
from tests.parse.conftest import assert_pieces_of, parse_all


def test_unfolded_pieces_keep_their_offsets() -> None:
    text = "Harakat Ahl al-Sahil – Office of Markets – No.: 4/B – Date: 3 Rajab 1441 – 1 March"
    out = oneline.header_pieces(split_lines(text))
    assert [x.text for x in out] == [
        "Harakat Ahl al-Sahil – Office of Markets", "No.: 4/B", "Date: 3 Rajab 1441 – 1 March"
    ]
    assert all(text[x.start : x.end] == x.text for x in out)


ONELINE_PIECES = st.sampled_from([
    "Harakat Ahl al-Sahil", "Office of Markets", "No.: 4/B", "Date: 3 Rajab 1441", "Subject: x",
    "Baidoa", "the stalls", "–", "|", "-", " ", "", "Our no.: T/ R/ 12", "[Translator: x]",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(ONELINE_PIECES, max_size=8).map(" – ".join) | st.text(max_size=200))
def test_unfolded_lines_are_pieces_of_the_text(text: str) -> None:
    lines = split_lines(text)
    assert_pieces_of(text, lines, oneline.header_pieces(lines))
    parse_all(text)  # and the whole parser keeps every span true
