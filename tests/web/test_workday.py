"""Curation by name, undo, originals and upload through Starlette's test client (the
browser walk is in test_web_browser_day.py)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sijill import pipeline
from sijill.errors import StoreError
from sijill.store import Archive, entity_edits
from sijill.store import undo as store_undo
from sijill.store.relations import check_evidence
from sijill.web.app import create_app, readable
from sijill.web.originals import safe_url
from sijill.web.upload import safe_relative, uploads_dir
from tests.web.conftest import CSRF, HOSTILE, PASSWORDS, TestClient, build_archive

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    db = build_archive(tmp_path / "day.db", corpus=False)
    with Archive(db) as archive:  # one HTML page with a source URL, read from its file
        pipeline.ingest_paths(archive, [HOSTILE])
    return db


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db), follow_redirects=False) as client:
        yield client


def _token(client: TestClient, path: str) -> str:
    match = CSRF.search(client.get(path).text)
    assert match, f"no CSRF field on {path}"
    return html.unescape(match[1])


def login(client: TestClient, name: str = "ed") -> str:
    r = client.post("/login", data={"name": name, "password": PASSWORDS[name],
                                    "csrf_token": _token(client, "/login"), "next": "/"})
    assert r.status_code == 303
    return _token(client, "/upload" if name == "ed" else "/")


def _doc(client: TestClient, ref: str) -> str:
    return str(client.get("/api/search", params={"q": f'"{ref}"'}).json()["results"][0]["id"])


def test_suggest_covers_the_whole_archive_by_any_spelling(client: TestClient) -> None:
    login(client)
    found = client.get("/api/entities/suggest", params={"q": "jolani"}).json()["results"]
    ids = {r["id"] for r in found}
    assert {"per-abu-hamza-jolani", "per-abu-hamza-jowlani"} <= ids
    assert all(r["type"] == "person" for r in found)
    orgs = client.get("/api/entities/suggest", params={"q": "millers", "type": "organization"})
    assert [r["id"] for r in orgs.json()["results"]] == ["org-tsmu"]
    assert client.get("/api/entities/suggest", params={"q": ""}).json()["results"] == []


def test_merge_by_name_confirm_then_undo(client: TestClient) -> None:
    token = login(client)
    page = client.get("/entities/per-abu-hamza-jowlani/merge/confirm",
                      params={"other_name": "Abu Hamza al-Jolani"})
    assert page.status_code == 200
    # both sides shown before anything is written
    assert "Kept" in page.text and "Merged in" in page.text
    assert "per-abu-hamza-jolani" in page.text and "Yes, merge" in page.text
    assert len(client.get("/api/entities/per-abu-hamza-jowlani").json()["documents"]) == 1
    r = client.post("/entities/per-abu-hamza-jowlani/merge", data={
        "other": "per-abu-hamza-jolani", "csrf_token": token})
    assert r.status_code == 303
    detail = client.get("/api/entities/per-abu-hamza-jowlani").json()
    assert len(detail["documents"]) == 2
    edit = detail["edits"][-1]["id"]
    audit = client.get("/entities/per-abu-hamza-jowlani").text
    assert "{&#39;" not in audit and "{'" not in audit  # readable, not a Python dict
    assert "merged in:" in audit and "kept:" in audit
    r = client.post("/undo", data={"layer": "entity", "edit": str(edit),
                                   "next": "/entities/per-abu-hamza-jowlani",
                                   "csrf_token": token})
    assert r.status_code == 303
    assert len(client.get("/api/entities/per-abu-hamza-jowlani").json()["documents"]) == 1
    assert len(client.get("/api/entities/per-abu-hamza-jolani").json()["documents"]) == 1
    audit = client.get("/entities/per-abu-hamza-jowlani").text
    assert "undone by ed" in audit
    again = client.post("/undo", data={"layer": "entity", "edit": str(edit),
                                       "csrf_token": token})
    assert again.status_code == 400 and "already undone" in again.text


def test_merge_of_an_unknown_name_says_so(client: TestClient) -> None:
    login(client)
    page = client.get("/entities/per-abu-hamza-jowlani/merge/confirm",
                      params={"other_name": "Nobody al-Nowhere"})
    assert page.status_code == 400 and "No person in the archive" in page.text


def test_relation_by_selected_words_is_validated(client: TestClient) -> None:
    token = login(client)
    target = _doc(client, "TSM/22/9")
    text = client.get(f"/api/documents/{target}").json()["text"]
    start = text.index("forty sacks were sent")

    def post(a: int, b: int, words: str | None = None) -> object:
        return client.post(f"/documents/{target}/relations", data={
            "start": str(a), "end": str(b), "evidence": text[a:b] if words is None else words,
            "source_name": "Tell Sabra Millers Union", "type": "support",
            "target_name": "Eastern Valleys Relief Council", "status": "asserted",
            "csrf_token": token})

    unselected = client.post(f"/documents/{target}/relations", data={
        "start": "", "end": "", "evidence": "", "source_name": "x", "target_name": "y",
        "type": "support", "csrf_token": token})
    assert unselected.status_code == 400 and "select the evidence" in unselected.text
    cut = post(start, start + 10)  # "forty sack"
    assert cut.status_code == 400 and "cuts a word" in cut.text
    lying = post(start, start + 21, "forty sacks were lost")
    assert lying.status_code == 400 and "not the text at those offsets" in lying.text
    ok = post(start, start + 21)
    assert ok.status_code == 303
    rels = client.get("/api/relations", params={"entity": "org-tsmu"}).json()["relations"]
    added = [r for r in rels if r["origin"] == "human"]
    assert [(r["type"], r["text"], r["target"]["id"]) for r in added] == [
        ("support", "forty sacks were sent", "org-evrc")]
    page = client.get(f"/documents/{target}").text
    assert "Relations added and judged here" in page
    claim = re.search(r'name="layer" value="relation">\s*<input type="hidden" name="edit"'
                      r' value="(\d+)"', page)
    assert claim
    r = client.post("/undo", data={"layer": "relation", "edit": claim[1], "csrf_token": token})
    assert r.status_code == 303
    rels = client.get("/api/relations", params={"entity": "org-tsmu"}).json()["relations"]
    assert not [r for r in rels if r["origin"] == "human"]


def test_check_evidence_wants_whole_words_of_one_paragraph() -> None:
    text = "In the name of God\n\nThe council asks for flour."
    check_evidence(text, 0, 18)
    for start, end in ((0, 10), (1, 6), (0, 2), (7, 30), (0, 3)):
        with pytest.raises(StoreError):
            check_evidence(text, start, end)


def test_field_edit_undo_restores_the_machine_value(client: TestClient, db: Path) -> None:
    token = login(client)
    target = _doc(client, "TSM/22/9")
    before = client.get(f"/api/documents/{target}").json()["subject"]["text"]
    r = client.post(f"/documents/{target}/fields", data={
        "field": "subject", "value": "flour request", "csrf_token": token})
    assert r.status_code == 303
    assert client.get(f"/api/documents/{target}").json()["subject"]["text"] == "flour request"
    with Archive(db) as archive:
        edit = archive.edits(target)[-1]["id"]
        store_undo.undo(archive, "field", edit, author="ed")
    assert client.get(f"/api/documents/{target}").json()["subject"]["text"] == before
    assert "undone by ed" in client.get(f"/documents/{target}").text


def test_undo_refuses_out_of_order_entity_edits(db: Path) -> None:
    with Archive(db) as archive:
        merge = entity_edits.merge(archive, "per-abu-hamza-jowlani", "per-abu-hamza-jolani",
                                     author="ed")
        entity_edits.rename(archive, "per-abu-hamza-jowlani", "Abu Hamza", author="ed")
        with pytest.raises(StoreError, match="undo it first"):
            store_undo.undo(archive, "entity", merge, author="ed")
        with pytest.raises(StoreError, match="no entity edit"):
            store_undo.undo(archive, "entity", 999, author="ed")


def _html_doc(db: Path) -> str:
    with Archive(db) as archive:
        row = archive.connection.execute(
            "SELECT d.id FROM documents d JOIN sources s ON s.id = d.source_id"
            " WHERE s.path LIKE '%hostile-page.html'").fetchone()
    return str(row[0])


def test_original_is_served_sanitised_with_safe_headers(client: TestClient, db: Path) -> None:
    login(client)
    page_id = _html_doc(db)
    view = client.get(f"/documents/{page_id}/original")
    assert view.status_code == 200
    tree = lxml.html.fromstring(view.text)
    assert not tree.xpath("//script | //img | //style | //iframe")
    assert not [a for a in tree.xpath("//@*") if a.attrname.startswith("on")]
    assert not [h for h in tree.xpath("//a/@href") if not h.startswith(("http", "#"))]
    assert "sandbox" in view.headers["content-security-policy"]
    assert view.headers["content-disposition"].startswith("inline;")
    assert view.headers["x-content-type-options"] == "nosniff"
    down = client.get(f"/documents/{page_id}/original", params={"download": "1"})
    assert down.headers["content-disposition"].startswith("attachment;")
    assert down.content == (HOSTILE / "hostile-page.html").read_bytes()
    reader = client.get(f"/documents/{page_id}").text
    assert "/original?download=1" in reader
    constructed = _doc(client, "TSM/22/9")  # stored from memory: no file to serve
    assert client.get(f"/documents/{constructed}/original").status_code == 404


def test_safe_url_keeps_http_only() -> None:
    assert safe_url("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", "data:text/html,x", "/relative", "ftp://x/y", None):
        assert safe_url(bad) is None


def test_upload_ingests_and_reports_each_failure(client: TestClient, db: Path) -> None:
    token = login(client)
    letter = ("Office of Schools\n\nNo.: OS/7\nDate: 2 May 2021\n\nSubject: chalk for the"
              " Wadi schools\n\nTo: the Services Committee\n\nPlease send forty boxes.\n")
    r = client.post("/api/upload", headers={"X-CSRF-Token": token},
                    data={"path": "batch/chalk.txt"},
                    files={"file": ("chalk.txt", letter.encode(), "text/plain")})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "added" and len(body["documents"]) == 1
    assert (uploads_dir(db) / "batch" / "chalk.txt").read_bytes() == letter.encode()
    assert client.get(f"/documents/{body['documents'][0]}/original").status_code == 200
    bad = client.post("/api/upload", headers={"X-CSRF-Token": token}, data={"path": "x.pdf"},
                      files={"file": ("x.pdf", b"%PDF-1.4 broken", "application/pdf")})
    assert bad.status_code == 422 and bad.json()["status"] == "failed" and bad.json()["reason"]
    assert not (uploads_dir(db) / "x.pdf").exists()
    no_csrf = client.post("/api/upload", files={"file": ("y.txt", b"text", "text/plain")})
    assert no_csrf.status_code == 403


def test_upload_needs_an_editor(client: TestClient) -> None:
    login(client, "reg")
    assert client.get("/upload").status_code == 403


def test_safe_relative_stays_inside() -> None:
    assert safe_relative("../../etc/passwd") == Path("etc/passwd")
    assert safe_relative("C:\\docs\\a.txt") == Path("C_/docs/a.txt")
    assert safe_relative(".hidden/..") is None


def test_readable_audit_values() -> None:
    merge = {"keep": {"id": "per-a", "name": "Abu Ali", "aliases": ["Abu Aly"]},
             "other": {"id": "per-b", "name": "Abu Aly", "aliases": []}}
    assert readable(merge) == [("kept", "Abu Ali (per-a; also written Abu Aly)"),
                               ("merged in", "Abu Aly (per-b)")]
    assert readable({"text": "flour", "start": 1, "end": 6}) == [("", "flour")]
    assert readable([{"text": "a"}, {"text": "b"}]) == [("", "a; b")]


def test_brackets_are_isolated_in_arabic_lines() -> None:
    from sijill.web.app import isolate_brackets

    out = str(isolate_brackets("جماعة أهل الثغور [Jama'at Ahl al-Thughur] <b>"))
    assert out == ("جماعة أهل الثغور <bdi>[Jama&#39;at Ahl al-Thughur]</bdi> &lt;b&gt;")
    assert str(isolate_brackets(None)) == ""


def test_stats_lists_the_ten_largest_issuers(db: Path) -> None:
    from typer.testing import CliRunner

    from sijill.cli import app
    from sijill.cli.archive import _top

    many = {f"Office {i}": 100 - i for i in range(100)}
    line = _top(many, ranked=True)
    assert line.startswith("Office 0: 100, Office 1: 99") and "Office 10:" not in line
    assert line.endswith("… and 90 more (--json lists all)")
    years = {str(y): 1 for y in range(2000, 2020)}
    assert _top(years, ranked=False).count(":") == 20  # a year table is shown whole
    out = CliRunner().invoke(app, ["stats", "--db", str(db)]).output
    assert "by_issuer" in out


def test_a_corrected_date_that_the_written_date_contradicts_is_flagged(
        client: TestClient, db: Path) -> None:
    token = login(client)
    target = _html_doc(db)  # "Date: 2 April 2022"
    assert client.get(f"/api/documents/{target}").json()["dates"]
    for value, flagged in (("2022-04-03", True), ("2022-04-02", False)):
        r = client.post(f"/documents/{target}/fields", data={
            "field": "date", "value": value, "csrf_token": token})
        assert r.status_code == 303, r.text[:300]
        flags = [f for f in client.get(f"/api/documents/{target}").json()["flags"]
                 if f["code"] == "date-edit-disagrees"]
        assert bool(flags) is flagged
    page = client.get(f"/documents/{target}").text
    assert "date-edit-disagrees" not in page


def test_evidence_inside_a_note_is_highlighted_there() -> None:
    from sijill.model import Document, Note, Source
    from sijill.web.render import render

    text = "To the office.\n[Editor's note: the council met the union in May.]\nEnd."
    start = text.index("[Editor")
    note = Note(text[start:text.index("]") + 1], start, text.index("]") + 1, kind="editor")
    doc = Document(Source("0" * 64), text, notes=[note])
    a = text.index("the council met")
    view = render(doc, evidence=(a, a + len("the council met the union")))
    assert "k-evidence" not in str(view.html)  # the note is set apart from the text ...
    [(number, _, _)] = view.notes
    shown = str(view.note_html[number])  # ... and marked where it is shown
    assert 'class="mark k-evidence"' in shown and ">the council met the union<" in shown


_PARAMS = st.text(alphabet=st.sampled_from(list("ab1-0:%\"'()[]*<>&= /\\") + ["س", "\x00"]),
                  max_size=20)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=_PARAMS, other=_PARAMS, cal=_PARAMS, start=_PARAMS, limit=_PARAMS)
def test_new_pages_never_answer_5xx(client: TestClient, q: str, other: str, cal: str,
                                    start: str, limit: str) -> None:
    if "user" not in client.get("/").text:  # sign in once: argon2 is slow on purpose
        login(client)
    urls = [
        ("/api/entities/suggest", {"q": q, "type": cal, "limit": limit}),
        ("/entities/per-abu-hamza-jowlani/merge/confirm", {"other_name": q, "other": other}),
        ("/timeline", {"calendar": cal, "from": start, "to": limit, "by": q, "bin": other}),
        ("/api/network", {"limit": limit, "from": start, "to": q}),
        ("/export/network.gexf", {"from": start, "to": q, "type": cal}),
        (f"/documents/{quote(other, safe='') or 'x'}/original", {"download": q}),
    ]
    for path, params in urls:
        assert client.get(path, params=params).status_code < 500, (path, params)


@pytest.fixture(scope="module")
def spellings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Corpus letters that spell one man al-Qadiri and al-Kadiri."""
    from tests.web.conftest import CORPUS

    db = tmp_path_factory.mktemp("spell") / "s.db"
    with Archive(db) as archive:
        pipeline.ingest_paths(archive, [CORPUS / "letters" / "001_flour-allocation-saraqib.txt",
                                        CORPUS / "letters" / "014_reply-flour-allocation.txt",
                                        CORPUS / "hard" / "20_separated_supplies.txt",
                                        CORPUS / "hard" / "02_one_line_letterhead_supplies.txt"])
    with TestClient(create_app(db, public=True)) as client:
        yield client


