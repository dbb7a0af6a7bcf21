"""The data model serialises exactly to the contract and back."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from sijill.model import (
    DateValue,
    DocDate,
    Document,
    Entity,
    Flag,
    Mention,
    Note,
    Range,
    Relation,
    Source,
    Span,
)
from tests.conftest import SCHEMA_PATH, SHARED

TEXT = "Islamic State\nNumber: 12/A\nDate: 8 Muharram 1443 AH\nTo: Abu Malik\nNB: copy."


def full_document() -> Document:
    def span(word: str) -> Span:
        start = TEXT.index(word)
        return Span(word, start, start + len(word))

    date = span("8 Muharram 1443 AH")
    abu = span("Abu Malik")
    return Document(
        source=Source("ab" * 32, 2, "a/b.txt", None, "text/plain"),
        text=TEXT, title="A letter", language="en",
        issuer=[span("Islamic State")], reference_number=span("12/A"),
        dates=[DateValue(date.text, date.start, date.end, calendar="hijri", year=1443, month=1,
                         day=8, iso="2021-08-16")],
        date=DocDate("2021-08-16", "day", "hijri"), subject=None, sender=None,
        addressees=[abu], cc=[], body=Range(0, len(TEXT)),
        notes=[Note("NB: copy.", TEXT.index("NB"), len(TEXT), kind="editor")],
        mentions=[Mention(abu.text, abu.start, abu.end, type="person", entity="p1")],
        entities=[Entity("p1", "person", "Abu Malik", ["Abu Malek"])],
        relations=[Relation("correspondence", "o1", "p1", "asserted", Range(0, 10))],
        flags=[Flag("date-mismatch", "warning", "off by a month")],
    )


def test_full_document_validates_and_round_trips(validator) -> None:
    doc = full_document()
    data = doc.to_dict()
    validator.validate(data)
    assert data["id"] == "abababababababab-2"
    assert Document.from_dict(json.loads(json.dumps(data))).to_dict() == data
    assert all(span.is_valid_in(doc.text) for _, span in doc.spans())


def test_empty_document_validates(validator) -> None:
    validator.validate(Document(Source("0" * 64), "").to_dict())


def test_packaged_schema_is_the_contract() -> None:
    contract = SHARED / "contracts" / "document.schema.json"
    if contract.exists():
        assert json.loads(SCHEMA_PATH.read_text()) == json.loads(contract.read_text())


@given(st.text(), st.integers(0, 50), st.integers(0, 50))
def test_span_of_always_holds(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    span = Span.of(text, start, end)
    assert span.is_valid_in(text)
    assert span.text == span.text.strip()
