"""Quality and speed of two commits, measured in one run on one machine.

A refactor promises "behaviour unchanged"; this prints the proof. Each commit's `src/`,
`bench/` and `examples/` are extracted with `git archive` and run with this interpreter
(the same installed dependencies), so the only difference is the code.

    .venv/bin/python bench/compare_refs.py BASE [HEAD] [--rounds 3] [--mb 2]

Prints, per gold set, every score `sijill evaluate --json` reports for BASE and HEAD and
whether it changed, then the parse throughput of each (best of --rounds, alternating
BASE and HEAD so load on the machine falls on both alike). Exits 1 if any score differs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
SHARED = Path(os.environ.get("SIJILL_SHARED", ROOT.parent / "shared"))


def extract(ref: str, into: Path) -> Path:
    tree = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src", "bench", "examples"],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(tree)) as tar:
        tar.extractall(into, filter="data")
    return into


def gold_sets() -> list[tuple[str, list[str]]]:
    sets = [(gold.stem, [str(gold), str(CORPUS)]) for gold in sorted(CORPUS.glob("gold*.jsonl"))]
    shapes = SHARED / "real-shapes"
    golds = sorted(shapes.glob("*-gold.jsonl"))
    if golds:
        merged = Path(tempfile.mkstemp(suffix=".jsonl")[1])
        merged.write_text("".join(g.read_text(encoding="utf-8") for g in golds), encoding="utf-8")
        sets.append(("real-shapes", [str(merged), str(shapes)]))
    return sets


def run(tree: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True,
                          cwd=tree, check=True)
    return done.stdout


def leaves(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, f"{path}.{key}" if path else str(key))
    else:
        yield path, value


def scores(tree: Path, args: list[str]) -> dict[str, object]:
    return dict(leaves(json.loads(run(tree, "-m", "sijill", "evaluate", "--json", *args))))


def compare_quality(base: Path, head: Path) -> int:
    changed = 0
    for name, args in gold_sets():
        before, after = scores(base, args), scores(head, args)
        diff = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        changed += len(diff)
        print(f"{name}: {len(before)} figures, {len(diff)} changed")
        for key in sorted(diff):
            print(f"    {key}: {before.get(key)} -> {after.get(key)}")
    return changed


def docs_per_second(tree: Path, mb: float) -> float:
    out = run(tree, str(tree / "bench" / "bench_parse.py"), "--mb", str(mb))
    match = re.search(r"full parse:\s+([\d,]+) docs/s", out)
    return float(match.group(1).replace(",", "")) if match else float("nan")


def compare_speed(base: Path, head: Path, rounds: int, mb: float) -> None:
    best = {"base": 0.0, "head": 0.0}
    for _ in range(rounds):
        for label, tree in (("base", base), ("head", head)):
            best[label] = max(best[label], docs_per_second(tree, mb))
    print(f"parse: base {best['base']:,.0f} docs/s, head {best['head']:,.0f} docs/s "
          f"(best of {rounds}, {mb} MB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("head", nargs="?", default="HEAD")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mb", type=float, default=2.0)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = extract(opts.base, Path(tmp) / "base")
        head = extract(opts.head, Path(tmp) / "head")
        changed = compare_quality(base, head)
        compare_speed(base, head, opts.rounds, opts.mb)
    print("quality unchanged" if not changed else f"{changed} figures changed")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
