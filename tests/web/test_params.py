"""One validation layer for every route's parameters (issue 12, defect 10): a value of the
wrong type, out of range or too long is a 400 with its reason, never a 500; and a fuzz of
every route the app has (found from its routing table, so a new route is fuzzed without a
change here) finds no input that gives a 5xx."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from argon2 import PasswordHasher
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.routing import Route

from sijill.store import users
from sijill.store.sessions import Limits
from sijill.web.app import create_app
from sijill.web.params import BODY_RULES, RULES
from tests.web.conftest import CSRF, PASSWORDS, TestClient, build_archive

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("params") / "p.db", corpus=False)


@pytest.fixture
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fast argon2 in these tests: a fuzzed sign-in or new account costs a millisecond."""
    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=8,
                                                         parallelism=1))


class Admin:
    """A client signed in as the admin, with the session's CSRF token."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.token = ""
        self.ids: dict[str, str] = {}
        self.sign_in()

    def sign_in(self) -> None:
        token = html.unescape(CSRF.search(self.client.get("/login").text)[1])  # type: ignore[index]
        r = self.client.post("/login", data={"name": "root", "password": PASSWORDS["root"],
                                             "csrf_token": token})
        assert r.status_code == 303
        self.token = html.unescape(CSRF.search(self.client.get("/").text)[1])  # type: ignore[index]


@pytest.fixture
def admin(built: Path, tmp_path: Path, cheap_hashes: None) -> Iterator[Admin]:
    db = tmp_path / "fuzzed.db"  # writes land in a copy
    shutil.copy(built, db)
    limits = Limits(account=10**9, address=10**9)  # the limit is tested elsewhere
    with TestClient(create_app(db, limits=limits), follow_redirects=False) as client:
        yield Admin(client)


# -- the defects as reported ---------------------------------------------------------------


def _ids(admin: Admin) -> dict[str, str]:
    c = admin.client
    doc = c.get("/api/search").json()["results"][0]["id"]
    entity = c.get("/api/entities").json()["entities"][0]["id"]
    return {"doc": doc, "entity": quote(entity, safe="")}


def test_reported_parameters_are_400_with_the_reason(admin: Admin) -> None:
    c, ids = admin.client, _ids(admin)
    checks = [
        c.get("/search", params={"q": "flour", "page": "²"}),
        c.get("/api/entities", params={"page": "²"}),
        c.get(f"/api/entities/{ids['entity']}", params={"offset": "9" * 5000}),
        c.get(f"/documents/{ids['doc']}", params={"evidence": "²-³"}),
        c.get("/timeline", params={"month": "2021-13"}),
    ]
    for r, name in zip(checks, ("page", "page", "offset", "evidence", "month"), strict=True):
        assert r.status_code == 400 and name in r.text, (name, r.status_code)
    assert "whole number" in checks[1].json()["error"]
    headers = {"x-csrf-token": admin.token}
    r = c.post(f"/api/documents/{ids['doc']}/fields", headers=headers,
               json={"field": "title", "value": "A title", "note": {"a": 1}})
    assert r.status_code == 400 and "note" in r.json()["error"]
    r = c.post(f"/api/entities/{ids['entity']}/rename", headers=headers,
               json={"name": "A" * 5_000_000})
    assert r.status_code == 413
    r = c.post(f"/api/entities/{ids['entity']}/rename", headers=headers,
               json={"name": "A" * 100_000})
    assert r.status_code == 400 and "at most 300 characters" in r.json()["error"]
    r = c.post(f"/entities/{ids['entity']}/rename",
               data={"name": "A" * 100_000, "csrf_token": admin.token})
    assert r.status_code == 400 and "at most 300 characters" in r.text
    r = c.post("/api/relations", headers=headers, json={"start": True, "end": "x"})
    assert r.status_code == 400 and "start" in r.json()["error"]
    r = c.post(f"/api/entities/{ids['entity']}/rename", headers=headers,
               content=b"[" * 100_000)
    assert r.status_code == 400 and "nests deeper than 32" in r.json()["error"]
    r = c.post(f"/api/entities/{ids['entity']}/rename", headers=headers, content=b"{]")
    assert r.status_code == 400 and "not JSON" in r.json()["error"]


def test_good_parameters_still_pass(admin: Admin) -> None:
    c, ids = admin.client, _ids(admin)
    # 465 characters, 21 words: inside the query engine's limits, twice that many bytes encoded
    arabic = "مكتب الإمدادات في الوادي " * 5 + "الوادي" * 56
    r = c.get("/search", params={"q": arabic})
    assert r.status_code == 200
    c.post("/logout", data={"csrf_token": admin.token})
    r = c.get("/search", params={"q": arabic})  # signed out: sent to sign in, and back
    assert r.status_code == 303
    assert c.get(r.headers["location"]).status_code == 200
    admin.sign_in()
    assert c.get("/search", params={"q": "flour", "page": "2", "sort": "date"}).status_code == 200
    blank = {"q": "flour", "page": "", "hijri_year": "", "issuer": ""}  # a form's blank fields
    assert c.get("/search", params=blank).status_code == 200
    assert c.get(f"/documents/{ids['doc']}", params={"evidence": "0-5"}).status_code == 200
    r = c.get(f"/api/entities/{ids['entity']}", params={"limit": "1", "offset": "0"})
    assert r.status_code == 200 and r.json()["limit"] == 1


# -- the fuzz over every route ---------------------------------------------------------------


def _routes() -> list[tuple[str, str]]:
    app = create_app(":memory:")
    return sorted({(method, route.path) for route in app.routes if isinstance(route, Route)
                   for method in route.methods or () if method != "HEAD"})


ROUTES = _routes()
_PLAIN = st.characters(blacklist_categories=("Cs",))  # what a client can send at all
SPECIAL = st.sampled_from([
    "²", "²-³", "٣", "-1", "0", "1e9", "9" * 5000, "1" * 40, "NaN", "null", "{}", "[]", "1-0",
    "5-5", "0-99999999999", "\x00", "2021-00", "9999-99", "true", " 1", "1 ", "０", "A" * 3000])
HOSTILE = st.one_of(
    SPECIAL, SPECIAL,  # twice: these are the values that have broken handlers before
    st.text(_PLAIN, max_size=40),
    st.integers().map(str),
    st.text(alphabet="0123456789-.", max_size=30),
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | HOSTILE
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=8)
OTHER_NAMES = st.text(_PLAIN, min_size=1, max_size=8)


def _params(values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Each parameter the layer knows, present about half the time, and a few unknown."""
    known = st.fixed_dictionaries({}, optional=dict.fromkeys({**RULES, **BODY_RULES}, values))
    other = st.dictionaries(OTHER_NAMES, values, max_size=2)
    return st.builds(lambda a, b: {**b, **a}, known, other)


