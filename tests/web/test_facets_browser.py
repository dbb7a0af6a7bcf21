"""The search page's facets in a real browser (Debian's Chromium via Playwright): the
Province facet lists territorial levels, never an office; an entity is shown by its name,
once whatever its spelling, and choosing it keeps its name on the page and gives as many
documents as the facet said. Screenshot: test-artifacts/facets-search.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from sijill import pipeline
from sijill.store import Archive
from sijill.web.app import create_app
from tests.web.conftest import CORPUS, chromium, port_in, serving, shot

pytestmark = pytest.mark.browser
PORTS = range(8860, 8870)  # this test's own range on 127.0.0.1
OFFICE = re.compile(r"\b(Office|Diwan|Committee|Section|Commission)\b")


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db: Path = tmp_path_factory.mktemp("facets") / "f.db"
    with Archive(db) as archive:
        pipeline.ingest_paths(archive, [CORPUS])
    with serving(create_app(db, public=True), port_in(PORTS)) as base:
        yield base


def test_province_and_entity_facets(url: str) -> None:
    with chromium() as browser:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(f"{url}/search")
        provinces = page.locator("ul[data-facet=province] li a bdi").all_inner_texts()
        assert provinces and not [p for p in provinces if OFFICE.search(p)]
        page.goto(f"{url}/search?q=flour")
        entities = page.locator("ul[data-facet=entity] li")
        names = entities.locator("bdi").all_inner_texts()
        assert len(names) == len(set(names))  # one entry per entity
        qadiri = [n for n in names if "adiri" in n]
        assert len(qadiri) == 1  # al-Qadiri and al-Kadiri are one man
        entry = entities.filter(has_text=qadiri[0])
        count = int(entry.locator(".n").inner_text())
        entry.locator("a").click()
        page.wait_for_selector("ul[data-facet=entity] li.chosen")
        assert page.inner_text("ul[data-facet=entity] li.chosen bdi") == qadiri[0]
        assert int(page.inner_text("#total")) == count
        assert "entity=" in page.url and qadiri[0] not in page.url.replace("+", " ")
        shot(page, "facets-search")
