"""Where the checks fire on a folder of documents none of which is built to trigger them
(or only a few, named with --deliberate): per check, the documents flagged out of all, and
each finding, for review. The false-positive figures of docs/checks.md come from here.

    .venv/bin/python bench/checks_fp.py examples/corpus [--deliberate PATH_PART ...]
    .venv/bin/python bench/checks_fp.py ../shared/real-shapes
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from pathlib import Path

from sijill import pipeline
from sijill.checks.archive import report, run_checks
from sijill.store import Archive


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--deliberate", nargs="*", default=[],
                        help="parts of the paths of documents built to trigger a check")
    parser.add_argument("--quiet", action="store_true", help="figures only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Archive(Path(tmp) / "fp.db") as archive:
        pipeline.ingest_paths(archive, [args.folder])
        result = report(archive, run_checks(archive))
        paths = {d.id: d.source.path or d.source.url or d.id for d in archive.documents()}
    total = result["documents"]
    by_check: dict[str, set[str]] = defaultdict(set)
    lines: dict[str, list[str]] = defaultdict(list)
    for f in result["flags"]:
        if f["check"] is None:
            continue
        path = paths[f["document"]]
        deliberate = any(part in path for part in args.deliberate)
        if not deliberate:
            by_check[f["check"]].add(f["document"])
        mark = "deliberate" if deliberate else "FIRES"
        lines[f["check"]].append(f"  {mark:<10} {path} [{f['code']}] {f['message'][:110]}")
    print(f"{total} documents in {args.folder}")
    for check in ("calendar", "anachronism", "numbering", "duplicates", "provenance", "health"):
        n = len(by_check[check])
        print(f"{check:<12} fires on {n:>3} of {total} documents not built for it "
              f"({n / total:.1%})")
        if not args.quiet:
            print("\n".join(lines[check]))


if __name__ == "__main__":
    main()
