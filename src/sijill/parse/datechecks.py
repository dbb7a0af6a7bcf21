"""Checks on the dates a document states: each against its calendar, each stated pair of
Hijri and Gregorian dates against each other (and a weekday named before them).

A Hijri date and its stated Gregorian equivalent agree within -1..+2 days of Umm al-Qura or on
the tabular calendar; -2/+3 is noted as a local-sighting offset; a day its month has under no
reckoning is invalid. Conversions are sijill.calendar's.
"""

from __future__ import annotations

from calendar import day_name, month_name, monthrange
from collections.abc import Iterator
from datetime import date, timedelta

from sijill import calendar
from sijill.model import DateValue, Flag
from sijill.parse.dates import pairs, weekday_before


def validate(date: DateValue) -> list[Flag]:
    """A day its month lacks is invalid; a Hijri 30th the tables lack is only noted."""
    if date.month is not None and not 1 <= date.month <= 12:
        return [Flag("date-invalid", "warning", f"{date.text!r}: there is no month {date.month}")]
    if date.day is None or date.month is None:
        return []
    if date.calendar == "gregorian":
        return _validate_gregorian(date)
    return _validate_hijri(date)


def _validate_gregorian(d: DateValue) -> list[Flag]:
    assert d.month is not None and d.day is not None
    length = monthrange(d.year if d.year is not None else 2000, d.month)[1]
    if 1 <= d.day <= length:
        return []
    name = month_name[d.month]
    return [Flag("date-invalid", "warning", f"{d.text!r}: {name} has no day {d.day}")]


def _validate_hijri(d: DateValue) -> list[Flag]:
    assert d.month is not None and d.day is not None
    name = calendar.hijri_month_name(d.month)
    length, is_uq = (calendar.hijri_month_length(d.year, d.month) if d.year is not None
                     else (30, False))
    if not 1 <= d.day <= max(30, length):
        return [Flag("date-invalid", "warning", f"{d.text!r}: {name} has no day {d.day}")]
    if d.day < 30 or d.year is None or d.day <= length:
        return []
    table = "Umm al-Qura" if is_uq else "the tabular calendar"
    tabular = calendar.tabular_month_length(d.year, d.month)
    also = "; the tabular calendar gives it 30" if is_uq and tabular == 30 else ""
    return [Flag("date-local-sighting", "info",
                 f"{d.text!r}: {table} gives {name} {d.year} 29 days{also}; "
                 "a 30th is legal under local sighting")]


def cross_check(hijri: DateValue, gregorian: DateValue, weekday: int | None = None) -> list[Flag]:
    """Flag a Hijri date and its stated Gregorian equivalent that do not agree."""
    if hijri.calendar != "hijri":
        hijri, gregorian = gregorian, hijri
    h, g = _parts(hijri), _parts(gregorian)
    if h is None or g is None:
        return _check_overlap(hijri, gregorian)
    try:
        stated, uq = date(*g), calendar.hijri_to_gregorian(*h)
    except ValueError:
        return []  # an impossible day: validate() reports it
    if weekday is not None:
        return _check_weekday(h, stated, uq, weekday)
    if _consistent(h, stated):
        return []
    diff = (stated - uq).days
    if diff in (-2, 3):
        return [Flag("date-offset", "info",
                     f"{_hfmt(h)} is {uq} by Umm al-Qura; the stated {stated} is {diff:+d} days "
                     "from it, plausible under local sighting")]
    return [_mismatch(h, stated, uq)]


def _parts(d: DateValue) -> tuple[int, int, int] | None:
    if d.year is None or d.month is None or d.day is None:
        return None
    return d.year, d.month, d.day


def _consistent(h: tuple[int, int, int], stated: date) -> bool:
    try:
        diff = (stated - calendar.hijri_to_gregorian(*h)).days
        return -1 <= diff <= 2 or stated == calendar.tabular_to_gregorian(*h)
    except (ValueError, OverflowError):
        return False


