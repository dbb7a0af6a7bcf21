"""Linking originals and translations (sijill.checks.pairing): the time `refresh` adds to an
ingest of one file, to a reprocess (every source) and to a researcher's link, on an archive
of the sample corpus plus N generated pairs of files (the test pair, renumbered).

    .venv/bin/python bench/bench_pairs.py [--pairs 200] [--runs 5]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sijill import pipeline
from sijill.checks import pairing
from sijill.store import Archive

REPO = Path(__file__).resolve().parents[1]
PAIRS = REPO / "tests" / "data" / "pairs"
DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _write(folder: Path, n: int) -> None:
    arabic = (PAIRS / "clinic-supplies.ar.txt").read_text(encoding="utf-8")
    english = (PAIRS / "clinic-supplies.en.txt").read_text(encoding="utf-8")
    for i in range(n):
        number = str(1000 + i)
        (folder / f"letter{i}.ar.txt").write_text(
            arabic.replace("٣١٤", number.translate(DIGITS)), encoding="utf-8")
        (folder / f"letter{i}.en.txt").write_text(english.replace("314", number),
                                                  encoding="utf-8")


def _best(runs: int, job: object) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        job()  # type: ignore[operator]
        times.append(time.process_time() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pairs"
        folder.mkdir()
        _write(folder, args.pairs)
        with Archive(Path(tmp) / "bench.db") as archive:
            pipeline.ingest_paths(archive, [REPO / "examples" / "corpus", folder])
            docs = archive.stats()["documents"]
            one = {str(folder / "letter0.en.txt")}
            figures = {
                "after an ingest of one file": _best(args.runs,
                                                     lambda: pairing.refresh(archive, one)),
                "a reprocess (every source)": _best(args.runs, lambda: pairing.refresh(archive)),
                "a researcher's link or unlink": _best(args.runs,
                                                       lambda: pairing.refresh(archive, ())),
            }
            links = pairing.refresh(archive).links
    print(f"{docs} documents, {links} links; CPU, best of {args.runs}:")
    for what, seconds in figures.items():
        print(f"  {what}: {seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()
