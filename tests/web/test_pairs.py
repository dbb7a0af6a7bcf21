"""An original beside its translation in the reader (web/pairs.py, _pair.html): over HTTP
(the side-by-side panes, the aligned fields, the API, an editor's unlink and link), and in
Chromium at 1280 px (side by side, scrolling together) and at 375 px (stacked). Screenshots
go to test-artifacts/, or to docs/screenshots/ with SIJILL_SCREENSHOTS=docs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from sijill import pipeline
from sijill.store import Archive
from sijill.web.app import create_app
from tests.conftest import CHROMIUM, DATA, REPO
from tests.web.conftest import add_users, chromium, csrf, login, serving

SHOTS = (REPO / "docs" / "screenshots" if os.environ.get("SIJILL_SCREENSHOTS") == "docs"
         else REPO / "test-artifacts")
ARABIC = (DATA / "pairs" / "clinic-supplies.ar.txt").read_text(encoding="utf-8")
# A longer translation, so that its pane scrolls: the same letter with the clerk's list.
ENGLISH = (DATA / "pairs" / "clinic-supplies.en.txt").read_text(encoding="utf-8").replace(
    "as the stock held has run out.",
    "as the stock held has run out.\n\n" + "\n".join(
        f"{n}. Item {n} of the clinic's list, as the clerk counted it at the end of the month."
        for n in range(1, 41)))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("pairs")
    folder = root / "papers"
    folder.mkdir()
    (folder / "clinic-supplies.ar.txt").write_text(ARABIC, encoding="utf-8")
    (folder / "clinic-supplies.en.txt").write_text(
        ENGLISH.replace("314/S/1444", "314/S/1445"), encoding="utf-8")
    (folder / "unrelated.txt").write_text("A note about the water tank of the school.\n" * 3,
                                          encoding="utf-8")
    db = root / "pairs.db"
    with Archive(db) as archive:
        pipeline.ingest_paths(archive, [folder])
        ids = {name: archive.machine_documents(str(folder / name))[0].id
               for name in ("clinic-supplies.ar.txt", "clinic-supplies.en.txt", "unrelated.txt")}
        add_users(archive)
    return db, {"ar": ids["clinic-supplies.ar.txt"], "en": ids["clinic-supplies.en.txt"],
                "other": ids["unrelated.txt"]}


def test_each_reader_shows_the_other_side_and_the_aligned_fields(
        site: tuple[Path, dict[str, str]]) -> None:
    db, ids = site
    with TestClient(create_app(db, public=True)) as client:
        english = client.get(f"/documents/{ids['en']}").text
        assert 'id="pair-view"' in english and "mine-original" not in english
        assert f'<a href="/documents/{ids["ar"]}" id="pair-other">' in english
        assert '<div class="pairtext" id="pairtext" dir="rtl" lang="ar">' in english
        assert "طلب مواد طبية" in english  # the original's words, beside the translation
        assert '<tr class="verdict-differ" data-field="reference number">' in english
        assert '<tr class="verdict-agree" data-field="Hijri date">' in english
        assert "<bdi>٣١٤/ص/١٤٤٤</bdi>" in english and "pair-reference-mismatch" in english
        arabic = client.get(f"/documents/{ids['ar']}").text
        assert "pair-view mine-original" in arabic and "Green Valley Movement" in arabic
        alone = client.get(f"/documents/{ids['other']}").text
        assert 'id="pair-view"' not in alone and 'id="pair"' not in alone
        doc = client.get(f"/api/documents/{ids['en']}").json()
        [pair] = doc["pairs"]
        assert (pair["original"], pair["translation"]) == (ids["ar"], ids["en"])
        assert {f["field"]: f["verdict"] for f in pair["fields"]}["reference number"] == "differ"


def _copied(db: Path, into: Path) -> Path:
    """A copy of the module's archive, for a test that writes to it."""
    copy = into / "copy.db"
    with Archive(db) as archive:
        archive.connection.execute(f"VACUUM INTO '{copy}'")
    return copy


