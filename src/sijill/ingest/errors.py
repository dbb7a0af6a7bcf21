"""Why a source could not be read."""

from __future__ import annotations

BINARY = "binary file (not text, HTML or PDF)"
EMPTY = "empty file"
NO_TEXT_LAYER = "PDF has no text layer (scanned?)"


class IngestError(Exception):
    """A source that cannot be turned into text; `str(e)` is "path: reason"."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Rejected(Exception):
    """Raised deep inside a reader, which does not know the path; load_bytes adds it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
