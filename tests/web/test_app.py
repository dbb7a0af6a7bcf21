"""The web app through Starlette's test client: access rules, CSRF, CSP, search, reader,
field edits, entities, network, the API and its OpenAPI description."""

from __future__ import annotations

import dataclasses
import gc
import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.routing import Mount, Route

from sijill import pipeline
from sijill.model import Document, Note, Source, Span
from sijill.store import Archive
from sijill.web import api
from sijill.web.app import SERVING_GC_THRESHOLD, create_app
from sijill.web.render import render
from sijill.web.search import safe_snippet
from tests.web.conftest import PASSWORDS, TestClient, build_archive, constructed, csrf, login

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("web") / "web.db")


def _client(db: Path, public: bool = False) -> Iterator[TestClient]:
    with TestClient(create_app(db, public=public), follow_redirects=False) as client:
        yield client


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    yield from _client(db)


@pytest.fixture
def public(db: Path) -> Iterator[TestClient]:
    yield from _client(db, public=True)


def doc_id(client: TestClient, query: str) -> str:
    return client.get("/api/search", params={"q": query}).json()["results"][0]["id"]


# -- access, sessions, CSRF, headers ----------------------------------------------------------


def test_private_archive_needs_sign_in(client: TestClient) -> None:
    r = client.get("/search?q=flour")
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    assert client.get("/api/search?q=flour").status_code == 401
    login(client, "reg")
    assert client.get("/api/search?q=flour").json()["total"] > 0


def test_wrong_password_and_open_redirect_refused(client: TestClient) -> None:
    token = csrf(client)
    r = client.post("/login", data={"name": "ed", "password": "wrong-password",
                                    "csrf_token": token})
    assert r.status_code == 401 and "Wrong name or password" in r.text
    r = client.post("/login", data={"name": "ed", "password": PASSWORDS["ed"],
                                    "csrf_token": token, "next": "//evil.example/x"})
    assert r.headers["location"] == "/"


def test_login_needs_csrf_token(client: TestClient) -> None:
    client.get("/login")
    r = client.post("/login", data={"name": "ed", "password": PASSWORDS["ed"]})
    assert r.status_code == 403


def test_session_cookie_is_httponly_and_samesite(client: TestClient) -> None:
    r = client.get("/login")
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_security_headers_on_every_response(public: TestClient) -> None:
    for path in ("/", "/search?q=x", "/api/search?q=x", "/static/app.js", "/nope"):
        r = public.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def _write_routes(role: str | None = None) -> list[tuple[str, str]]:
    """(method, path) of every write route, or of those that need `role` (`auth.writes`)."""
    app = create_app(":memory:")
    out = []
    for route in app.routes:
        if isinstance(route, Route) and not isinstance(route, Mount):
            if role is not None and getattr(route.endpoint, "writes_role", None) != role:
                continue
            for method in route.methods or ():
                if method not in ("GET", "HEAD"):
                    path = re.sub(r"\{[^}]+\}", "x", route.path)
                    out.append((method, path))
    return out


def test_every_write_is_refused_without_an_editor(db: Path) -> None:
    routes = [(m, p) for m, p in _write_routes() if p not in ("/login",)]
    assert len(routes) >= 12
    for client in _client(db, public=True):
        for method, path in routes:  # anonymous, even on a public archive
            assert client.request(method, path).status_code in (401, 303), path
        login(client, "reg")
        token = csrf(client, "/")
        # a reader's own writes: signing out, saving searches and marking their alerts seen
        own = set(_write_routes("reader"))
        assert ("POST", "/logout") in own and ("POST", "/searches") in own
        for method, path in routes:
            if (method, path) in own:
                continue
            r = client.request(method, path, headers={"x-csrf-token": token})
            assert r.status_code == 403, (path, r.status_code)


def test_editor_without_csrf_token_is_refused(client: TestClient) -> None:
    login(client, "ed")
    target = doc_id(client, "flour")
    r = client.post(f"/api/documents/{target}/fields", json={"field": "title", "value": "x"})
    assert r.status_code == 403
    r = client.post(f"/api/documents/{target}/fields", json={"field": "title", "value": "x"},
                    headers={"x-csrf-token": "forged"})
    assert r.status_code == 403


def test_public_mode_reads_without_sign_in(public: TestClient) -> None:
    assert public.get("/").status_code == 200
    assert public.get("/api/search?q=flour").json()["total"] > 0


# -- search ------------------------------------------------------------------------------------


