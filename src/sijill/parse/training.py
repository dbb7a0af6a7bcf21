"""Training data for the line labeller: gold files beside their corpora, and an archive's
documents that researchers corrected (their corrected fields become line labels)."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sijill import ingest
from sijill.errors import IngestError
from sijill.parse import learned
from sijill.parse.document import prepared
from sijill.parse.split import split

log = logging.getLogger(__name__)

Sequence_ = tuple[list[dict[str, float | str]], list[str]]
# The gold the repository bundles, and the real-shape twins beside it when present.
BUNDLED = ("examples/corpus", "gold*.jsonl")
# (`SIJILL_SHARED` names the shared folder when it is not ../shared, as in a git worktree.)
SHARED = ("real-shapes", "*-gold.jsonl")


def default_sets(root: Path = Path(".")) -> list[tuple[Path, Path]]:
    shared = Path(os.environ.get("SIJILL_SHARED") or root.resolve().parent / "shared")
    out = []
    for corpus, pattern in ((root / BUNDLED[0], BUNDLED[1]), (shared / SHARED[0], SHARED[1])):
        out.extend((gold, corpus) for gold in sorted(corpus.glob(pattern)))
    return out


def gold_sequences(gold: Path, corpus: Path) -> Iterator[Sequence_]:
    """(features, labels) for every document a gold file annotates."""
    records: dict[str, list[dict[str, Any]]] = {}
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            records.setdefault(item["file"], []).append(item)
    for name, items in records.items():
        path = corpus / name
        if not path.is_file():
            continue
        try:
            text = ingest.load(path).text
        except IngestError:  # an unreadable source trains nothing; the rest goes on
            continue
        except Exception:  # a reader's bug: logged, and the rest goes on
            log.exception("reading %s for training failed", path)
            continue
        parts = split(text)
        for item in items:
            n = item.get("part", 0)
            if n < len(parts):
                piece = text[parts[n].start : parts[n].end]
                yield sequence(learned.example_from_gold(piece, item), parts[n].heading)


def sequence(example: learned.Example, heading: bool = False) -> Sequence_:
    lines, lay = prepared(example.text, heading)
    return learned.features(lines, lay), learned.line_labels(lines, example)


# A researcher's correction is about this archive's own documents: it counts as much as
# this many gold documents from elsewhere.
EDIT_WEIGHT = 3


def edited_sequences(archive: Any) -> Iterator[Sequence_]:
    """Documents a researcher corrected, read with their edits applied: each corrected field
    labels the line that holds it (the other fields label theirs as the archive shows them)."""
    edited = {(e["doc_id"]) for e in archive.edits() if e["doc_id"]}
    for doc_id in sorted(edited):
        doc = archive.document(doc_id)
        if doc is None:
            continue
        seq = sequence(learned.example_from_gold(doc.text, _as_gold(doc)))
        for _ in range(EDIT_WEIGHT):
            yield seq


def _as_gold(doc: Any) -> dict[str, Any]:
    def text(span: Any) -> str | None:
        return span.text if span is not None else None

    return {
        "issuer": [s.text for s in doc.issuer],
        "reference_number": text(doc.reference_number),
        "subject": text(doc.subject),
        "sender": text(doc.sender),
        "addressees": [s.text for s in doc.addressees],
        "cc": [s.text for s in doc.cc],
        "dates": [{"calendar": d.calendar, "year": d.year, "month": d.month, "day": d.day}
                  for d in doc.dates],
    }


def all_sequences(sets: Iterable[tuple[Path, Path]], archive: Any = None) -> list[Sequence_]:
    out = [s for gold, corpus in sets for s in gold_sequences(gold, corpus)]
    if archive is not None:
        out.extend(edited_sequences(archive))
    return [s for s in out if s[0]]
