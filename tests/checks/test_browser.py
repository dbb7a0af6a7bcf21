"""Flags in a real browser (Debian's Chromium via Playwright, as tests/test_web_browser.py):
the reader lists a check's flag with its words, the search page filters by check, and an
editor dismisses a flag with a reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sijill import pipeline
from sijill.checks.archive import run_checks
from sijill.store import Archive
from sijill.web.app import create_app
from tests.checks.conftest import LETTER
from tests.web.conftest import CORPUS, PASSWORDS, add_users, chromium, serving, shot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("checks-browser")
    (root / "in").mkdir()
    (root / "in" / "certificates.txt").write_text(LETTER, encoding="utf-8")
    (root / "in" / "mirror.txt").write_text(
        "Home | Archive\n\n" + LETTER.replace("closing day", "last day") + "\nShare this\n",
        encoding="utf-8")
    db = root / "web.db"
    with Archive(db) as archive:
        pipeline.ingest_paths(archive, [CORPUS / "letters", root / "in"])
        run_checks(archive)
        add_users(archive)
    with serving(create_app(db)) as url:
        yield url, db


def test_flags_in_reader_facet_and_dismissal(served: tuple[str, Path]) -> None:
    url, db = served
    with Archive(db) as archive:
        [doc_id] = [d.id for d in archive.documents()
                    if (d.source.path or "").endswith("certificates.txt")]
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1360, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{url}/login")
        page.fill("input[name=name]", "ed")
        page.fill("input[name=password]", PASSWORDS["ed"])
        page.click("form.narrow button[type=submit]")
        page.wait_for_selector(".user[data-role]")
        # the search page's Check facet narrows to the calendar check's documents
        page.goto(f"{url}/search?q=certificates")
        facet = page.locator("ul.facet[data-facet=check]")
        assert "calendar" in facet.inner_text()
        facet.locator("a", has_text="calendar").first.click()
        page.wait_for_selector("ol.hits li")
        assert "check=calendar" in page.url
        shot(page, "checks-facet")
        # the reader lists the flag with the check, the words, and a variant side by side
        page.goto(f"{url}/documents/{doc_id}")
        item = page.locator("#flags li[data-check=calendar]")
        assert "calendar-weekday" in item.inner_text()
        assert item.locator("a.flag-span q").inner_text() == "12 March 2019"
        assert "closing" in page.inner_text("#variants table")
        shot(page, "checks-reader")
        # an editor dismisses it with a reason: gone from the list, kept under Dismissed
        item.locator("summary").click()
        item.locator("input[name=reason]").fill("the scan reads Tuesday")
        item.locator("button[type=submit]").click()
        page.wait_for_selector("#flags ul.dismissed")
        assert page.locator("#flags li[data-check=calendar]").count() == 0
        assert "the scan reads Tuesday" in page.inner_text("#flags ul.dismissed")
        shot(page, "checks-dismissed")
    assert not errors