def test_api_search_shape_and_facets(public: TestClient) -> None:
    data = public.get("/api/search", params={"q": "flour"}).json()
    assert data["total"] >= 2 and data["total"] >= len(data["results"])
    hit = data["results"][0]
    assert {"id", "title", "snippet"} <= set(hit)
    assert "<mark>" in hit["snippet"]
    issuers = {f["value"]: f["count"] for f in data["facets"]["issuer"]}
    assert sum(issuers.values()) <= data["total"] and issuers


def test_facet_filter_narrows(public: TestClient) -> None:
    all_docs = public.get("/api/search").json()
    year = all_docs["facets"]["gregorian_year"][0]
    narrowed = public.get("/api/search", params={"gregorian_year": year["value"]}).json()
    assert narrowed["total"] == year["count"] < all_docs["total"]
    hijri = all_docs["facets"]["hijri_year"][0]
    assert public.get("/api/search", params={"hijri_year": hijri["value"]}).json()["total"] \
        == hijri["count"]


def test_spelling_tolerant_names(public: TestClient) -> None:
    data = public.get("/api/search", params={"q": "Jolani"}).json()
    ids = {r["id"] for r in data["results"]}
    jowlani = public.get("/api/search", params={"q": "Jowlani"}).json()
    assert {r["id"] for r in jowlani["results"]} <= ids and len(ids) >= 2
    assert "jowlani" in data["variants"]["Jolani"]


def test_sort_by_date_and_pages(public: TestClient) -> None:
    data = public.get("/api/search", params={"sort": "date"}).json()
    dates = [r["date"] for r in data["results"] if r["date"]]
    assert dates == sorted(dates)
    second = public.get("/api/search", params={"sort": "date", "page": 2}).json()
    assert not {r["id"] for r in data["results"]} & {r["id"] for r in second["results"]}


def test_search_page_renders_facets_and_snippets(public: TestClient) -> None:
    r = public.get("/search", params={"q": "flour"})
    assert r.status_code == 200 and "<mark>flour</mark>" in r.text.lower()
    assert 'data-facet="issuer"' in r.text


# -- reader and editing ----------------------------------------------------------------------


def test_reader_shows_fields_provenance_and_citation(public: TestClient) -> None:
    target = doc_id(public, '"EVR/S/101"')
    r = public.get(f"/documents/{target}")
    assert r.status_code == 200
    assert "k-subject" in r.text and "k-mention-person" in r.text
    assert "constructed/a.txt" in r.text and "SHA-256" in r.text
    assert f"document {target}" in r.text  # the citation
    assert public.get("/documents/nope-0").status_code == 404


def test_hostile_document_is_escaped(public: TestClient) -> None:
    for query in ("Lowland Bakers", "bread prices"):
        target = doc_id(public, query)
        page = public.get(f"/documents/{target}").text
        assert "<script>window" not in page and "onerror=\"window" not in page
        assert "&lt;script&gt;" in page
        assert 'href="javascript:' not in page
    results = public.get("/search", params={"q": "Lowland Bakers"}).text
    assert "<script>window" not in results


def test_field_edit_is_audited_and_survives_reprocess(tmp_path: Path) -> None:
    db = build_archive(tmp_path / "edit.db", corpus=False)  # reprocess drops made-up mentions
    for client in _client(db):
        token = login(client, "ed")
        target = doc_id(client, '"EVR/S/101"')
        r = client.post(f"/documents/{target}/fields", data={
            "field": "subject", "value": "forty sacks of flour", "note": "the real request",
            "csrf_token": token})
        assert r.status_code == 303
        page = client.get(f"/documents/{target}").text
        assert "forty sacks of flour" in page and "the real request" in page
        r = client.post(f"/documents/{target}/fields", data={
            "field": "subject", "value": "words not in the letter", "csrf_token": token})
        assert r.status_code == 400 and "not in the document" in r.text
    with Archive(db) as archive:
        pipeline.reprocess(archive)
        assert archive.document(target).subject.text == "forty sacks of flour"
        trail = archive.edits(target)
        assert trail[-1]["author"] == "ed" and trail[-1]["after"]["text"] == "forty sacks of flour"


def test_api_field_edit_by_words(client: TestClient) -> None:
    token = login(client, "ed")
    target = doc_id(client, '"TSM/22/9"')
    r = client.post(f"/api/documents/{target}/fields", headers={"x-csrf-token": token},
                    json={"field": "addressees", "text": ["Eastern Valleys Relief Council"]})
    assert r.status_code == 201
    value = r.json()["document"]["addressees"]
    assert value[0]["text"] == "Eastern Valleys Relief Council"
    text = r.json()["document"]["text"]
    assert text[value[0]["start"]:value[0]["end"]] == value[0]["text"]
    assert client.get(f"/api/documents/{target}/edits").json()["edits"][-1]["author"] == "ed"


