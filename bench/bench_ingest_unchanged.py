"""Re-ingesting unchanged files: the hash is checked before any parsing (issue 12, defect 11).

Writes N small fictional letters (default 2,000) to a temporary folder, ingests them into a
fresh archive, then ingests the same folder again; prints both times and the files per
second of each. The second run reads and hashes each file and parses none.

    .venv/bin/python bench/bench_ingest_unchanged.py [--files 2000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sijill import pipeline
from sijill.store import Archive

LETTER = ("Office of Supplies / Bakeries Section\nNo.: S/{n}\nTo: the bakery of quarter {q}\n\n"
          "Subject: flour allocation for week {w}\n\nPlease receive {n} kilograms of flour "
          "for the bakery of quarter {q} and return the signed receipt to the Office.\n\n"
          "Signed: Abu Salim al-Khabbaz\n")


def write(folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        text = LETTER.format(n=n, q=n % 40, w=n % 52)
        (folder / f"letter-{n:05d}.txt").write_text(text, "utf-8")


def timed(archive: Archive, folder: Path) -> tuple[float, pipeline.IngestReport]:
    start = time.perf_counter()
    report = pipeline.ingest_paths(archive, [folder])
    return time.perf_counter() - start, report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "letters"
        write(folder, args.files)
        with Archive(Path(work) / "a.db") as archive:
            first, report = timed(archive, folder)
            assert len(report.added) == args.files, report.failed[:3]
            again, report = timed(archive, folder)
            assert len(report.unchanged) == args.files
    print(f"{args.files} files: first ingest {first:.1f} s ({args.files / first:.0f} files/s); "
          f"unchanged again {again:.2f} s ({args.files / again:.0f} files/s)")


if __name__ == "__main__":
    main()
