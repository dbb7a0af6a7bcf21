"""A researcher's searches in a real browser (Debian's Chromium via Playwright, uvicorn on
127.0.0.1): a two-word name unquoted, a Boolean query, a Hijri month, a field; a query
mistake explained on the page; saving a search and seeing its alert after a new file is
ingested; tagging a document and finding it by tag. Screenshots at 1280 and 375 px go to
test-artifacts/query-*.png (docs/screenshots/ holds a copy of one run's, for the docs)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sijill import pipeline
from sijill.store import Archive
from sijill.web.app import create_app
from tests.web.conftest import ARTIFACTS, Served, build_archive, chromium, port_in, serving, sign_in

pytestmark = pytest.mark.browser
SHOTS = ARTIFACTS
PORTS = range(8150, 8200)  # this test's own range on 127.0.0.1
WIDTHS = (1280, 375)

NEW_LETTER = """\
Southern Plains Relief Office

Date: 9 May 2023

Subject: glassware for the clinic laboratory

The clinic received twelve boxes of glassware from the Tell Sabra stores.
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("qbrowser")
    db = build_archive(root / "web.db")
    with serving(create_app(db), port_in(PORTS)) as url:
        yield Served(url, db, root)


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def page(request: pytest.FixtureRequest) -> Iterator[tuple[object, int]]:
    with chromium() as launched:
        context = launched.new_context(viewport={"width": request.param, "height": 900})
        yield context.new_page(), request.param


def _shot(page: object, name: str, width: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"query-{name}-{width}.png"))  # type: ignore[attr-defined]


def _search(page: object, served: Served, query: str) -> int:
    page.goto(f"{served.url}/search")  # type: ignore[attr-defined]
    page.fill("form.big-search input[name=q]", query)  # type: ignore[attr-defined]
    page.press("form.big-search input[name=q]", "Enter")  # type: ignore[attr-defined]
    page.wait_for_selector("#total, #query-error")  # type: ignore[attr-defined]
    if page.query_selector("#query-error"):  # type: ignore[attr-defined]
        return -1
    return int(page.inner_text("#total"))  # type: ignore[attr-defined]


def test_a_researchers_searches(served: Served, page: tuple) -> None:
    p, width = page
    sign_in(p, served, "ed")
    # a two-word name, unquoted: both spellings of the letters are found
    assert _search(p, served, "Abu Hamza al-Jolani") >= 2
    assert "jowlani" in p.inner_text(".summary")
    _shot(p, "name", width)
    flour, sugar = _search(p, served, "flour"), _search(p, served, "sugar")
    both = _search(p, served, "flour OR sugar")
    assert max(flour, sugar) <= both <= flour + sugar
    _shot(p, "boolean", width)
    assert _search(p, served, "hijri:1436") > 0
    _shot(p, "hijri", width)
    assert _search(p, served, "from:Haddad") > 0
    # a mistake is explained, not a server error
    assert _search(p, served, "(flour OR sugar") == -1
    assert "never closed" in p.inner_text("#query-error")
    _shot(p, "error", width)


def test_save_a_search_alert_and_tag(served: Served, page: tuple) -> None:
    p, width = page
    sign_in(p, served, "ed")
    name = f"glass {width}"
    _search(p, served, "glassware OR beakers")
    p.fill("form.save-search input[name=name]", name)
    p.click("form.save-search button[type=submit]")
    p.wait_for_selector(f"section.alert[data-search='{name}']")
    section = f"section.alert[data-search='{name}']"
    assert p.inner_text(f"{section} .new-count") == "0 new"
    letter = served.live / f"glassware-{width}.txt"
    letter.write_text(NEW_LETTER.replace("twelve", f"{width} "), encoding="utf-8")
    with Archive(served.db) as archive:
        pipeline.ingest_paths(archive, [letter])
    p.reload()
    assert p.inner_text(f"{section} .new-count") == "1 new"
    assert "glassware" in p.inner_text(f"{section} ol.hits")
    _shot(p, "alerts", width)
    # tag the new document from the reader, then find it by the tag
    p.click(f"{section} ol.hits a.hit-title")
    p.wait_for_selector("#labels")
    tag = f"lab-{width}"
    p.fill("form.add-tag input[name=tag]", tag)
    p.click("form.add-tag button[type=submit]")
    p.wait_for_selector(f"#labels ul.tags a >> text={tag}")
    _shot(p, "tagged", width)
    assert _search(p, served, f"tag:{tag}") == 1
    p.goto(f"{served.url}/alerts")
    p.click("#mark-seen")
    p.wait_for_selector(f"{section} .new-count")
    assert p.inner_text(f"{section} .new-count") == "0 new"
