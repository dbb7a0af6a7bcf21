"""An original and its translation compared field by field (checks.pairs): numbers in any
digits, dates in both calendars, the sender across scripts; a disagreement is a flag on
each document's own words."""

from __future__ import annotations

from sijill.checks.pairs import align, findings, numbers
from sijill.model import SourceText, sha256_hex
from sijill.parse import parse_text
from tests.conftest import DATA

PAIRS = DATA / "pairs"


def _doc(text: str):  # type: ignore[no-untyped-def]
    [doc] = parse_text(text, source=SourceText(sha256_hex(text.encode()), text, "x.txt"))
    return doc


ARABIC = (PAIRS / "clinic-supplies.ar.txt").read_text(encoding="utf-8")
ENGLISH = (PAIRS / "clinic-supplies.en.txt").read_text(encoding="utf-8")


def test_numbers_read_western_arabic_indic_and_eastern_arabic_indic_digits() -> None:
    assert numbers("٣١٤/ص/١٤٤٤") == numbers("314/S/1444") == numbers("۳۱۴.ص.۱۴۴۴") == (314, 1444)
    assert numbers("No. 07-A") == (7,) and numbers("بلا رقم") == ()


def test_a_faithful_translation_agrees_on_number_date_and_sender() -> None:
    rows = {r.field: r for r in align(_doc(ARABIC), _doc(ENGLISH))}
    assert rows["reference number"].verdict == "agree"
    assert rows["Hijri date"].verdict == "agree"
    assert rows["Gregorian date"].verdict == "missing"  # neither writes one
    assert rows["sender"].verdict == "agree"  # أبو يوسف الشامي is Abu Yusuf al-Shami
    assert [s.text for s in rows["issuer"].original][0] == "حركة الوادي الأخضر"
    assert findings(list(rows.values()), "o", "t") == ([], [])


def test_a_number_or_date_that_differs_is_a_flag_on_both_sides_words() -> None:
    wrong = ENGLISH.replace("314/S/1444", "341/S/1444").replace("12 Rajab", "21 Rajab")
    original, translation = _doc(ARABIC), _doc(wrong)
    rows = align(original, translation)
    verdicts = {r.field: r.verdict for r in rows}
    assert verdicts["reference number"] == verdicts["Hijri date"] == "differ"
    on_original, on_translation = findings(rows, "ORIG", "TRANS")
    assert [f.code for f in on_original] == ["pair-reference-mismatch", "pair-date-mismatch"]
    assert [f.spans[0].text for f in on_original] == ["٣١٤/ص/١٤٤٤", "١٢ رجب ١٤٤٤ هـ"]
    assert [f.spans[0].text for f in on_translation] == ["341/S/1444", "21 Rajab 1444 AH"]
    assert "TRANS" in on_original[0].message and "ORIG" in on_translation[0].message
    for f in on_original:
        assert all(s.is_valid_in(original.text) for s in f.spans)


def test_numbers_written_in_the_other_order_agree() -> None:
    turned = ENGLISH.replace("314/S/1444", "1444/S/314")
    rows = {r.field: r for r in align(_doc(ARABIC), _doc(turned))}
    assert rows["reference number"].verdict == "agree"
    assert "other order" in rows["reference number"].reason


def test_a_date_less_precise_on_one_side_agrees_as_far_as_it_goes() -> None:
    month = ENGLISH.replace("12 Rajab 1444 AH", "Rajab 1444 AH")
    rows = {r.field: r for r in align(_doc(ARABIC), _doc(month))}
    assert rows["Hijri date"].verdict == "agree"