def test_entity_facet_groups_spellings_and_filters_by_either(spellings: TestClient) -> None:
    facet = spellings.get("/api/search").json()["facets"]["entity"]
    adiri = [f for f in facet if "adiri" in f["label"]]
    assert len(adiri) == 1  # one entity, one facet value, shown by its name
    total = adiri[0]["count"]
    assert spellings.get("/api/search", params={"entity": adiri[0]["value"]}).json()[
        "total"] == total
    for spelling in ("Abu Yahya al-Qadiri", "Abu Yahya al-Kadiri"):
        found = spellings.get("/api/search", params={"entity": spelling}).json()
        assert found["total"] == total


def test_timeline_range_stays_inside_the_archive(db: Path) -> None:
    from sijill.web import lanes

    with Archive(db) as archive:
        whole = lanes.chart(archive)
        far = lanes.chart(archive, "hijri", 10**12, 10**13)
        assert whole.bins and len(far.bins) <= 12 * (far.last - far.first + 1)
        hijri = lanes.chart(archive, "hijri")
        assert all(1400 <= int(b[:4]) <= 1500 for b in hijri.bins)
        assert sum(hijri.totals) == sum(whole.totals)  # every dated document, either calendar


def test_merge_confirmation_shows_what_the_full_details_show(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The confirmation reads each side's brief (counted in SQL); drawn from the full
    details instead (every mention listed), the page is the same."""
    from sijill.store import entities as store_entities

    db = build_archive(tmp_path / "sample.db")
    with TestClient(create_app(db), follow_redirects=False) as client:
        login(client)
        busiest = client.get("/api/entities", params={"type": "organization"}).json()
        a, b = (e["id"] for e in busiest["entities"][:2])
        url = f"/entities/{a}/merge/confirm"
        light = client.get(url, params={"other": b})
        assert light.status_code == 200 and "and " in light.text and " more</li>" in light.text
        monkeypatch.setattr(store_entities, "entity_brief", lambda archive, entity_id: (
            store_entities.brief_of(store_entities.get_entity(archive, entity_id))))
        client.app.state.site.clear_caches()  # type: ignore[attr-defined]
        assert client.get(url, params={"other": b}).text == light.text
