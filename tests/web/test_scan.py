"""The reader shows the scan an OCR'd document came from, with a span's words highlighted:
over HTTP, and in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from sijill import pipeline
from sijill.store import Archive
from sijill.synth import arabic
from sijill.web.app import create_app
from tests.conftest import CHROMIUM, REPO
from tests.web.conftest import chromium, serving

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None,
                                reason="Tesseract missing: run scripts/setup-ocr.sh")
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    root = tmp_path_factory.mktemp("scanweb")
    scans = root / "scans"
    scans.mkdir()
    letter = arabic.letter(8)
    arabic.render(letter.text, letter.font).save(scans / "letter.png")
    db = root / "scan.db"
    with Archive(db) as archive:
        report = pipeline.ingest_paths(archive, [scans])
        assert report.ok
        [doc] = archive.machine_documents(str(scans / "letter.png"))
    return db, doc.id, scans / "letter.png"


def _yellow(png: bytes) -> int:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(1 for r, g, b in image.get_flattened_data() if r > 220 and g > 200 and b < 180)


def test_the_scan_page_highlights_the_span(archive_db: tuple[Path, str, Path]) -> None:
    db, doc_id, _ = archive_db
    with TestClient(create_app(db, public=True)) as client:
        doc = client.get(f"/api/documents/{doc_id}").json()
        subject = doc["subject"]
        plain = client.get(f"/documents/{doc_id}/scan/1.png")
        assert plain.status_code == 200 and plain.headers["content-type"] == "image/png"
        assert _yellow(plain.content) == 0
        marked = client.get(f"/documents/{doc_id}/scan/1.png",
                            params={"start": subject["start"], "end": subject["end"]})
        assert _yellow(marked.content) > 500
        assert client.get(f"/documents/{doc_id}/scan/2.png").status_code == 404
        page = client.get(f"/documents/{doc_id}", params={"span": "0-5"})
        assert "/scan/1.png?start=0&amp;end=5" in page.text


def test_a_text_document_has_no_scan_and_a_moved_scan_is_a_clear_404(
        archive_db: tuple[Path, str, Path], tmp_path: Path) -> None:
    db, doc_id, path = archive_db
    with TestClient(create_app(db, public=True)) as client:
        moved = tmp_path / "moved.png"
        shutil.move(path, moved)
        try:
            response = client.get(f"/documents/{doc_id}/scan/1.png")
            assert response.status_code == 404
            assert "no longer readable" in response.text
        finally:
            shutil.move(moved, path)
        original = path.read_bytes()
        try:
            path.write_bytes(original + b"\0")  # other bytes at the same path
            response = client.get(f"/documents/{doc_id}/scan/1.png")
            assert response.status_code == 404 and "has changed" in response.text
        finally:
            path.write_bytes(original)
        assert client.get(f"/documents/{doc_id}/scan/1.png").status_code == 200
        assert client.get("/documents/nope-0/scan/1.png").status_code == 404


@pytest.fixture(scope="module")
def served(archive_db: tuple[Path, str, Path]) -> Iterator[str]:
    with serving(create_app(archive_db[0], public=True)) as url:
        yield url


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: scripts/setup-browser.sh")
def test_the_reader_shows_the_scan_with_the_subject_highlighted(
        served: str, archive_db: tuple[Path, str, Path]) -> None:
    _, doc_id, _ = archive_db
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{served}/documents/{doc_id}")
        page.click("a.scan-span:has-text('subject')")
        page.wait_for_url("**span=*")
        image = page.locator("img.scan-page")
        image.scroll_into_view_if_needed()
        page.wait_for_function(
            "() => { const i = document.querySelector('img.scan-page');"
            " return i && i.complete && i.naturalWidth > 0; }")
        src = image.get_attribute("src") or ""
        assert "start=" in src and "end=" in src
        shot = image.screenshot()
        assert _yellow(shot) > 200  # the highlight is visible on the page as shown
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "reader-scan.png"), full_page=True)
