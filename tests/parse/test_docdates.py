"""The document's own dates (sijill.parse.docdates, read through the parser): which of the
dates a document carries date it, each shape a small fictional document."""

from __future__ import annotations

import pytest

from tests.parse.conftest import (
    BREAD_PRICES,
    NOTEBOOKS,
    PUMP_HOURS,
    PUMPS_HEAD,
    WATER_HEAD,
    WATER_METERS,
    WELLS,
    date_tuples,
    field_value,
    parse_one,
)

# Each row: a small fictional document, the field it must give, and the value.
DATE_SHAPES = [
    # The date after the signature.
    pytest.param(
        f"To the director of the clinic\n\n{NOTEBOOKS}\n\nAbu Sami al-Khayyat\n"
        "Issued on 5 Ramadan 1442\n", "date_iso", "2021-04-17",
        id="the-date-after-the-signature"),
    # A date the greeting mentions belongs to the body.
    pytest.param(
        "Harakat al-Sanabil\nMedia Office\n\nDate: Rajab 1441\n\nTo: the Political "
        "Office\n\n"
        "Peace be upon you. Below is the summary of our work for the month of Jumada al-Akhira "
        f"1441:\n\n{NOTEBOOKS}\n", "date_texts", ["Rajab 1441"],
        id="a-date-the-greeting-mentions-belongs-to-the-body"),
    # A court ruling with a labelled case number and a stamp under the judge's name.
    pytest.param(
        "Sharia Court of Wadi al-Nur\n\nCase number: 118/1442\nDate of the ruling: 9 "
        "Ramadan 1442 "
        f"corresponding to 21 April 2021\n\nRuling\n\n{NOTEBOOKS}\n\nJudge of the court\n"
        "Abu Ali al-Qadi\n[Stamp of the Sharia Court of Wadi al-Nur]\n", "date_iso", "2021-04-21",
        id="a-court-ruling-with-a-labelled-case-number-and"),
    # The header given inside a translator's bracketed paragraph.
    pytest.param(
        "[Translator's note: the header says: Tajammu' Ahl al-Sahl, Office of Schools. "
        "Outgoing no. 77/T, dated 2 Shawwal 1440 (5 June 2019).]\n\n"
        f"To the headmasters of the village schools\n\n{WATER_METERS}\n\nSalma Aziz\n",
        "dates",
        [("hijri", 1440, 10, 2), ("gregorian", 2019, 6, 5)],
        id="the-header-given-inside-a-translator-s-bracketed-paragraph"),
    # A second date under the signature (a receipt note) is not the document's.
    pytest.param(
        f"{WATER_HEAD}{WATER_METERS}\n\nNabil Haddad\nReceived at the registry on 9 "
        "Rajab 1441\n",
        "dates",
        [("hijri", 1441, 7, 3)],
        id="a-second-date-under-the-signature-a-receipt-note"),
    # With no date at the top, the date at the foot dates the document.
    pytest.param(
        f"Valley Services Council\n\nNo.: W/1441/5\n\n{WATER_METERS}\n\nNabil Haddad\n"
        "Written on 9 Rajab 1441\n",
        "dates",
        [("hijri", 1441, 7, 9)],
        id="with-no-date-at-the-top-the-date-at"),
    # A date label keeps what follows it, dashes included.
    pytest.param(
        "Harakat Ahl al-Sahil | Office of Markets | Date: 9 Rabi' al-Awwal 1442 – 26 "
        "October 2020"
        f"\n\n{BREAD_PRICES}\n\nNabil Aziz\n",
        "dates",
        [("hijri", 1442, 3, 9), ("gregorian", 2020, 10, 26)],
        id="a-date-label-keeps-what-follows-it-dashes-included"),
    # Minutes dated in their heading sentence.
    pytest.param(
        "Majlis Khidmat al-Sahil\n\nMinutes of the session held on Sunday 4 Dhu al-Qa'da "
        "1442, "
        "corresponding to 13 June 2021, at the school of the lower quarter\n\n"
        f"{BREAD_PRICES}\n\nSigned:\nFor the council: Hadi Karam\nFor the bakers: Samir Haddad\n",
        "dates",
        [("hijri", 1442, 11, 4), ("gregorian", 2021, 6, 13)],
        id="minutes-dated-in-their-heading-sentence"),
    # ... not a sentence of the body that cites earlier minutes.
    pytest.param(
        "Majlis Khidmat al-Sahil\n\nMinutes of the session of 3 Safar 1442 were read out "
        "and "
        f"approved by all the members present.\n\n{BREAD_PRICES}\n\nNabil Aziz\n",
        "dates",
        [],
        id="not-a-sentence-of-the-body-that-cites-earlier"),
    # ... and a heading naming the month a list covers gives no date of the document.
    pytest.param(
        "Majlis Khidmat al-Sahil\n\nRecord of the wages paid to the guards of the lower "
        "market "
        f"and of the slaughterhouse for the month of Shawwal 1442\n\n{BREAD_PRICES}\n\n"
        "Date: 2021/6/30\n\nHadi Karam\n",
        "dates",
        [("gregorian", 2021, 6, 30)],
        id="and-a-heading-naming-the-month-a-list-covers"),
    # A league of charities in a letterhead after "Translation" and an introduction.
    pytest.param(
        "The merger of two bread funds\n\nIntroduction: The document translated below "
        "was shared "
        "with us by a volunteer of one of the funds, and shows how such bodies kept their "
        "accounts.\n\nTranslation\n\nRabitat al-Khubz\nDated: 8 Muharram 1440\n\n"
        f"{BREAD_PRICES}\n\nSigned for the first fund: Hadi Karam\n"
        "Signed for the second fund: Nabil Aziz\n",
        "dates",
        [("hijri", 1440, 1, 8)],
        id="a-league-of-charities-in-a-letterhead-after-translation"),
    # Month names with their customary epithets, and a French transliteration.
    pytest.param(
        f"{PUMPS_HEAD}Date: 9 Safar al-Khayr 1441 AH\n\n{PUMP_HOURS}\n\nNabil Aziz\n",
        "dates", [("hijri", 1441, 2, 9)],
        id="month-names-with-their-customary-epithets-and-a-french"),
    pytest.param(
        f"{PUMPS_HEAD}Date: 3 Ramadan al-Mubarak 1440\n\n{PUMP_HOURS}\n\nNabil Aziz\n",
        "dates", [("hijri", 1440, 9, 3)],
        id="month-names-with-their-customary-epithets-and-a-french"),
    pytest.param(
        f"{PUMPS_HEAD}Tessalit, 2 Joumada el-Oula 1439\n\n{PUMP_HOURS}\n\nNabil Aziz\n",
        "dates", [("hijri", 1439, 5, 2)],
        id="month-names-with-their-customary-epithets-and-a-french"),
]