def _hfmt(h: tuple[int, int, int]) -> str:
    return f"{h[2]} {calendar.hijri_month_name(h[1])} {h[0]}"


def _mismatch(h: tuple[int, int, int], stated: date, uq: date, lead: str = "") -> Flag:
    diff = (stated - uq).days
    slip = _likely_slip(h, stated)
    tail = f"likely {slip}" if slip else "no single slip explains it"
    return Flag("date-mismatch", "warning",
                f"{lead}{_hfmt(h)} is {uq} by Umm al-Qura but the document states {stated} "
                f"({diff:+d} days): {tail}")


def _likely_slip(h: tuple[int, int, int], stated: date) -> str | None:
    y, m, d = h
    for kind, hijri_alt, greg_alt in _slip_candidates(h, stated):
        if hijri_alt is not None and _consistent(hijri_alt, stated):
            return f"a {kind} in the Hijri date ({_hfmt(hijri_alt)} would fit)"
        if greg_alt is not None and _consistent((y, m, d), greg_alt):
            return f"a {kind} in the Gregorian date ({greg_alt} would fit)"
    return None


_Slip = tuple[str, tuple[int, int, int] | None, date | None]


def _slip_candidates(h: tuple[int, int, int], g: date) -> Iterator[_Slip]:
    """Each likely slip with the Hijri date and the Gregorian date it would correct to."""
    y, m, d = h
    for step in (-1, 1):
        hm = (y + (m + step - 1) // 12, (m + step - 1) % 12 + 1, d)
        yield "wrong month", hm, _safe_date(g.year + (g.month + step - 1) // 12,
                                             (g.month + step - 1) % 12 + 1, g.day)
    for step in (-1, 1):
        yield "wrong year", (y + step, m, d), _safe_date(g.year + step, g.month, g.day)
    swapped_h = (y, d, m) if d <= 12 and m <= 30 else None
    yield "swapped day and month", swapped_h, _safe_date(g.year, g.day, g.month)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _check_weekday(h: tuple[int, int, int], stated: date, uq: date, weekday: int) -> list[Flag]:
    named = day_name[weekday]
    if stated.weekday() == weekday:
        if -2 <= (stated - uq).days <= 3 or _consistent(h, stated):
            return []  # the weekday confirms the stated day: the sighting offset is settled
        return [_mismatch(h, stated, uq, f"the weekday ({named}) confirms {stated}; ")]
    window = (uq + timedelta(days=k) for k in range(-1, 3))
    fits = [day for day in window if day.weekday() == weekday]
    by_weekday = f"; by the weekday the day is {fits[0]}" if fits else ""
    actual = day_name[stated.weekday()]
    return [Flag("date-mismatch", "warning",
                 f"the stated weekday {named} is not {stated} (a {actual}){by_weekday}")]


def _check_overlap(hijri: DateValue, gregorian: DateValue) -> list[Flag]:
    """Dates less precise than a day agree when their spans of days meet (give or take sighting)."""
    hs, gs = _day_span(hijri), _day_span(gregorian)
    if hs is None or gs is None:
        return []
    lo, hi = hs[0] - timedelta(days=1), hs[1] + timedelta(days=2)
    if lo <= gs[1] and gs[0] <= hi:
        return []
    return [Flag("date-mismatch", "warning",
                 f"{hijri.text!r} ({hs[0]}..{hs[1]}) and {gregorian.text!r} ({gs[0]}..{gs[1]}) "
                 "do not overlap")]


def _day_span(d: DateValue) -> tuple[date, date] | None:
    if d.year is None:
        return None
    try:
        return calendar.day_span(d.calendar, d.year, d.month, d.day)
    except (ValueError, OverflowError):
        return None


def check_dates(text: str, dates: list[DateValue]) -> list[Flag]:
    """validate() every date; cross_check() every stated pair, with a weekday named before it."""
    flags = [f for d in dates for f in validate(d)]
    for hijri, greg in pairs(dates, text):
        first = hijri if hijri.start < greg.start else greg
        flags += cross_check(hijri, greg, weekday_before(text, first))
    return flags
