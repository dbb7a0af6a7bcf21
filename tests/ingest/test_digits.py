"""Numbers on a scan read again glyph by glyph (sijill.ingest.digits), and the letter forms an
Arabic page's OCR text is put in (ocr.arabic_forms).

The glyph matcher is built from fonts that scripts/setup-ocr.sh installs; the numbers read
here are drawn with Amiri, which is not one of them.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from sijill import data
from sijill.ingest import digit_model, digits, glyphs, letterforms, ocr
from sijill.synth import arabic


def _visual(logical: str) -> list[str]:
    """The glyphs of a logical string as they stand left to right (logical() undoes it)."""
    return [logical[i] for i in digits.logical(list(logical))]


@pytest.mark.parametrize(("seen", "read"), [
    ("١٤٤٠/~/٤٠٣", "٤٠٣/~/١٤٤٠"),    # a reference: each number left to right, parts right to left
    ("٢١/٧/١٤٤٠", "٢١/٧/١٤٤٠"),      # "/" joins digits into one left-to-right number
    ("١٤٣٩.~.٢٢٠", "٢٢٠.~.١٤٣٩"),
    ("٢٠٢٢-١-٢٨", "٢٨-١-٢٠٢٢"),      # "-" does not join Arabic digits (Unicode bidi class ES)
    ("2022-1-28", "28-1-2022"),
    ("~~ ١٩٨", "١٩٨ ~~"),
])
def test_glyphs_left_to_right_are_put_in_reading_order(seen: str, read: str) -> None:
    assert "".join(seen[i] for i in digits.logical(list(seen))) == read


@given(st.text(alphabet="٠١٢٣٤٥٦٧٨٩/.-~ ", max_size=20))
def test_reading_order_is_a_permutation_that_undoes_itself(text: str) -> None:
    order = digits.logical(list(text))
    assert sorted(order) == list(range(len(text)))
    assert "".join(_visual(text)[i] for i in digits.logical(_visual(text))) == text


@pytest.mark.parametrize(("labels", "hint", "expected"), [
    ("1٤٣٩", "", "١٤٣٩"),            # a stroke is 1, ١ or ۱: the run's telling shapes decide
    ("۱۴۳۹", "", "۱۴۳۹"),
    ("2022", "", "2022"),
    ("١٠", "۱۰", "١٠"),                 # nothing tells: Arabic-Indic
    ("1/~/٢", "", "١/~/٢"),
])
def test_a_number_is_written_in_one_script(labels: str, hint: str, expected: str) -> None:
    assert "".join(digits.one_script(list(labels), hint)) == expected


def test_glyphs_are_found_left_to_right_with_dots_kept_with_their_letter() -> None:
    page = Image.new("L", (400, 80), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((20, 20, 26, 60), fill=0)      # a stroke
    draw.ellipse((60, 38, 68, 46), fill=0)        # a dot at mid-height
    draw.rectangle((100, 40, 140, 60), fill=0)    # a letter's body ...
    draw.ellipse((116, 20, 124, 28), fill=0)      # ... and its dot above
    found = glyphs.glyphs(page)
    assert [(g.left, g.right) for g in found] == [(20, 27), (60, 69), (100, 141)]


def test_bands_of_ink_are_the_lines_of_a_page() -> None:
    page = Image.new("L", (600, 300), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 50, 500, 80), fill=0)
    draw.rectangle((200, 150, 450, 185), fill=0)
    assert glyphs.ink_bands(page) == [(50, 81, 100, 501), (150, 186, 200, 451)]


needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Tesseract missing: run scripts/setup-ocr.sh")
needs_fonts = pytest.mark.skipif(not Path(arabic.FONTS["amiri"]).exists(),
                                 reason="Amiri missing: run scripts/setup-ocr.sh")


def _ocr(text: str, font: str = "amiri", level: str = "clean") -> str:
    buf = io.BytesIO()
    arabic.degrade(arabic.render(text, font), level, 1).save(buf, "PNG")
    return ocr.ocr_image(buf.getvalue())[0]


@needs_tesseract
@needs_fonts
@pytest.mark.parametrize(("line", "number"), [
    ("العدد: ٥٠٠/ت/١٤٤٤", "٥٠٠/ت/١٤٤٤"),   # Tesseract alone: "١٤٤ ٤/ت/ ٠٠٠١"
    ("التاريخ: ٤/٤/١٤٤٤ هـ", "٤/٤/١٤٤٤"),   # Tesseract alone: "٤/٤/٠٤٤٤"
])
def test_a_number_tesseract_scrambles_is_read_right(line: str, number: str) -> None:
    text = _ocr(f"بسم الله الرحمن الرحيم\nجماعة أهل القرى\n{line}\nالموضوع: طلب كتب\n")
    assert number in text


@needs_tesseract
@needs_fonts
def test_a_line_the_page_layout_missed_is_read_on_its_own() -> None:
    item = arabic.letter(9)  # Tesseract's layout analysis drops its first level, under the basmala
    assert "جبهة الينابيع" in _ocr(item.text, item.font, "mild")


@needs_tesseract
@needs_fonts
def test_the_words_of_a_number_become_one_word_with_their_boxes_union() -> None:
    buf = io.BytesIO()
    arabic.render("بسم الله الرحمن الرحيم\nجماعة أهل القرى\nالعدد: ٥٠٠/ت/١٤٤٤\n"
                  "الموضوع: طلب كتب\n", "amiri").save(buf, "PNG")
    text, layout = ocr.ocr_image(buf.getvalue())
    start = text.index("٥٠٠/ت/١٤٤٤")
    [(page, box)] = layout.boxes(start, start + len("٥٠٠/ت/١٤٤٤"))
    assert page == 0 and box[2] > 3 * box[3]  # one box, as wide as the whole number
    for word in layout.words:  # every word's span is its text, boxes on the page
        assert text[word.start:word.end].strip() == text[word.start:word.end] != ""


@pytest.mark.parametrize(("word", "expected"), [
    ("شکوی", "شكوى"),      # Persian kaf and a final Persian ye (alif maqsura)
    ("یوم", "يوم"),        # Persian ye inside a word: ye
    ("هھ", "هه"),
    ("۲۸/۳/۲۰۱۹", "٢٨/٣/٢٠١٩"),  # no telling shape: Arabic-Indic
    ("۱۴۴۲", "۱۴۴۲"),      # ۴ tells Eastern Arabic-Indic
    ("۱٤٤۲", "١٤٤٢"),
])
def test_an_arabic_page_gets_arabic_letter_forms(word: str, expected: str) -> None:
    assert letterforms.arabic_forms(word) == expected


def test_a_persian_page_keeps_its_letters() -> None:
    assert letterforms.arabic_forms("شکوی", persian=True) == "شکوی"


@given(st.text(alphabet="ابکیھةى۰۱۴٤1 /", max_size=30))
def test_letter_forms_keep_every_offset(word: str) -> None:
    assert len(letterforms.arabic_forms(word)) == len(word)


def _line(*words: str) -> tuple[str, list[tuple[str, tuple[int, int, int, int], float]]]:
    return "\n", [(w, (0, 0, 10, 10), 90.0) for w in words]


def test_a_page_cut_into_slivers_is_told_from_a_letter() -> None:
    letter = [_line("ولاية", "الرمال"), _line("الرقم:", "٥٠٠/ت/١٤٤٤"),
              _line("الموضوع:", "طلب", "كتب")] * 4
    slivers = [_line("ت"), _line(":", "ا", "ل."), _line("١١", "الا", "برك")] * 4
    assert not ocr._fragmented(letter)
    assert ocr._fragmented(slivers)
    assert not ocr._fragmented(slivers[:3])  # a short page is what it is


# ------------------------------------------------------------------ the glyph classifier

def _drawn(text: str, font: str, size: int = 46) -> Image.Image:
    """`text` shaped right to left as the generated letters are, on a white strip."""
    from PIL import ImageFont

    face = ImageFont.truetype(arabic.FONTS[font], size, layout_engine=ImageFont.Layout.RAQM)
    width = int(face.getlength(text, direction="rtl")) + 2 * size
    strip = Image.new("L", (width, int(1.6 * size)), 255)  # as high as a word's box
    ImageDraw.Draw(strip).text((size, int(1.2 * size)), text, font=face, fill=0, anchor="ls",
                               direction="rtl", language="ar")
    return strip


needs_noto = pytest.mark.skipif(not Path(arabic.FONTS["noto-sans"]).exists(),
                                reason="Noto Sans Arabic missing: run scripts/setup-ocr.sh")


@needs_noto
@pytest.mark.parametrize(("number", "font"), [
    ("١٤٤٢", "noto-sans"),   # its ٢ has a tall stem: the nearest template read ٣ (1443)
    ("٢٠٢٣", "noto-sans"),
    ("١٤٣٩", "noto-naskh"),  # its ٣ and ٤: read ٤ and ٣ by the nearest template at times
    ("٥٣٠", "amiri"),        # ٥ is a loop, ٠ a dot
])
def test_digits_of_a_font_the_classifier_never_saw_are_read(number: str, font: str) -> None:
    found = glyphs.glyphs(arabic.degrade(_drawn(number, font), "mild", seed=1))
    labels = digits.matcher().classify(found)
    assert "".join(labels[i] for i in digits.logical(labels)) == number


@needs_noto
def test_a_degraded_number_is_read() -> None:
    """Blurred, noisy, JPEG'd as a mild photocopy; no hint from Tesseract."""
    page = arabic.degrade(_drawn("٢٢٨-ت-١٤٤٢", "noto-sans"), "mild", seed=3)
    labels = digits.matcher().classify(glyphs.glyphs(page), letters=1)
    assert "".join(labels[i] for i in digits.logical(labels)) == "٢٢٨-~-١٤٤٢"


