"""An original in Arabic script printed with its translation in one text (parse.bilingual):
at the start or end of a page it is a document of its own; in the middle it stays; a
bilingual letterhead (a line, its translation in brackets) or a motto is no block."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.parse.bilingual import block
from sijill.parse.split import split
from tests.conftest import DATA
from tests.parse.conftest import parse_all

ARABIC = (DATA / "pairs" / "clinic-supplies.ar.txt").read_text(encoding="utf-8")
ENGLISH = (DATA / "pairs" / "clinic-supplies.en.txt").read_text(encoding="utf-8")
INTRO = ("This letter was found in a folder of the clinic's papers.\n"
         "It is printed here with the translation below it.\n"
         "The stamp at the foot is unreadable.\nThe paper is a carbon copy.\n")


def test_an_original_above_its_translation_is_a_document_of_its_own() -> None:
    page = f"{ARABIC}\nTranslation:\n\n{ENGLISH}"
    arabic, english = parse_all(page)
    assert arabic.language == "ar" and arabic.reference_number is not None
    assert arabic.reference_number.text == "٣١٤/ص/١٤٤٤"
    assert english.language != "ar" and english.reference_number is not None
    assert english.reference_number.text == "314/S/1444"
    assert [s.text for s in english.issuer][0] == "Green Valley Movement"


def test_an_original_below_its_translation_too() -> None:
    english, arabic = parse_all(f"{ENGLISH}\n* * *\n\n{ARABIC}")
    assert arabic.language == "ar" and english.subject is not None
    assert english.subject.text.startswith("request for medical supplies")


def test_a_block_in_the_middle_stays_in_its_document() -> None:
    page = f"{INTRO}\n{ARABIC}\n{ENGLISH}"
    found = block(page)
    assert found is not None and page[found[0]:found[1]].startswith("بسم الله")
    assert page[found[0]:found[1]].rstrip().endswith("للحفظ")
    assert len(split(page)) == 1


def test_a_bilingual_letterhead_a_motto_or_a_short_block_is_no_block() -> None:
    letterhead = "".join(f"{line}\n[translation of line {i}]\n"
                         for i, line in enumerate(ARABIC.splitlines()[2:8]) if line)
    assert block(letterhead + ENGLISH) is None
    assert block("لا إله إلا الله\n\n" + ENGLISH) is None
    three = "\n".join(ARABIC.splitlines()[2:5])
    assert block(three + "\n" + ENGLISH) is None
    assert block(ARABIC) is None  # nothing to translate it beside
    smudges = "\nIlI lI\nrn ii Ol\nOO\nwW ll\nTtt i\n"  # what OCR reads in a stamp
    assert block(ARABIC + smudges) is None and len(split(ARABIC + smudges)) == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([*ARABIC.splitlines(), *ENGLISH.splitlines(), "", "***"]),
                max_size=60))
def test_any_mix_of_lines_splits_into_ordered_parts_of_the_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    parts = split(text)
    last = 0
    for part in parts:
        assert last <= part.start <= part.end <= len(text)
        assert text[part.start:part.end].strip()
        last = part.end
