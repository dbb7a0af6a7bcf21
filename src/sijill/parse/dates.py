"""Dates in every written form: find them in text, and pair the two calendars' statements.

How dates are written (month names, markers, the folded text matched on) is in datewords.py;
conversion between calendars in sijill.calendar; the checks on the dates found in
datechecks.py; the document's own date in docdates.py.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import replace
from datetime import date

from sijill import calendar
from sijill.model import DateValue
from sijill.parse.datewords import (
    DATE_WORDS,
    MONTH_NAMES,
    MONTHS,
    NOT_LETTER_AFTER,
    NOT_LETTER_BEFORE,
    SP,
    MonthName,
    alternation,
    arabic_words,
    fold,
    marker_pattern,
    month_pattern,
    respellings,
    words_pattern,
)

_HMARK = marker_pattern("hijri")
_GMARK = marker_pattern("gregorian")
_MARK_TAGS = ("n", "t", "p", "y")  # one pair of marker groups per alternative: names must differ


def _mark(tag: str) -> str:
    return f"(?:(?P<hmk{tag}>{_HMARK})|(?P<gmk{tag}>{_GMARK})){NOT_LETTER_AFTER}"


_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])"
_ORD = f"(?:{words_pattern('ordinals')})?"
_Y4 = r"[12][0-9]{3}(?![0-9])"
_Y2 = rf"[0-9]{{2}}(?={SP}?(?:{_HMARK}|{_GMARK}){NOT_LETTER_AFTER})"
_MONTH = month_pattern(MONTH_NAMES)
_EDGE = r"(?<![\w/.\-])"

_NUMERIC = (
    rf"{_EDGE}(?P<n1>[0-9]{{1,2}}|[12][0-9]{{3}}){SP}?(?P<sep>[/.\-]){SP}?"
    rf"(?P<n2>[0-9]{{1,2}}){SP}?(?P=sep){SP}?(?P<n3>[0-9]{{1,2}}|[12][0-9]{{3}})"
    rf"(?![0-9]|[/.\-][0-9])(?:{SP}?{_mark('n')})?"
)
_TEXTUAL = (
    rf"(?<![0-9])(?:(?P<day>{_DAY}){_ORD}"
    rf"(?:{SP}*[/.\-,]{SP}*|{SP}+(?:{words_pattern('of_words')}{SP}+)?))?"
    rf"{NOT_LETTER_BEFORE}(?P<mon>{_MONTH})(?:\.(?={SP}?[0-9]))?{NOT_LETTER_AFTER}"
    rf"(?(day)|(?:{SP}*(?P<day2>{_DAY}){_ORD}(?![0-9:])))?"
    rf"(?:{SP}*[,/.\-]?{SP}*(?:{words_pattern('year_words')}{SP}+)?"
    rf"(?P<year>{_Y4}|{_Y2})(?:{SP}?{_mark('t')})?)?"
)
_MONTH_YEAR = rf"{_EDGE}(?P<pm>1[0-2]|0?[1-9])[/\-](?P<py>{_Y4}){SP}?{_mark('p')}"
_YEAR_ONLY = rf"{_EDGE}(?P<yo>{_Y4}){SP}?{_mark('y')}"

# Dates begin with a digit or at the start of a word: one cheap look-ahead turns away
# the other positions before the four alternatives are tried.
_DATE_RX = re.compile(
    rf"(?=[0-9]|{NOT_LETTER_BEFORE}[^\W\d_])(?:"
    + "|".join(f"(?:{p})" for p in (_NUMERIC, _TEXTUAL, _MONTH_YEAR, _YEAR_ONLY)) + ")",
    re.IGNORECASE,
)
_LABEL_BEFORE_RX = re.compile(
    rf"{NOT_LETTER_BEFORE}{words_pattern('number_labels')}{SP}*[.:#]?{SP}*$", re.IGNORECASE)
_CURRENCY_SIGNS = "".join(map(re.escape, DATE_WORDS["currency_signs"]))
_CURRENCY_BEFORE_RX = re.compile(rf"[{_CURRENCY_SIGNS}]{SP}?$")
_CURRENCY_AFTER_RX = re.compile(rf"{SP}*{words_pattern('currency_words')}{NOT_LETTER_AFTER}",
                                re.IGNORECASE)


def _weekday_rx() -> re.Pattern[str]:
    groups = []
    for day, names in MONTHS["weekdays"].items():
        alt = alternation([respellings(n) if n.isascii() else arabic_words(n) for n in names])
        groups.append(f"(?P<w{day}>{alt})")
    return re.compile(
        rf"{NOT_LETTER_BEFORE}(?:{'|'.join(groups)})\.?,?{SP}*(?:(?:the|يوم){SP}+)?$",
        re.IGNORECASE,
    )


_WEEKDAY_RX = _weekday_rx()
_PAIR_GAP_RX = re.compile(
    rf"[\s\[\](){{}}<>,;:/=\-|]*(?:{words_pattern('pair_connectors')}[\s\[\](){{}}<>,;:/=\-|]*)?",
    re.IGNORECASE,
)
PAIR_MAX_GAP: int = DATE_WORDS["pair_max_gap"]
_YEAR_RANGES = {cal: tuple(r) for cal, r in DATE_WORDS["year_ranges"].items()}
_ANY_DIGIT = re.compile(r"\d")
_DIGITS_RX = re.compile(r"[0-9]+")
_REACH = 48


def _iso(cal: str, year: int | None, month: int | None, day: int | None) -> str | None:
    try:
        return calendar.iso(cal, year, month, day)  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        return None


# ---------------------------------------------------------------- finding


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateValue]:
    """Every date expression in text[start:end], in order, with spans absolute into text."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    if _ANY_DIGIT.search(chunk) is None:
        return []
    folded = fold(chunk)
    found = []
    for lo, hi in _windows(folded):
        for m in _DATE_RX.finditer(folded, lo, hi):
            value = _date_value(m, chunk, folded)
            if value is not None:
                found.append(value.shifted(start))
    return found


