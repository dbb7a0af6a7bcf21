"""Link originals and their translations in an archive, and compare their fields.

Run after every ingest (for the sources it stored), every reprocess and import, and every
researcher's link or unlink: the links found in the sources' names and texts
(`sijill.ingest.pairs`) become the machine layer of `store.pairs`; every standing link
(the researchers' edits laid over it) is then aligned field by field (`checks.pairs`) and
each disagreement stored as a flag of the check `pairs` on both documents.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from sijill.checks.pairs import Row, align, findings
from sijill.ingest import pairs as naming
from sijill.model import Document, Flag
from sijill.parse import bilingual
from sijill.parse.arabic import parse_arabic
from sijill.parse.document import parse_document
from sijill.store import Archive, flag_edits
from sijill.store import pairs as store_pairs
from sijill.store.pairs import Found, Pair

__all__ = ["Side", "aligned", "find", "of_document", "refresh", "sides"]


@dataclass
class Report:
    links: int = 0
    flags: list[tuple[str, Flag]] = field(default_factory=list)  # (document id, flag)


def _arabic(language: str | None) -> bool:
    return language == "ar"


def find(archive: Archive, keys: set[str] | None) -> list[Found]:
    """The links the sources show: by file names over the whole archive, and within the
    sources `keys` (None: every source) between documents of one page or inside one."""
    every = store_pairs.languages(archive)
    found: list[Found] = []
    by_key: dict[str, list[tuple[int, str | None]]] = {}
    for (key, part), language in every.items():
        by_key.setdefault(key, []).append((part, language))
    for original, translation, rule in naming.file_pairs(by_key):
        a, b = sorted(by_key[original]), sorted(by_key[translation])
        if len(a) != len(b):
            continue  # which part is the translation of which is not for names to tell
        found += [Found((original, pa), (translation, pb), "file-names", rule)
                  for (pa, la), (pb, lb) in zip(a, b, strict=True)
                  if _arabic(la) and not _arabic(lb)]
    for key in by_key if keys is None else keys & set(by_key):
        parts = sorted(by_key[key])
        found += [Found((key, parts[i][0]), (key, parts[j][0]), "same-page")
                  for i, j in naming.page_pairs([_arabic(lang) for _, lang in parts])]
        found += _blocks(archive, key, parts)
    return found


def _blocks(archive: Archive, key: str, parts: list[tuple[int, str | None]]) -> list[Found]:
    if all(_arabic(lang) for _, lang in parts):
        return []
    out = []
    for doc in archive.machine_documents(key):
        span = None if doc.language == "ar" else bilingual.block(doc.text)
        if span is not None:
            anchor = (key, doc.source.part)
            out.append(Found(anchor, anchor, "block", "an Arabic block in the text", span))
    return out


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a link as the reader shows it: the document, and the text it stands on."""

    doc: Document
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.doc.text[self.start:self.end]


def sides(archive: Archive, pair: Pair) -> tuple[Side, Side] | None:
    """(original, translation) of a standing link, as the researcher sees them; for a block,
    the block parsed as the original and the rest of the document as its translation."""
    original = archive.document(pair.original_id or "", claims=False)
    translation = archive.document(pair.translation_id or "", claims=False)
    if original is None or translation is None:
        return None
    if pair.block is None:
        return (Side(original, 0, len(original.text)),
                Side(translation, 0, len(translation.text)))
    start, end = pair.block
    if not 0 <= start < end <= len(translation.text):
        return None
    block = parse_arabic(translation.text[start:end], translation.source, None)
    moved = _shifted(block, translation.text, start)
    return Side(moved, start, end), Side(_around(translation, start, end), 0,
                                          len(translation.text))


_FIELDS = ("issuer", "reference_number", "dates", "subject", "sender", "addressees", "cc")


def _shifted(doc: Document, text: str, offset: int) -> Document:
    """A block's parse with its spans moved to the whole document's text."""
    changes: dict[str, object] = {"text": text}
    for name in _FIELDS:
        value = getattr(doc, name)
        if isinstance(value, list):
            changes[name] = [s.shifted(offset) for s in value]
        elif value is not None:
            changes[name] = value.shifted(offset)
    return dataclasses.replace(doc, **changes)  # type: ignore[arg-type]


def _around(doc: Document, start: int, end: int) -> Document:
    """The translation around a block: the document's own fields read outside the block (a
    researcher's corrections among them), and where it has none, the fields the parser reads
    in the text after the block (before it, when nothing follows), which an introduction or
    the block above can hide from a reading of the whole."""
    after = bool(doc.text[end:].strip())
    lo, hi = (end, len(doc.text)) if after else (0, start)
    fresh = _shifted(parse_document(doc.text[lo:hi], doc.source, None, False), doc.text, lo)

    def keep(span: object) -> bool:
        return span is not None and (span.end <= start or span.start >= end)  # type: ignore[attr-defined]
    changes: dict[str, object] = {}
    for name in _FIELDS:
        value = getattr(doc, name)
        mine = [s for s in value if keep(s)] if isinstance(value, list) \
            else value if keep(value) else None
        changes[name] = mine or getattr(fresh, name)
    return dataclasses.replace(doc, **changes)  # type: ignore[arg-type]


def aligned(archive: Archive, pair: Pair) -> tuple[Side, Side, list[Row]] | None:
    """The two sides of a link and their fields, side by side."""
    both = sides(archive, pair)
    if both is None:
        return None
    return (*both, align(both[0].doc, both[1].doc))


def refresh(archive: Archive, keys: Iterable[str] | None = None) -> Report:
    """Find the links again (see `find`), store them, and store the flags of every standing
    link's disagreements (replacing the last run's)."""
    wanted = None if keys is None else set(keys)
    store_pairs.replace_found(archive, find(archive, wanted), wanted)
    report = Report()
    stored: list[tuple[str, int, Flag]] = []
    for pair in store_pairs.effective(archive):
        found = aligned(archive, pair)
        if found is None:
            continue
        report.links += 1
        original, translation, rows = found
        on_original, on_translation = findings(rows, original.doc.id, translation.doc.id)
        if pair.block is not None:  # one document: one flag on the words of both sides
            on_original = [dataclasses.replace(a, spans=a.spans + b.spans, message=_block(a))
                           for a, b in zip(on_original, on_translation, strict=True)]
            on_translation = []
        for anchor, doc, flags in ((pair.original, original.doc, on_original),
                                   (pair.translation, translation.doc, on_translation)):
            stored += [(anchor[0], anchor[1], f) for f in flags]
            report.flags += [(doc.id, f) for f in flags]
    flag_edits.replace_archive_findings(archive, stored, (), check=flag_edits.PAIRS)
    return report


def _block(flag: Flag) -> str:
    reason, _, _ = flag.message.partition("; translation:")
    return f"{reason}, in the Arabic block and the translation around it"


def of_document(archive: Archive, doc_id: str) -> list[dict[str, object]]:
    """A document's standing links with their fields side by side, as JSON-ready data (for
    `sijill show --json` and the API's document)."""
    out = []
    for pair in store_pairs.of_document(archive, doc_id):
        found = aligned(archive, pair)
        if found is None:
            continue
        out.append({**pair.to_dict(), "fields": [
            {"field": r.field, "verdict": r.verdict, "reason": r.reason,
             "original": [s.to_dict() for s in r.original],
             "translation": [s.to_dict() for s in r.translation]} for r in found[2]]})
    return out