def test_the_network_learns_and_is_kept_on_disk(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import ImageFont

    monkeypatch.setenv("SIJILL_CACHE", str(tmp_path))
    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not Path(font).exists():
        pytest.skip("DejaVu Sans missing")
    spec = {"fonts": [font], "sizes": [40], "degraded": 2,
            "lines": [{"text": "١٢٣٤٥", "labels": "١٢٣٤٥"}]}
    model = digit_model.load(spec, [font])
    [saved] = tmp_path.glob("digits-*.npz")
    again = digit_model.load(spec, [font])  # read back, not trained again
    assert again.labels == model.labels == list("١٢٣٤٥")
    assert (again.weights[0] == model.weights[0]).all()
    page = digit_model.draw_line(ImageFont.truetype(font, 40, layout_engine=ImageFont.Layout.RAQM),
                        "٤٢٥", 40)
    probs = again.probabilities(glyphs.glyphs(page))
    assert [again.labels[k] for k in probs.argmax(axis=1)] == list("٤٢٥")
    saved.write_bytes(b"not a model")  # a damaged file is trained again
    assert digit_model.load(spec, [font]).labels == model.labels


def test_as_many_letters_as_tesseract_read_both_ways() -> None:
    import numpy as np

    names = ["١", "٢", "٣", digits.OTHER]
    probs = np.array([[0.90, 0.02, 0.02, 0.06],    # a digit that may be a letter (odds 15)
                      [0.02, 0.97, 0.00, 0.01],    # a digit, surely (odds 97)
                      [0.30, 0.02, 0.00, 0.68]])   # a letter that may be a digit
    tall = np.array([1.0, 1.0, 1.0])
    out = ["١", "٢", digits.OTHER]
    digits._as_many_letters(out, names, probs, tall, 2)
    assert out == [digits.OTHER, "٢", digits.OTHER]
    out = ["١", digits.OTHER, digits.OTHER]
    digits._as_many_letters(out, names, probs, tall, 1)  # the less letter-like becomes a digit
    assert out == ["١", "٢", digits.OTHER] or out == ["١", digits.OTHER, "١"]
    out = ["١", "٢", digits.OTHER]
    digits._as_many_letters(out, names, probs, tall, 0)  # Tesseract read none: left as is
    assert out == ["١", "٢", digits.OTHER]


def test_a_numbers_crop_stops_at_the_label_beside_it() -> None:
    # Tesseract's box of "/خ/١٤٤٠" reaches over the label "الرقم:" on its right
    run = [("٤٠٣", (389, 600, 65, 70), 90.0), ("/خ/١٤٤٠", (220, 608, 332, 61), 80.0)]
    fences = [(466, 552), (100, 210)]  # the label; a word further left, touching it
    # cut at the label; a margin of a fifth of the words' height where nothing was cut
    assert digits.crop_box(run, fences) == (206, 597, 466, 673)
    assert digits.crop_box(run) == (206, 597, 566, 673)


def test_a_number_word_goes_in_its_place_right_to_left() -> None:
    strip = _drawn("الرقم: ٤٠٣", "amiri")
    found = glyphs.glyphs(strip)
    top, bottom = min(g.top for g in found), max(g.bottom for g in found)
    digits_right = max(g.right for g in found[:3])
    # Tesseract put the number before its label, the label on its right
    words = [("٤٠۳", (found[0].left, top, digits_right - found[0].left, bottom - top), 70.0),
             ("الرقم:", (digits_right + 10, top, strip.width - digits_right - 60, bottom - top),
              90.0)]
    assert [w for w, _, _ in digits.reread(strip, words)] == ["الرقم:", "٤٠٣"]


def test_a_blank_crop_has_no_glyphs() -> None:
    assert glyphs.glyphs(Image.new("L", (50, 20), 255)) == []
    assert glyphs.glyphs(Image.new("L", (50, 20), 0)) == []


@needs_noto
def test_a_lone_letter_between_two_numbers_joins_them() -> None:
    strip = _drawn("٨٦٠.ت.١٤٣٨", "noto-sans")
    found = glyphs.glyphs(strip)
    top = min(g.top for g in found)
    height = max(g.bottom for g in found) - top

    def box(first: int, last: int) -> tuple[int, int, int, int]:
        return (found[first].left, top, found[last].right - found[first].left, height)
    # left to right: ١٤٣٨ . ت . ٨٦٠ -- Tesseract's words: "۱٤۳۸." "ت" ".۸1۰"
    words = [("۸1۰.", box(6, 9), 80.0), ("ت", box(5, 5), 90.0), ("۱٤۳۸.", box(0, 4), 70.0)]
    [(text, _, _)] = digits.reread(strip, words)
    assert text == "٨٦٠.ت.١٤٣٨"


def test_the_urdu_forms_of_eastern_digits_are_drawn_for_training() -> None:
    from PIL import ImageFont

    font = "/usr/share/fonts/truetype/scheherazade/Scheherazade-Regular.ttf"
    if not Path(font).exists():
        pytest.skip("Scheherazade missing: run scripts/setup-ocr.sh")
    face = ImageFont.truetype(font, 46, layout_engine=ImageFont.Layout.RAQM)
    persian, urdu = (glyphs.glyphs(digit_model.draw_line(face, "۴", 46, language))[0].pixels
                     for language in (None, "ur"))
    assert persian.shape != urdu.shape or (persian != urdu).any()
    lines = data.load(data.bundled("sijill.ingest", "digits.yaml"), digits.SHAPE)["lines"]
    assert any(line.get("language") == "ur" and "۴" in line["labels"] for line in lines)
