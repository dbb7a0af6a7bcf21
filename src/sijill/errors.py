"""Every error Sijill raises on purpose, in one small hierarchy.

`SijillError` is a mistake the caller can fix or an input Sijill cannot use: its message says
what and, where it can, what to do. The CLI turns it into that message and an exit code
(`sijill.cli._util`), the web app into a page with the reason. Anything else that escapes
is a bug, logged with its traceback where it is caught.

Errors that were `ValueError`s before the hierarchy existed still are, so that callers
catching `ValueError` keep working.
"""

from __future__ import annotations


class SijillError(Exception):
    """An operation that cannot be done as asked; `str(e)` says why."""


# -- ingest ---------------------------------------------------------------------------------

# The reasons an IngestError gives for the commonest unreadable sources.
BINARY = "binary file (not text, HTML or PDF)"
EMPTY = "empty file"
NO_TEXT_LAYER = "PDF has no text layer (scanned?)"


class IngestError(SijillError):
    """A source that cannot be turned into text; `str(e)` is "path: reason"."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Rejected(SijillError):
    """Raised deep inside a reader, which does not know the path; `ingest.load_bytes` turns
    it into an IngestError with the path."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# -- parse and entities ---------------------------------------------------------------------


class ParseError(SijillError, ValueError):
    """A parser setting that cannot be used (e.g. a field the line labeller cannot fill)."""


class DataFileError(SijillError, ValueError):
    """A data file that cannot be read or does not have its declared shape."""

    def __init__(self, file: str, key: str, expected: str) -> None:
        where = f" at `{key}`" if key else ""
        super().__init__(f"{file}{where}: {expected}")
        self.file = file
        self.key = key
        self.expected = expected


class AuthorityError(DataFileError):
    """An authority file that cannot be read; the message names the file and the entry."""


# -- store ----------------------------------------------------------------------------------


class StoreError(SijillError):
    """An archive operation that cannot be done: unknown id, bad edit, too-new schema."""


# -- query ----------------------------------------------------------------------------------


class QueryError(SijillError, ValueError):
    """A query that cannot be run as written; the message says what to change."""

    status = 400  # the researcher's mistake


class QueryTooSlow(QueryError):
    """A query that ran over its time budget and was stopped."""

    status = 503  # the server's budget


# -- export and import ----------------------------------------------------------------------


class ExportError(SijillError):
    """An export or import that cannot be done."""


class SelectionError(ExportError, ValueError):
    """A selection that cannot be made (an unknown entity, an empty query...)."""


class ImportFileError(ExportError, ValueError):
    """An import file Sijill cannot read; nothing was written."""
