"""Documents in Arabic script (sijill.parse.arabic): the same contract, the same spans."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.model import Document, SourceText
from sijill.parse import parse_text
from sijill.parse.arabic import is_arabic
from sijill.synth import arabic


def _parse(text: str) -> Document:
    source = SourceText(hashlib.sha256(text.encode()).hexdigest(), text, path="ar.txt")
    [doc] = parse_text(text, source=source)
    return doc


def _spans_hold(doc: Document) -> None:
    spans = [*doc.issuer, *doc.addressees, *doc.cc, *doc.dates]
    spans += [s for s in (doc.reference_number, doc.subject, doc.sender) if s is not None]
    for span in spans:
        assert doc.text[span.start:span.end] == span.text


LETTER = """بسم الله الرحمن الرحيم
حركة البيارق
ولاية السهل
ديوان التعليم
مكتب الشؤون الإدارية
العدد: ٤٧/ت/١٤٤٣
التاريخ: ٨ محرم ١٤٤٣ هـ
الموافق: ١٧ / ٨ / ٢٠٢١ م
الموضوع: طلب كتب مدرسية
إلى: الأخ أبو مالك التلي المحترم
السلام عليكم ورحمة الله وبركاته
نرجو منكم تزويد مدارس القطاع بالكتب المدرسية للفصل الأول.
والسلام عليكم ورحمة الله وبركاته
مسؤول مكتب الشؤون الإدارية
أبو حمزة الوادي
الختم
نسخة إلى: ديوان المالية، مكتب الرواتب
للحفظ
"""


def test_a_letter_in_arabic_is_taken_apart() -> None:
    doc = _parse(LETTER)
    assert doc.language == "ar"
    assert [s.text for s in doc.issuer] == [
        "حركة البيارق", "ولاية السهل", "ديوان التعليم", "مكتب الشؤون الإدارية"]
    assert doc.reference_number is not None and doc.reference_number.text == "٤٧/ت/١٤٤٣"
    assert [(d.calendar, d.year, d.month, d.day) for d in doc.dates] == [
        ("hijri", 1443, 1, 8), ("gregorian", 2021, 8, 17)]
    assert doc.date is not None and doc.date.iso == "2021-08-17"
    assert doc.subject is not None and doc.subject.text == "طلب كتب مدرسية"
    assert [s.text for s in doc.addressees] == ["أبو مالك التلي"]
    assert doc.sender is not None and doc.sender.text == "أبو حمزة الوادي"
    assert [s.text for s in doc.cc] == ["ديوان المالية", "مكتب الرواتب", "للحفظ"]
    assert doc.body is not None and "الكتب المدرسية" in doc.text[doc.body.start:doc.body.end]
    assert "السلام" not in doc.text[doc.body.start:doc.body.end]  # formulae are furniture
    _spans_hold(doc)


@pytest.mark.parametrize(("line", "field", "expected"), [
    ("الرقم ١٢٣/د", "reference", "١٢٣/د"),
    ("العدد: ۴۵۶/خ", "reference", "۴۵۶/خ"),                  # Eastern Arabic-Indic digits
    ("التاريخ: ١٥ ذو القعدة ١٤٤٠هـ", "hijri", (1440, 11, 15)),
    ("التاريخ: ۱۲ ربيع الأول ۱۴۴۲ه", "hijri", (1442, 3, 12)),
    ("التاريخ: 3/6/1444 هـ", "hijri", (1444, 6, 3)),
    ("إلى: السادة مكتب المدارس، مكتب النقل", "to", ["مكتب المدارس", "مكتب النقل"]),
    ("إلى: الأخ أبو عمر الحلبي حفظه الله", "to", ["أبو عمر الحلبي"]),
    # as OCR reads a list: "،" read as ". " or lost between offices
    ("إلى: مكتب المدارس. مكتب النقل", "to", ["مكتب المدارس", "مكتب النقل"]),
    ("إلى: ديوان الصحة ديوان القضاء", "to", ["ديوان الصحة", "ديوان القضاء"]),
    ("إلى: مدير مكتب الرواتب", "to", ["مدير مكتب الرواتب"]),
    ("الموضوع - تجديد عقد الإيجار", "subject", "تجديد عقد الإيجار"),
    # as OCR reads them: a label's last letters lost, a month name misread by a letter or two
    ("التار: ١٥ ذو القعدة ١٤٤٠هـ", "hijri", (1440, 11, 15)),
    ("التارے: 3/6/1444 هـ", "hijri", (1444, 6, 3)),
    ("التاريخ: ٨ حرم ١٤٤٢ هـ", "hijri", (1442, 1, 8)),
    ("التاريخ: ١٢ ذو اجه ١٤٤٠ ه", "hijri", (1440, 12, 12)),
    ("التاريخ: ٢١ شعبن ١٤٤١", "hijri", (1441, 8, 21)),
])
def test_labels_and_values(line: str, field: str, expected: object) -> None:
    text = f"بسم الله الرحمن الرحيم\nجماعة أهل القرى\n{line}\nالسلام عليكم\nنص الرسالة.\n"
    doc = _parse(text)
    if field == "reference":
        assert doc.reference_number is not None and doc.reference_number.text == expected
    elif field == "hijri":
        assert [(d.year, d.month, d.day) for d in doc.dates if d.calendar == "hijri"] == [expected]
    elif field == "to":
        assert [s.text for s in doc.addressees] == expected
    else:
        assert doc.subject is not None and doc.subject.text == expected
    _spans_hold(doc)


@pytest.mark.parametrize(("closing", "sender"), [
    ("مسؤول المكتب\nأبو حمزة الوادي\nالم", "أبو حمزة الوادي"),  # الختم misread, no label
    ("أبو حمزة الوادي\nالحم\nلفل", "أبو حمزة الوادي"),
    ("المحاسب", "المحاسب"),  # one line of one word is all there is
])
def test_the_sender_is_the_last_closing_line_of_two_words(closing: str, sender: str) -> None:
    text = LETTER.split("والسلام عليكم")[0] + f"والسلام عليكم ورحمة الله وبركاته\n{closing}\n"
    doc = _parse(text)
    assert doc.sender is not None and doc.sender.text == sender
    _spans_hold(doc)


@pytest.mark.parametrize("line", [
    "التاريخ: ٨ كتاب ١٤٤٢ هـ",      # a word like no month
    "التاريخ: ٣١ حرم ١٤٤٢ هـ",      # no month has a 31st
    "التفاصيل: ٨ حرم ١٤٤٢ هـ",      # not a date label: only five first letters shared is no label
])
def test_a_misread_month_needs_a_date_label_a_month_like_word_and_a_real_day(line: str) -> None:
    text = f"بسم الله الرحمن الرحيم\nجماعة أهل القرى\n{line}\nالسلام عليكم\nنص الرسالة.\n"
    doc = _parse(text)
    assert not [d for d in doc.dates if d.calendar == "hijri" and d.month]
    _spans_hold(doc)


def test_every_generated_letter_parses_to_its_gold() -> None:
    scores = [arabic.score(_parse(item.text), item.gold) for item in arabic.corpus(60)]
    for field in arabic.FIELDS:
        assert sum(s[field] for s in scores) / len(scores) == 1.0, field


def test_english_text_keeps_the_english_parser() -> None:
    assert not is_arabic("Number: 12\nSubject: flour\nTo: the Office of Supplies (بسم الله)")
    doc = _parse("Number: 12\nSubject: flour for the bakery\n\nPlease send flour.\n")
    assert doc.language != "ar" and doc.subject is not None


arabic_lines = st.lists(
    st.text(st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي ٠١٢٣:/،-")), max_size=40),
    max_size=15)


@settings(max_examples=60, deadline=None)
@given(arabic_lines)
def test_any_arabic_text_parses_with_valid_spans(lines: list[str]) -> None:
    text = "\n".join(["بسم الله الرحمن الرحيم", "التاريخ: ٨ محرم ١٤٤٣ هـ", *lines])
    _spans_hold(_parse(text))
