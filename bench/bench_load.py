"""Load: CLIENTS concurrent clients for SECONDS against `sijill serve` on loopback, on a
20,000-document archive, while `sijill ingest` adds new documents to the same file.

Each client asks, one request after another (with `--think` seconds between them), for a
search (a word, a phrase or a name, sometimes a later page, sometimes a facet) or a
document's reader page, or (less often) an entity page or the API's search. The figures:
requests, errors (any non-200 answer or a failed connection) and p50 / p95 / max per kind of
page, and how many documents the ingest stored meanwhile. Everything stops by itself: the
clients after SECONDS, then the ingest and the server (both started here, stopped by pid).

The archive is made once and kept under /tmp (the sample corpus's documents copied under new
hashes, as bench_web.py grows it); each run works on a copy. The ingest's files are
generated: fictional, mundane letters about supplies, salaries and schools.

    .venv/bin/python bench/bench_load.py [--clients 50] [--seconds 60] [--workers 2]
        [--threads 8] [--think 0] [--port 8350]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

from bench_web import grow, sample

from sijill.store import Archive

ROOT = Path(__file__).resolve().parents[1]
SIJILL = ROOT / ".venv" / "bin" / "sijill"
CACHE = Path("/tmp/sijill-bench-load")
HOST = "127.0.0.1"
WORDS = ["flour", "salaries", "school", "teachers", "clinic", "transfer", "complaint", "court",
         "supplies", "bakery", "fuel", "receipt", "office", "committee", '"relief committee"',
         "Abu", "Mohammed", "Yahya", "water", "rent", "medicine", "wheat", "sal*"]
FACETS = ["gregorian_year=2021", "gregorian_year=2017", "hijri_year=1443", "sort=date"]

OFFICES = ["Office of Supplies", "Office of Education", "Health Committee", "Office of Finance",
           "Services Committee", "Office of Agriculture"]
SUBJECTS = ["flour quotas for the bakeries", "teachers' salaries for the month",
            "repairs to the school roof", "medicine for the clinic", "fuel for the generator",
            "the rent of the office", "a complaint about water distribution",
            "seed wheat for the farmers", "receipts for the transfer of funds"]
PLACES = ["Kafr Tala", "Wadi Nur", "Tal Sharaf", "Ain Basil", "Marj Hadi", "Qasr Lina"]


def archive_path(docs: int) -> Path:
    """The cached archive of `docs` documents, made on first use."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"archive-{docs}.db"
    if not path.exists():
        start = time.perf_counter()
        building = CACHE / "building.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
        sample(building)
        n = grow(building, docs)
        building.rename(path)
        print(f"(made {path}: {n} documents in {time.perf_counter() - start:.0f} s)")
    return path


def letter(i: int, rng: random.Random) -> str:
    office, place = rng.choice(OFFICES), rng.choice(PLACES)
    return (f"Jama'at Ahl al-Wadi al-Akhdar\n{office}\nNo.: {i}/{rng.randint(100, 999)}\n"
            f"Date: {rng.randint(1, 28)} Safar 14{rng.randint(38, 45)} AH\n\n"
            f"To: the brothers of the {office} in {place}\n"
            f"Subject: {rng.choice(SUBJECTS)}\n\nPeace be upon you.\n\n"
            f"We ask you to send {rng.randint(2, 90)} sacks and the list of the "
            f"{rng.randint(3, 40)} families of {place}, with the receipts, before the end of "
            f"the month.\n\nYour brother,\nAbu {rng.choice(['Hasan', 'Salim', 'Karim'])} "
            f"al-{rng.choice(['Wadi', 'Nuri', 'Basri'])}\ncc: Archive\n")


def ingest_folder(count: int) -> Path:
    folder = CACHE / f"incoming-{count}"
    if not folder.exists():
        tmp = CACHE / "incoming-tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        rng = random.Random(12)
        for i in range(count):
            (tmp / f"letter-{i:05d}.txt").write_text(letter(i, rng), encoding="utf-8")
        tmp.rename(folder)
    return folder


def targets(db: Path) -> tuple[list[str], list[str]]:
    with Archive(db) as archive:
        conn = archive.connection
        docs = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY random() LIMIT 2000")]
        ents = [r[0] for r in conn.execute(
            "SELECT entity_id FROM entity_names GROUP BY 1 ORDER BY random() LIMIT 300")]
    return docs, ents


def next_request(rng: random.Random, docs: list[str], ents: list[str]) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.45:
        url = "/search?q=" + quote(rng.choice(WORDS))
        if rng.random() < 0.3:
            url += "&" + rng.choice(FACETS)
        if rng.random() < 0.2:
            url += f"&page={rng.randint(2, 5)}"
        return "search", url
    if roll < 0.85:
        return "document", f"/documents/{rng.choice(docs)}"
    if roll < 0.93 and ents:
        return "entity", "/entities/" + quote(rng.choice(ents), safe="")
    return "api search", "/api/search?q=" + quote(rng.choice(WORDS))


