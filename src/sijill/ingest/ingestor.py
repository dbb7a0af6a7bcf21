"""What reads a source: one `Ingestor` class per format, and the choice between them.

After ingest-file's ingestors: each class declares the media types it reads, the extensions
that name them, and a `match()` score for a source; the highest score reads it. Formats read
from the bytes (scans, PDFs) are scored first; when none claims a source, its bytes are
decoded and the text formats (`TextIngestor`: HTML, plain text) are scored on the text.

A new format is one module in `sijill/ingest/formats/`: defining the class registers it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cached_property
from pathlib import PurePath
from typing import ClassVar, TypeVar

from sijill.errors import BINARY, EMPTY, Rejected
from sijill.ingest.boilerplate import strip_boilerplate
from sijill.ingest.decode import declared_charset, decode, without_lone_surrogates
from sijill.ingest.normalize import normalize
from sijill.ingest.ocr import Layout
from sijill.model import SourceText, sha256_hex

# The score of the ingestor whose media type the caller declared: a declaration is trusted,
# a file name is only a hint that content can overrule.
DECLARED = 100

T = TypeVar("T")


@dataclass
class Probe:
    """A source as the ingestors see it when they score it and read it."""

    data: bytes
    path: str | None
    declared: str | None  # our media type for the one the caller gave
    charset: str | None  # the charset the caller gave with it
    sha256: str

    @cached_property
    def extension_type(self) -> str | None:
        """The media type the file name's extension stands for, if one we read."""
        return by_extension(self.path)


class Ingestor:
    """One format. Subclasses set the class attributes and override `match` and `ingest`."""

    # Media types a caller may declare (e.g. an HTTP Content-Type); "text/*" names a family,
    # which counts only when no ingestor lists the type itself.
    media_types: ClassVar[tuple[str, ...]] = ()
    # File extensions (lower case, with the dot), each with the media type it stands for.
    extensions: ClassVar[dict[str, str]] = {}
    # The media type the archive stores for what this ingestor reads.
    media_type: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.media_types or cls.extensions:
            REGISTRY.append(cls)

    @classmethod
    def ours(cls, declared: str) -> str:
        """The media type stored for a source declared as `declared` (one of ours)."""
        return cls.media_type

    @classmethod
    def match(cls, probe: Probe) -> int:
        """How sure this ingestor is that it reads the source's bytes (0: it does not)."""
        return 0

    def ingest(self, probe: Probe) -> SourceText:
        raise NotImplementedError


class TextIngestor(Ingestor):
    """A format read from the decoded text: scored only when no byte format claims a source."""

    @classmethod
    def match_text(cls, probe: Probe, text: str) -> int:
        """How sure this ingestor is that it reads the decoded text (0: it does not)."""
        return 0

    def ingest_text(self, probe: Probe, text: str) -> SourceText:
        raise NotImplementedError


REGISTRY: list[type[Ingestor]] = []


def ingest(data: bytes, path: str | None, media_type: str | None) -> SourceText:
    """The source read by the ingestor that matches it best; Rejected with the reason if none."""
    if not data.strip():
        raise Rejected(EMPTY)
    declared, charset = parse_media_type(media_type) if media_type else (None, None)
    probe = Probe(data, path, declared, charset, sha256_hex(data))
    reader = _best((cls, cls.match(probe)) for cls in REGISTRY)
    if reader is not None:
        return reader().ingest(probe)
    text = decode(data, charset or declared_charset(data))
    if not text.strip():
        raise Rejected(EMPTY)
    texts = (cls for cls in REGISTRY if issubclass(cls, TextIngestor))
    found = _best((cls, cls.match_text(probe, text)) for cls in texts)
    if found is None:
        raise Rejected(BINARY)
    return found().ingest_text(probe, text)


def _best(scored: Iterable[tuple[T, int]]) -> T | None:
    """The highest-scoring ingestor, the first registered on a tie; None when all score 0."""
    best, best_score = None, 0
    for cls, score in scored:
        if score > best_score:
            best, best_score = cls, score
    return best


_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def parse_media_type(media_type: str) -> tuple[str, str | None]:
    """Ours for a Content-Type such as "text/html; charset=windows-1256", and its charset."""
    kind, _, params = media_type.partition(";")
    kind = kind.strip().lower()
    charset = _CHARSET.search(params)
    mapped = _declared(kind)
    if mapped is None:
        raise Rejected(f"unsupported media type {kind}")
    return mapped, charset.group(1) if charset else None


def _declared(kind: str) -> str | None:
    for cls in REGISTRY:
        if kind in cls.media_types:
            return cls.ours(kind)
    for cls in REGISTRY:
        if any(fnmatchcase(kind, pattern) for pattern in cls.media_types if "*" in pattern):
            return cls.ours(kind)
    return None


def by_extension(path: str | None) -> str | None:
    """The media type a file name's extension stands for, if one we read."""
    if not path:
        return None
    suffix = PurePath(path).suffix.lower()
    for cls in REGISTRY:
        if suffix in cls.extensions:
            return cls.extensions[suffix]
    return None


def scanned(probe: Probe, text: str, layout: Layout, media_type: str) -> SourceText:
    """OCR'd text is already in normalised form (its layout's offsets index it as it is)."""
    return SourceText(probe.sha256, text, probe.path, media_type=media_type,
                      layout=layout.to_json())


def finish(source: SourceText) -> SourceText:
    """Normalise, strip boilerplate, normalise again (removal can leave blank runs)."""
    text = normalize(strip_boilerplate(normalize(without_lone_surrogates(source.text))))
    if not text:
        raise Rejected("no text left after removing web boilerplate")
    return SourceText(source.sha256, text, source.path, source.url, source.media_type,
                      source.title, source.published)
