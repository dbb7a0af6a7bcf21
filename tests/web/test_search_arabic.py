"""Arabic search through the web app (Starlette's test client): the search page and the JSON
API find a letter by an Arabic word in another spelling and by a name typed in the other
script, and say which spellings they added. Fictional letters: tests/data/arabic-search."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from sijill import pipeline
from sijill.store import Archive
from sijill.web.app import create_app
from tests.conftest import REPO
from tests.web.conftest import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
FOLDER = REPO / "tests" / "data" / "arabic-search"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("webarabic") / "web.db"
    with Archive(db) as archive:
        pipeline.ingest_paths(archive, [FOLDER])
        titles = {d.id: Path(d.source.path or "").stem for d in archive.documents()}
    with TestClient(create_app(db, public=True), follow_redirects=False) as opened:
        opened.titles = titles  # type: ignore[attr-defined]
        yield opened


def _found(client: TestClient, query: str) -> set[str]:
    r = client.get("/api/search", params={"q": query})
    assert r.status_code == 200, r.text
    return {client.titles[h["id"]] for h in r.json()["results"]}  # type: ignore[attr-defined]


def test_the_api_finds_arabic_words_in_every_spelling(client: TestClient) -> None:
    assert _found(client, "ابراهيم") == {"salaries", "repairs"}
    assert _found(client, "مدرسة") == {"salaries", "repairs"}
    assert _found(client, "مستشفي") == {"salaries", "repairs"}


def test_the_api_finds_names_across_scripts(client: TestClient) -> None:
    assert _found(client, "Abu Malik al-Talli") == {"salaries", "supplies"}
    assert _found(client, "التلي") == {"salaries", "supplies"}
    data = client.get("/api/search", params={"q": "Talli"}).json()
    assert data["variants"]["Talli"] == ["التلي"]


def test_the_page_shows_the_hits_and_the_added_spellings(client: TestClient) -> None:
    page = client.get("/search", params={"q": "Talli"})
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert int(re.search(r'id="total">(\d+)<', page.text)[1]) == 2  # type: ignore[index]
    assert "Talli also as التلي" in text
    assert "<mark>التلي</mark>" in text
