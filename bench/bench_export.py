"""Export throughput, documents per second, for each format, on one core.

Builds a temporary archive from the sample corpus, each source repeated with a marker line
so that every copy is a distinct source (distinct bytes, distinct documents), then times
`sijill.export.export` for every format. FollowTheMoney is skipped, with a note, when the
`ftm` extra is not installed. Also times `import` of the JSON export into an empty archive.

    .venv/bin/python bench/bench_export.py [--copies 12]
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from pathlib import Path

from sijill import export as exporting
from sijill import ingest, pipeline
from sijill.errors import IngestError
from sijill.store import Archive

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def build(archive: Archive, copies: int) -> int:
    sources = []
    for path in ingest.iter_files([CORPUS]):
        try:
            sources.append(ingest.load(path))
        except IngestError:
            continue
    versions = pipeline.stage_versions()
    with archive.batch():
        for n in range(copies):
            for source in sources:
                text = f"{source.text}\n\n[bench copy {n}]\n"
                copy = dataclasses.replace(
                    source, text=text, sha256=f"{n:08x}{source.sha256[8:]}",
                    path=f"bench/{n}/{source.path}")
                archive.put_source(copy, pipeline.process(copy), versions)
    return archive.stats()["documents"]


def timed(archive: Archive, fmt: str, out: Path) -> tuple[int, float]:
    start = time.perf_counter()
    count = exporting.export(archive, fmt, out)
    return count, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Archive(Path(tmp) / "bench.db") as archive:
        documents = build(archive, args.copies)
        print(f"archive: {documents} documents ({args.copies} copies of the sample corpus)")
        print(f"{'format':<8}{'documents':>10}{'seconds':>10}{'docs/s':>10}")
        for fmt, spec in exporting.FORMATS.items():
            out = Path(tmp) / (fmt if spec.folder else f"out.{fmt}")
            try:
                count, seconds = timed(archive, fmt, out)
            except RuntimeError as exc:  # the ftm extra is optional
                print(f"{fmt:<8}{'skipped':>10}  ({exc})")
                continue
            print(f"{fmt:<8}{count:>10}{seconds:>10.2f}{count / seconds:>10.0f}")
        with Archive(Path(tmp) / "imported.db") as target:
            start = time.perf_counter()
            report = exporting.import_file(target, Path(tmp) / "out.json")
            seconds = time.perf_counter() - start
        print(f"{'import':<8}{report.documents_added:>10}{seconds:>10.2f}"
              f"{report.documents_added / seconds:>10.0f}")


if __name__ == "__main__":
    main()
