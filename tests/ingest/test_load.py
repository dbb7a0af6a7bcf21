"""Ingest: encodings, HTML through trafilatura, PDFs through pypdf, boilerplate, bad files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.errors import IngestError
from sijill.ingest import iter_files, load, load_bytes, strip_boilerplate
from sijill.ingest.normalize import normalize
from sijill.model import sha256_hex
from tests.conftest import DATA, SEED

BAD = DATA / "bad"
FIXTURES = DATA / "ingest"

ARABIC = "الديوان: مكتب المدارس\nالرقم: 12/445\nالتاريخ: 8 محرم 1443 هـ\nالموضوع: رواتب المعلمين"
LETTER_LINES = ["Green Valley Council", "Office of Clinics", "Number: GV/12/3302",
                "Subject: supply of bandages to the clinic"]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def reason(path: Path) -> str:
    with pytest.raises(IngestError) as caught:
        load(path)
    assert caught.value.path == str(path)
    assert str(caught.value) == f"{path}: {caught.value.reason}"
    return caught.value.reason


def make_pdf(pages: list[list[str]]) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# --- encodings ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "encoding"), [
    (ARABIC, "cp1256"),
    ("Qita' al-Sahil – café, 12 receipts", "cp1252"),
    ("Qita' al-Sahil: the café in Zürich paid 40 francs.", "latin-1"),
    (ARABIC, "utf-16"),  # Python writes a byte-order mark
    ("Qita' al-Sahil – café\n٨ محرم ١٤٤٣ هـ", "utf-8-sig"),
    ("Qita' al-Sahil – café\n٨ محرم ١٤٤٣ هـ", "utf-8"),
    ("Number: 12/445\nQita' al-Sahil – café", "utf-16-le"),  # no mark: told by its NULs
    ("Number: 12/445\nQita' al-Sahil – café", "utf-16-be"),
])
def test_each_encoding_decodes_to_the_same_text(tmp_path: Path, text: str, encoding: str) -> None:
    data = text.encode(encoding)
    source = load(write(tmp_path, "letter.txt", data))
    assert source.text == text
    assert source.media_type == "text/plain"
    assert source.sha256 == sha256_hex(data)
    assert source.path == str(tmp_path / "letter.txt")


def test_short_cp1256_arabic_date_decodes(tmp_path: Path) -> None:
    text = "التاريخ: 8 محرم 1443 هـ"
    assert load(write(tmp_path, "date.txt", text.encode("cp1256"))).text == text


def test_utf8_with_a_stray_byte_is_reported_with_its_offset(tmp_path: Path) -> None:
    good = "Subject: “bandages” for the clinic in Tall Sakhr\n".encode()
    data = good + b"Forty boxes \xff of bandages.\n"
    assert reason(write(tmp_path, "stray.txt", data)) == f"invalid UTF-8 at byte {len(good) + 12}"


def test_utf8_cut_inside_a_character_is_reported(tmp_path: Path) -> None:
    data = "الرقم: 12/445".encode()[:-1] + "محرم".encode()[:3]
    assert reason(write(tmp_path, "cut.txt", data)).startswith("invalid UTF-8 at byte ")


def test_bad_utf16_after_its_mark_is_reported(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "Number: 1".encode("utf-16-le") + b"\x00\xdc"  # lone surrogate
    assert reason(write(tmp_path, "bad16.txt", data)) == "invalid UTF-16 at byte 20"


def test_text_is_normalised(tmp_path: Path) -> None:
    raw = "\ufeffLine one  \r\nLine\x00 two\t\rcafe\u0301\x07\n\n\n\n\n\nEnd \u2028next line\n\n"
    source = load(write(tmp_path, "messy.txt", raw.encode()))
    assert source.text == "Line one\nLine two\ncafé\n\n\nEnd\nnext line"


@given(st.text())
def test_normalize_is_idempotent_and_clean(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert "\r" not in once and "\x00" not in once and "\n\n\n\n" not in once
    assert all(line == line.rstrip() for line in once.split("\n"))


# --- HTML ---------------------------------------------------------------------------------

def test_html_page_keeps_provenance_and_line_structure() -> None:
    source = load(FIXTURES / "wordpress-specimens.html")
    assert source.media_type == "text/html"
    assert source.title == "Specimen 4A: Salary Register of the Eastern Schools Office"
    assert source.url == "https://archive.example.org/2022/03/14/specimen-4a-salary-register/"
    assert source.published == "2022-03-14"
    lines = source.text.split("\n")
    assert lines[0] == source.title  # trafilatura drops the <h1>; the title leads again
    for line in ["Green Valley Council", "Eastern Province", "Office of Schools",
                 "Number: GV/12/3301", "Date: 8 Muharram 1443 AH [17 August 2021 CE]",
                 "Document 2", "Office of Clinics", "cc. Archive (for the record)"]:
        assert line in lines
    assert "\n\nDocument 2\n\n" in source.text
    assert source.text.endswith("obtained from a fictional archive used for testing.")
    for junk in ["Home", "About", "Share this", "Like", "Related", "Posted in", "Tagged",
                 "Previous", "Leave a Reply", "commenting", "cookies", "WordPress.com"]:
        assert junk not in source.text, junk


def test_br_paragraphs_of_a_blogger_page_become_lines_and_paragraphs() -> None:
    source = load(FIXTURES / "blogger-notice.html")
    assert source.url == "https://papertrails.example.net/2021/05/notice.html"
    assert source.text.startswith(
        "Notice on market hours\n\nBelow is a notice from a fictional municipal office.\n\n"
        "Riverside Municipality\nOffice of Markets\n\nNumber: RM/44/17\nDate: 3 Ramadan 1442 AH"
    )
    assert "Archive" not in source.text and "Older Post" not in source.text


def test_html_is_sniffed_and_decoded_by_its_declared_charset(tmp_path: Path) -> None:
    page = ('<!-- saved from url=(0033)https://papertrails.example.net/ -->\n<!DOCTYPE html>'
            '<html><head><meta charset="windows-1256"><title>Receipt</title></head><body>'
            f'<article><p>{ARABIC.replace(chr(10), "<br>")}</p>'
            '<p>Received by the office of schools for the month of Safar.</p></article>'
            '</body></html>')
    source = load(write(tmp_path, "receipt.dat", page.encode("cp1256")))
    assert source.media_type == "text/html"
    assert source.url == "https://papertrails.example.net/"
    assert ARABIC in source.text
    assert source.text.startswith("Receipt\n\n")


def test_html_table_rows_become_lines() -> None:
    page = ("<html><head><title>Salaries</title></head><body><article>"
            "<p>The office of schools paid these salaries for the month of Safar.</p>"
            "<table><tr><td>Abu Karim</td><td>120 dollars</td></tr>"
            "<tr><td>Abu Nasir</td><td>95 dollars</td></tr></table>"
            "<p>Office of Schools</p></article></body></html>")
    text = load_bytes(page.encode(), path="salaries.html").text
    assert "Abu Karim\t120 dollars\nAbu Nasir\t95 dollars" in text


def test_media_type_given_by_the_caller_wins() -> None:
    html = b"<html><body><p>Number: 5</p><p>Salaries are paid on Thursday.</p></body></html>"
    as_text = load_bytes(html, media_type="text/plain")
    assert as_text.media_type == "text/plain" and as_text.text.startswith("<html>")
    as_html = load_bytes(html, media_type="text/html; charset=utf-8", path="page")
    assert as_html.media_type == "text/html" and "<" not in as_html.text
    with pytest.raises(IngestError, match="unsupported media type application/zip"):
        load_bytes(b"PK\x03\x04", media_type="application/zip")


# --- PDF ----------------------------------------------------------------------------------

def test_pdf_text_layer_pages_joined_by_a_blank_line(tmp_path: Path) -> None:
    data = make_pdf([LETTER_LINES, ["Page two: the clinic received the boxes."]])
    source = load(write(tmp_path, "letter.pdf", data))
    assert source.media_type == "application/pdf"
    assert source.text == "\n".join(LETTER_LINES) + "\n\nPage two: the clinic received the boxes."


def test_pdf_is_sniffed_without_its_extension(tmp_path: Path) -> None:
    assert load(write(tmp_path, "scan0001", make_pdf([LETTER_LINES]))).media_type == (
        "application/pdf")


def test_truncated_pdf_is_unreadable(tmp_path: Path) -> None:
    data = make_pdf([LETTER_LINES])
    assert reason(write(tmp_path, "half.pdf", data[: len(data) // 2])).startswith(
        "unreadable PDF: ")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 80, 40)  # a drawing, no text: what a scan looks like to pypdf
    assert reason(write(tmp_path, "scan.pdf", bytes(pdf.output()))) == (
        "PDF has no text layer (scanned?), and OCR found no text"
        " (a blank page, or a picture without writing?)")


def encrypted_pdf(user_password: str) -> bytes:
    pdf = FPDF()
    pdf.set_encryption(owner_password="office", user_password=user_password)
    pdf.add_page()
    pdf.set_font("helvetica")
    pdf.cell(0, 10, "Salaries for Safar")
    return bytes(pdf.output())


def test_encrypted_pdf_is_reported_unless_its_user_password_is_empty(tmp_path: Path) -> None:
    assert reason(write(tmp_path, "locked.pdf", encrypted_pdf("secret"))) == (
        "encrypted PDF (a password is needed)")
    assert load(write(tmp_path, "restricted.pdf", encrypted_pdf(""))).text == "Salaries for Safar"


def test_pdf_name_on_other_content(tmp_path: Path) -> None:
    assert reason(write(tmp_path, "page.pdf", b"<html>not found</html>")) == (
        "unreadable PDF: no %PDF- header")


# --- bad files ----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "data", "expected"), [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t\r\n  ", "empty file"),
    ("blank16.txt", codecs.BOM_UTF16_LE + " \n ".encode("utf-16-le"), "empty file"),
    # a PNG's header with nothing readable after it: a damaged image (scans are OCR'd)
    ("image.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "unreadable image"),
    ("noise.txt", bytes(range(1, 32)) * 20, "binary file"),
    ("only-boilerplate.txt", b"Leave a Reply\nYou are commenting using your account.",
     "no text left after removing web boilerplate"),
])
def test_bad_files_are_reported(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    assert reason(write(tmp_path, name, data)).startswith(expected)


def test_missing_path_and_folder_are_reported(tmp_path: Path) -> None:
    assert reason(tmp_path / "nope.txt") == "no such file"
    assert reason(tmp_path) == "is a folder, not a file"


def test_bad_folder_fixture_reports_each_file_and_reads_the_good_one() -> None:
    reasons: dict[str, str] = {}
    for path in iter_files([BAD]):
        try:
            load(path)
            reasons[path.name] = "ok"
        except IngestError as exc:
            reasons[path.name] = exc.reason
    assert reasons["good.txt"] == "ok"
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.bin"] == (  # PNG magic, then noise: a damaged image
        "unreadable image: not a PNG, JPEG, TIFF or WebP Pillow can read")
    assert reasons["truncated.pdf"].startswith("unreadable PDF: ")
    assert reasons["invalid-utf8.txt"] == "invalid UTF-8 at byte 131"
    assert len(reasons) == 5


def test_load_bytes_names_a_pathless_source() -> None:
    with pytest.raises(IngestError) as caught:
        load_bytes(b"")
    assert str(caught.value) == "<bytes>: empty file"


# --- iter_files ---------------------------------------------------------------------------

def test_iter_files_walks_sorted_and_skips_hidden_and_archives(tmp_path: Path) -> None:
    for name in ["b/2.txt", "b/10.txt", "a.txt", ".git/config", "b/.hidden.txt",
                 "sijill.db", "sijill.db-wal", "c/d/e.html"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    missing = tmp_path / "missing.txt"
    found = list(iter_files([tmp_path, tmp_path / "a.txt", missing, tmp_path / "sijill.db"]))
    names = [p.relative_to(tmp_path).as_posix() for p in found]
    assert names == ["a.txt", "b/10.txt", "b/2.txt", "c/d/e.html", "missing.txt", "sijill.db"]


# --- boilerplate --------------------------------------------------------------------------

def test_seed_loses_exactly_its_comment_block() -> None:
    if not SEED.exists():
        pytest.skip("../shared/seeds is not beside the repo")
    raw = SEED.read_text(encoding="utf-8")
    text = load(SEED).text
    assert text == normalize(raw[: raw.index("Leave a Reply")])
    assert text.startswith("Contact between the Ansar Abu Bakr al-Siddiq Squadron")
    assert text.endswith("so the matter was not implemented.")
    assert "NB: this document was shown" in text


def test_blog_copy_keeps_its_body_and_loses_the_web_page() -> None:
    text = load(FIXTURES / "blog-copy.txt").text
    assert text.startswith("Specimen 7: Transfer of a Teacher\n\nGreen Valley Council\n")
    assert "Posted in the school office on Sunday." in text  # a body line, not a category
    assert text.endswith("NB: the reference number was partly illegible in the original.")
    for junk in ["Skip to content", "Menu", "Home |", "Posted on May", "Share this", "Twitter",
                 "Like", "Related", "Tagged", "Previous", "Leave a Reply"]:
        assert junk not in text, junk


def test_boilerplate_inside_a_document_leaves_no_gap() -> None:
    text = "Subject: clinic\n\nLike Loading...\n\nThe clinic opens at eight.\nAdvertisements\nEnd."
    assert strip_boilerplate(text) == "Subject: clinic\n\nThe clinic opens at eight.\nEnd."


@pytest.mark.parametrize("byline", [
    "Posted on 14 February 2021 by Wadi Archive Editor",
    "Posted on 3 March 2019 by greenvalleyfiles",
    "Posted on May 3, 2021 by admin",
])
def test_a_blog_byline_under_the_title_goes(byline: str) -> None:
    text = f"Specimen 4: Clinic Rota\n\n{byline}\n\nOffice of Clinics\n\nThe rota is attached."
    kept = "Specimen 4: Clinic Rota\n\nOffice of Clinics\n\nThe rota is attached."
    assert strip_boilerplate(text) == kept


def test_a_letter_line_about_posting_stays() -> None:
    text = "Clinics\n\nPosted on 14 February 2021 by the clinic guard at the gate.\n\nEnd."
    assert strip_boilerplate(text) == text


@pytest.mark.parametrize("line", [
    "Related to your letter of 3 Safar, we inform you of the following.",
    "Share this notice with the brothers of the market.",
    "Posted in the market of Tall Sakhr.",
    "The comments are closed until the committee meets.",
    "Home affairs office",
    "Next meeting: Thursday",
])
def test_body_lines_that_look_like_web_furniture_stay(line: str) -> None:
    text = f"Green Valley Council\n\n{line}\n\n{line}\n\nOffice of Schools\n\n{line}"
    assert strip_boilerplate(text) == text


@given(st.text(alphabet=st.characters(codec="utf-8"))
       | st.lists(st.sampled_from(["Leave a Reply", "Related", "Like Loading...", "Share this:",
                                   "Twitter", "Home", "", " ", "Body line.", "Posted in X"]))
       .map("\n".join))
def test_strip_boilerplate_never_raises_or_grows(text: str) -> None:
    out = strip_boilerplate(text)
    assert len(out) <= len(text)
    assert set(out.split("\n")) <= set(text.split("\n")) | {""}


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000)
       | st.binary(max_size=500).map(lambda b: b"%PDF-1.4\n" + b)
       | st.text(max_size=500).map(lambda t: f"<!doctype html><html><p>{t}</p>".encode()))
def test_load_bytes_raises_only_ingest_errors(data: bytes) -> None:
    for path in (None, "x.txt", "x.html", "x.pdf"):
        try:
            source = load_bytes(data, path=path)
        except IngestError:
            continue
        assert source.text.strip() and source.sha256 == sha256_hex(data)
