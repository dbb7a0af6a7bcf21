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
from dataclasses import dataclass

from sijill.checks.pairs import Row, align, findings
from sijill.ingest import pairs as naming
from sijill.model import Document, Flag
from sijill.parse import bilingual
from sijill.parse.arabic import parse_arabic
from sijill.parse.document import parse_document
from sijill.store import Archive, flag_edits
from sijill.store import pairs as store_pairs
from sijill.store.pairs import Anchor, Found, Pair

__all__ = ["Side", "aligned", "find", "of_document", "refresh", "sides"]


@dataclass
class Report:
    links: int = 0  # standing links in the archive
    flags: int = 0  # the flags of the links compared again


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


def refresh(archive: Archive, keys: Iterable[str] | None = None,
            touched: Iterable[str] = ()) -> Report:
    """Find the links again (see `find`) and store them; then compare again the links of the
    sources `keys`, of the documents `touched` (ids: a link or unlink, a field edit) and those
    that came or went, and store their disagreements' flags. `keys=None`: every link."""
    wanted = None if keys is None else set(keys)
    before = _anchors(store_pairs.effective(archive))
    store_pairs.replace_found(archive, find(archive, wanted), wanted)
    standing = store_pairs.effective(archive)
    report = Report(links=len(standing))
    if wanted is None:
        recheck, at = standing, None
    else:
        stale = {a for link in before ^ _anchors(standing) for a in link}
        stale |= {store_pairs.anchor_of(archive, doc_id) for doc_id in touched}
        stale |= {a for p in standing for a in (p.original, p.translation) if a[0] in wanted}
        recheck, at = _closure(standing, stale)
    stored: list[tuple[str, int, Flag]] = []
    for pair in recheck:
        for anchor, flag in _flags(archive, pair):
            stored.append((anchor[0], anchor[1], flag))
            report.flags += 1
    flag_edits.replace_archive_findings(archive, stored, (), check=flag_edits.PAIRS, at=at)
    return report


def _anchors(pairs: list[Pair]) -> set[tuple[Anchor, Anchor]]:
    return {(p.original, p.translation) for p in pairs}


def _closure(standing: list[Pair], stale: set[Anchor]) -> tuple[list[Pair], set[Anchor]]:
    """The links to compare again and the documents whose pair flags they replace: every
    link of a document whose flags are replaced (a document may be in several links)."""
    at = set(stale)
    while True:
        recheck = [p for p in standing if p.original in at or p.translation in at]
        grown = at | {a for p in recheck for a in (p.original, p.translation)}
        if grown == at:
            return recheck, at
        at = grown


def _flags(archive: Archive, pair: Pair) -> list[tuple[Anchor, Flag]]:
    """The flags of one link's disagreements, each with the document it goes on."""
    found = aligned(archive, pair)
    if found is None:
        return []
    original, translation, rows = found
    on_original, on_translation = findings(rows, original.doc.id, translation.doc.id)
    if pair.block is not None:  # one document: one flag on the words of both sides
        on_original = [dataclasses.replace(a, spans=a.spans + b.spans, message=_block(a))
                       for a, b in zip(on_original, on_translation, strict=True)]
        on_translation = []
    return [(pair.original, f) for f in on_original] + \
        [(pair.translation, f) for f in on_translation]


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
