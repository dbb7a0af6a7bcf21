"""Duplicate and variant detection over generated letters (sijill.checks.samples): the same
letters re-wrapped in other page furniture, retitled, re-spaced and cut short among many
others. Prints documents per second, the time per 100,000 documents on one core, and the
precision and recall of the pairs found.

    .venv/bin/python bench/bench_checks.py [--n 100000] [--copies 0.2]
"""

from __future__ import annotations

import argparse
import os
import resource
import time

from sijill.checks import duplicates, samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000, help="documents (default 100,000)")
    parser.add_argument("--copies", type=float, default=0.2, help="share of copies")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the figure says
    started = time.perf_counter()
    items = samples.sample_set(args.n, args.copies)
    made = time.perf_counter() - started
    words = sum(len(t.split()) for t in items.texts)
    cpu0 = time.process_time()
    started = time.perf_counter()
    found = {(p.a, p.b) for p in duplicates.find_pairs(items.texts)}
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu0
    hits = len(found & items.pairs)
    print(f"documents              {args.n:>12,}  ({words / args.n:.0f} words each, "
          f"generated in {made:.1f} s)")
    print(f"true pairs             {len(items.pairs):>12,}")
    print(f"pairs found            {len(found):>12,}")
    print(f"precision              {hits / max(1, len(found)):>12.4f}")
    print(f"recall                 {hits / max(1, len(items.pairs)):>12.4f}")
    print(f"wall time              {seconds:>12.1f} s  (one core; CPU {cpu:.1f} s)")
    print(f"per 100,000 documents  {seconds * 100_000 / args.n:>12.1f} s wall, "
          f"{cpu * 100_000 / args.n:.1f} s CPU")
    print(f"documents per second   {args.n / seconds:>12,.0f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory            {rss:>12,.0f} MB")


if __name__ == "__main__":
    main()
