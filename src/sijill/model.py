"""The data types every stage shares, serialised exactly to `sijill.document/1`.

The contract lives in `schema/document.schema.json`; `Document.to_dict()` emits it and
`Document.from_dict()` reads it back. Every extracted value is a `Span`: the words of
the document's own text it came from, so `text[start:end] == span.text` always holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal

SCHEMA_ID = "sijill.document/1"

Calendar = Literal["hijri", "gregorian"]
Precision = Literal["day", "month", "year"]
Basis = Literal["hijri", "gregorian", "both"]
NoteKind = Literal["editor", "translator", "bracket"]
EntityType = Literal["person", "organization", "place"]
Severity = Literal["info", "warning", "error"]
RelationType = Literal[
    "correspondence", "copied", "contact", "request", "support",
    "hostility", "alliance", "membership", "leadership", "other",
]
RelationStatus = Literal["asserted", "reported", "proposed", "rejected", "denied", "uncertain"]


@dataclass(frozen=True, slots=True)
class Range:
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Range:
        return cls(d["start"], d["end"])


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the document's text, by its code-point offsets."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of `text[start:end]`, trimmed of surrounding white space."""
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return cls(text[start:end], start, end)

    def shifted(self, offset: int) -> Span:
        return replace(self, start=self.start + offset, end=self.end + offset)

    def is_valid_in(self, text: str) -> bool:
        return 0 <= self.start <= self.end <= len(text) and text[self.start : self.end] == self.text

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(d["text"], d["start"], d["end"])


@dataclass(frozen=True, slots=True)
class DateValue(Span):
    """A date as written, with its parts and Gregorian equivalent (as precise as the date)."""

    calendar: Calendar = "gregorian"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    iso: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            **Span.to_dict(self),
            "calendar": self.calendar,
            "year": self.year,
            "month": self.month,
            "day": self.day,
            "iso": self.iso,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DateValue:
        return cls(
            d["text"], d["start"], d["end"], calendar=d["calendar"], year=d["year"],
            month=d["month"], day=d["day"], iso=d["iso"],
        )


@dataclass(frozen=True, slots=True)
class DocDate:
    """The document's own date, resolved from its written dates."""

    iso: str
    precision: Precision
    basis: Basis

    def to_dict(self) -> dict[str, Any]:
        return {"iso": self.iso, "precision": self.precision, "basis": self.basis}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocDate:
        return cls(d["iso"], d["precision"], d["basis"])


@dataclass(frozen=True, slots=True)
class Note(Span):
    kind: NoteKind = "editor"

    def to_dict(self) -> dict[str, Any]:
        return {**Span.to_dict(self), "kind": self.kind}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Note:
        return cls(d["text"], d["start"], d["end"], kind=d["kind"])


@dataclass(frozen=True, slots=True)
class Mention(Span):
    type: EntityType = "person"
    entity: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {**Span.to_dict(self), "type": self.type, "entity": self.entity}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        return cls(d["text"], d["start"], d["end"], type=d["type"], entity=d["entity"])


@dataclass(slots=True)
class Entity:
    id: str
    type: EntityType
    name: str
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "name": self.name, "aliases": list(self.aliases)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(d["id"], d["type"], d["name"], list(d["aliases"]))


@dataclass(frozen=True, slots=True)
class Relation:
    type: RelationType
    source: str
    target: str
    status: RelationStatus
    evidence: Range

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type, "source": self.source, "target": self.target,
            "status": self.status, "evidence": self.evidence.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Relation:
        return cls(d["type"], d["source"], d["target"], d["status"], Range.from_dict(d["evidence"]))


