"""Who a line names: ranks an addressee is addressed by stay, descriptions and courtesies go."""

from __future__ import annotations

import pytest

from sijill.parse.lines import split_lines
from sijill.parse.parties import party
from tests.parse.conftest import GLUED, parse_all


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


def test_an_addressee_after_page_marker_notes_and_formulae_is_found() -> None:
    doc = parse_all(GLUED)[0]
    assert [a.text for a in doc.addressees] == ["Sheikh Salim Haddad"]