# -- entities, network, timeline ------------------------------------------------------------


def test_entity_pages(public: TestClient) -> None:
    found = public.get("/api/entities", params={"q": "Millers"}).json()["entities"]
    assert found, "the constructed Millers Union is listed"
    union = found[0]["id"]
    detail = public.get(f"/api/entities/{union}").json()
    assert len(detail["documents"]) == 2
    assert {r["type"] for r in detail["relations"]} >= {"request", "contact"}
    page = public.get(f"/entities/{union}").text
    assert "Tell Sabra Millers Union" in page and "evidence=" in page


def test_entity_curation_from_the_page(db: Path) -> None:
    for client in _client(db):
        token = login(client, "ed")
        r = client.post("/entities/per-abu-hamza-jowlani/merge", data={
            "other": "per-abu-hamza-jolani", "note": "one man", "csrf_token": token})
        assert r.status_code == 303, r.text[:300]
        detail = client.get("/api/entities/per-abu-hamza-jowlani").json()
        assert len(detail["documents"]) == 2
        assert detail["edits"][-1]["author"] == "ed"
        r = client.post("/entities/per-abu-hamza-jowlani/rename", data={
            "name": "Abu Hamza", "csrf_token": token})
        assert r.status_code == 303
        page = client.get("/entities/per-abu-hamza-jowlani").text
        assert "Abu Hamza" in page and "merge" in page and "one man" in page


def test_network_with_evidence(public: TestClient) -> None:
    data = public.get("/api/network").json()
    assert not data["derived"]
    edge = next(e for e in data["edges"] if e["type"] == "request")
    evidence = edge["evidence"][0]
    doc = public.get(f"/api/documents/{evidence['doc']}").json()
    assert doc["text"][evidence["start"]:evidence["end"]] == evidence["text"]
    assert public.get("/api/network", params={"from": "2030"}).json()["edges"] == []
    only = public.get("/api/network", params={"type": "contact"}).json()["edges"]
    assert only and {e["type"] for e in only} == {"contact"}
    page = public.get(f"/documents/{evidence['doc']}",
                      params={"evidence": f"{evidence['start']}-{evidence['end']}"}).text
    assert "k-evidence" in page


def test_network_derived_from_correspondence(tmp_path: Path) -> None:
    with Archive(tmp_path / "c.db") as archive:  # letters without relations
        for source, docs in constructed():
            docs = [dataclasses.replace(d, relations=[]) for d in docs]
            archive.put_source(source, docs, pipeline.stage_versions())
    for client in _client(tmp_path / "c.db", public=True):
        data = client.get("/api/network").json()
        assert data["derived"] and data["edges"]
        assert all(e["type"] == "correspondence" for e in data["edges"])


def test_timeline(public: TestClient) -> None:
    data = public.get("/api/timeline", params={"month": "2022-03"}).json()
    assert any(m["month"] == "2022-03" and m["count"] >= 1 for m in data["months"])
    assert any(d["date"].startswith("2022-03") for d in data["documents"])
    assert public.get("/timeline").status_code == 200


# -- API description --------------------------------------------------------------------------


def test_openapi_describes_every_api_route(public: TestClient) -> None:
    spec = public.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for route in api.ROUTES:
        assert route.path in spec["paths"], route.path
        for method in route.methods - {"HEAD"}:
            assert method.lower() in spec["paths"][route.path], (method, route.path)


# -- rendering ----------------------------------------------------------------------------------

_TEXTS = st.text(alphabet=st.sampled_from(list("ab <>&\"'\n=/") + ["س", "ل"]), max_size=60)


@settings(max_examples=150, deadline=None)
@given(text=_TEXTS, cuts=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)),
                                  max_size=6))
def test_render_escapes_and_keeps_every_character(text: str,
                                                  cuts: list[tuple[int, int]]) -> None:
    spans = [Span.of(text, min(a, b), max(a, b)) for a, b in cuts if max(a, b) <= len(text)]
    notes = [Note(s.text, s.start, s.end, kind="editor") for s in spans[:1] if s.text]
    doc = Document(Source("0" * 64), text, addressees=spans[1:], notes=notes)
    view = render(doc)
    shown = re.sub(r'<a class="note-ref"[^>]*>[^<]*</a>', "", str(view.html))
    assert "<" not in re.sub(r"</?span[^>]*>", "", shown)  # only our own tags
    plain = html.unescape(re.sub(r"<[^>]+>", "", shown))
    cut = notes[0] if notes else None
    expected = text if cut is None else text[: cut.start] + text[cut.end :]
    assert plain == expected


