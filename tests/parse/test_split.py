"""An archive page's documents (sijill.parse.split): headings and separators that part a page,
and the lines that do not."""

from __future__ import annotations

from tests.parse.conftest import NOTEBOOKS, WATER_HEAD, WATER_METERS, parse_all, text_of, texts

PAPERS = f"""\
Jabhat al-Sanabil / Office of Supplies

No.: S/ 12
Date: 2 August 2020

To the official of the stores

{NOTEBOOKS}

Abu Sami al-Khayyat

———

Salary list of the staff of the Office of Supplies
Date: 20/08/2020

1. Khalid Numan, guard: 110 dollars
2. Yasin Darwish, driver: 90 dollars

Accountant: Abu Hamza al-Wadi [Signature]
[Stamp: Jabhat al-Sanabil - Office of Supplies]

———

Jabhat al-Sanabil - Office of Supplies

No.: S/ 30
Date: 20 September 2020

To the official of the clinic

{NOTEBOOKS}

Abu Sami al-Khayyat
"""


def test_em_dash_rules_split_documents_and_a_stamp_is_a_document_signal() -> None:
    docs = parse_all(PAPERS)
    assert [text_of(d.reference_number) for d in docs] == ["S/ 12", None, "S/ 30"]
    assert [d.date.iso if d.date else None for d in docs] == [
        "2020-08-02",
        "2020-08-20",
        "2020-09-20",
    ]
    assert texts(docs[1].issuer) == ["Jabhat al-Sanabil", "Office of Supplies"]


def test_lettered_archive_headings_split_the_page() -> None:
    page = (
        "Three papers from the Valley council\n\nThe papers below were found in one folder.\n\n"
        f"Exhibit A\n\n{WATER_HEAD}{WATER_METERS}\n\nNabil Haddad\n\n"
        f"Exhibit B\n\n{WATER_HEAD}{WATER_METERS}\n\nSalma Aziz\n\n"
        f"Exhibit C\n\n{WATER_HEAD}{WATER_METERS}\n\nHadi Karam\n"
    )
    docs = parse_all(page)
    assert [d.sender.text if d.sender else None for d in docs] == [
        "Nabil Haddad",
        "Salma Aziz",
        "Hadi Karam",
    ]
    assert all(d.text.startswith("Exhibit") for d in docs)


def test_a_lower_case_article_after_a_heading_word_is_no_heading() -> None:
    page = (
        f"{WATER_HEAD}{WATER_METERS}\n\nLetter a copy of which went to the school.\n\n"
        f"{WATER_METERS}\n\n"
        "Letter a second time sent to the clinic.\n\nNabil Haddad\n"
    )
    assert len(parse_all(page)) == 1
