"""Round 6 of the parser (issue 3): shapes the sixth unseen set showed, each as a small
fictional document worded afresh, with the cases each rule must leave alone."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.model import Document, SourceText
from sijill.parse import VERSION, parse_text
from sijill.parse.dates import find_dates


def _one(text: str) -> Document:
    source = SourceText(hashlib.sha256(text.encode()).hexdigest(), text, path="round6.txt")
    docs = parse_text(text, source=source)
    assert len(docs) == 1
    for name, span in docs[0].spans():
        assert span.is_valid_in(text), (name, span)
    return docs[0]


def _value(doc: Document, field: str) -> object:
    value = getattr(doc, field)
    if isinstance(value, list):
        if field == "dates":
            return [(d.calendar, d.year, d.month, d.day) for d in value]
        return [s.text for s in value]
    return value.text if value is not None else None


def _letter(to: str = "To: the Office of Supplies", subject: str = "Subject: flour for the bakery",
            foot: str = "Abu Yasir al-Qamhawi", cc: str = "") -> str:
    return (
        "Jabhat al-Nakhil\nOffice of Services\n\nNo.: 14/N/1440\nDate: 3 Rajab 1440\n\n"
        f"{to}\n\n{subject}\n\nPeace be upon you.\n\nThe office asks you to send the flour "
        "for the bakery of the Tall Sukkar quarter before the end of the week, as agreed.\n\n"
        f"The official of the Office of Services\n{foot}\n" + (f"\n{cc}\n" if cc else "")
    )


CASES = [
    # A courtesy title of learning or pilgrimage before an addressee's or signer's name.
    (_letter(to="To the respected Mawlana Zabihullah Karimi, head of the grain store"),
     "addressees", ["Zabihullah Karimi"]),
    (_letter(foot="Haji Gul Mohammad Sherzad"), "sender", "Gul Mohammad Sherzad"),
    (_letter(foot="Qari Ahmad Shah Noori"), "sender", "Ahmad Shah Noori"),
    # "Dr." and "Shaykh" stay on a signature line, as the earlier sets give them.
    (_letter(foot="Dr. Walid Sami al-Hassun"), "sender", "Dr. Walid Sami al-Hassun"),
    (_letter(foot="Shaykh Abu Ilyas al-Qasimi"), "sender", "Shaykh Abu Ilyas al-Qasimi"),
    # "Copy with respect to:" labels a cc list.
    (_letter(cc="Copy with respect to: the Office of Mills; the file"),
     "cc", ["Office of Mills", "file"]),
    # A capitalised occupation after a unit adjective names a body, not a person's title.
    (_letter(cc="CC: Archive; Municipal Guard"), "cc", ["Archive", "Municipal Guard"]),
    # "all the brothers in X" addresses X; "all the schools" stays whole.
    (_letter(to="To all the brothers in the Diwan of Health (for information)"),
     "addressees", ["Diwan of Health"]),
    (_letter(to="To: all the schools of the Tall Sukkar quarter"),
     "addressees", ["all the schools of the Tall Sukkar quarter"]),
    # A numbered addressee list that starts on the "To:" line.
    (_letter(to="To: 1- The Director of the Nakhil Clinic\n2- Umm Salim al-Hamdani\n"
                "3- The Official of the Water Committee"),
     "addressees", ["Director of the Nakhil Clinic", "Umm Salim al-Hamdani",
                    "Official of the Water Committee"]),
    # A subject wrapped onto a second line in lower case; a capitalised line is not a wrap.
    (_letter(subject="Subject: repair of the roof of the school of\nthe Tall Sukkar quarter"),
     "subject", "repair of the roof of the school of\nthe Tall Sukkar quarter"),
    # Letterhead units of other traditions: Dari/Pashto "Jamiat-e", Somali "Ururka".
    ("Jamiat-e Khidmat-e Farah\nCommission of Health\n\nDate: 5 Safar 1439\n\n"
     "To: the head of the Bala Buluk clinic\n\nSubject: the new scales\n\nPeace be upon you.\n\n"
     "The commission has sent two new scales for the weighing of children to your clinic.\n\n"
     "Wassalam\n\nAbdul Rauf Siddiqi\n",
     "issuer", ["Jamiat-e Khidmat-e Farah", "Commission of Health"]),
    # A Latin-script letterhead line keeps its own wording over a bracketed translation.
    ("Ururka Waxbarashada Gedo\n[Gedo Education Association]\nLuuq Branch\n\n"
     "Dear brother Abdirahman Yusuf Farah,\n\nPeace be upon you.\n\nThe branch thanks you for "
     "the list of the pupils of the new class and will send the chalk next week.\n\n"
     "Your brother,\nHassan Nur Gedi\n",
     "issuer", ["Ururka Waxbarashada Gedo", "Luuq Branch"]),
]


@pytest.mark.parametrize(("text", "field", "expected"), CASES)
def test_round6_shapes(text: str, field: str, expected: object) -> None:
    assert _value(_one(text), field) == expected


NOTICE = (
    "NOTICE TO THE OWNERS OF THE WATER CARTS\n\n"
    "The owners of water carts of the town are informed that the carts will be weighed at the "
    "south gate on the Saturday, and that each cart must carry its numbered plate.\n\n"
    "The price of a load of water remains as it was and is posted at the office.\n\n"
    "Issued by the Office of Water and Wells in Tessit, on the 3rd day of the month of "
    "Rajab of the year 1440\n"
)


def test_issued_by_line_gives_issuer_and_date() -> None:
    doc = _one(NOTICE)
    assert _value(doc, "issuer") == ["Office of Water and Wells"]
    assert _value(doc, "dates") == [("hijri", 1440, 7, 3)]


def test_issued_by_inside_the_body_is_not_an_issuer() -> None:
    text = NOTICE.replace("Issued by", "As said before, the scales were issued by")
    doc = _one(text)
    assert _value(doc, "issuer") == []
    assert _value(doc, "dates") == []


@pytest.mark.parametrize(("phrase", "expected"), [
    ("the 9th day of the month of Shawwal of the year 1441", ("hijri", 1441, 10, 9)),
    ("the 2nd day of Muharram in the year 1438", ("hijri", 1438, 1, 2)),
    ("on 21 March, year 2019", ("gregorian", 2019, 3, 21)),
])
def test_spelled_out_day_and_year_words(phrase: str, expected: tuple) -> None:
    found = find_dates(phrase)
    assert [(d.calendar, d.year, d.month, d.day) for d in found] == [expected]
    assert all(phrase[d.start:d.end] == d.text for d in found)


@settings(max_examples=40, deadline=None)
@given(day=st.integers(1, 28), month=st.sampled_from(["Safar", "Rajab", "Shawwal"]),
       year=st.integers(1420, 1447), ordinal=st.sampled_from(["st", "nd", "rd", "th"]))
def test_ordinal_day_of_the_month_property(day: int, month: str, year: int, ordinal: str) -> None:
    text = f"Written on the {day}{ordinal} day of the month of {month} of the year {year}."
    found = find_dates(text)
    assert len(found) == 1
    d = found[0]
    assert (d.year, d.day) == (year, day)
    assert text[d.start:d.end] == d.text


def test_version_bumped() -> None:
    assert tuple(map(int, VERSION.split("."))) >= (0, 6, 0)
