"""The query engine through the web app (Starlette's test client): the search page and the
API never answer 5xx, mistakes come back as 400 with the reason, the time budget as 503;
saved searches and alerts; tags and notes on documents and entities."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sijill.model import Document, SourceText, sha256_hex
from sijill.pipeline import stage_versions
from sijill.store import Archive
from sijill.web.app import create_app
from tests.web.conftest import TestClient, build_archive, csrf, login

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("webq") / "web.db")


@pytest.fixture(scope="module")
def public(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db, public=True), follow_redirects=False) as client:
        yield client


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db), follow_redirects=False) as client:
        yield client


def _ids(client: TestClient, query: str) -> set[str]:
    """Every matching document, page by page."""
    ids: set[str] = set()
    page = 1
    while True:
        r = client.get("/api/search", params={"q": query, "page": page})
        assert r.status_code == 200, r.text
        data = r.json()
        ids |= {h["id"] for h in data["results"]}
        if page >= data["pages"]:
            assert len(ids) == data["total"]
            return ids
        page += 1


def test_unquoted_multi_word_names_are_searched(public: TestClient) -> None:
    entities = public.get("/api/entities", params={"limit": 100}).json()
    names = [e["name"] for e in entities.get("entities", entities.get("results", []))]
    multi = [n for n in names if " " in n]
    assert len(multi) >= 10
    for name in [*multi, "Abu Yahya", "Abu Hamza al-Jolani"]:
        for path in ("/search", "/api/search"):
            r = public.get(path, params={"q": name})
            assert r.status_code == 200, (path, name, r.text[:300])
    # the constructed letters spell the name two ways: unquoted, both are found
    assert len(_ids(public, "Abu Hamza al-Jolani")) >= 2
    assert len(_ids(public, '"Abu Hamza al-Jolani"')) == 1


def test_boolean_hijri_and_field_queries_on_the_page(public: TestClient) -> None:
    flour, sugar = _ids(public, "flour"), _ids(public, "sugar")
    assert _ids(public, "flour OR sugar") == flour | sugar
    assert _ids(public, "flour sugar") == flour & sugar
    assert _ids(public, "flour NOT sugar") == flour - sugar
    r = public.get("/search", params={"q": "hijri:1436"})
    total = int(re.search(r'id="total">(\d+)<', r.text)[1])  # type: ignore[index]
    assert r.status_code == 200 and total > 0
    assert _ids(public, "from:Haddad") and _ids(public, "issuer:Relief")
    # facets keep working over the engine's hits
    facets = public.get("/api/search", params={"q": "flour"}).json()["facets"]
    assert sum(n["count"] for n in facets["gregorian_year"]) <= len(flour) + 1000
    one = facets["issuer"][0]["value"]
    narrowed = public.get("/api/search", params={"q": "flour", "issuer": one}).json()
    assert 0 < narrowed["total"] <= len(flour)


@pytest.mark.parametrize(("query", "reason"), [
    ("(flour OR sugar", "never closed"), ('"Abu Yahya', "never closed"),
    ("title:flour", "there is no field"), ("a*", "at least 3 letters"),
    ("flour AND", "AND needs something"), ("date:2015-14", "no month 14"),
])
def test_a_mistake_is_a_400_with_the_reason(public: TestClient, query: str, reason: str) -> None:
    page = public.get("/search", params={"q": query})
    assert page.status_code == 400
    assert reason in html.unescape(page.text) and 'id="query-error"' in page.text
    api = public.get("/api/search", params={"q": query})
    assert api.status_code == 400 and reason in api.json()["error"]


def test_many_short_prefixes_are_refused_at_once(public: TestClient) -> None:
    start = time.monotonic()
    for query in (" ".join(["a*"] * 200), " ".join(f"ab{i}*" for i in range(40)),
                  " OR ".join(["flour"] * 100)):
        r = public.get("/api/search", params={"q": query})
        assert r.status_code == 400 and re.search("at most|prefix", r.json()["error"])
    assert time.monotonic() - start < 5


def test_over_budget_is_a_503(public: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sijill.store.search.engine.CHECK_EVERY", 1)
    monkeypatch.setattr(public.app.state.site, "query_seconds", 0.0)
    api = public.get("/api/search", params={"q": "the OR of OR and"})
    assert api.status_code == 503 and "longer than" in api.json()["error"]
    assert public.get("/search", params={"q": "the OR of"}).status_code == 503


_PIECES = st.sampled_from(["flour", "Abu", "Yahya", "al-Jolani", '"', "(", ")", "AND", "OR",
                           "NOT", "-", "from:", "to:", "date:", "2015", "..", "hijri:1436",
                           "sal*", "tag:", "ref:", "*", ":", " ", "\x00", "%ff", "é",
                           # Arabic: letter forms, harakat, tatweel, the article, a prefix
                           "ابراهيم", "إبرَاهِيم", "المدرسة", "مدرس*", "التلي", "أبو", "ال",
                           "لل", "ـ", "\u0651", "\u064b", "ة", "ى", "عبد الله", "from:التلي"])


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(st.characters(blacklist_categories=("Cs",)))
       | st.lists(_PIECES, max_size=12).map("".join),
       page=st.sampled_from(["1", "2", "-1", "x", "99999", "²"]),
       sort=st.sampled_from(["relevance", "date", "-date", "x", ""]),
       facet=st.sampled_from([{}, {"issuer": "x"}, {"hijri_year": "1436"},
                              {"gregorian_year": "²"}, {"entity": "\x00"}]))
def test_no_query_gives_a_5xx(public: TestClient, query: str, page: str, sort: str,
                              facet: dict[str, str]) -> None:
    for path in ("/search", "/api/search"):
        r = public.get(path, params={"q": query, "page": page, "sort": sort, **facet})
        assert r.status_code in (200, 400), (path, query, r.status_code, r.text[:200])


# -- saved searches and alerts ----------------------------------------------------------------

MEMO = """\
Southern Plains Relief Office

