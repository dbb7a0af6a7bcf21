"""Shared by the parser tests: fictional documents parsed with every span checked, the value
of a field as the tables compare it, and the bodies and letterheads the shape tables share."""

from __future__ import annotations

import pytest
import yaml

from sijill.model import Document, SourceText, sha256_hex
from sijill.parse import parse_text
from sijill.parse.lines import Line
from tests.conftest import DATA

SHAPES = DATA / "parse"


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


# The bodies and letterheads the shape tables share (all fictional); the tests of a single
# document write them into their texts too.
LETTERS = yaml.safe_load((SHAPES / "letters.yaml").read_text(encoding="utf-8"))
NOTEBOOKS = LETTERS["notebooks"]
WATER_HEAD = LETTERS["water_head"]
WATER_METERS = LETTERS["water_meters"]
WELLS = LETTERS["wells"]


def shapes(name: str) -> list:  # type: ignore[type-arg]
    """The cases of tests/data/parse/<name>.yaml as (text, field, expected) params, each named
    by its id; a {name} in a text is that body or letterhead of letters.yaml."""
    cases = yaml.safe_load((SHAPES / f"{name}.yaml").read_text(encoding="utf-8"))
    return [
        pytest.param(
            case["text"].format(**LETTERS), case["field"], _tuples(case["expected"]), id=case["id"]
        )
        for case in cases
    ]


def _tuples(value: object) -> object:
    """Dates are compared as (calendar, year, month, day) tuples; YAML gives lists."""
    if isinstance(value, list) and value and isinstance(value[0], list):
        return [tuple(x) for x in value]
    return value


# A letter extracted from a PDF with its line ends lost (fictional).
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