def test_an_editor_unlinks_and_links_from_the_reader_and_the_api(
        site: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    db, ids = site
    copy = _copied(db, tmp_path)
    with TestClient(create_app(copy), follow_redirects=False) as client:
        token = login(client, "ed")
        page = client.post(f"/documents/{ids['en']}/pairs", data={
            "csrf_token": token, "action": "unlink", "role": "original", "other": ids["ar"],
            "note": "not the same letter"})
        assert page.status_code == 303 and page.headers["location"].endswith("#pair")
        after = client.get(f"/documents/{ids['en']}").text
        assert 'id="pair-view"' not in after and "not the same letter" in after
        assert "pair-reference-mismatch" not in after  # the link's flags went with it
        made = client.post(f"/api/documents/{ids['other']}/pairs",
                           json={"other": ids["ar"], "role": "original"},
                           headers={"X-CSRF-Token": csrf(client, "/")})
        assert made.status_code == 201
        assert [(p["original"], p["basis"], p["linked_by"]) for p in made.json()["pairs"]] == \
            [(ids["ar"], "researcher", "ed")]
        again = client.post(f"/api/documents/{ids['other']}/pairs",
                            json={"other": ids["ar"], "role": "original"},
                            headers={"X-CSRF-Token": csrf(client, "/")})
        assert again.status_code == 400 and "already linked" in again.text
        listed = client.get(f"/api/documents/{ids['ar']}/pairs").json()
        assert [e["action"] for e in listed["edits"]] == ["unlink", "link"]
    with TestClient(create_app(copy), follow_redirects=False) as client:  # a reader may not
        token = login(client, "reg")
        refused = client.post(f"/documents/{ids['other']}/pairs", data={
            "csrf_token": token, "action": "unlink", "role": "original", "other": ids["ar"]})
        assert refused.status_code == 403


def test_a_corrected_number_clears_the_flag_at_once_and_its_undo_brings_it_back(
        site: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    db, ids = site
    copy = _copied(db, tmp_path)

    def codes(client: TestClient) -> list[str]:
        flags = client.get(f"/api/documents/{ids['en']}/flags").json()["flags"]
        return [f["code"] for f in flags if f["check"] == "pairs"]

    with TestClient(create_app(copy), follow_redirects=False) as client:
        token = login(client, "ed")
        assert codes(client) == ["pair-reference-mismatch"]
        made = client.post(f"/api/documents/{ids['en']}/fields",
                           json={"field": "reference_number", "text": "314/S/1445"},
                           headers={"X-CSRF-Token": token})
        assert made.status_code == 201 and codes(client) == ["pair-reference-mismatch"]
        fixed = client.post(f"/documents/{ids['en']}/fields", data={
            "csrf_token": token, "field": "reference_number", "value": "314/S/1445",
            "note": "the same words: the number stays wrong"})
        assert fixed.status_code == 303 and codes(client) == ["pair-reference-mismatch"]
        cleared = client.post(f"/api/documents/{ids['en']}/fields",
                              json={"field": "reference_number", "value": None},
                              headers={"X-CSRF-Token": token})
        assert cleared.status_code == 201 and codes(client) == []  # nothing left to differ
        edit = cleared.json()["edit"]
        back = client.post("/undo", data={"layer": "field", "edit": str(edit),
                                          "csrf_token": token})
        assert back.status_code == 303 and codes(client) == ["pair-reference-mismatch"]


@pytest.fixture(scope="module")
def served(site: tuple[Path, dict[str, str]]) -> Iterator[str]:
    with serving(create_app(site[0], public=True)) as url:
        yield url


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: scripts/setup-browser.sh")
def test_side_by_side_at_1280_scrolling_together_and_stacked_at_375(
        served: str, site: tuple[Path, dict[str, str]]) -> None:
    ids = site[1]
    SHOTS.mkdir(parents=True, exist_ok=True)
    with chromium() as browser:
        wide = browser.new_page(viewport={"width": 1280, "height": 900})
        wide.goto(f"{served}/documents/{ids['en']}")
        mine, other = wide.locator("#doctext").bounding_box(), \
            wide.locator("#pairtext").bounding_box()
        assert mine and other
        assert other["x"] > mine["x"] + mine["width"] - 1  # the original on the right
        assert abs(other["y"] - mine["y"]) < 5  # beside, not below
        assert wide.locator("#pairtext").evaluate("e => getComputedStyle(e).direction") == "rtl"
        wide.locator("#doctext").evaluate("e => { e.scrollTop = e.scrollHeight; }")
        wide.wait_for_function(
            "() => { const p = document.getElementById('pairtext');"
            " return p.scrollHeight <= p.clientHeight || p.scrollTop > 0; }")
        wide.locator("#doctext").evaluate("e => { e.scrollTop = 0; }")
        wide.wait_for_timeout(200)
        wide.screenshot(path=str(SHOTS / "pair-1280.png"), full_page=False)
        narrow = browser.new_page(viewport={"width": 375, "height": 812})
        narrow.goto(f"{served}/documents/{ids['ar']}")
        mine, other = narrow.locator("#doctext").bounding_box(), \
            narrow.locator("#pairtext").bounding_box()
        assert mine and other
        assert other["y"] >= mine["y"] + mine["height"] - 1  # stacked: the translation below
        width = narrow.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 375  # nothing wider than the phone
        narrow.locator("#pair-view").scroll_into_view_if_needed()
        narrow.screenshot(path=str(SHOTS / "pair-375.png"), full_page=False)
        table = narrow.locator("table.pair-fields tr.verdict-differ")
        assert table.count() == 1
