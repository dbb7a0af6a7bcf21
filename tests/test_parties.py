"""Who a line names: ranks an addressee is addressed by stay, descriptions and courtesies go."""

from __future__ import annotations

import pytest

from sijill.model import SourceText
from sijill.parse import parse_text
from sijill.parse.lines import split_lines
from sijill.parse.parties import party


def named(text: str, *, titles: bool = True) -> str | None:
    span = party(split_lines(text)[0], titles=titles)
    assert span is None or text[span.start : span.end] == span.text
    return None if span is None else span.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("To: Qadi al-Qudat Sheikh Abd al-Rauf Uthman, may Allah protect him.",
         "Qadi al-Qudat Sheikh Abd al-Rauf Uthman"),
        ("To the respected brother, Sheikh Salim Haddad, Allah keep him", "Sheikh Salim Haddad"),
        ("To: Shaykh Abu Hafs al-Baghdadi", "Shaykh Abu Hafs al-Baghdadi"),
        # A lower-case rank, or one before a colon, describes the addressee and goes.
        ("To the virtuous sheikh: Yahya al-Tarmawi deputy wali of the sector", "Yahya al-Tarmawi"),
        ("To the brother sheikh Abu Hafs", "Abu Hafs"),
        # Courtesy titles and honorifics are not ranks.
        ("To the respected Mawlawi Sahib Abdul Wahid Karimi, head of the school",
         "Abdul Wahid Karimi"),
        # A rank with no name after it is a title, as before.
        ("To the honourable qadi of the Court of the Eastern Sector",
         "qadi of the Court of the Eastern Sector"),
    ],
)
def test_addressee_keeps_a_capitalised_rank_before_the_name(line: str, expected: str) -> None:
    assert named(line) == expected


GLUED = (
    "Letters of the Orchard Committee 3\n\n"
    "English version of letters kept by the committee's clerk.\n"
    "Published by: The Valley Ledger on May 2, 2019\n"
    "(TN: this letter is undated)\n"
    "Page 1\n"
    "In the name of Allah, most merciful and most compassionate.Thanks be to Allah and blessings "
    "on his prophet,To the respected brother, Sheikh Salim Haddad, Allah keep himPeace be upon "
    "you, I trust this letter finds you well.The apricot harvest is in and the crates are paid "
    "for.\n"
)


def test_glued_sentences_are_read_as_their_lines() -> None:
    texts = [line.text for line in split_lines(GLUED)]
    assert "To the respected brother, Sheikh Salim Haddad, Allah keep him" in texts
    assert all(GLUED[line.start : line.end] == line.text for line in split_lines(GLUED))


def test_a_glued_tag_list_is_left_whole() -> None:
    tags = "Orchards ValleyCommitteeNotices Apricots RiverSideMarket"
    assert [line.text for line in split_lines(tags)] == [tags]


def test_an_addressee_after_page_marker_notes_and_formulae_is_found() -> None:
    doc = parse_text(GLUED, source=SourceText("0" * 64, GLUED, path="glued.txt"))[0]
    assert [a.text for a in doc.addressees] == ["Sheikh Salim Haddad"]
