"""The top of a document (sijill.parse.header, read through the parser): letterhead levels,
reference number, subject and addressees, each shape a small fictional document worded
afresh, with the cases each rule must leave alone."""

from __future__ import annotations

import pytest

from sijill.parse.labelled import ranked_reference
from sijill.parse.lines import Line
from tests.parse.conftest import WELLS, date_tuples, field_value, parse_one, shapes, texts


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("The number: ن س/ 1439/ 88", "ن س/ 1439/ 88"),
        ("Circular No. (7)", "7"),
        ("No. 31 of 2018", "31"),
        ("Number: (illegible)", None),
    ],
)
def test_reference_values(line: str, value: str | None) -> None:
    found = ranked_reference(Line(line, 0, len(line)))
    assert found is not None
    assert (found[1].text if found[1] else None) == value
    if found[1]:
        assert line[found[1].start : found[1].end] == value


WATER_CARTS_NOTICE = (
    "WATER_CARTS_NOTICE TO THE OWNERS OF THE WATER CARTS\n\n"
    "The owners of water carts of the town are informed that the carts will be weighed at the "
    "south gate on the Saturday, and that each cart must carry its numbered plate.\n\n"
    "The price of a load of water remains as it was and is posted at the office.\n\n"
    "Issued by the Office of Water and Wells in Tessit, on the 3rd day of the month of "
    "Rajab of the year 1440\n"
)


def test_issued_by_line_gives_issuer_and_date() -> None:
    doc = parse_one(WATER_CARTS_NOTICE)
    assert field_value(doc, "issuer") == ["Office of Water and Wells"]
    assert field_value(doc, "dates") == [("hijri", 1440, 7, 3)]


def test_issued_by_inside_the_body_is_not_an_issuer() -> None:
    text = WATER_CARTS_NOTICE.replace("Issued by", "As said before, the scales were issued by")
    doc = parse_one(text)
    assert field_value(doc, "issuer") == []
    assert field_value(doc, "dates") == []


# -- flattened and closing letterheads -------------------------------------------------------


def test_general_command_of_a_movement_is_two_levels_at_the_foot() -> None:
    doc = parse_one(
        f"Statement on the wells\n\n{WELLS}\n\nGeneral Command of the Valley Defence "
        "Units, VDU\n\nJuly 4, 2017\n"
    )
    assert sorted(texts(doc.issuer)) == ["General Command", "Valley Defence Units"]
    assert doc.sender is None
    assert doc.date.iso == "2017-07-04"


def test_a_council_of_a_place_stays_one_level() -> None:
    doc = parse_one(f"Shura Council of Tall Hamid\n\n{WELLS}\n\nAbu Hamid al-Sabbagh\n")
    assert texts(doc.issuer) == ["Shura Council of Tall Hamid"]


def test_issuer_from_a_signers_title_and_the_gregorian_of_a_three_calendar_footer() -> None:
    doc = parse_one(
        f"A statement on the transit fees\n\n{WELLS}\n\n{WELLS}\n\n"
        "Spokesperson of Harakat al-Wadi’s Political Office\n\nSalim Yasin Barakat\n\n"
        "14/06/1439 Hijri Lunar\n\n03/03/2018 Gregorian                    \n"
    )
    assert texts(doc.issuer) == ["Harakat al-Wadi", "Political Office"]
    assert doc.sender.text == "Salim Yasin Barakat"
    assert doc.date.iso == "2018-03-03"


def test_headline_naming_the_kind_is_a_title_not_a_letterhead() -> None:
    doc = parse_one(f"VDU Statement Regarding Pumps For The Valley Wells\n\n{WELLS}\n\n{WELLS}\n")
    assert doc.issuer == []


def test_issuer_level_drops_a_leading_the_and_a_dated_dash() -> None:
    doc = parse_one(f"The Valley Defence Army\n\n{WELLS}\n\n{WELLS}\n")
    assert texts(doc.issuer) == ["Valley Defence Army"]
    heading = parse_one(
        f"Leadership of the Valley Army – 9 Rabi al-Thani 1437 AH\n\n{WELLS}\n\n{WELLS}\n"
    )
    assert sorted(texts(heading.issuer)) == ["Leadership", "Valley Army"]
    assert date_tuples(heading) == [("hijri", 1437, 4, 9)]


def test_a_heading_ending_in_the_documents_kind_is_no_letterhead() -> None:
    doc = parse_one(f"In the name of God\n\nServices Covenant\n\n{WELLS}\n\n{WELLS}\n")
    assert doc.issuer == []
    unit = parse_one(f"Office of Schools and Instruction\n\n{WELLS}\n\nAbu Hamid al-Sabbagh\n")
    assert texts(unit.issuer) == ["Office of Schools and Instruction"]


# -- addressees and references --------------------------------------------------------------


def test_addressee_ends_where_the_request_begins() -> None:
    doc = parse_one(
        "Office of Water\n\nNo.: 12\n\nTo our brothers in the Valley Office, you are "
        "to return the borrowed pumps to the stores before Friday.\n\n"
        "Abu Hamid al-Sabbagh\n"
    )
    assert texts(doc.addressees) == ["our brothers in the Valley Office"]


def test_letter_directed_to_its_addressees() -> None:
    doc = parse_one(
        "Office of Water\n\nDecision: 2841\n\nLetter directed to the teachers of the "
        f"valley schools. {WELLS}\n\nAbu Hamid al-Sabbagh\n"
    )
    assert texts(doc.addressees) == ["teachers of the valley schools"]
    assert doc.reference_number.text == "2841"


def test_numero_sign_labels_the_reference() -> None:
    doc = parse_one(f"Omra № 34\nOn the wells of the valley\n\n{WELLS}\n\nAbu Hamid al-Sabbagh\n")
    assert doc.reference_number.text == "34"


def test_the_public_is_no_addressee() -> None:
    doc = parse_one(f"Office of Water\n\nTo Media Outlets and the General Public,\n\n{WELLS}\n")
    assert doc.addressees == []


def test_a_form_filled_in_by_hand_names_its_addressee() -> None:
    doc = parse_one(
        "Office of Water\nNo. 73\n\nTo the one called….son of…born in…. "
        "[in handwriting: Salim [Nouri?] Salim]\n\n"
        f"{WELLS}\n\nAbu Hamid al-Sabbagh\n"
    )
    assert texts(doc.addressees) == ["Salim [Nouri?] Salim"]


# The cases: tests/data/parse/header.yaml.
@pytest.mark.parametrize(("text", "field", "expected"), shapes("header"))
def test_the_header_gives_the_field(text: str, field: str, expected: object) -> None:
    """Each shape of a letterhead, reference, subject or addressee line gives its field."""
    assert field_value(parse_one(text), field) == expected
