"""OCR of scans and image-only PDFs (sijill.ingest.ocr), on a handful of generated pages.

Needs Debian's Tesseract with its Arabic model (scripts/setup-ocr.sh, called by test.sh).
"""

from __future__ import annotations

import io
import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from sijill import ingest, pipeline
from sijill.errors import IngestError
from sijill.ingest import load, ocr
from sijill.ingest.ocr import Layout
from sijill.store import Archive
from sijill.store.search import search
from sijill.synth import arabic

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None,
                                reason="Tesseract missing: run scripts/setup-ocr.sh")


def _cer(found: str, truth: str) -> float:
    a, b = (" ".join(unicodedata.normalize("NFKC", t).split()) for t in (found, truth))
    return Levenshtein.distance(a, b) / len(b)


@pytest.fixture(scope="module")
def letter() -> arabic.Letter:
    return arabic.letter(8)


@pytest.fixture(scope="module")
def page(letter: arabic.Letter):  # noqa: ANN201 - a PIL image
    return arabic.render(letter.text, letter.font)


def _bytes(image, fmt: str, **kw) -> bytes:  # noqa: ANN001
    buf = io.BytesIO()
    image.save(buf, fmt, **kw)
    return buf.getvalue()


@pytest.fixture(scope="module")
def png_source(page, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN001, ANN201
    path = tmp_path_factory.mktemp("scan") / "letter.png"
    path.write_bytes(_bytes(page, "PNG"))
    return load(path)


def test_a_png_scan_is_read_as_arabic_text(png_source, letter: arabic.Letter) -> None:  # noqa: ANN001
    assert png_source.media_type == "image/png"
    assert _cer(png_source.text, letter.text) < 0.15
    assert "الموضوع" in png_source.text


def test_every_word_maps_to_its_offsets_page_and_box(png_source, page) -> None:  # noqa: ANN001
    layout = Layout.from_json(png_source.layout)
    assert layout.pages == [page.size]
    assert layout.words and not layout.failed
    words = set(png_source.text.split())
    for w in layout.words:
        assert png_source.text[w.start:w.end] in words
        left, top, width, height = w.box
        assert left >= 0 and left + width <= page.width and top >= 0 and top + height <= page.height
    # the layout round-trips, and a span finds the boxes of its words, on its line
    assert Layout.from_json(layout.to_json()) == layout
    start = png_source.text.index("الموضوع")
    boxes = layout.boxes(start, start + len("الموضوع"))
    assert len(boxes) == 1 and boxes[0][0] == 0
    first_line_box = layout.words[0].box
    assert boxes[0][1][1] > first_line_box[1]  # below the basmala


@pytest.mark.parametrize(("fmt", "suffix", "media_type"), [
    ("JPEG", ".jpg", "image/jpeg"), ("WEBP", ".webp", "image/webp"),
])
def test_jpeg_and_webp(page, tmp_path: Path, fmt: str, suffix: str, media_type: str) -> None:  # noqa: ANN001
    path = tmp_path / f"scan{suffix}"
    path.write_bytes(_bytes(page, fmt, quality=85))
    source = load(path)
    assert source.media_type == media_type and "الموضوع" in source.text


def test_a_multipage_tiff_gives_every_page_with_its_number(page, tmp_path: Path) -> None:  # noqa: ANN001
    second = arabic.render(arabic.letter(5).text, arabic.letter(5).font)
    buf = io.BytesIO()
    page.save(buf, "TIFF", save_all=True, append_images=[second], compression="tiff_deflate")
    path = tmp_path / "two.tif"
    path.write_bytes(buf.getvalue())
    source = load(path)
    layout = Layout.from_json(source.layout)
    assert len(layout.pages) == 2
    assert {w.page for w in layout.words} == {0, 1}
    # the second page's words come after the first page's
    assert max(w.end for w in layout.words if w.page == 0) < min(
        w.start for w in layout.words if w.page == 1)


def test_an_image_is_sniffed_without_its_extension(page, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "scan0001"
    path.write_bytes(_bytes(page, "PNG"))
    assert load(path).media_type == "image/png"


def test_an_image_only_pdf_is_read_by_ocr(page, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "scan.pdf"
    page.convert("RGB").save(path, "PDF", resolution=200)
    source = load(path)
    assert source.media_type == "application/pdf" and "الموضوع" in source.text
    layout = Layout.from_json(source.layout)
    assert layout.dpi == ocr.DPI and len(layout.pages) == 1


@pytest.mark.parametrize(("data", "expected"), [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "unreadable image"),
    (b"not an image at all, but named as one", "unreadable image"),
])
def test_a_bad_image_is_refused_with_its_reason(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "bad.png"
    path.write_bytes(data)
    with pytest.raises(IngestError) as caught:
        load(path)
    assert caught.value.reason.startswith(expected)


def test_a_truncated_image_is_refused(page, tmp_path: Path) -> None:  # noqa: ANN001
    data = _bytes(page, "JPEG")
    path = tmp_path / "half.jpg"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(IngestError) as caught:
        load(path)
    assert caught.value.reason.startswith("unreadable image")


def test_a_blank_page_has_no_text(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "blank.png"
    Image.new("L", (600, 800), 255).save(path)
    with pytest.raises(IngestError) as caught:
        load(path)
    assert caught.value.reason.startswith("OCR found no text")


def test_a_page_over_its_time_limit_is_refused_with_the_reason(
        page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(ocr, "PAGE_TIMEOUT", 0.01)
    path = tmp_path / "slow.png"
    path.write_bytes(_bytes(page, "PNG"))
    with pytest.raises(IngestError) as caught:
        load(path)
    assert caught.value.reason == "OCR failed: page 1: OCR timed out after 0.01 s"


def test_without_tesseract_the_reason_says_how_to_install_it(
        page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    path = tmp_path / "x.png"
    path.write_bytes(_bytes(page, "PNG"))
    with pytest.raises(IngestError) as caught:
        load(path)
    assert "scripts/setup-ocr.sh" in caught.value.reason


def test_progress_is_reported_page_by_page(page) -> None:  # noqa: ANN001
    seen: list[tuple[int, int]] = []
    small = page.resize((page.width // 2, page.height // 2))
    ocr.ocr_image(_bytes(small, "PNG"), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 1)]


def test_a_folder_of_scans_is_stored_searchable_with_its_layout(
        page, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "letter.png").write_bytes(_bytes(page, "PNG"))
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 broken")
    with Archive(tmp_path / "a.db") as archive:
        report = pipeline.ingest_paths(archive, [folder])
        assert [Path(p).name for p in report.added] == ["letter.png"]
        assert [(Path(p).name, r.split(":")[0]) for p, r in report.failed] == [
            ("broken.jpg", "unreadable image")]
        hits = search(archive.connection, "الموضوع")
        assert hits.total == 1
        layout = json.loads(archive.source_layout(str(folder / "letter.png")) or "{}")
        assert layout["words"] and layout["pages"] == [list(page.size)]
        # the stored document was parsed as Arabic: its fields are spans of the OCR'd text
        [doc] = archive.machine_documents(str(folder / "letter.png"))
        assert doc.language == "ar" and doc.subject is not None
        assert doc.text[doc.subject.start:doc.subject.end] == doc.subject.text


def test_a_text_pdf_keeps_its_text_layer() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for n in range(12):
        pdf.cell(0, 8, f"Line {n} of an ordinary letter about school supplies.", new_x="LMARGIN",
                 new_y="NEXT")
    source = ingest.load_bytes(bytes(pdf.output()), path="letter.pdf")
    assert source.layout is None and "school supplies" in source.text


def test_a_thin_or_garbled_text_layer_counts_as_none() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 8, "p. 1")
    data = bytes(pdf.output())
    assert ocr.poor_text_layer("p. 1", data)
    assert ocr.poor_text_layer("\ue001\ue002\ue003 " * 30, data)
    assert not ocr.poor_text_layer("An ordinary letter about school supplies. " * 3, data)
