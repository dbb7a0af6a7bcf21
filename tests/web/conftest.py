"""Helpers shared by the web tests: archives built from the sample corpus, the hostile
documents, and documents made here with entities and relations (all fictional)."""

from __future__ import annotations

import contextlib
import html
import re
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
import yaml

from sijill import pipeline
from sijill.model import Document, Relation, SourceText, sha256_hex
from sijill.store import Archive, users
from tests.conftest import CHROMIUM, CORPUS, DATA, REPO, entities_of, mention_of, parts_of, range_of

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

HOSTILE = DATA / "hostile"
PASSWORDS = {"ed": "editor-pass-1", "reg": "reader-pass-1", "root": "admin-pass-1"}
ROLES = {"ed": "editor", "reg": "reader", "root": "admin"}
# Debian's Chromium (CHROMIUM), started as the browser tests need it on a machine with no network.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, launched headless through Playwright; skips the calling test when
    Playwright is missing. Closed on leaving."""
    api = pytest.importorskip("playwright.sync_api")
    with api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium for a module's browser tests."""
    with chromium() as launched:
        yield launched


def port_in(ports: range) -> int:
    """The first free port of a test's own range on 127.0.0.1; skips the test when none is."""
    for port in ports:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port in this test's range")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(app: Any, port: int | None = None) -> Iterator[str]:
    """Serve `app` with uvicorn in a thread on 127.0.0.1; yields its base URL."""
    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)

def constructed() -> list[tuple[SourceText, list[Document]]]:
    """The two letters of tests/data/web/constructed.yaml as stored sources with fields,
    mentions, entities and relations."""
    out = []
    for spec in yaml.safe_load((DATA / "web" / "constructed.yaml").read_text(encoding="utf-8")):
        text = spec["text"]
        source = SourceText(sha256_hex(text.encode()), text, path=spec["path"],
                            media_type="text/plain")
        mentions = [mention_of(text, *m) for m in spec["mentions"]]
        relations = [Relation(kind, a, b, status, range_of(text, words))
                     for kind, a, b, status, words in spec["relations"]]
        doc = Document(source=source.source(0), text=text, **parts_of(text, **spec["parts"]),
                       mentions=mentions, entities=entities_of(mentions), relations=relations)
        out.append((source, [doc]))
    return out


def add_users(archive: Archive) -> None:
    for name, password in PASSWORDS.items():
        users.add_user(archive, name, password, ROLES[name])  # type: ignore[arg-type]


def build_archive(path: Path, *, corpus: bool = True, extra: bool = True) -> Path:
    """An archive of the sample corpus, the hostile documents and the constructed letters,
    with one account per role."""
    with Archive(path) as archive:
        if corpus:
            pipeline.ingest_paths(archive, [CORPUS, HOSTILE])
        if extra:
            versions = pipeline.stage_versions()
            for source, docs in constructed():
                archive.put_source(source, docs, versions)
        add_users(archive)
    return path


# The CSRF token field of a page's forms.
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf(client: TestClient, path: str = "/login") -> str:
    match = CSRF.search(client.get(path).text)
    assert match, f"no CSRF field on {path}"
    return html.unescape(match[1])


def login(client: TestClient, name: str) -> str:
    token = csrf(client)
    r = client.post("/login", data={"name": name, "password": PASSWORDS[name],
                                    "csrf_token": token, "next": "/search"})
    assert r.status_code == 303 and r.headers["location"] == "/search"
    return csrf(client, "/")  # a new session, a new token


@dataclass
class Served:
    url: str
    db: Path
    live: Path  # a folder of one letter, changed and re-ingested by a test


ARTIFACTS = REPO / "test-artifacts"


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)  # type: ignore[attr-defined]


def sign_in(page: object, served: Served, name: str) -> None:
    page.goto(f"{served.url}/login")  # type: ignore[attr-defined]
    page.fill("input[name=name]", name)  # type: ignore[attr-defined]
    page.fill("input[name=password]", PASSWORDS[name])  # type: ignore[attr-defined]
    page.click("form.narrow button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_selector(".user[data-role]")  # type: ignore[attr-defined]
