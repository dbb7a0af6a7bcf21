"""Server time per page type of the web app, p50 and p95, on the sample archive and on a
large one (the sample's documents copied under new hashes until it holds --docs documents).

Requests go through the whole ASGI app in-process (middleware, session, templates), so the
figures are the server's time without the network. Target: p95 under 100 ms, cached and
uncached. "cpu" is the process's CPU time per request, which other jobs on a shared machine
inflate less than the wall clock. "uncached" empties the app's answer cache (facet counts,
entity listings, network) before each request, as the first request after a change to the
archive finds it. The search kinds include the broad ones: every document (an empty query, a
date range over all years), a word in nearly every document, a five-way OR; every facet is
counted over their hits.

    .venv/bin/python bench/bench_web.py [--docs 10000] [--runs 30] [--cold-runs 20]
        [--kinds search] [--db FILE]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
import time
import warnings
from pathlib import Path

from sijill import pipeline
from sijill.model import SourceText, sha256_hex
from sijill.store import Archive
from sijill.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def sample(path: Path) -> Path:
    with Archive(path) as archive:
        pipeline.ingest_paths(archive, [CORPUS])
    return path


def grow(path: Path, target: int) -> int:
    """Copy the stored sources under new hashes and paths until `target` documents."""
    with Archive(path) as archive:
        originals = [(s, [d for d in archive.documents() if d.source.sha256 == s.sha256])
                     for s in archive.sources()]
        versions = pipeline.stage_versions()
        count, copy = archive.stats()["documents"], 0
        while count < target:
            copy += 1
            with archive.batch():
                for source, docs in originals:
                    new = dataclasses.replace(
                        source, sha256=sha256_hex(f"{copy}:{source.sha256}".encode()),
                        path=f"copy-{copy}/{source.path}")
                    archive.put_source(new, [_moved(d, new) for d in docs], versions)
                    count += len(docs)
        return count


def _moved(doc, source: SourceText):  # type: ignore[no-untyped-def]
    return dataclasses.replace(doc, source=source.source(doc.source.part))


def pages(client: TestClient) -> dict[str, list[str]]:
    """A few URLs of each page type, from what the archive holds."""
    hits = client.get("/api/search", params={"q": "flour"}).json()["results"]
    docs = [h["id"] for h in hits[:5]] or [client.get("/api/search").json()["results"][0]["id"]]
    ents = client.get("/api/entities").json()["entities"][:5]
    entity_pages = [f"/entities/{e['id']}" for e in ents]
    return {
        "home": ["/"],
        "search (words)": ["/search?q=flour", "/search?q=salaries", "/search?q=%22Abu+Yahya%22"],
        "search (name variant)": ["/search?q=Mohammed", "/search?q=Jolani"],
        "search (facets only)": ["/search?gregorian_year=2021", "/search?sort=date&page=3"],
        # the broad ones: thousands of hits, every facet counted over them
        "search (all: empty query)": ["/search", "/search?sort=date&page=50"],
        "search (one common word)": ["/search?q=the", "/search?q=office", "/search?q=peace"],
        "search (date range, all)": ["/search?q=date:1900..2100",
                                     "/search?q=date:2000..2030&sort=-date"],
        "search (five-way OR)": ["/search?q=court+OR+clinic+OR+school+OR+bakery+OR+salary"],
        "search (broad + filter)": ["/search?q=the&gregorian_year=2021",
                                    "/search?q=office&media_type=text/plain"],
        "reader": [f"/documents/{d}" for d in docs],
        "entities": ["/entities", "/entities?type=person"],
        "entity": entity_pages,
        "network (api)": ["/api/network", "/api/network?from=2021&to=2022"],
        "timeline": ["/timeline"],
        "timeline (hijri, lanes)": ["/timeline?calendar=hijri", "/timeline?from=2015&to=2016"],
        "entity type-ahead (api)": ["/api/entities/suggest?q=abu",
                                    "/api/entities/suggest?q=qadiri&type=person"],
        "merge confirmation": [f"{a}/merge/confirm?other={b['id']}"
                               for a, b in zip(entity_pages[:2], ents[1:3], strict=False)],
        "api search": ["/api/search?q=flour", "/api/search?q=school+teachers"],
        "api search (broad)": ["/api/search?q=the", "/api/search"],
        "api document": [f"/api/documents/{d}" for d in docs],
    }


Figures = dict[str, tuple[float, ...]]


def _timed(client: TestClient, urls: list[str], runs: int, cold: bool) -> tuple[float, ...]:
    """Wall-clock p50 and p95, and the p95 of the process's CPU time (the server's own work,
    what a machine shared with other jobs does not inflate as much)."""
    site = client.app.state.site  # type: ignore[attr-defined]
    times, cpu = [], []
    for i in range(runs):
        if cold:  # as after any change to the archive: nothing cached
            site.clear_caches()
        start, used = time.perf_counter(), time.process_time()
        client.get(urls[i % len(urls)])
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    times.sort()
    cpu.sort()
    p95 = int(0.95 * (len(times) - 1))
    return statistics.median(times), times[p95], cpu[p95]


def measure(db: Path, runs: int, cold_runs: int, kinds: str = "") -> Figures:
    out = {}
    with TestClient(create_app(db, public=True)) as client:
        for kind, urls in pages(client).items():
            if not urls or kinds not in kind:
                continue
            for url in urls:  # the name index and SQLite's pages, loaded once
                assert client.get(url).status_code == 200, url
            out[kind] = (*_timed(client, urls, runs, False),
                         *_timed(client, urls, cold_runs, True))
    return out


def report(title: str, figures: Figures) -> None:
    print(f"\n{title}")
    print(f"  {'page':28} {'p50 ms':>8} {'p95 ms':>8} {'cpu p95':>8}   {'uncached p50':>12}"
          f" {'p95':>8} {'cpu p95':>8}")
    for kind, (p50, p95, u95, c50, c95, cu95) in figures.items():
        flag = "" if max(p95, c95) < 100 else "  over 100 ms"
        print(f"  {kind:28} {p50:8.1f} {p95:8.1f} {u95:8.1f}   {c50:12.1f} {c95:8.1f}"
              f" {cu95:8.1f}{flag}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--cold-runs", type=int, default=20,
                        help="requests per page type with the answer cache emptied first")
    parser.add_argument("--kinds", default="", help="only the page types whose name holds this")
    parser.add_argument("--db", type=Path, help="keep (and reuse) the grown archive here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "sample.db"
        if not db.exists():
            sample(db)
        with Archive(db) as archive:
            n = archive.stats()["documents"]
        if n < args.docs:  # a kept archive already grown is measured as it is
            report(f"sample archive ({n} documents)",
                   measure(db, args.runs, args.cold_runs, args.kinds))
            start = time.perf_counter()
            n = grow(db, args.docs)
            print(f"\n(grew to {n} documents in {time.perf_counter() - start:.0f} s)")
        report(f"large archive ({n} documents)",
               measure(db, args.runs, args.cold_runs, args.kinds))


if __name__ == "__main__":
    main()