async def get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, url: str) -> int:
    writer.write(f"GET {url} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    if length:
        await reader.readexactly(length)
    return status


async def client(n: int, port: int, until: float, think: float, docs: list[str],
                 ents: list[str], out: dict[str, list[float]], errors: dict[str, int]) -> None:
    rng = random.Random(n)
    conn = None
    while time.monotonic() < until:
        kind, url = next_request(rng, docs, ents)
        start = time.perf_counter()
        try:
            if conn is None:
                conn = await asyncio.open_connection(HOST, port)
            status = await asyncio.wait_for(get(*conn, url), 60)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            status = 0
            conn = None
        out[kind].append((time.perf_counter() - start) * 1000)
        if status != 200:
            errors[kind] += 1
            print(f"  error {status} on {url}", file=sys.stderr)
        if think:
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
    if conn is not None:
        conn[1].close()


async def load(port: int, clients: int, seconds: float, think: float, docs: list[str],
               ents: list[str]) -> tuple[dict[str, list[float]], dict[str, int]]:
    out: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    until = time.monotonic() + seconds
    await asyncio.gather(*(client(i, port, until, think, docs, ents, out, errors)
                           for i in range(clients)))
    return out, errors


def wait_for_server(port: int, server: subprocess.Popen[bytes]) -> None:
    import socket
    deadline = time.monotonic() + 300  # each worker imports the app: slow on a busy machine
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its descendants (the server's workers),
    from /proc: what the requests cost, whatever else the machine is doing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
                    for c in (task / "children").read_text().split()]
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(child) for child in children)


def count(db: Path) -> int:
    with Archive(db, readonly=True) as archive:
        return int(archive.connection.execute("SELECT count(*) FROM documents").fetchone()[0])


def wait_for_writes(db: Path, before: int, writer: subprocess.Popen[bytes]) -> int:
    """Until the ingest has committed its first batch (it loads its models first), so the
    clients run while it writes; the count then."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and writer.poll() is None:
        now = count(db)
        if now > before:
            print(f"(the ingest is writing: {now - before} documents so far)")
            return now
        time.sleep(1)
    raise SystemExit("the ingest wrote nothing")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def report(out: dict[str, list[float]], errors: dict[str, int], seconds: float) -> None:
    total = sum(len(v) for v in out.values())
    print(f"\n{total} requests in {seconds:.0f} s ({total / seconds:.0f}/s), "
          f"{sum(errors.values())} errors")
    print(f"  {'page':12} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind in sorted(out):
        times = sorted(out[kind])
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"  {kind:12} {len(times):9d} {errors[kind]:7d} {statistics.median(times):8.0f}"
              f" {p95:8.0f} {times[-1]:8.0f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds a client waits between requests")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8350)
    parser.add_argument("--ingest", type=int, default=3000,
                        help="letters the writer ingests meanwhile (0: no writer)")
    args = parser.parse_args()
    db = CACHE / "work.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copy(archive_path(args.docs), db)
    docs, ents = targets(db)
    with Archive(db) as archive:
        before = archive.stats()["documents"]
    folder = ingest_folder(args.ingest) if args.ingest else None
    server = subprocess.Popen([str(SIJILL), "serve", "--db", str(db), "--public", "--host", HOST,
                               "--port", str(args.port), "--workers", str(args.workers),
                               "--threads", str(args.threads)], stdout=subprocess.DEVNULL)
    writer = None
    try:
        wait_for_server(args.port, server)
        job = f"sijill ingest of {args.ingest} letters" if folder else "none"
        print(f"{before} documents; {args.clients} clients for {args.seconds:.0f} s, "
              f"think {args.think} s, {args.workers} workers × {args.threads} threads, "
              f"writer: {job}")
        if folder:
            writer = subprocess.Popen([str(SIJILL), "ingest", str(folder), "--db", str(db)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            before = wait_for_writes(db, before, writer)
        cpu = cpu_seconds(server.pid)
        out, errors = asyncio.run(load(args.port, args.clients, args.seconds, args.think,
                                       docs, ents))
        cpu = cpu_seconds(server.pid) - cpu
        writer_running = writer is not None and writer.poll() is None
    finally:
        if writer is not None:
            stop(writer)
        stop(server)
    report(out, errors, args.seconds)
    served = sum(len(v) for v in out.values())
    if served:
        print(f"  server CPU {cpu:.1f} s: {1000 * cpu / served:.0f} ms per request, so at most"
              f" ~{served / cpu * os.cpu_count():.0f} requests/s on {os.cpu_count()} idle cores")
    after = count(db)
    if writer is not None:
        print(f"  the ingest stored {after - before} documents during the load"
              f" ({'still running at the end' if writer_running else 'finished before the end'})")


if __name__ == "__main__":
    main()
