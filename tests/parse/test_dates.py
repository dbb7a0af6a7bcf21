"""Dates: finding every written form, conversion, cross-checks, completion and resolution.

All sample texts are invented administrative snippets; the seed line is the one real date.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from convertdate import islamic
from hijridate import Hijri
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sijill.calendar import gregorian_to_hijri, hijri_to_gregorian
from sijill.model import DateValue, DocDate
from sijill.parse import dates as D
from sijill.parse.datechecks import check_dates, cross_check, validate
from sijill.parse.dates import complete_pairs, find_dates, weekday_before
from sijill.parse.datewords import fold
from sijill.parse.docdates import resolve
from tests.conftest import REPO

DATA = Path(D.__file__).with_name("data")
MONTHS = yaml.safe_load((DATA / "months.yaml").read_text(encoding="utf-8"))
SEED_LINE = "Date: 8 Muharram 1443 AH [17 August 2021 CE]"
FORMS = REPO / "tests" / "data" / "parse" / "date_forms.yaml"


def parts(d: DateValue) -> tuple:
    return d.text, d.calendar, d.year, d.month, d.day, d.iso


def one(text: str) -> DateValue:
    found = find_dates(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- finding: every form

# Every written form: tests/data/parse/date_forms.yaml.
FOUND = [(case["text"], [tuple(d) for d in case["dates"]])
         for case in yaml.safe_load(FORMS.read_text(encoding="utf-8"))]


@pytest.mark.parametrize(("text", "expected"), FOUND, ids=[t for t, _ in FOUND])
def test_find_dates_forms(text: str, expected: list[tuple]) -> None:
    found = find_dates(text)
    assert [parts(d) for d in found] == expected
    assert all(d.is_valid_in(text) for d in found)


NOT_DATES = [
    "Number: m.a/08/43001",
    "No. 12 May 2021",
    "Ref. 14/03/2019",
    "Tel 12/03/2021",
    "Phone: 0944-123-456",
    "The clinic received 1500 dollars.",
    "Paid $2021 CE in cash",  # a sum, whatever follows it
    "a total of 1,443 sacks",
    "12/03/19",  # two-digit year without a marker
    "Muharram was quiet",  # a month name alone
    "you may 12 times",  # "may" in lower case is a verb
    "room 14-3-7",
    "at 1400 hrs",
    "version 1.2.3",
    "2019",  # a bare year
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_window_spans_are_absolute() -> None:
    text = "Receipt 14/03/2019 for chalk.\nDate: 2 Safar 1441 AH\nSigned 3 May 2020"
    start = text.index("Date")
    end = text.index("\nSigned")
    found = find_dates(text, start, end)
    assert [d.text for d in found] == ["2 Safar 1441 AH"]
    assert found[0].start == text.index("2 Safar") and found[0].is_valid_in(text)


def test_lowercase_english_month_with_year_is_a_date() -> None:
    assert parts(one("salaries for may 2021")) == ("may 2021", "gregorian", 2021, 5, None,
                                                   "2021-05")


# ---------------------------------------------------------------- every spelling in the data


def _spellings() -> list[tuple[str, int, str]]:
    out = []
    for cal in ("hijri", "gregorian"):
        for month, kinds in MONTHS[cal].items():
            for spellings in kinds.values():
                out += [(cal, int(month), s) for s in spellings or []]
    return out


@pytest.mark.parametrize(("cal", "month", "spelling"), _spellings())
def test_every_listed_spelling_parses(cal: str, month: int, spelling: str) -> None:
    year = 1442 if cal == "hijri" else 2021
    d = one(f"Dated 7 {spelling} {year}.")
    assert (d.calendar, d.year, d.month, d.day) == (cal, year, month, 7)
    assert d.text == f"7 {spelling} {year}"


# Spellings that are not listed but reach their month through the loose matching.
RESPELLINGS = [
    ("Muharam", 1), ("Muḥarram", 1), ("MUHARRAM", 1), ("Ṣafar", 2), ("Rabīʿ al-Awwal", 3),
    ("Rabi'ul Awwal", 3), ("Rabi-ul-Awal", 3), ("Rabiʿ al-Ākhir", 4), ("Rabi' el-Thani", 4),
    ("Jumādā al-Ūlā", 5), ("Jumada el-Oula", 5), ("Jumada al-Akhera", 6), ("Rajab", 7),
    ("Shaʿbān", 8), ("Sha'ban", 8), ("Ramaḍān", 9), ("Shawwāl", 10), ("Shawal", 10),
    ("Dhul Qadah", 11), ("Zulqada", 11), ("Dhul-Qi'dah", 11), ("Dhu al-Qi'dah", 11),
    ("Dhul-Hijjah", 12), ("Dhu al-Hijjah", 12), ("Zul Hijja", 12), ("Dhū al-Ḥijjah", 12),
    ("جمادي الاولي", 5), ("ذوالحجة", 12), ("ربيع الاخر", 4),
]


@pytest.mark.parametrize(("spelling", "month"), RESPELLINGS)
def test_respellings_parse(spelling: str, month: int) -> None:
    d = one(f"7 {spelling} 1442")
    assert (d.calendar, d.month, d.text) == ("hijri", month, f"7 {spelling} 1442")


# ---------------------------------------------------------------- property tests

FRAGMENTS = st.sampled_from([
    "8", "17", "31", "1443", "2021", "٢٠٢١", "۱۴۴۳", "/", "-", ".", " ", "\n", ",", "[", "]",
    "Muharram", "Rabi' I", "August", "May", "may", "محرم", "آب", "AH", "H", "CE", "هـ", "م",
    "No. ", "$", "dollars", "Tuesday", "the ", "th", "of ", "’", "\u200f", "ā",
])
MIXED = st.lists(st.one_of(FRAGMENTS, st.text(max_size=6)), max_size=30).map("".join)


def _check_spans(text: str, found: list[DateValue], lo: int = 0, hi: int | None = None) -> None:
    hi = len(text) if hi is None else hi
    for d in found:
        assert text[d.start:d.end] == d.text and lo <= d.start < d.end <= hi
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_find_dates_never_raises_on_any_unicode(text: str) -> None:
    _check_spans(text, find_dates(text))


@settings(max_examples=600, deadline=None)
@given(MIXED, st.data())
def test_find_dates_spans_on_date_like_text(text: str, data: st.DataObject) -> None:
    _check_spans(text, find_dates(text))
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    _check_spans(text, find_dates(text, lo, hi), lo, hi)
    for d in find_dates(text):
        validate(d)
        weekday_before(text, d)
    found = complete_pairs(find_dates(text), text)
    check_dates(text, found)
    resolve(found)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, st.sampled_from(["Dhu al-Hijja", "Tishrin al-Thani"]),
                          st.text(alphabet="abc ", max_size=60)), max_size=30).map("".join))
def test_scanning_only_near_digits_misses_nothing(text: str) -> None:
    folded = fold(text)
    everywhere = [m.span() for m in D._DATE_RX.finditer(folded)
                  if D._date_value(m, text, folded)]
    near_digits = [m.span() for lo, hi in D._windows(folded)
                   for m in D._DATE_RX.finditer(folded, lo, hi) if D._date_value(m, text, folded)]
    assert near_digits == everywhere


@given(st.text())
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


HIJRI_SPELLINGS = [(m, s) for c, m, s in _spellings() if c == "hijri"]


@settings(max_examples=300, deadline=None)
@given(st.integers(1343, 1500), st.sampled_from(HIJRI_SPELLINGS), st.integers(1, 29),
       st.sampled_from(["AH", "H", "هـ", ""]), st.text(alphabet=" .,;)", max_size=5))
def test_generated_hijri_dates_are_found(year: int, spelling: tuple[int, str], day: int,
                                         marker: str, pad: str) -> None:
    month, name = spelling
    body = f"{day} {name} {year} {marker}".strip()
    text = f"Issued{pad} {body}{pad}"
    d = one(text)
    assert (d.calendar, d.year, d.month, d.day, d.text) == ("hijri", year, month, day, body)
    assert d.iso == hijri_to_gregorian(year, month, day).isoformat()


@settings(max_examples=300, deadline=None)
@given(st.dates(date(1900, 1, 1), date(2100, 12, 31)),
       st.sampled_from(["%d %B %Y", "%B %d, %Y", "%d/%m/%Y", "%Y-%m-%d", "%d %b %Y", "%Y/%m/%d"]))
def test_generated_gregorian_dates_are_found(day: date, fmt: str) -> None:
    body = day.strftime(fmt)
    d = one(f"the transfer of 3 nurses, dated {body}.")
    assert (d.calendar, d.iso, d.text) == ("gregorian", day.isoformat(), body)


# ---------------------------------------------------------------- conversion

UQ_FIRST, UQ_LAST = date(1924, 8, 1), date(2077, 11, 16)


def test_round_trip_every_umm_al_qura_day() -> None:
    count = 0
    for y in range(1343, 1501):
        for m in range(1, 13):
            for d in range(1, Hijri(y, m, 1).month_length() + 1):
                assert gregorian_to_hijri(hijri_to_gregorian(y, m, d)) == (y, m, d)
                count += 1
    assert count == (UQ_LAST - UQ_FIRST).days + 1


@given(st.dates(UQ_FIRST, UQ_LAST))
def test_round_trip_gregorian_side(day: date) -> None:
    assert hijri_to_gregorian(*gregorian_to_hijri(day)) == day


@given(st.integers(1343, 1500), st.integers(1, 12), st.integers(1, 29))
def test_round_trip_sampled(y: int, m: int, d: int) -> None:
    assume(d <= Hijri(y, m, 1).month_length())  # Umm al-Qura has a few 28-day months
    assert gregorian_to_hijri(hijri_to_gregorian(y, m, d)) == (y, m, d)


@given(st.integers(1000, 1342) | st.integers(1501, 2000), st.integers(1, 12), st.integers(1, 29))
def test_outside_umm_al_qura_is_tabular(y: int, m: int, d: int) -> None:
    g = hijri_to_gregorian(y, m, d)
    assert g == date(*islamic.to_gregorian(y, m, d))
    assert gregorian_to_hijri(g) == (y, m, d)


def test_thirtieth_of_a_29_day_umm_al_qura_month_is_the_next_day() -> None:
    assert Hijri(1443, 2, 1).month_length() == 29
    assert hijri_to_gregorian(1443, 2, 30) == hijri_to_gregorian(1443, 2, 29) + timedelta(days=1)


@pytest.mark.parametrize(("y", "m", "d"), [(1443, 1, 31), (1443, 13, 1), (1443, 0, 5)])
def test_impossible_hijri_days_raise(y: int, m: int, d: int) -> None:
    with pytest.raises(ValueError):
        hijri_to_gregorian(y, m, d)


# ---------------------------------------------------------------- cross-check


def h(y: int, m: int, d: int) -> DateValue:
    return DateValue("x", 0, 1, calendar="hijri", year=y, month=m, day=d)


def g(y: int, m: int, d: int | None = None) -> DateValue:
    return DateValue("x", 0, 1, calendar="gregorian", year=y, month=m, day=d)


def test_seed_pair_is_consistent() -> None:
    hijri, greg = find_dates(SEED_LINE)
    assert cross_check(hijri, greg) == []
    assert cross_check(greg, hijri) == []  # either order


@pytest.mark.parametrize("stated", [date(2021, 8, 15), date(2021, 8, 16), date(2021, 8, 18)])
def test_offsets_within_sighting_are_consistent(stated: date) -> None:
    assert cross_check(h(1443, 1, 8), g(stated.year, stated.month, stated.day)) == []


@pytest.mark.parametrize("stated", [date(2021, 8, 14), date(2021, 8, 19)])
def test_offsets_of_minus_two_or_plus_three_are_noted(stated: date) -> None:
    flags = cross_check(h(1443, 1, 8), g(stated.year, stated.month, stated.day))
    assert [(f.code, f.severity) for f in flags] == [("date-offset", "info")]


@pytest.mark.parametrize(("hijri", "greg", "slip"), [
    (h(1443, 2, 8), g(2021, 8, 17), "wrong month in the Hijri date (8 Muharram 1443"),
    (h(1443, 1, 8), g(2021, 9, 17), "wrong month in the Gregorian date (2021-08-17"),
    (h(1442, 1, 8), g(2021, 8, 17), "wrong year in the Hijri date (8 Muharram 1443"),
    (h(1443, 8, 1), g(2021, 8, 17), "swapped day and month in the Hijri date"),
    (h(1443, 1, 28), g(2021, 5, 9), "swapped day and month in the Gregorian date (2021-09-05"),
])
def test_mismatches_name_the_likely_slip(hijri: DateValue, greg: DateValue, slip: str) -> None:
    flags = cross_check(hijri, greg)
    assert [(f.code, f.severity) for f in flags] == [("date-mismatch", "warning")]
    assert slip in flags[0].message


def test_mismatch_without_a_slip_says_so() -> None:
    flags = cross_check(h(1443, 1, 8), g(2021, 3, 2))
    assert flags[0].code == "date-mismatch" and "no single slip" in flags[0].message


def test_weekday_settles_the_offset() -> None:
    # +3 days alone is only plausible; 19 August 2021 was a Thursday, so the weekday settles it
    assert cross_check(h(1443, 1, 8), g(2021, 8, 19)) != []
    assert cross_check(h(1443, 1, 8), g(2021, 8, 19), weekday=3) == []
    assert cross_check(h(1443, 1, 8), g(2021, 8, 17), weekday=1) == []


def test_weekday_contradicting_the_gregorian_date_is_a_mismatch() -> None:
    flags = cross_check(h(1443, 1, 8), g(2021, 8, 17), weekday=0)  # 17 August 2021: a Tuesday
    assert [f.code for f in flags] == ["date-mismatch"]
    assert "Monday" in flags[0].message and "2021-08-16" in flags[0].message


def test_partial_dates_cross_check_by_overlap() -> None:
    hijri = DateValue("x", 0, 1, calendar="hijri", year=1443, month=1)
    assert cross_check(hijri, g(2021, 8)) == []
    assert cross_check(hijri, g(2021, 9)) == []  # Muharram 1443 ends on 7 September
    assert [f.code for f in cross_check(hijri, g(2021, 3))] == ["date-mismatch"]


def test_check_dates_uses_the_weekday_in_the_text() -> None:
    text = "Monday 8 Muharram 1443 AH [17 August 2021 CE]"
    assert [f.code for f in check_dates(text, find_dates(text))] == ["date-mismatch"]
    text = "Tuesday 8 Muharram 1443 AH [17 August 2021 CE]"
    assert check_dates(text, find_dates(text)) == []


# ---------------------------------------------------------------- validate


def _uq_29_tabular_30() -> tuple[int, int]:
    return next((y, m) for y in range(1430, 1460) for m in range(1, 13)
                if Hijri(y, m, 1).month_length() == 29 and islamic.month_length(y, m) == 30)


def test_validate() -> None:
    assert [f.code for f in validate(one("31 Muharram 1443"))] == ["date-invalid"]
    assert [f.code for f in validate(one("31 April 2021"))] == ["date-invalid"]
    assert [f.code for f in validate(one("29 February 2021"))] == ["date-invalid"]
    assert [f.code for f in validate(one("30 February"))] == ["date-invalid"]
    assert validate(one("29 February 2020")) == []
    assert validate(one("29 February")) == []
    assert validate(one("8 Muharram 1443")) == []
    assert validate(one("30 Muharram")) == []


def test_thirtieth_under_local_sighting_is_noted_not_rejected() -> None:
    y, m = _uq_29_tabular_30()
    flags = validate(h(y, m, 30))
    assert [(f.code, f.severity) for f in flags] == [("date-local-sighting", "info")]
    assert "tabular calendar gives it 30" in flags[0].message
    # Safar 1443 has 29 days in both tables: still legal under sighting, still only a note
    assert [f.severity for f in validate(h(1443, 2, 30))] == ["info"]
    assert one("30 Safar 1443").iso == hijri_to_gregorian(1443, 2, 30).isoformat()
    assert validate(h(1443, 1, 30)) == []  # Muharram 1443 has 30 days


# ---------------------------------------------------------------- weekdays, pairs, resolve


@pytest.mark.parametrize(("text", "weekday"), [
    ("Tuesday 17 August 2021", 1),
    ("Tuesday, 17 August 2021", 1),
    ("on Tuesday the 17th of August 2021", 1),
    ("Thurs. 19 August 2021", 3),
    ("يوم الثلاثاء ١٧ آب ٢٠٢١", 1),
    ("الجمعة 20 آب 2021", 4),
    ("delivered 17 August 2021", None),
    ("Tuesdays 17 August 2021", None),
])
def test_weekday_before(text: str, weekday: int | None) -> None:
    d = one(text)
    assert weekday_before(text, d) == weekday
    assert "day" not in d.text.lower()  # the weekday is never part of the span


def test_complete_pairs_fills_the_year_from_the_other_calendar() -> None:
    text = "8 Muharram [17 August 2021]"
    done = complete_pairs(find_dates(text), text)
    assert [parts(d) for d in done] == [
        ("8 Muharram", "hijri", 1443, 1, 8, "2021-08-16"),
        ("17 August 2021", "gregorian", 2021, 8, 17, "2021-08-17")]
    text = "8 Muharram 1443 AH corresponding to 17 August"
    assert complete_pairs(find_dates(text), text)[1].iso == "2021-08-17"


def test_complete_pairs_across_a_year_end() -> None:
    y, m, d = gregorian_to_hijri(date(2020, 1, 1))
    name = MONTHS["hijri"][m]["latin"][0]
    text = f"{d} {name} {y} AH (1 January)"
    assert complete_pairs(find_dates(text), text)[1].iso == "2020-01-01"


def test_complete_pairs_leaves_unrelated_dates_alone() -> None:
    text = "8 Muharram, and the school opened on 17 August 2021"
    found = find_dates(text)
    assert complete_pairs(found, text) == found


def test_resolve() -> None:
    text = SEED_LINE
    assert resolve(find_dates(text)) == DocDate("2021-08-17", "day", "both")
    assert resolve(find_dates("8 Muharram 1443 AH")) == DocDate("2021-08-16", "day", "hijri")
    assert resolve(find_dates("Ramadan 1442 AH")) == DocDate("2021", "year", "hijri")
    assert resolve(find_dates("Shawwal 1443 AH")) == DocDate("2022-05", "month", "hijri")
    assert resolve(find_dates("14/03/2019")) == DocDate("2019-03-14", "day", "gregorian")
    assert resolve(find_dates("8 Muharram 1443 AH (August 2021)")) == DocDate(
        "2021-08-16", "day", "both")
    assert resolve(find_dates("Ramadan 1442\n\nSigned 3 June 2021")) == DocDate(
        "2021-06-03", "day", "gregorian")  # beside but not the same days: not a pair
    text = "Ramadan 1442\n\nSigned 3 May 2021"
    assert resolve(find_dates(text), text) == DocDate("2021-05-03", "day", "gregorian")
    text = "8 Muharram 1443 AH corresponding to 17 August 2021 CE"
    assert resolve(find_dates(text), text) == DocDate("2021-08-17", "day", "both")
    assert resolve(find_dates("8 Muharram")) is None
    assert resolve([]) is None


# ---------------------------------------------------------------- long texts


def test_find_dates_reads_every_date_of_a_long_text() -> None:
    # Speed is bench/bench_parse.py's to measure; here only that a long text loses no date.
    block = ("The Office of Supplies asks for 40 sacks of flour for the school, as agreed on "
             "3 March. Date: 12 Rabi' al-Awwal 1441 AH [9 November 2019 CE]. Paid 250,000 SYP. "
             "نرجو تزويد المدرسة بالكتب بتاريخ ١٤ شعبان ١٤٤٢ هـ الموافق ٢٧ آذار ٢٠٢١ م. ")
    text = block * 2000  # ~0.5 MB
    found = find_dates(text)
    assert len(found) == 5 * 2000  # "3 March" (no year) counts; "250,000 SYP" does not


@pytest.mark.parametrize(("phrase", "expected"), [
    ("the 9th day of the month of Shawwal of the year 1441", ("hijri", 1441, 10, 9)),
    ("the 2nd day of Muharram in the year 1438", ("hijri", 1438, 1, 2)),
    ("on 21 March, year 2019", ("gregorian", 2019, 3, 21)),
])
def test_spelled_out_day_and_year_words(phrase: str, expected: tuple) -> None:
    found = find_dates(phrase)
    assert [(d.calendar, d.year, d.month, d.day) for d in found] == [expected]
    assert all(phrase[d.start:d.end] == d.text for d in found)


@settings(max_examples=40, deadline=None)
@given(day=st.integers(1, 28), month=st.sampled_from(["Safar", "Rajab", "Shawwal"]),
       year=st.integers(1420, 1447), ordinal=st.sampled_from(["st", "nd", "rd", "th"]))
def test_ordinal_day_of_the_month_property(day: int, month: str, year: int, ordinal: str) -> None:
    text = f"Written on the {day}{ordinal} day of the month of {month} of the year {year}."
    found = find_dates(text)
    assert len(found) == 1
    d = found[0]
    assert (d.year, d.day) == (year, day)
    assert text[d.start:d.end] == d.text


@pytest.mark.parametrize(("written", "expected"), [
    ("12 Dhu al-Q’ida 1435", ("hijri", 1435, 11, 12)),
    ("4 Safr 1437", ("hijri", 1437, 2, 4)),
    ("14, June, 2019", ("gregorian", 2019, 6, 14)),
    ("29/05/1440 Hijri Lunar", ("hijri", 1440, 5, 29)),
    ("13/5/2013 A.D.", ("gregorian", 2013, 5, 13)),
])
def test_date_forms(written: str, expected: tuple) -> None:
    assert [(d.calendar, d.year, d.month, d.day) for d in find_dates(written)] == [expected]