@pytest.mark.parametrize(("text", "field", "expected"), DATE_SHAPES)
def test_the_document_is_dated(text: str, field: str, expected: object) -> None:
    """Each shape gives the document's dates (or none)."""
    assert field_value(parse_one(text), field) == expected


def test_an_editors_approximate_equivalent_is_not_a_date() -> None:
    doc = parse_one("Office of Water\nDate: 12 Jumada al-Awwal 1435 AH [c. 3 March 2015]\n\n"
               f"{WELLS}\n\nAbu Hamid al-Sabbagh\n")
    assert date_tuples(doc) == [("hijri", 1435, 5, 12)]


def test_translator_dates_an_undated_letter() -> None:
    doc = parse_one("Letters from the valley 3\n\n(TN: this document is dated 9 March 2010)\n\n"
               f"To the respected brother Abu Yasir\n\n{WELLS}\n")
    assert date_tuples(doc) == [("gregorian", 2010, 3, 9)]
    assert any(n.kind == "translator" for n in doc.notes)


def test_a_statement_opening_with_its_full_date_is_dated_by_it() -> None:
    doc = parse_one(f"Valley Defence Units: a statement on the pumps\n\n11 August 2015 – {WELLS}\n"
                    "\n"
               f"{WELLS}\n")
    assert date_tuples(doc) == [("gregorian", 2015, 8, 11)]
    news = parse_one(f"Pumps repaired in the valley\n\nVALLEY, July 9 – {WELLS}\n\n{WELLS}\n")
    assert news.dates == []


def test_a_day_and_month_nothing_completes_is_no_date() -> None:
    doc = parse_one(f"Press release on the pumps\n\n22 August, 18\n\n{WELLS}\n\n{WELLS}\n")
    assert doc.dates == [] and doc.date is None
    paired = parse_one("Office of Water\nDate: 3 Safar [14 October 2018]\n\n"
                  f"{WELLS}\n\nAbu Hamid al-Sabbagh\n")
    assert all(d.year is not None for d in paired.dates) and paired.dates