def _windows(folded: str) -> list[tuple[int, int]]:
    """Stretches of text around digits: every date holds a digit, so the big regex runs only there.

    A month name or marker stands well within _REACH characters of the date's nearest digit.
    """
    windows: list[tuple[int, int]] = []
    for m in _DIGITS_RX.finditer(folded):
        lo, hi = max(0, m.start() - _REACH), min(len(folded), m.end() + _REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _date_value(m: re.Match[str], chunk: str, folded: str) -> DateValue | None:
    if _is_number_not_date(m, folded):
        return None
    if m.group("mon") is not None:
        parts = _textual(m, chunk)
    elif m.group("n1") is not None:
        parts = _numeric(m)
    elif m.group("pm") is not None:
        parts = _marked_calendar(m), int(m.group("py")), int(m.group("pm")), None
    else:
        parts = _marked_calendar(m), int(m.group("yo")), None, None
    if parts is None or parts[0] is None:
        return None
    cal, year, month, day = parts
    return DateValue(chunk[m.start():m.end()], m.start(), m.end(), calendar=cal, year=year,
                     month=month, day=day, iso=_iso(cal, year, month, day))


def _is_number_not_date(m: re.Match[str], folded: str) -> bool:
    before = folded[max(0, m.start() - 24):m.start()]
    if folded[m.start()].isdigit() and _LABEL_BEFORE_RX.search(before):
        return True
    if _CURRENCY_BEFORE_RX.search(before):
        return True
    return _CURRENCY_AFTER_RX.match(folded, m.end()) is not None


def _marked_calendar(m: re.Match[str]) -> str | None:
    for tag in _MARK_TAGS:
        if m.group(f"hmk{tag}") is not None:
            return "hijri"
        if m.group(f"gmk{tag}") is not None:
            return "gregorian"
    return None


@functools.lru_cache(maxsize=4096)
def _month_name(name: str) -> MonthName | None:
    return next((n for n in MONTH_NAMES if n.pattern.fullmatch(name)), None)


def _textual(m: re.Match[str], chunk: str) -> tuple[str, int | None, int, int | None] | None:
    name = _month_name(m.group("mon"))
    day = m.group("day") or m.group("day2")
    year = m.group("year")
    if name is None or (day is None and year is None):
        return None  # a month name alone is not a date
    if name.kind == "english" and year is None and chunk[m.start("mon")].islower():
        return None  # "may", "march" in lower case are verbs
    return name.calendar, _full_year(year, name.calendar, m), name.month, _int(day)


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _full_year(year: str | None, cal: str, m: re.Match[str]) -> int | None:
    if year is None or len(year) == 4:
        return _int(year)
    spec = DATE_WORDS["two_digit_years"][_marked_calendar(m) or cal]
    return int(year) + (spec["late"] if int(year) < spec["pivot"] else spec["early"])


def _numeric(m: re.Match[str]) -> tuple[str | None, int, int, int] | None:
    a, b, c = m.group("n1"), m.group("n2"), m.group("n3")
    marked = _marked_calendar(m)
    if len(a) == 4:
        year, rest = a, (int(b), int(c))
    elif len(c) == 4 or (len(c) == 2 and marked):
        year, rest = c, (int(b), int(a))
    else:
        return None
    month, day = rest if rest[0] <= 12 else rest[::-1]  # a "month" over 12 is the day
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    cal = marked or _calendar_by_year(int(year))
    if cal is None:
        return None
    return cal, _full_year(year, cal, m), month, day


def _calendar_by_year(year: int) -> str | None:
    return next((cal for cal, (lo, hi) in _YEAR_RANGES.items() if lo <= year <= hi), None)


# ---------------------------------------------------------------- weekdays and pairs


def weekday_before(text: str, date: DateValue) -> int | None:
    """The weekday named directly before a date (0 = Monday), if any."""
    m = _WEEKDAY_RX.search(fold(text[max(0, date.start - 40):date.start]))
    if m is None:
        return None
    return next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)


