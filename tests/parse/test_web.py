"""Web furniture around a document copied from a page (sijill.parse.web): site header, byline,
post date, comment section; none of it is the document's."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.parse import web
from sijill.parse.lexicon import lexicon
from sijill.parse.lines import split_lines
from tests.parse.conftest import NOTEBOOKS, WELLS, date_tuples, parse_all, parse_one, text_of, texts

WEB_PAGE = f"""\
Sanabil Archive
Home | About | Documents | Contact

Letter from the Education Committee on notebooks (2021)

Posted on 14 February 2021 by Sanabil Archive Editor

Introduction: the letter below was sent by the Education Committee to a school director. \
The translation keeps the bracketed remarks of the transcriber, and the original is in the archive.

Harakat al-Sanabil
Education Committee

Ref: E.C/ 2021/ 07
Date: 17 Jumada al-Ula 1442 [1 January 2021]

To the honourable brother, director of the Nur school, Abu Hasan al-Wadi (may God preserve him)

Subject: notebooks for the spring term

{NOTEBOOKS}

Official of the Education Committee
Abu Sami al-Khayyat
[Signature]

Share this:
Twitter
Facebook
Like this:
Like Loading...

Related
Harakat al-Sanabil: the bread prices of the eastern quarter (2022)

Leave a Reply
"""


def test_web_page_boilerplate_is_not_the_document() -> None:
    doc = parse_one(WEB_PAGE)
    assert texts(doc.issuer) == ["Harakat al-Sanabil", "Education Committee"]
    assert text_of(doc.reference_number) == "E.C/ 2021/ 07"
    assert texts(doc.addressees) == ["Abu Hasan al-Wadi"]
    assert text_of(doc.sender) == "Abu Sami al-Khayyat"
    assert doc.date is not None and doc.date.iso == "2021-01-01"
    assert any(n.kind == "editor" for n in doc.notes)


BYLINE_PAGE = f"""\
Complaint to the Services Committee about a clinic, 4 Dhul-Hijjah 1444 (22 June 2023)

Posted on July 3, 2023 by Sanabil Archive Editor

The following complaint, written by residents of a quarter and addressed to the Services \
Committee, is undated in itself, but the registry stamp on its back gives the date in the title.

To the brothers in the Services Committee, may God grant you success

{NOTEBOOKS}

The residents of the quarter
"""


def test_byline_date_is_not_the_documents() -> None:
    doc = parse_one(BYLINE_PAGE)
    assert doc.date is not None and doc.date.iso == "2023-06-22"
    assert texts(doc.addressees) == ["Services Committee"]
    assert any(n.kind == "editor" for n in doc.notes)


@pytest.mark.parametrize(
    "line",
    [
        "Posted on 14 February 2021 by Sanabil Archive Editor",
        "Posted on July 3, 2023",
        "By Sanabil Archive Editor | 3 March 2021",
        "Published on 2 May 2022 in Documents",
    ],
)
def test_bylines_do_not_date_the_document(line: str) -> None:
    doc = parse_one(
        f"Circular of the Education Committee\n\n{line}\n\nDate: 3 Rajab 1441\n\n{NOTEBOOKS}\n"
    )
    assert [d.text for d in doc.dates] == ["3 Rajab 1441"]


def test_a_dated_line_beginning_with_by_is_kept() -> None:
    doc = parse_one(f"By order of the amir, 3 Rajab 1441\n\n{NOTEBOOKS}\n")
    assert [d.text for d in doc.dates] == ["3 Rajab 1441"]


def test_blog_post_date_and_byline_are_not_the_document_date() -> None:
    doc = parse_one(
        "Tuesday, October 9, 2007\n\nWater committees named in the valley\n\n"
        f"Harakat al-Wadi al-Akhdar\nOffice of Water\n\nDate: 4 Shawwal 1428\n\n{WELLS}\n\n"
        "Abu Hamid al-Sabbagh\n"
    )
    assert date_tuples(doc) == [("hijri", 1428, 10, 4)]
    assert doc.date is not None and doc.date.iso.startswith("2007-10")


def test_post_date_beside_a_byline_is_furniture() -> None:
    doc = parse_one(
        "Notes on the valley committees (Part 2)\n\n07 April 2015\n\nBy Layla Fawzi Haddad\n\n"
        f"Harakat al-Wadi al-Akhdar\nOffice of Water\n\n{WELLS}\n\nAbu Hamid al-Sabbagh\n"
    )
    assert doc.dates == []
    assert "Layla" not in " ".join(texts(doc.issuer))


def test_a_lone_date_line_without_a_byline_stays_the_date() -> None:
    doc = parse_one(f"Office of Water\n\n07 April 2015\n\n{WELLS}\n\nAbu Hamid al-Sabbagh\n")
    assert date_tuples(doc) == [("gregorian", 2015, 4, 7)]


def test_source_line_and_glued_tags_at_the_foot_are_not_the_sender() -> None:
    text = (
        f"Harakat al-Wadi al-Akhdar\nOffice of Water\n\n{WELLS}\n\n"
        "Spokesman of Harakat al-Wadi al-Akhdar\nSalim Yasin Barakat\n\n"
        "Source: Telegram\n"
    )
    assert parse_one(text).sender.text == "Salim Yasin Barakat"
    tagged = parse_one(
        f"Office of Water statement\n\n{WELLS}\n\nValley WaterCommittee WellsRepair\n"
    )
    assert tagged.sender is None


def test_comment_count_in_the_page_language_ends_the_document() -> None:
    doc = parse_one(
        f"Office of Water\n\n{WELLS}\n\nAbu Hamid al-Sabbagh\n\n0 comentaris:\n\n"
        "Publica un comentari\n"
    )
    assert doc.sender.text == "Abu Hamid al-Sabbagh"


_WEBBY = st.lists(
    st.sampled_from(
        [
            "Home | About | Contact",
            "Posted on 3 March 2021 by Sanabil Editor",
            "Share this:",
            "Related",
            "Harakat al-Sanabil",
            "Date: 3 Rajab 1441",
            "[Top right:] Number: 12",
            "[1] A note on the clinic of the quarter in this archive.",
            "———",
            NOTEBOOKS,
            "",
        ]
    ),
    max_size=25,
).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(_WEBBY)
def test_furniture_keeps_a_subsequence_and_spans_hold(text: str) -> None:
    lines = split_lines(text)
    kept = web.without_furniture(lines, lexicon())
    positions = [lines.index(x) for x in kept]
    assert positions == sorted(positions)
    parse_all(text)  # every span checked there
