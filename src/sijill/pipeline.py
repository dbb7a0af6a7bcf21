"""The stages in order, and the jobs that run them: parse a file, ingest paths, reprocess.

Each stage is a function from a source's documents to new documents, with a version that
the archive records beside its output. Later stages (entities, relations) register here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sijill import checks, ingest, parse, relations
from sijill.entities import recognize
from sijill.model import Document, SourceText
from sijill.store import Archive

Stage = Callable[[SourceText, list[Document]], list[Document]]


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
    """Run the stages from `start` (default: the first) over one source's text."""
    names = list(STAGES)
    first = names.index(start) if start else 0
    docs = documents or []
    for name in names[first:]:
        docs = STAGES[name][1](source, docs)
    return docs


def parse_file(path: str | Path) -> list[Document]:
    """Read one file and parse it; no archive involved."""
    return process(ingest.load(path))


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed


def _read_and_process(path: Path) -> tuple[SourceText, list[Document]]:
    source = ingest.load(path)
    return source, process(source)


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
                 on_file: Callable[[Path], None] | None = None) -> IngestReport:
    """Ingest files and folders. A bad file is reported and skipped; each batch commits whole."""
    report = IngestReport()
    versions = stage_versions()
    for batch in _batches(ingest.iter_files(paths), batch_size):
        ready: list[tuple[Path, SourceText, list[Document]]] = []
        for path in batch:
            try:
                ready.append((path, *_read_and_process(path)))
            except ingest.IngestError as exc:
                report.failed.append((str(path), exc.reason))
            if on_file:
                on_file(path)
        _commit(archive, ready, versions, report)
    return report


def _commit(archive: Archive, ready: list[tuple[Path, SourceText, list[Document]]],
            versions: dict[str, str], report: IngestReport) -> None:
    outcome: list[tuple[str, str, int]] = []
    try:
        with archive.batch():
            for path, source, docs in ready:
                outcome.append((str(path), archive.put_source(source, docs, versions), len(docs)))
    except Exception as exc:  # the batch rolled back whole: every file in it failed
        report.failed.extend((str(path), f"not stored: {exc}") for path, _, _ in ready)
        return
    for path, status, count in outcome:
        getattr(report, status).append(path)
        report.documents += count if status != "unchanged" else 0


def reprocess(archive: Archive, stage: str = "parse") -> int:
    """Re-run `stage` and the stages after it over the stored texts; returns documents made."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; stages: {', '.join(STAGES)}")
    versions = stage_versions()
    count = 0
    with archive.batch():
        for source in list(archive.sources()):
            # a later stage starts from the stored output of the stages before it
            stored = archive.machine_documents(source.key) if stage != next(iter(STAGES)) else []
            docs = process(source, stored, start=stage)
            archive.replace_documents(source.key, docs, versions)
            count += len(docs)
    return count