BODY = st.one_of(
    _params(HOSTILE).map(lambda d: ("form", d)),
    _params(JSON).map(lambda d: ("json", d)),
    JSON.map(lambda v: ("json", v)),
    st.binary(max_size=60).map(lambda b: ("raw", b)),
)


def _path(template: str, values: list[str], real: dict[str, str]) -> str:
    names = re.findall(r"\{([^}]+)\}", template)
    for name, value in zip(names, values, strict=False):
        # half the time a real id, so the route gets past its lookup to its parameters
        chosen = real.get(name) if value == "" else quote(value, safe="")
        template = template.replace("{" + name + "}", chosen or "x")
    return template


@pytest.mark.parametrize(("method", "route"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
@settings(max_examples=25, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=_params(HOSTILE),
       path_values=st.lists(st.just("") | HOSTILE.filter(bool), min_size=1, max_size=2),
       body=BODY)
def test_no_route_answers_5xx(admin: Admin, method: str, route: str, query: dict[str, str],
                              path_values: list[str], body: tuple[str, Any]) -> None:
    if not admin.ids:
        admin.ids = _ids(admin)
    real = {"doc_id": admin.ids["doc"], "entity_id": admin.ids["entity"], "relation_id": "x"}
    path = _path(route, path_values, real)
    kind, payload = body
    options: dict[str, Any] = {"params": query, "headers": {"x-csrf-token": admin.token}}
    if method != "GET":
        if kind == "form":
            options["data"] = {**payload, "csrf_token": admin.token}
        elif kind == "json":
            options["json"] = payload
        else:
            options["content"] = payload
    r = admin.client.request(method, path, **options)
    assert r.status_code < 500, (method, path, query, body, r.status_code, r.text[:300])
    if route == "/logout" or admin.client.get("/api/search").status_code == 401:
        admin.sign_in()  # the fuzz signed the admin out (or renamed... nothing else can)
