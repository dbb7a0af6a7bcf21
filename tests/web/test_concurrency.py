"""Requests served concurrently, and never failed by a job's write lock (issue 12, defects 3
and 4): a password check holds up nobody else; pages are read while another connection holds
the write lock; a sign-in waits for a short job transaction and gets a 503 with Retry-After,
never a 500, when the lock outlasts its wait."""

from __future__ import annotations

import contextlib
import dataclasses
import html
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from argon2 import PasswordHasher
from starlette.applications import Starlette

from sijill import pipeline
from sijill.model import sha256_hex
from sijill.store import Archive, users
from sijill.web.app import ENV, app_from_env, create_app
from tests.web.conftest import CSRF, PASSWORDS, TestClient, build_archive, constructed

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
WAIT = 20.0  # generous: only a broken server comes near it


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("concurrency") / "c.db", corpus=False)


def _token(text: str) -> str:
    match = CSRF.search(text)
    assert match
    return html.unescape(match[1])


@contextlib.contextmanager
def serving(app: Starlette) -> Iterator[str]:
    """`app` behind a real uvicorn server on a free loopback port, in a thread."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.started
    try:
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(WAIT)


def test_a_password_check_stalls_nobody(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The password check is held until another request has been answered: served one at
    a time (or the check on the event loop), that request could never be answered first."""
    entered, release, order = threading.Event(), threading.Event(), []

    class Held(PasswordHasher):
        def verify(self, digest: str | bytes, password: str | bytes) -> bool:
            entered.set()
            release.wait(WAIT)
            order.append("password checked")
            return super().verify(digest, password)

    monkeypatch.setattr(users, "_hasher", Held())
    with serving(create_app(db, public=True)) as url, httpx.Client(base_url=url) as one, \
            httpx.Client(base_url=url, timeout=WAIT) as other:
        token = _token(one.get("/login").text)
        login = _Thread(lambda: one.post("/login", data={
            "name": "reg", "password": PASSWORDS["reg"], "csrf_token": token}))
        try:
            assert entered.wait(WAIT)  # the sign-in is now inside its password check
            page = other.get("/search", params={"q": "supplies"})
            order.append(f"page served: {page.status_code}")
        except httpx.TimeoutException:
            order.append("page timed out")
        finally:
            release.set()
        assert login.result().status_code == 303
    assert order == ["page served: 200", "password checked"]


class _Thread(threading.Thread):
    def __init__(self, call: Callable[[], httpx.Response]) -> None:
        super().__init__(daemon=True)
        self.call, self.out = call, []  # type: ignore[var-annotated]
        self.start()

    def run(self) -> None:
        self.out.append(self.call())

    def result(self) -> httpx.Response:
        self.join(WAIT)
        return self.out[0]  # type: ignore[no-any-return]


class Job:
    """Another connection (an ingest or reprocess) holding the archive's write lock."""

    def __init__(self, db: Path) -> None:
        self.conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("UPDATE app_secrets SET created_at = created_at")

    def commit(self) -> None:
        self.conn.execute("COMMIT")
        self.conn.close()


@pytest.fixture
def signed_in(db: Path) -> Iterator[tuple[TestClient, str]]:
    with TestClient(create_app(db, write_wait=0.5), follow_redirects=False) as client:
        token = _token(client.get("/login").text)
        r = client.post("/login", data={"name": "ed", "password": PASSWORDS["ed"],
                                        "csrf_token": token})
        assert r.status_code == 303
        yield client, _token(client.get("/").text)


def _in_thread(call: object) -> list[object]:
    """Run `call` in a thread; the result, if it came back within WAIT seconds."""
    out: list[object] = []
    worker = threading.Thread(target=lambda: out.append(call()))  # type: ignore[operator]
    worker.start()
    worker.join(WAIT)
    return out


def test_pages_are_read_while_a_job_holds_the_write_lock(
        signed_in: tuple[TestClient, str], monkeypatch: pytest.MonkeyPatch) -> None:
    client, _ = signed_in
    from sijill.store import sessions
    monkeypatch.setattr(sessions, "TOUCH_EVERY", -1.0)  # every page notes its session's use
    job = Job(client.app.state.site.db)
    try:
        for path in ("/", "/search?q=supplies", "/entities", "/timeline", "/api/search?q=x"):
            (r,) = _in_thread(lambda p=path: client.get(p))
            assert r.status_code == 200, path
    finally:
        job.commit()


