"""The stages in order, and the jobs that run them: parse a file, ingest paths, reprocess.

Each stage is a function from a source's documents to new documents, with a version that
the archive records beside its output. Later stages (entities, relations) register here.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sijill import checks, ingest, parse, pieces, relations
from sijill.checks import pairing
from sijill.entities import recognize
from sijill.errors import IngestError
from sijill.model import Document, Flag, SourceText, sha256_hex
from sijill.store import Archive

Stage = Callable[[SourceText, list[Document]], list[Document]]

log = logging.getLogger(__name__)
_REASON = 300  # characters of an exception's message kept in a flag


def _parse_stage(source: SourceText, _: list[Document]) -> list[Document]:
    return parse.parse_text(source.text, source=source, title=source.title)


# In pipeline order; a stage sees the documents of the stages before it.
STAGES: dict[str, tuple[str, Stage]] = {
    "parse": (parse.VERSION, _parse_stage),
    "entities": (recognize.VERSION, recognize.entities_stage),
    "relations": (relations.VERSION, relations.stage),
    "checks": (checks.VERSION, checks.stage),
}


def stage_versions() -> dict[str, str]:
    return {"ingest": ingest.VERSION, **{name: v for name, (v, _) in STAGES.items()}}


def process(source: SourceText, documents: list[Document] | None = None,
            start: str | None = None) -> list[Document]:
    """Run the stages from `start` (default: the first) over one source's text.

    Never raises for a stage's fault: a document a stage fails on is kept as it was before
    that stage, flagged `<stage>-failed` with the reason, and the fault is logged with its
    traceback (see `_run_stage`).
    """
    names = list(STAGES)
    first = names.index(start) if start else 0
    # a stage run again may succeed now: its old fault flags go, a new fault flags anew
    stale = {f"{name}-failed" for name in names[first:]}
    docs = [dataclasses.replace(d, flags=[f for f in d.flags if f.code not in stale])
            for d in documents or []]
    for name in names[first:]:
        docs = _run_stage(name, source, docs)
    return docs


def _run_stage(name: str, source: SourceText, docs: list[Document]) -> list[Document]:
    stage = STAGES[name][1]
    if name == next(iter(STAGES)):  # the stage that makes the documents out of the text
        try:
            return stage(source, docs)
        except Exception as exc:
            return [_flagged(Document(source.source(0), source.text, title=source.title),
                             name, source, exc)]
    if name not in pieces.BY_PIECES or not any(len(d.text) > pieces.PIECE for d in docs):
        try:
            return stage(source, docs)
        except Exception:  # found again, and flagged and logged, one document at a time
            log.debug("stage %s failed on %s as a whole; running it document by document",
                      name, source.key, exc_info=True)
    return [_run_one(name, stage, source, doc) for doc in docs]


def _run_one(name: str, stage: Stage, source: SourceText, doc: Document) -> Document:
    """One document through one stage: whole, or in pieces when it is long and the stage
    reads through spaCy (or failed on it whole); flagged if it still fails."""
    before = Document.from_dict(doc.to_dict())  # a stage may change its input in place
    long = len(doc.text) > pieces.PIECE
    try:
        if not (long and name in pieces.BY_PIECES):
            try:
                out = stage(source, [doc])
                if len(out) != 1:
                    raise ValueError(f"stage {name} made {len(out)} documents out of one")
                return out[0]
            except Exception:
                if not long:
                    raise
                log.debug("stage %s failed on %s whole; running it in pieces", name, doc.id,
                          exc_info=True)
                doc = Document.from_dict(before.to_dict())
        return pieces.run(stage, source, doc)
    except Exception as exc:
        return _flagged(before, name, source, exc)


def _flagged(doc: Document, stage: str, source: SourceText, exc: Exception) -> Document:
    reason = f"{type(exc).__name__}: {exc}"
    log.error("stage %s failed on %s (part %d): %s", stage, source.key, doc.source.part, reason,
              exc_info=exc)
    doc.flags = [*doc.flags, Flag(f"{stage}-failed", "error",
                                  f"the {stage} stage failed here: {reason[:_REASON]}")]
    return doc


def parse_file(path: str | Path) -> list[Document]:
    """Read one file and parse it; no archive involved."""
    return process(ingest.load(path))


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # same bytes, new path: history kept
    failed: list[tuple[str, str]] = field(default_factory=list)
    # Stored, but a stage failed on a document of it: (path, "stage: reason").
    flagged: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0
    pairs: int | None = None  # originals linked to their translations, when any source changed

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def stored(self) -> int:
        """Files the archive now holds as given (added, updated or already there)."""
        return len(self.added) + len(self.updated) + len(self.unchanged) + len(self.moved)


Ready = tuple[Path, SourceText, list[Document], str | None]


def _batches(items: Iterable[Path], size: int) -> Iterator[list[Path]]:
    batch: list[Path] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_paths(archive: Archive, paths: Iterable[str | Path], *, batch_size: int = 50,
                 on_file: Callable[[Path], None] | None = None,
                 root: str | Path | None = None) -> IngestReport:
    """Ingest files and folders. A bad file is reported and the rest goes on.

    A source's key is its canonical path (`canonical_key`): relative to `root` when it lies
    under it, else absolute. Bytes already stored under that key are skipped before any
    parsing. Files are read and processed outside any transaction; each batch is then
    written in one short transaction, so readers and editors wait at most for one batch.
    """
    report = IngestReport()
    versions = stage_versions()
    base = Path(root).resolve() if root is not None else None
    stored: set[str] = set()
    for batch in _batches(ingest.iter_files(paths), batch_size):
        ready: list[Ready] = []
        for path in batch:
            item = _prepare(archive, path, base, report)
            if item is not None:
                ready.append(item)
            if on_file:
                on_file(path)
        _commit(archive, ready, versions, report)
        stored |= {source.key for _, source, _, _ in ready}
    if stored:  # originals and translations: the new sources' links, every link's flags
        report.pairs = _pair(archive, stored, report.flagged)
    return report


def _pair(archive: Archive, keys: set[str] | None, flagged: list[tuple[str, str]]) -> int | None:
    """Link originals and translations (checks.pairing); a fault there is logged and
    reported, and loses nothing: the sources are stored already."""
    try:
        return pairing.refresh(archive, keys).links
    except Exception as exc:
        log.error("linking originals and translations failed", exc_info=exc)
        flagged.append(("(originals and translations)", f"not linked: {type(exc).__name__}: "
                                                         f"{exc}"[:_REASON]))
        return None


def canonical_key(path: Path, root: Path | None) -> str:
    """What names a file in the archive however it was given: its resolved path, relative to
    the collection root when under it (POSIX separators), as storable text."""
    full = path.resolve()
    if root is not None and full.is_relative_to(root):
        return ingest.display_name(full.relative_to(root).as_posix())
    return ingest.display_name(full)


def _gone(key: str, root: Path | None) -> bool:
    """Whether a stored key no longer names a file (its file was moved or renamed); a URL or
    a bare hash never counts as gone."""
    if "://" in key or (len(key) == 64 and all(c in "0123456789abcdef" for c in key)):
        return False
    path = Path(key)
    if not path.is_absolute() and root is not None:
        path = root / path
    return not path.exists()


def _older_keys(path: Path, name: str) -> list[str]:
    """Keys an older archive may hold for this file: the path as given, or relative to here."""
    try:
        here = ingest.display_name(os.path.relpath(path.resolve()))
    except ValueError:  # another drive (Windows)
        return [name]
    return [name, here]


def _prepare(archive: Archive, path: Path, root: Path | None,
             report: IngestReport) -> Ready | None:
    name = ingest.display_name(path)
    key = canonical_key(path, root)
    try:
        data = ingest.read(path)
        held = archive.source_key_of(sha256_hex(data))
        if held is not None and (held == key or archive.has_source(key)
                                 or not _gone(held, root)):
            report.unchanged.append(name)  # hash first: nothing parsed for known bytes
            return None
        source = ingest.load_bytes(data, path=key)
    except IngestError as exc:
        report.failed.append((name, exc.reason))
        return None
    except Exception as exc:  # a reader's bug: this file fails, the rest goes on
        log.error("reading %s failed", name, exc_info=exc)
        report.failed.append((name, f"could not be read ({type(exc).__name__}: {exc})"))
        return None
    # The source held before under another key: same bytes at a path that is gone (a moved
    # file), or the path as given, the form of key older archives used.
    replaces = held if held is not None else next(
        (old for old in _older_keys(path, name) if archive.has_source(old)), None)
    docs = process(source)
    report.flagged += [(name, f.message) for d in docs for f in d.flags
                       if f.code.endswith("-failed") and f.severity == "error"]
    return path, source, docs, replaces


def _commit(archive: Archive, ready: list[Ready], versions: dict[str, str],
            report: IngestReport) -> None:
    try:
        with archive.batch():
            outcome = [(path, archive.put_source(source, docs, versions, replaces=old),
                        len(docs)) for path, source, docs, old in ready]
    except Exception:  # the batch rolled back whole: store its files one by one
        log.warning("storing a batch of %d files failed; storing them one by one", len(ready),
                    exc_info=True)
        outcome = []
        for path, source, docs, old in ready:
            try:
                outcome.append((path, archive.put_source(source, docs, versions, replaces=old),
                                len(docs)))
            except Exception as exc:
                log.error("storing %s failed", source.key, exc_info=exc)
                report.failed.append((ingest.display_name(path), f"not stored: {exc}"))
    for path, status, count in outcome:
        getattr(report, status).append(ingest.display_name(path))
        report.documents += count if status != "unchanged" else 0


@dataclass
class ReprocessReport:
    documents: int = 0
    sources: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    flagged: list[tuple[str, str]] = field(default_factory=list)


def reprocess(archive: Archive, stage: str = "parse", *,
              batch_size: int = 20) -> ReprocessReport:
    """Re-run `stage` and the stages after it over the stored texts.

    Sources are processed outside any transaction and written `batch_size` at a time, each
    batch in its own short transaction; a source that cannot be written is reported and the
    rest goes on. A run cut short leaves every source either done or as it was.
    """
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; stages: {', '.join(STAGES)}")
    versions = stage_versions()
    report = ReprocessReport()
    batch: list[tuple[SourceText, list[Document]]] = []
    for source in archive.sources():
        # a later stage starts from the stored output of the stages before it
        stored = archive.machine_documents(source.key) if stage != next(iter(STAGES)) else []
        docs = process(source, stored, start=stage)
        report.flagged += [(source.key, f.message) for d in docs for f in d.flags
                           if f.code.endswith("-failed") and f.severity == "error"]
        batch.append((source, docs))
        if len(batch) >= batch_size:
            _replace(archive, batch, versions, report)
            batch = []
    _replace(archive, batch, versions, report)
    _pair(archive, None, report.flagged)  # the links found again in the new machine layer
    return report


def _replace(archive: Archive, batch: list[tuple[SourceText, list[Document]]],
             versions: dict[str, str], report: ReprocessReport) -> None:
    done = batch
    try:
        with archive.batch():
            for source, docs in batch:
                archive.replace_documents(source.key, docs, versions)
    except Exception:  # rolled back whole: write the sources one by one
        log.warning("writing a batch of %d sources failed; writing them one by one",
                    len(batch), exc_info=True)
        done = []
        for source, docs in batch:
            try:
                archive.replace_documents(source.key, docs, versions)
                done.append((source, docs))
            except Exception as exc:
                log.error("reprocessing %s failed", source.key, exc_info=exc)
                report.failed.append((source.key, str(exc)))
    report.sources += len(done)
    report.documents += sum(len(docs) for _, docs in done)
