"""The document's own dates (sijill.parse.docdates, read through the parser): which of the
dates a document carries date it, each shape a small fictional document."""

from __future__ import annotations

import pytest

from tests.parse.conftest import WELLS, date_tuples, field_value, parse_one, shapes


def test_an_editors_approximate_equivalent_is_not_a_date() -> None:
    doc = parse_one(
        "Office of Water\nDate: 12 Jumada al-Awwal 1435 AH [c. 3 March 2015]\n\n"
        f"{WELLS}\n\nAbu Hamid al-Sabbagh\n"
    )
    assert date_tuples(doc) == [("hijri", 1435, 5, 12)]


def test_translator_dates_an_undated_letter() -> None:
    doc = parse_one(
        "Letters from the valley 3\n\n(TN: this document is dated 9 March 2010)\n\n"
        f"To the respected brother Abu Yasir\n\n{WELLS}\n"
    )
    assert date_tuples(doc) == [("gregorian", 2010, 3, 9)]
    assert any(n.kind == "translator" for n in doc.notes)


def test_a_statement_opening_with_its_full_date_is_dated_by_it() -> None:
    doc = parse_one(
        f"Valley Defence Units: a statement on the pumps\n\n11 August 2015 – {WELLS}\n\n{WELLS}\n"
    )
    assert date_tuples(doc) == [("gregorian", 2015, 8, 11)]
    news = parse_one(f"Pumps repaired in the valley\n\nVALLEY, July 9 – {WELLS}\n\n{WELLS}\n")
    assert news.dates == []


def test_a_day_and_month_nothing_completes_is_no_date() -> None:
    doc = parse_one(f"Press release on the pumps\n\n22 August, 18\n\n{WELLS}\n\n{WELLS}\n")
    assert doc.dates == [] and doc.date is None
    paired = parse_one(
        f"Office of Water\nDate: 3 Safar [14 October 2018]\n\n{WELLS}\n\nAbu Hamid al-Sabbagh\n"
    )
    assert all(d.year is not None for d in paired.dates) and paired.dates


# The cases: tests/data/parse/docdates.yaml.
@pytest.mark.parametrize(("text", "field", "expected"), shapes("docdates"))
def test_the_document_is_dated(text: str, field: str, expected: object) -> None:
    """Each shape gives the document's dates (or none)."""
    assert field_value(parse_one(text), field) == expected
