"""An original beside its translation in the reader, and a researcher's links and unlinks
(the reader's form, `pages.change_pair`, and the API's, `api.api_change_pair`), over
`sijill.store.pairs` and `sijill.checks.pairing`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from sijill.checks import pairing
from sijill.checks.pairs import Row
from sijill.errors import StoreError
from sijill.model import Document
from sijill.store import Archive
from sijill.store import pairs as store_pairs

BASIS = {"file-names": "the two files are named as a pair",
         "same-page": "the two documents were printed on one page",
         "block": "the original is printed inside this document, among the text of its "
                  "translation",
         "researcher": "linked by a researcher"}


@dataclass(frozen=True, slots=True)
class PairView:
    """One link of the document shown in the reader."""

    role: str  # what this document is in the link: "original" or "translation"
    other_id: str
    other_text: str  # the other side's text (for a block: the block, or the rest)
    other_arabic: bool  # read by the Arabic parser: shown right to left
    basis: str
    rule: str | None
    author: str | None
    original_id: str
    translation_id: str
    block: bool
    rows: list[Row]


def views(archive: Archive, doc: Document) -> list[PairView]:
    """The document's links, each with the other side's text and the fields aligned."""
    out = []
    for pair in store_pairs.of_document(archive, doc.id):
        found = pairing.aligned(archive, pair)
        if found is None:
            continue
        original, translation, rows = found
        role = "translation" if pair.translation_id == doc.id else "original"
        # a block: this document is the translation; the block beside it is the original
        other = original if role == "translation" else translation
        out.append(PairView(
            role, other.doc.id, other.text, other.doc.language == "ar", BASIS[pair.basis],
            pair.rule, pair.author, pair.original_id or "", pair.translation_id or "",
            pair.block is not None, rows))
    return out


def trail(archive: Archive, doc_id: str) -> list[dict[str, Any]]:
    """The links and unlinks researchers made on the document, oldest first."""
    return [dataclasses.asdict(e) for e in store_pairs.edits(archive, doc_id)]


def change(archive: Archive, doc_id: str, values: dict[str, Any], who: str) -> None:
    """A link or unlink from the page's form or the API's body: `other` (a document id),
    `role` (what the other is: "original" or "translation"), `action`, `note`."""
    other = str(values.get("other") or "").strip()
    role = str(values.get("role") or "")
    action = str(values.get("action") or "link")
    if role not in ("original", "translation") or action not in ("link", "unlink"):
        raise StoreError('role is "original" or "translation"; action is "link" or "unlink"')
    original, translation = (other, doc_id) if role == "original" else (doc_id, other)
    write = store_pairs.link if action == "link" else store_pairs.unlink
    note = values.get("note")
    write(archive, original, translation, author=who, note=str(note) if note else None)
    pairing.refresh(archive, (), touched=(original, translation))  # its flags, at once


def after_field_edit(archive: Archive, doc_id: str | None = None) -> None:
    """A field edit (or its undo) may settle or start a disagreement of a linked document
    with its original or translation: its pair flags are found again at once."""
    linked = store_pairs.effective(archive)
    if doc_id is None and linked:  # an undo: which document is not said
        pairing.refresh(archive)
    elif any(doc_id in (p.original_id, p.translation_id) for p in linked):
        pairing.refresh(archive, (), touched=(doc_id,))
