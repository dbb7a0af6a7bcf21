"""Sources to text: plain text in any common encoding, HTML pages, PDFs, and scans (OCR).

Each format is an `Ingestor` class in `formats/` (one module each); `ingestor.ingest` gives a
source to the one whose `match()` scores it highest.

`load()` reads one file into a `SourceText` whose text is decoded, normalised (see
`normalize`) and free of web boilerplate; anything it cannot read raises `IngestError`
with the reason, so that callers report it instead of dropping it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sijill.errors import IngestError, Rejected
from sijill.ingest import (
    formats,  # noqa: F401  (importing it registers every format)
    ingestor,
)
from sijill.ingest.boilerplate import strip_boilerplate
from sijill.ingest.files import iter_files
from sijill.model import SourceText

# Bump when the text load() returns for the same bytes would change.
VERSION = "1"

__all__ = ["VERSION", "display_name", "iter_files", "load", "load_bytes", "read",
           "strip_boilerplate"]


def load(path: str | Path) -> SourceText:
    """Read and ingest one file; raises IngestError (missing, unreadable, empty, binary...)."""
    return load_bytes(read(path), path=display_name(path))


def display_name(path: str | Path) -> str:
    """A path as text that can always be stored and printed: bytes of a file name that are
    not UTF-8 are written as \\xNN escapes (one name, one text; never a lone surrogate)."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


_NOT_FILES = ((stat.S_ISFIFO, "is a named pipe (FIFO), not a file; refused"),
              (stat.S_ISCHR, "is a character device, not a file; refused"),
              (stat.S_ISBLK, "is a block device, not a file; refused"),
              (stat.S_ISSOCK, "is a socket, not a file; refused"))


def read(path: str | Path) -> bytes:
    """A regular file's bytes. Opened without blocking and checked before reading, so that a
    FIFO or a device is refused at once instead of hanging the whole ingest."""
    name = display_name(path)
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            os.listdir(path)  # an unreadable folder says so here
            raise IngestError(name, "is a folder, not a file")
        for test, reason in _NOT_FILES:
            if test(mode):
                raise IngestError(name, reason)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):  # swapped since stat
                raise IngestError(name, "is not a regular file; refused")
            return stream.read()
    except FileNotFoundError:
        raise IngestError(name, "no such file") from None
    except PermissionError as exc:
        what = "folder" if Path(path).is_dir() else "file"
        raise IngestError(name, f"{what} cannot be read: {exc.strerror}") from None
    except OSError as exc:
        raise IngestError(name, exc.strerror or str(exc)) from None


def load_bytes(data: bytes, *, path: str | None = None,
               media_type: str | None = None) -> SourceText:
    """Ingest a source's bytes; `path` names it and helps tell its type, as does `media_type`."""
    try:
        return ingestor.ingest(data, path, media_type)
    except Rejected as exc:
        raise IngestError(path or "<bytes>", exc.reason) from None
