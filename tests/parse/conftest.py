"""Shared by the parser tests: fictional documents parsed with every span checked, the value
of a field as the tables compare it, and the bodies and letterheads the shape tables share."""

from __future__ import annotations

from sijill.model import Document, SourceText, sha256_hex
from sijill.parse import parse_text
from sijill.parse.lines import Line


def assert_spans_valid(doc: Document) -> None:
    for name, span in doc.spans():
        assert span.is_valid_in(doc.text), (name, span)
    if doc.body is not None:
        assert 0 <= doc.body.start <= doc.body.end <= len(doc.text)


def parse_all(text: str, title: str | None = None) -> list[Document]:
    """The documents the parser reads in `text`, each span of each checked against its text."""
    source = SourceText(sha256_hex(text.encode()), text, path="letter.txt")
    docs = parse_text(text, source=source, title=title)
    for doc in docs:
        assert_spans_valid(doc)
    return docs


def parse_one(text: str) -> Document:
    docs = parse_all(text)
    assert len(docs) == 1
    return docs[0]


def texts(spans: list) -> list[str]:  # type: ignore[type-arg]
    return [s.text for s in spans]


def text_of(span: object) -> str | None:
    return None if span is None else span.text  # type: ignore[attr-defined]


def date_tuples(doc: Document) -> list[tuple]:  # type: ignore[type-arg]
    return [(d.calendar, d.year, d.month, d.day) for d in doc.dates]


def field_value(doc: Document, field: str) -> object:
    """A field as the shape tables give it: spans as their texts, dates as (calendar, year,
    month, day), `date_texts` as the dates' words, `date_iso` as the document's day,
    `has_editor_note` whether an editor or translator remarks on it."""
    if field == "has_editor_note":
        return any(n.kind in ("editor", "translator") for n in doc.notes)
    if field == "date_texts":
        return [d.text for d in doc.dates]
    if field == "date_iso":
        return doc.date.iso if doc.date is not None else None
    value = getattr(doc, field)
    if isinstance(value, list):
        return date_tuples(doc) if field == "dates" else texts(value)
    return text_of(value)


def assert_pieces_of(text: str, lines: list[Line], out: list[Line]) -> None:
    """Every line read out of `lines` is a non-empty piece of `text`, inside one of them."""
    for line in out:
        assert line.text and text[line.start : line.end] == line.text
        assert any(x.start <= line.start and line.end <= x.end for x in lines)


# -- the documents the shape tables share (all fictional) -----------------------------------

NOTEBOOKS = (
    "We inform you that the monthly allocation of school notebooks has been approved and will "
    "be delivered to the store on Saturday against a signed receipt."
)


WATER_METERS = (
    "The committee asks that the new water meters be read on the first Sunday of each month "
    "and that the readings be entered in the ledger kept at the office."
)
WATER_HEAD = "Valley Services Council\nOffice of Water\n\nNo.: W/1441/5\nDate: 3 Rajab 1441\n\n"


BREAD_PRICES = (
    "The council asks the bakers of the lower market to post the price of a bundle of bread "
    "on their doors and to keep the scales checked by the market inspector every week."
)
MARKETS_HEAD = ("Majlis Khidmat al-Sahil\nOffice of Markets\n\nNo.: M/1442/8\n"
                "Date: 6 Shawwal 1442\n\n")


PUMP_HOURS = (
    "The committee asks the keepers of the two pumping stations to write the hours of each "
    "pump in the register and to send the register to the office at the end of the month."
)
PUMPS_HEAD = "Rabitat Ahl al-Wadi\nOffice of Water\n\n"


LITERAL_LETTER = (
    "Rabitat Ahl al-Wadi\nThe Office of Water\n\n"
    "The number: ك ت/ 1440/ 37\nThe date: 4/7/1440 H\n\n"
    "To the brother the official of the Store of al-Nur in Kafr Zita/ the dear brother/ "
    "Abu Harith al-Kafrzitawi may Allah protect him\n\n"
    "Peace upon you and mercy of Allah , and after:\n\n"
    "The subject: request of two pumps for the station\n\n"
    f"{PUMP_HOURS}\n\nThe official of the Office of Water/ Abu Marwan al-Lataminy\n(Signature)\n"
)


def flour_letter(to: str = "To: the Office of Supplies",
                 subject: str = "Subject: flour for the bakery",
                 foot: str = "Abu Yasir al-Qamhawi", cc: str = "") -> str:
    """A letter about flour for a bakery, with its addressee, subject, foot and cc given."""
    return (
        "Jabhat al-Nakhil\nOffice of Services\n\nNo.: 14/N/1440\nDate: 3 Rajab 1440\n\n"
        f"{to}\n\n{subject}\n\nPeace be upon you.\n\nThe office asks you to send the flour "
        "for the bakery of the Tall Sukkar quarter before the end of the week, as agreed.\n\n"
        f"The official of the Office of Services\n{foot}\n" + (f"\n{cc}\n" if cc else "")
    )


WELLS = ("The committee has finished the list of the wells that need new pumps, and asks the "
        "villages to send one man each to help with the digging before the rains.")