def test_snippet_keeps_only_marks() -> None:
    out = str(safe_snippet("a \x02<b onclick=x>\x03 <script>x</script>"))
    assert out == "a <mark>&lt;b onclick=x&gt;</mark> &lt;script&gt;x&lt;/script&gt;"


def test_relation_claims_from_the_page(tmp_path: Path) -> None:
    db = build_archive(tmp_path / "r.db", corpus=False)
    for client in _client(db):
        token = login(client, "ed")
        rels = client.get("/api/relations", params={"entity": "org-tsmu"}).json()["relations"]
        contact = next(r for r in rels if r["type"] == "contact")
        r = client.post("/entities/org-tsmu/relations/verdict", data={
            "relation": contact["id"], "verdict": "reject", "csrf_token": token})
        assert r.status_code == 303, r.text[:300]
        page = client.get("/entities/org-tsmu").text
        assert "rejected" in page and "by ed" in page
        edges = client.get("/api/network").json()["edges"]
        assert "contact" not in {e["type"] for e in edges}
        target = doc_id(client, '"TSM/22/9"')
        text = client.get(f"/api/documents/{target}").json()["text"]
        start = text.index("forty sacks were sent")
        r = client.post("/entities/org-tsmu/relations", data={
            "type": "support", "target": "org-evrc", "document": target, "start": str(start),
            "end": str(start + 21), "status": "asserted", "csrf_token": token})
        assert r.status_code == 303, r.text[:300]
        rels = client.get("/api/relations", params={"entity": "org-tsmu"}).json()["relations"]
        added = next(r for r in rels if r["origin"] == "human")
        assert added["type"] == "support" and added["text"] == "forty sacks were sent"
        assert "support" in {e["type"] for e in client.get("/api/network").json()["edges"]}


def _listed(page: str, section: str) -> list[str]:
    """The document links of one section (documents or mentions) of an entity page."""
    body = page.split(f'id="{section}"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<a href="(/documents/[^"#?]+)', body)


def test_entity_lists_are_paged_without_losing_any(public: TestClient,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from sijill.web import entities as web_entities

    top = public.get("/api/entities").json()["entities"][0]
    url = f"/api/entities/{top['id']}"
    whole = public.get(url).json()
    assert whole["documents_total"] == len(whole["documents"]) == top["documents"]
    assert whole["mentions_total"] == len(whole["mentions"]) == top["mentions"]
    assert len(whole["mentions"]) >= 2, "the sample's most mentioned entity is mentioned twice"
    # API: limit/offset pages cover each list exactly, in order, and keep the totals whole
    first = public.get(url, params={"limit": 1}).json()
    rest = public.get(url, params={"limit": 1000, "offset": 1}).json()
    assert first["mentions_total"] == whole["mentions_total"]
    assert first["documents_total"] == whole["documents_total"]
    assert first["mentions"] + rest["mentions"] == whole["mentions"]
    assert first["documents"] + rest["documents"] == whole["documents"]
    assert len(first["mentions"]) == 1
    # the page: one item a page, the total shown, next page and "show all" complete it
    monkeypatch.setattr(web_entities, "LIST_SIZE", 1)
    page_url = web_entities.entity_url(top["id"])
    one = public.get(page_url).text
    assert f'<h2>Mentions <span class="n">{whole["mentions_total"]}</span>' in one
    assert f"of {whole['mentions_total']}" in one and 'rel="next"' in one
    pages = [_listed(public.get(page_url, params={"mentions_page": n}).text, "mentions")
             for n in range(1, whole["mentions_total"] + 1)]
    assert all(len(p) == 1 for p in pages)
    assert [p[0] for p in pages] == [f"/documents/{m['doc']}" for m in whole["mentions"]]
    every = public.get(page_url, params={"all": 1}).text
    assert _listed(every, "mentions") == [p[0] for p in pages]
    assert _listed(every, "documents") == [f"/documents/{d['id']}" for d in whole["documents"]]


def test_paged_clamps_and_covers_the_list() -> None:
    from sijill.web.entities import paged

    items = list(range(250))
    first, second, last = paged(items, 1), paged(items, 2), paged(items, 99)
    assert (first.total, first.pages, first.first) == (250, 3, 1)
    assert last.page == 3 and last.items == items[200:]
    assert first.items + second.items + last.items == items
    assert paged(items, 1, None).items == items and paged(items, 0).page == 1


def test_collector_is_tuned_while_serving_and_restored_after(db: Path) -> None:
    before = gc.get_threshold()
    assert before != SERVING_GC_THRESHOLD
    with TestClient(create_app(db, public=True)) as served:
        assert served.get("/entities").status_code == 200
        assert gc.get_threshold() == SERVING_GC_THRESHOLD and gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
