"""What `sijill import` checks before it writes anything (issue 12, defect 7).

An export is data from elsewhere: its hashes, texts and human layer are checked against each
other and against the contract, and the first thing wrong refuses the whole file with the
line it is on. Checked:

- a source's `text_sha256` (when given) is the hash of its text; its documents' texts are
  pieces of it; its stage runs are well formed;
- a field edit names a field researchers may edit, its values are that field's contract
  JSON, and on the very text it was made on (same document id) every span is
  `text[start:end]`; a span is always `0 <= start <= end` with `len(text) == end - start`;
- a human-layer row names only columns its table has; a relation claim's kind, type and
  status are known ones and an added relation's evidence is `text[start:end]`; an entity
  split's mention is `text[start:end]`; every row has an author and a time.

Edits made on an earlier text of a source (another document id) cannot be checked against
a text the file does not hold; they are kept as they are, and the overlay re-anchors them
or flags them, as it does after a re-ingest.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sijill.errors import StoreError
from sijill.model import sha256_hex
from sijill.store import layers
from sijill.store.relations import STATUSES, TYPES

_HEX64 = re.compile(r"[0-9a-f]{64}")
_OPTIONAL_TEXT = ("path", "url", "media_type", "title", "published")

# (source key, part) -> (document id, text) of the documents an import can check against.
Texts = Mapping[tuple[str, int], tuple[str, str]]


class Invalid(ValueError):
    """One record is wrong; the caller adds its line."""


def _text(value: Any, name: str, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise Invalid(f"{name} must be a non-empty string")
    return value


def _int(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise Invalid(f"{name} must be a whole number >= 0")
    return value


def source(record: dict[str, Any], doc_texts: list[str]) -> None:
    _text(record.get("key"), "key")
    if not isinstance(record.get("sha256"), str) or not _HEX64.fullmatch(record["sha256"]):
        raise Invalid("sha256 must be 64 lowercase hex digits")
    text = _text(record.get("text"), "text")
    for name in _OPTIONAL_TEXT:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise Invalid(f"{name} must be a string or null")
    for name in ("ingested_at", "updated_at"):
        _text(record.get(name), name)
    given = record.get("text_sha256")
    if given is not None and given != sha256_hex(text.encode("utf-8")):
        raise Invalid(f"source {record['key']}: text_sha256 is not the hash of its text")
    stages = record.get("stages")
    if not isinstance(stages, dict) or not all(
            isinstance(run, dict) and isinstance(run.get("version"), str)
            and isinstance(run.get("run_at"), str) for run in stages.values()):
        raise Invalid(f"source {record['key']}: stages must map each stage to its run")
    for doc_text in doc_texts:
        if doc_text not in text:
            raise Invalid(f"source {record['key']}: a document's text is not in its text")


def _span_shape(span: Any, where: str) -> None:
    start, end, words = span.start, span.end, span.text
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(words, str)):
        raise Invalid(f"{where}: a span needs text, start and end")
    if not 0 <= start <= end or end - start != len(words):
        raise Invalid(f"{where}: {words!r} cannot be text[{start}:{end}] of any text")


def edit(record: dict[str, Any], texts: Texts) -> None:
    name = record.get("field")
    if name not in layers.FIELDS:
        raise Invalid(f"edit of an unknown field {name!r}; editable: {', '.join(layers.FIELDS)}")
    _text(record.get("source_key"), "source_key")
    _int(record.get("part"), "part")
    _text(record.get("doc_id"), "doc_id")
    _text(record.get("author"), "author")
    _text(record.get("created_at"), "created_at")
    if record.get("note") is not None and not isinstance(record["note"], str):
        raise Invalid("note must be a string or null")
    kind = layers.FIELDS[name]
    where = f"edit of {name} on {record['source_key']} part {record['part']}"
    for column in ("before", "after", "machine"):
        try:
            value = kind.load(record.get(column))
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise Invalid(f"{where}: {column} is not a valid {name} ({exc})") from None
        if kind.spans:
            for span in layers._as_list(value):  # noqa: SLF001 - the store's own helper
                _span_shape(span, where)
    known = texts.get((record["source_key"], record["part"]))
    if known is not None and known[0] == record["doc_id"]:
        try:
            layers.read_edit(name, record["after"], known[1])
        except StoreError as exc:
            raise Invalid(f"{where}: {exc}") from None


def row(table: str, values: Any, columns: list[str], texts: Texts) -> None:
    if not isinstance(values, dict):
        raise Invalid(f"a {table} row must be an object")
    unknown = sorted(set(values) - set(columns))
    if unknown:
        raise Invalid(f"{table} has no column {', '.join(unknown)}")
    _text(values.get("author"), f"{table}.author")
    if "created_at" in columns:
        _text(values.get("created_at"), f"{table}.created_at")
    check = _ROW_CHECKS.get(table)
    if check is not None:
        check(values, texts)


def _evidence(values: dict[str, Any], texts: Texts, start: str, end: str, words: str,
              what: str) -> None:
    lo, hi, text = values.get(start), values.get(end), values.get(words)
    if not (isinstance(lo, int) and isinstance(hi, int) and isinstance(text, str)):
        raise Invalid(f"{what}: needs {start}, {end} and {words}")
    if not 0 <= lo <= hi or hi - lo != len(text):
        raise Invalid(f"{what}: {text!r} cannot be text[{lo}:{hi}] of any text")
    known = texts.get((values.get("source_key"), values.get("part")))  # type: ignore[arg-type]
    if known is not None and known[0] == values.get("doc_id") and known[1][lo:hi] != text:
        raise Invalid(f"{what}: {text!r} is not text[{lo}:{hi}] of document {known[0]}")


def _relation_claim(values: dict[str, Any], texts: Texts) -> None:
    kind = values.get("kind")
    if kind not in ("add", "confirm", "reject"):
        raise Invalid(f"relation claim of unknown kind {kind!r}")
    for name in ("relation_key", "source_key", "doc_id"):
        _text(values.get(name), f"relation_claims.{name}")
    _int(values.get("part"), "relation_claims.part")
    if kind != "add":
        return
    if values.get("type") not in TYPES:
        raise Invalid(f"relation claim of unknown type {values.get('type')!r}")
    if values.get("status") not in STATUSES:
        raise Invalid(f"relation claim of unknown status {values.get('status')!r}")
    for name in ("source_entity", "target_entity"):
        _text(values.get(name), f"relation_claims.{name}")
    _evidence(values, texts, "evidence_start", "evidence_end", "evidence_text",
              f"relation claim {values['relation_key']}")


def _entity_edit(values: dict[str, Any], texts: Texts) -> None:
    kind = values.get("kind")
    if kind not in ("merge", "split", "rename"):
        raise Invalid(f"entity edit of unknown kind {kind!r}")
    _text(values.get("entity_id"), "entity_edits.entity_id")
    if kind == "split":
        _int(values.get("part"), "entity_edits.part")
        _evidence(values, texts, "start", "end", "text", f"split of {values['entity_id']}")


_ROW_CHECKS = {"relation_claims": _relation_claim, "entity_edits": _entity_edit}
