"""OCR'd Arabic words put right against the word list (sijill.ingest.lexicon), and the OCR
text built with the corrected words at exact offsets (sijill.ingest.ocr)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from rapidfuzz.distance import Levenshtein

from sijill.ingest import letterforms, lexicon, ocr
from sijill.ingest.ocr import Layout, Word


@pytest.mark.parametrize(("read", "conf", "expected"), [
    # a meem of a stacked ligature dropped (lam-meem, ha-meem), in a known word and not
    ("الحاسبة", 85.0, "المحاسبة"),
    ("الحترم", 88.0, "المحترم"),
    ("ورحة", 80.0, "ورحمة"),
    ("المعلين", 40.0, "المعلمين"),
    # dots misread: the skeleton kept
    ("الخذمات", 86.0, "الخدمات"),
    # a letter beside a meem added
    ("ورحهمة", 45.0, "ورحمة"),
    # a parser word (label, level word) one edit away, even at its first letter
    ("أسخة", 70.0, "نسخة"),
    ("جبمة", 20.0, "جبهة"),
    # punctuation around the word is kept
    ("الحترم،", 80.0, "المحترم،"),
    ("(ورحة)", 80.0, "(ورحمة)"),
])
def test_a_misread_word_is_put_right(read: str, conf: float, expected: str) -> None:
    assert lexicon.correct(read, conf) == expected


@pytest.mark.parametrize(("read", "conf"), [
    ("الحاسبة", 96.0),  # Tesseract sure of it
    ("الرمان", 90.0),  # a known word: "الزمان" is commoner, but a dot is no stacked letter
    ("جرد", 93.0),  # a meem is never stacked at a word's start
    ("علي", 60.0),  # a name as well as a misread "على": too close to call
    ("التار:", 20.0),  # a label OCR cut short ("التاريخ"): the parser knows it
    ("التارج:", 20.0),
    ("المدد:", 40.0),  # a known word one edit from a label: the parser reads it
    ("الزيتوني", 85.0),  # a name no list holds
    ("٤٠٣/خ/١٤٤٠", 30.0),  # digits
    ("Ministry", 30.0),  # not Arabic
    ("لك", 20.0),  # too short to tell
])
def test_a_word_is_left_as_read(read: str, conf: float) -> None:
    assert lexicon.correct(read, conf) == read


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأ،.:", min_size=1, max_size=9),
       st.floats(0, 100))
def test_a_correction_is_one_letter_at_most_and_keeps_the_punctuation(word: str,
                                                                       conf: float) -> None:
    fixed = lexicon.correct(word, conf)
    assert Levenshtein.distance(fixed, word) <= 1
    assert [c for c in fixed if not c.isalpha()] == [c for c in word if not c.isalpha()]


@pytest.mark.parametrize(("word", "expected"), [("حرگة", "حركة"), ("ہم", "هم")])
def test_gaf_and_heh_goal_are_arabic_kaf_and_heh(word: str, expected: str) -> None:
    assert letterforms.arabic_forms(word) == expected


def _page(lines: list[ocr._Line]):  # noqa: ANN202
    return lambda image: (lines, None)


def test_the_text_holds_the_corrected_words_at_their_offsets(
        monkeypatch: pytest.MonkeyPatch) -> None:
    lines: list[ocr._Line] = [
        ("\n\n", [("مكتب", (900, 100, 120, 40), 91.0), ("الحاسبة", (700, 100, 180, 40), 83.0)]),
        ("\n", [("إلى:", (950, 200, 80, 40), 90.0), ("الأخ", (850, 200, 90, 40), 88.0),
                ("أبو", (780, 200, 60, 40), 90.0), ("صالح", (680, 200, 90, 40), 90.0),
                ("الحترم", (560, 200, 110, 40), 84.0)]),
    ]
    monkeypatch.setattr(ocr, "_ocr_page", _page(lines))
    monkeypatch.setattr(ocr, "LANGUAGES", "auto")
    text, layout = ocr._ocr_pages([Image.new("L", (1200, 400), 255)], None)
    assert text == "مكتب المحاسبة\nإلى: الأخ أبو صالح المحترم"
    assert [text[w.start:w.end] for w in layout.words] == text.split()
    corrected = {text[w.start:w.end]: w.read for w in layout.words if w.read}
    assert corrected == {"المحاسبة": "الحاسبة", "المحترم": "الحترم"}
    assert layout.boxes(*_span(text, "المحاسبة")) == [(0, (700, 100, 180, 40))]
    assert Layout.from_json(layout.to_json()) == layout


def test_a_persian_page_is_not_corrected_as_arabic(monkeypatch: pytest.MonkeyPatch) -> None:
    persian = [("\n\n", [("گزارش", (0, 0, 9, 9), 80.0), ("پرچم", (0, 0, 9, 9), 80.0),
                         ("ژاله", (0, 0, 9, 9), 80.0), ("الحاسبة", (0, 0, 9, 9), 50.0)])]
    monkeypatch.setattr(ocr, "_ocr_page", _page(persian))
    monkeypatch.setattr(ocr, "LANGUAGES", "auto")
    text, layout = ocr._ocr_pages([Image.new("L", (100, 100), 255)], None)
    assert text.endswith("الحاسبة") and not any(w.read for w in layout.words)


def test_a_layout_stored_before_corrections_still_reads() -> None:
    raw = ('{"version":1,"engine":"tesseract","languages":"auto","dpi":300,'
           '"pages":[[100,100]],"failed":[],"words":[[0,4,0,1,2,3,4,90.0]]}')
    assert Layout.from_json(raw).words == [Word(0, 4, 0, (1, 2, 3, 4), 90.0)]


def _span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)