def pairs(dates: list[DateValue], text: str) -> list[tuple[DateValue, DateValue]]:
    """Neighbouring dates of the two calendars stated as one day: (hijri, gregorian)."""
    found = []
    for a, b in itertools.pairwise(dates):
        if a.calendar != b.calendar and is_pair_gap(text, a, b):
            found.append((a, b) if a.calendar == "hijri" else (b, a))
    return found


def is_pair_gap(text: str, a: DateValue, b: DateValue) -> bool:
    """Whether only brackets, punctuation or "corresponding to" part two dates, close enough."""
    if not 0 <= b.start - a.end <= PAIR_MAX_GAP:
        return False
    gap = fold(text[a.end:b.start])
    return _PAIR_GAP_RX.fullmatch(gap) is not None


def complete_pairs(dates: list[DateValue], text: str) -> list[DateValue]:
    """Give a day and month without a year the year of its stated other-calendar equivalent."""
    done = {id(d): d for d in dates}
    for hijri, greg in pairs(dates, text):
        if _is_day_month(hijri) and greg.year is not None:
            done[id(hijri)] = _with_year(hijri, _hijri_year_near(hijri, _anchor(greg)))
        elif _is_day_month(greg) and hijri.year is not None:
            done[id(greg)] = _with_year(greg, _gregorian_year_near(greg, _anchor(hijri)))
    return [done[id(d)] for d in dates]


def _is_day_month(d: DateValue) -> bool:
    return d.year is None and d.month is not None and d.day is not None


def _with_year(d: DateValue, year: int | None) -> DateValue:
    if year is None:
        return d
    return replace(d, year=year, iso=_iso(d.calendar, year, d.month, d.day))


def _anchor(d: DateValue) -> date | None:
    """A Gregorian day standing for the date (its middle when it is only a month or year)."""
    iso = d.iso or ""
    parts = [int(p) for p in iso.split("-")] if iso else []
    if not parts:
        return None
    return date(parts[0], parts[1] if len(parts) > 1 else 7, parts[2] if len(parts) > 2 else 1)


def _hijri_year_near(d: DateValue, anchor: date | None) -> int | None:
    if anchor is None or d.month is None or d.day is None:
        return None
    guess = calendar.gregorian_to_hijri(anchor)[0]
    years = (y for y in (guess - 1, guess, guess + 1) if _iso("hijri", y, d.month, d.day))
    return min(years, key=lambda y: abs(calendar.hijri_to_gregorian(y, d.month, d.day) - anchor),
               default=None)


def _gregorian_year_near(d: DateValue, anchor: date | None) -> int | None:
    if anchor is None or d.month is None or d.day is None:
        return None
    years = [y for y in (anchor.year - 1, anchor.year, anchor.year + 1)
             if _iso("gregorian", y, d.month, d.day)]
    return min(years, key=lambda y: abs(date(y, d.month, d.day) - anchor), default=None)

