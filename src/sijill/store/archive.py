"""The archive, as the pipeline, the CLI and the web app use it: one object with the
methods of the store's reading and writing modules (`documents`, `sources`, `field_edits`).

Its transactions and connection are `Database`'s; the other human layers (entities,
relations, flags, labels) are functions of their modules taking an archive.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sijill.model import Document, SourceText
from sijill.store import documents, field_edits, sources
from sijill.store.db import Database
from sijill.store.sources import Status

__all__ = ["Archive", "Status"]


class Archive(Database):
    """One archive file: sources, their documents' machine layer and the human edits over
    it. Use as a context manager, or call `close()`."""

    # -- writing the machine layer ----------------------------------------------------------

    def put_source(self, source: SourceText, documents: list[Document],
                   stages: dict[str, str], *, replaces: str | None = None) -> Status:
        """Store a source and its documents (see `sources.put_source`)."""
        return sources.put_source(self, source, documents, stages, replaces=replaces)

    def replace_documents(self, source_key: str, documents: list[Document],
                          stages: dict[str, str]) -> None:
        """A new machine layer for a stored source (reprocess); human edits are kept."""
        sources.replace_documents(self, source_key, documents, stages)

    def source_key_of(self, sha256: str) -> str | None:
        """The key of the source whose bytes have this hash, if this archive read them."""
        return sources.source_key_of(self, sha256)

    def has_source(self, key: str) -> bool:
        """Whether a source with this key is stored."""
        return sources.has_source(self, key)

    # -- reading ----------------------------------------------------------------------------

    def sources(self) -> Iterator[SourceText]:
        """Every stored source's text, in the order first ingested."""
        return documents.sources(self)

    def source_layout(self, key: str) -> str | None:
        """The OCR layout stored with a source (JSON, see ingest.ocr.Layout), if it has one."""
        return documents.source_layout(self, key)

    def machine_document(self, doc_id: str) -> Document | None:
        """The document as the stages produced it, without human edits."""
        return documents.machine_document(self, doc_id)

    def machine_documents(self, source_key: str) -> list[Document]:
        """A source's documents as the stages produced them, in part order."""
        return documents.machine_documents(self, source_key)

    def document(self, doc_id: str, *, claims: bool = True) -> Document | None:
        """The document as the researcher sees it: machine output with human edits applied.

        `claims=False` leaves out the researchers' relation claims (added, rejected), which
        are themselves made over that view.
        """
        return documents.document(self, doc_id, claims=claims)

    def documents(self, *, claims: bool = True) -> Iterator[Document]:
        """Every document, human edits applied, in storage order."""
        return documents.documents(self, claims=claims)

    def stages(self, doc_id: str) -> dict[str, str]:
        """The stage versions that produced a document's machine layer."""
        return documents.stages(self, doc_id)

    def stats(self) -> dict[str, Any]:
        """What the archive holds, in counts (for `sijill stats` and the web app's home)."""
        return documents.stats(self)

    # -- the human layer of fields ----------------------------------------------------------

    def edit_field(self, doc_id: str, field: str, value: Any, *, author: str,
                   note: str | None = None) -> int:
        """Set a field by hand (contract JSON for it); returns the edit's id."""
        return field_edits.edit_field(self, doc_id, field, value, author=author, note=note)

    def edits(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        """The audit trail of field edits, oldest first: all, or one document's."""
        return field_edits.edits(self, doc_id)
