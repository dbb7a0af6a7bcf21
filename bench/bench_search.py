"""Milliseconds per query of the query engine, on an archive grown from the sample corpus
(its documents copied under new hashes until it holds --docs documents).

Two figures per query: the engine alone (what `sijill search` runs: one page of hits with
snippets) and the web search (the same plus the total and every facet, with the app's answer
cache emptied each time, as the first request after a change finds it). p50 and p95 over
--runs runs. The name index is built once before timing (the web app keeps it).

    .venv/bin/python bench/bench_search.py [--docs 10000] [--runs 20] [--db FILE]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_web import grow, sample

from sijill.errors import QueryError
from sijill.store import Archive
from sijill.store.search import NameIndex, search
from sijill.web.cache import ArchiveCache
from sijill.web.search import search as web_search

QUERIES = [
    "flour", "salary", "flour OR sugar", "Abu Yahya", '"monthly salaries"', "sala*",
    "from:Abu", "issuer:Diwan", "person:Yahya", "date:2015-03..2015-06", "hijri:1436",
    "hijri:1443-01", "(flour OR sugar) AND NOT bakery", "zakat -fitr date:2015..",
    "ref:EVR*", "tag:payroll", "the", "court OR clinic OR school OR bakery OR salary",
]


def _timed(run: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))]


def measure(db: Path, runs: int) -> None:
    with Archive(db) as archive:
        conn, names = archive.connection, NameIndex()
        search(conn, "warm", names=names)  # the name index, as the server keeps it
        docs = archive.stats()["documents"]
        print(f"{docs} documents; ms per query, p50 / p95 over {runs} runs")
        print(f"{'query':44} {'engine':>15} {'web + facets':>15} {'hits':>6}")
        worst = 0.0
        for query in QUERIES:
            try:
                total = search(conn, query, names=names).total
            except QueryError as exc:
                print(f"{query:44} {exc}")
                continue
            engine = _timed(lambda q=query: search(conn, q, names=names), runs)
            web = _timed(lambda q=query: web_search(archive, names, q, cache=ArchiveCache()),
                         runs)
            worst = max(worst, web[1])
            print(f"{query:44} {engine[0]:6.1f} / {engine[1]:6.1f} {web[0]:6.1f} / "
                  f"{web[1]:6.1f} {total:6d}")
        print(f"slowest web p95: {worst:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", type=Path, help="keep (and reuse) the grown archive here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            sample(db)
        with Archive(db) as archive:
            held = archive.stats()["documents"]
        if held < args.docs:  # a kept archive already grown is used as it is
            grow(db, args.docs)
        measure(db, args.runs)


if __name__ == "__main__":
    main()