Memo on glassware, 2 May 2023

The clinic received twelve boxes of glassware for the laboratory.
"""


def test_save_a_search_and_see_its_alert(client: TestClient, db: Path) -> None:
    assert client.get("/alerts").status_code == 303  # signed-in users only
    token = login(client, "reg")
    r = client.post("/searches", data={"csrf_token": token, "name": "glass",
                                       "query": "glassware OR beakers"})
    assert r.status_code == 303 and r.headers["location"] == "/alerts"
    assert client.post("/searches", data={"csrf_token": token, "name": "bad",
                                          "query": "(glass"}).status_code == 400
    page = client.get("/alerts").text
    assert "glassware OR beakers" in html.unescape(page) and "0 new" in page
    source = SourceText(sha256_hex(MEMO.encode()), MEMO, path="late/glassware.txt")
    with Archive(db) as archive:
        archive.put_source(source, [Document(source=source.source(0), text=MEMO,
                                             title="Glassware")], stage_versions())
    page = client.get("/alerts").text
    assert "1 new" in page and "Glassware" in page
    token = csrf(client, "/alerts")
    upto = re.search(r'name="upto" value="(\d+)"', page)[1]  # type: ignore[index]
    assert client.post("/alerts/seen", data={"csrf_token": token, "upto": upto}
                       ).status_code == 303
    assert "0 new" in client.get("/alerts").text
    sid = re.search(r'/searches/(\d+)/delete', page)[1]  # type: ignore[index]
    client.post(f"/searches/{sid}/delete", data={"csrf_token": token})
    assert "No saved searches yet" in client.get("/alerts").text


def test_the_search_page_offers_to_save_when_signed_in(client: TestClient) -> None:
    assert "Save this search" not in client.get("/login").text
    login(client, "reg")
    assert "Save this search" in client.get("/search", params={"q": "flour"}).text


# -- tags and notes ---------------------------------------------------------------------------


def test_editors_tag_a_document_and_find_it_by_tag(client: TestClient) -> None:
    token = login(client, "ed")
    doc = client.get("/api/search", params={"q": "Tell Sabra"}).json()["results"][0]["id"]
    target = f"/documents/{doc}/labels"
    r = client.post(target, data={"csrf_token": token, "action": "add", "tag": "Mill Audit"})
    assert r.status_code == 303
    assert "mill-audit" in client.get(f"/documents/{doc}").text
    assert doc in _ids(client, "tag:mill-audit")
    client.post(target, data={"csrf_token": token, "action": "note", "note": "Ask about sacks"})
    assert "Ask about sacks" in client.get(f"/documents/{doc}").text
    client.post(target, data={"csrf_token": token, "action": "remove", "tag": "mill-audit"})
    assert doc not in _ids(client, "tag:mill-audit")
    assert client.post(target, data={"csrf_token": token, "action": "add", "tag": "!!"}
                       ).status_code == 400


def test_labels_and_alerts_as_json(client: TestClient) -> None:
    token = login(client, "ed")
    doc = client.get("/api/search", params={"q": "flour"}).json()["results"][0]["id"]
    client.post(f"/documents/{doc}/labels", data={"csrf_token": token, "action": "add",
                                                  "tag": "json-check"})
    assert client.get(f"/api/documents/{doc}/labels").json()["tags"] == ["json-check"]
    assert client.get("/api/documents/nope/labels").status_code == 404
    assert client.get("/api/entities/org-tsmu/labels").status_code == 200
    client.post("/searches", data={"csrf_token": token, "name": "j", "query": "flour"})
    [saved] = [s for s in client.get("/api/alerts").json()["searches"] if s["name"] == "j"]
    assert saved["new"] == 0 and saved["query"] == "flour"


def test_readers_cannot_tag(client: TestClient) -> None:
    token = login(client, "reg")
    doc = client.get("/api/search", params={"q": "flour"}).json()["results"][0]["id"]
    r = client.post(f"/documents/{doc}/labels", data={"csrf_token": token, "action": "add",
                                                      "tag": "x"})
    assert r.status_code == 403


def test_entity_tags_find_the_documents_naming_it(client: TestClient) -> None:
    token = login(client, "ed")
    r = client.post("/entities/org-tsmu/labels",
                    data={"csrf_token": token, "action": "add", "tag": "millers"})
    assert r.status_code == 303
    assert "millers" in client.get("/entities/org-tsmu").text
    assert len(_ids(client, "tag:millers")) >= 1


def test_a_refused_label_change_shows_its_page_with_the_reason(client: TestClient) -> None:
    token = login(client, "ed")
    doc = client.get("/api/search", params={"q": "flour"}).json()["results"][0]["id"]
    for url in (f"/documents/{doc}/labels", "/entities/org-tsmu/labels"):
        r = client.post(url, data={"csrf_token": token, "action": "paint", "tag": "x"})
        assert r.status_code == 400 and "unknown label action" in r.text