@dataclass(frozen=True, slots=True)
class Flag:
    """A finding about the document: what (code), how serious, why in plain words, and the
    words of the text it rests on (`spans`, written to the contract only when there are any)."""

    code: str
    severity: Severity
    message: str
    spans: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "severity": self.severity,
                               "message": self.message}
        if self.spans:
            out["spans"] = [s.to_dict() for s in self.spans]
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Flag:
        spans = tuple(Span.from_dict(s) for s in d.get("spans") or ())
        return cls(d["code"], d["severity"], d["message"], spans)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document came from: the bytes' hash and the document's place among them."""

    sha256: str
    part: int = 0
    path: str | None = None
    url: str | None = None
    media_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path, "url": self.url, "sha256": self.sha256,
            "part": self.part, "media_type": self.media_type,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(d["sha256"], d["part"], d.get("path"), d.get("url"), d.get("media_type"))


@dataclass(frozen=True, slots=True)
class SourceText:
    """One ingested source: its bytes' identity and the text that parsing starts from.

    `text` is already decoded and free of web boilerplate; `title`, `url` and `published`
    are provenance read from the source itself (an HTML page's title, canonical URL, date).
    `layout` is set for OCR'd scans: JSON of each word's offsets and box on its page image
    (`sijill.ingest.ocr.Layout`).
    """

    sha256: str
    text: str
    path: str | None = None
    url: str | None = None
    media_type: str | None = None
    title: str | None = None
    published: str | None = None
    layout: str | None = None

    @property
    def key(self) -> str:
        """What identifies a source across versions of its bytes: its path, else its URL."""
        return self.path or self.url or self.sha256

    def source(self, part: int = 0) -> Source:
        return Source(self.sha256, part, self.path, self.url, self.media_type)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_id(sha256: str, part: int) -> str:
    """Stable: the same source bytes and part always give the same id."""
    return f"{sha256[:16]}-{part}"


def _span_or_none(d: dict[str, Any] | None) -> Span | None:
    return Span.from_dict(d) if d else None


@dataclass(slots=True)
class Document:
    source: Source
    text: str
    title: str | None = None
    language: str | None = None
    issuer: list[Span] = field(default_factory=list)
    reference_number: Span | None = None
    dates: list[DateValue] = field(default_factory=list)
    date: DocDate | None = None
    subject: Span | None = None
    sender: Span | None = None
    addressees: list[Span] = field(default_factory=list)
    cc: list[Span] = field(default_factory=list)
    body: Range | None = None
    notes: list[Note] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    @property
    def id(self) -> str:
        return document_id(self.source.sha256, self.source.part)

    def spans(self) -> Iterator[tuple[str, Span]]:
        """Every span the document carries, with the name of its field."""
        for name in ("reference_number", "subject", "sender"):
            value = getattr(self, name)
            if value is not None:
                yield name, value
        for name in ("issuer", "dates", "addressees", "cc", "notes", "mentions"):
            for value in getattr(self, name):
                yield name, value

    def to_dict(self) -> dict[str, Any]:
        def one(span: Span | None) -> dict[str, Any] | None:
            return span.to_dict() if span is not None else None

        def many(items: list[Any]) -> list[dict[str, Any]]:
            return [item.to_dict() for item in items]

        return {
            "schema": SCHEMA_ID,
            "id": self.id,
            "source": self.source.to_dict(),
            "title": self.title,
            "text": self.text,
            "language": self.language,
            "issuer": many(self.issuer),
            "reference_number": one(self.reference_number),
            "dates": many(self.dates),
            "date": self.date.to_dict() if self.date else None,
            "subject": one(self.subject),
            "sender": one(self.sender),
            "addressees": many(self.addressees),
            "cc": many(self.cc),
            "body": self.body.to_dict() if self.body else None,
            "notes": many(self.notes),
            "mentions": many(self.mentions),
            "entities": many(self.entities),
            "relations": many(self.relations),
            "flags": many(self.flags),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(
            source=Source.from_dict(d["source"]),
            text=d["text"],
            title=d.get("title"),
            language=d.get("language"),
            issuer=[Span.from_dict(x) for x in d["issuer"]],
            reference_number=_span_or_none(d["reference_number"]),
            dates=[DateValue.from_dict(x) for x in d["dates"]],
            date=DocDate.from_dict(d["date"]) if d["date"] else None,
            subject=_span_or_none(d["subject"]),
            sender=_span_or_none(d["sender"]),
            addressees=[Span.from_dict(x) for x in d["addressees"]],
            cc=[Span.from_dict(x) for x in d["cc"]],
            body=Range.from_dict(d["body"]) if d.get("body") else None,
            notes=[Note.from_dict(x) for x in d["notes"]],
            mentions=[Mention.from_dict(x) for x in d["mentions"]],
            entities=[Entity.from_dict(x) for x in d["entities"]],
            relations=[Relation.from_dict(x) for x in d["relations"]],
            flags=[Flag.from_dict(x) for x in d["flags"]],
        )