def test_a_sign_in_waits_for_a_short_job_transaction(db: Path) -> None:
    with TestClient(create_app(db, write_wait=WAIT), follow_redirects=False) as client:
        token = _token(client.get("/login").text)
        job = Job(db)
        threading.Timer(0.5, job.commit).start()  # a job's batch, committed soon
        r = client.post("/login", data={"name": "reg", "password": PASSWORDS["reg"],
                                        "csrf_token": token})
        assert r.status_code == 303


def test_a_write_that_outwaits_a_job_is_503_not_500(
        signed_in: tuple[TestClient, str]) -> None:
    client, token = signed_in
    doc = client.get("/api/search").json()["results"][0]["id"]
    job = Job(client.app.state.site.db)
    try:
        r = client.post(f"/api/documents/{doc}/fields", headers={"x-csrf-token": token},
                        json={"field": "title", "value": "A corrected title"})
        assert r.status_code == 503 and r.headers["retry-after"].isdigit()
        assert "busy" in r.json()["error"]
        r = client.post("/login", data={"name": "reg", "password": PASSWORDS["reg"],
                                        "csrf_token": _token(client.get("/login").text)})
        assert r.status_code == 503 and "busy" in r.text
    finally:
        job.commit()
    r = client.post(f"/api/documents/{doc}/fields", headers={"x-csrf-token": token},
                    json={"field": "title", "value": "A corrected title"})
    assert r.status_code == 201


def _add_a_copy(db: Path, n: int) -> None:
    """Another connection (a job) stores one more document: a constructed letter anew."""
    source, docs = constructed()[0]
    new = dataclasses.replace(source, sha256=sha256_hex(f"copy {n}".encode()),
                              path=f"copy-{n}/{source.path}")
    moved = [dataclasses.replace(d, source=new.source(d.source.part)) for d in docs]
    with Archive(db) as archive:
        archive.put_source(new, moved, pipeline.stage_versions())


def test_cached_answers_lag_a_job_but_never_your_own_writes(tmp_path: Path) -> None:
    db = build_archive(tmp_path / "lag.db", corpus=False)
    with TestClient(create_app(db, stale=3600), follow_redirects=False) as client:
        token = _token(client.get("/login").text)
        assert client.post("/login", data={"name": "ed", "password": PASSWORDS["ed"],
                                           "csrf_token": token}).status_code == 303
        token = _token(client.get("/").text)
        _add_a_copy(db, 0)  # seen at once: this client wrote (signed in) since the caches were made
        before = client.get("/api/search").json()["total"]
        _add_a_copy(db, 1)
        assert client.get("/api/search").json()["total"] == before  # lags the job
        doc = client.get("/api/search").json()["results"][0]["id"]
        r = client.post(f"/api/documents/{doc}/fields", headers={"x-csrf-token": token},
                        json={"field": "title", "value": "A corrected title"})
        assert r.status_code == 201
        after = client.get("/api/search", params={"q": "corrected"}).json()
        assert after["total"] == 1 and client.get("/api/search").json()["total"] == before + 1
    with TestClient(create_app(db, stale=0, public=True), follow_redirects=False) as client:
        before = client.get("/api/search").json()["total"]
        _add_a_copy(db, 3)  # with no lag allowed, seen at once
        assert client.get("/api/search").json()["total"] == before + 1


def test_worker_processes_get_the_serve_options(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`sijill serve --workers N` hands its options to each worker through the environment."""
    options = {"db": str(db), "public": True, "secure_cookies": False, "threads": 3,
               "stale": 5.0, "policy": {"idle": 60.0, "absolute": 120.0}}
    monkeypatch.setenv(ENV, json.dumps(options))
    app = app_from_env()
    site = app.state.site
    assert site.public and site.stale == 5.0 and site.db == db
    assert (site.policy.idle, site.policy.absolute) == (60.0, 120.0)
    with TestClient(app) as client:
        assert client.get("/search").status_code == 200
        assert app.state.limiter.total_tokens == 3
