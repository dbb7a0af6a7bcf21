"""The web app in a real browser: Debian's headless Chromium driven by Playwright against
uvicorn on 127.0.0.1. Screenshots of each page go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from sijill import pipeline
from sijill.store import Archive
from sijill.web.app import create_app
from tests.web.conftest import CORPUS, Served, build_archive, serving, shot, sign_in

pytestmark = pytest.mark.browser
LIVE_LETTER = CORPUS / "letters" / "001_flour-allocation-saraqib.txt"



@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("browser")
    db = build_archive(root / "web.db")
    live = root / "live"
    live.mkdir()
    # other bytes than the corpus copy, which the archive already holds under its own path
    text = LIVE_LETTER.read_text(encoding="utf-8") + "\n[Copy held by the test.]\n"
    (live / "letter.txt").write_text(text, encoding="utf-8")
    with Archive(db) as archive:
        pipeline.ingest_paths(archive, [live])
    with serving(create_app(db)) as url:
        yield Served(url, db, live)


@dataclass
class Watch:
    """What the page did that it should not: dialogs, page errors, CSP reports."""

    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


@pytest.fixture
def page(browser: object) -> Iterator[tuple[object, Watch]]:
    context = browser.new_context(viewport={"width": 1360, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    watch = Watch()
    page.on("dialog", lambda d: (watch.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: watch.errors.append(str(e)))
    page.on("console", lambda m: watch.console.append(m.text) if m.type == "error" else None)
    yield page, watch
    context.close()


def test_search_reader_entity_network_edit_reingest(served: Served, page: tuple) -> None:
    p, watch = page
    sign_in(p, served, "ed")
    # search: a name in another spelling finds both letters
    p.fill("header .quick input[name=q]", "Jolani")
    p.press("header .quick input[name=q]", "Enter")
    p.wait_for_selector("ol.hits li")
    assert int(p.inner_text("#total")) >= 2
    assert "jowlani" in p.inner_text(".variants")
    shot(p, "search")
    # reader: marks say what they are
    p.click("ol.hits li a.hit-title >> nth=0")
    p.wait_for_selector("#doctext .mark")
    p.click("#doctext .k-mention-person >> nth=0")
    assert "person" in p.inner_text("#mark-info")
    shot(p, "reader")
    # entity page, from the reader's entity list
    p.click(".panel ul.entities a >> text=/Abu Hamza/")
    p.wait_for_selector("#entity-name")
    assert "Abu Hamza" in p.inner_text("#entity-name")
    shot(p, "entity")
    # network: drawn by vis-network; an edge's evidence leads to its document
    p.goto(f"{served.url}/network")
    p.wait_for_selector("#network[data-ready=true] canvas", timeout=15000)
    assert "edges" in p.inner_text("#network-note")
    shot(p, "network")
    p.goto(f"{served.url}/timeline")
    p.wait_for_selector("svg.timeline rect")
    shot(p, "timeline")
    # edit a field of the live letter as an editor
    with Archive(served.db) as archive:
        [doc_id] = [d.id for d in archive.documents() if d.source.path.endswith("letter.txt")]
    p.goto(f"{served.url}/documents/{doc_id}")
    p.click("details[data-field=subject] summary")
    p.fill("details[data-field=subject] input[name=value]", "flour")
    p.fill("details[data-field=subject] input[name=note]", "checked against the scan")
    p.click("details[data-field=subject] button[type=submit]")
    p.wait_for_selector("#audit table")
    assert "checked against the scan" in p.inner_text("#audit")
    assert p.inner_text("#field-subject") == "flour"
    shot(p, "edited")
    # re-ingest changed bytes: the document is replaced, the edit stays
    letter = served.live / "letter.txt"
    letter.write_text(letter.read_text(encoding="utf-8") + "\n[Received and filed.]\n",
                      encoding="utf-8")
    with Archive(served.db) as archive:
        report = pipeline.ingest_paths(archive, [served.live])
        assert len(report.updated) == 1
        [new_id] = [d.id for d in archive.documents() if d.source.path.endswith("letter.txt")]
    assert new_id != doc_id
    p.goto(f"{served.url}/documents/{new_id}")
    assert p.inner_text("#field-subject") == "flour"
    assert "checked against the scan" in p.inner_text("#audit")
    assert not watch.errors and not watch.dialogs


def test_reader_is_refused_an_edit(served: Served, page: tuple) -> None:
    p, _ = page
    sign_in(p, served, "reg")
    with Archive(served.db) as archive:
        doc_id = next(archive.documents()).id
    p.goto(f"{served.url}/documents/{doc_id}")
    assert p.locator("section.edit").count() == 0  # no forms shown ...
    token = p.get_attribute("input[name=csrf_token]", "value")
    status = p.evaluate(  # ... and the server refuses the write all the same
        """async ([id, token]) => (await fetch(`/api/documents/${id}/fields`, {
            method: "POST", headers: {"Content-Type": "application/json", "X-CSRF-Token": token},
            body: JSON.stringify({field: "title", value: "changed"})})).status""",
        [doc_id, token])
    assert status == 403
    form_status = p.evaluate(
        """async ([id, token]) => (await fetch(`/documents/${id}/fields`, {method: "POST",
            body: new URLSearchParams({csrf_token: token, field: "title", value: "x"})})).status""",
        [doc_id, token])
    assert form_status == 403
    with Archive(served.db) as archive:
        assert not [e for e in archive.edits(doc_id) if e["author"] == "reg"]


HOSTILE_QUERIES = ("Lowland Bakers", "bread prices")


def test_hostile_documents_run_no_script(served: Served, page: tuple) -> None:
    p, watch = page
    sign_in(p, served, "reg")
    for query in HOSTILE_QUERIES:
        p.goto(f"{served.url}/search?q={query.replace(' ', '+')}")
        p.wait_for_selector("ol.hits li")
        p.click("ol.hits li a.hit-title >> nth=0")
        p.wait_for_selector("#doctext")
        for mark in p.locator("#doctext .mark").all()[:12]:
            mark.hover()
            mark.click()
        assert "<script>" in p.inner_text("#doctext") or "<img" in p.inner_text("#doctext")
        scripts = p.eval_on_selector_all("script", "els => els.map(e => e.src)")
        assert all(src.startswith(served.url) for src in scripts), scripts
        handlers = p.evaluate("""() => [...document.querySelectorAll('*')].flatMap(
            el => [...el.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))""")
        assert handlers == []
        assert p.locator("a[href^='javascript:'], iframe, img[src=x], svg[onload]").count() == 0
        assert p.evaluate("() => window.__pwned") is None
        shot(p, f"hostile-{query.split()[0].lower()}")
    assert not watch.dialogs and not watch.errors
