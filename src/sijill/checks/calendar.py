"""Check 1, calendar: the document's dates against each other and against the calendars.

The pair and validity rules are the date parser's own (sijill.parse.datechecks: a Hijri date and
its stated Gregorian equivalent agree within -1..+2 days of Umm al-Qura or on the tabular
calendar; -2/+3 is noted as a local-sighting offset; a day its month has under no reckoning is
invalid); here each finding gets the spans it rests on. Added: a weekday named before a single
date that is not that date's weekday, and a Solar Hijri date that disagrees with the others.
"""

from __future__ import annotations

import calendar as cal
from datetime import date, timedelta

from sijill.checks.config import section
from sijill.model import DateValue, Document, Flag
from sijill.parse import docdates
from sijill.parse.datechecks import cross_check, validate
from sijill.parse.dates import pairs, weekday_before

# Parse's date flags are this check's findings; the stage replaces them with spanned copies.
PARSE_CODES = ("date-invalid", "date-mismatch", "date-offset", "date-local-sighting")
SOLAR = "solar_hijri"


def _spanned(flags: list[Flag], *spans: DateValue) -> list[Flag]:
    return [Flag(f.code, f.severity, f.message, tuple(spans)) for f in flags]


def _day(d: DateValue) -> date | None:
    if d.iso is None or len(d.iso) != 10:
        return None
    try:
        return date.fromisoformat(d.iso)
    except ValueError:
        return None


def _lone_weekday(text: str, d: DateValue) -> list[Flag]:
    named = weekday_before(text, d)
    day = _day(d)
    if named is None or day is None:
        return []
    # A Hijri day may fall a day before or up to two after its Umm al-Qura equivalent.
    window = [day + timedelta(days=k) for k in ((-1, 0, 1, 2) if d.calendar == "hijri" else (0,))]
    if any(x.weekday() == named for x in window):
        return []
    actual = cal.day_name[day.weekday()]
    return [Flag("calendar-weekday", "warning",
                 f"the document names the day as a {cal.day_name[named]}, but {d.text!r} "
                 f"({day}) is a {actual}", (d,))]


def _written_solar(doc: Document) -> list[DateValue]:
    """The Solar Hijri dates beside the document's dates. The contract's `dates` hold only
    Hijri and Gregorian, so the parser keeps them out (sijill.parse.solar); they are read
    again from the text here, as DateValues with their Gregorian `iso`."""
    out = []
    for s in docdates.solar_near(doc.text, doc.dates):
        day = s.gregorian()
        if day is not None:
            out.append(DateValue(s.text, s.start, s.end, calendar=SOLAR,  # type: ignore[arg-type]
                                 year=s.year, month=s.month, day=s.day, iso=day.isoformat()))
    return out


def _solar(doc: Document) -> list[Flag]:
    tolerance = section("calendar")["solar_hijri_tolerance_days"]
    solar = [d for d in [*doc.dates, *_written_solar(doc)] if d.calendar == SOLAR and _day(d)]
    others = [d for d in doc.dates if d.calendar != SOLAR and _day(d)]
    out = []
    for s in solar:
        s_day = _day(s)
        assert s_day is not None
        # the nearest other date stands for the same day, if any does
        near = min(others, key=lambda o: abs(o.start - s.start), default=None)
        o_day = _day(near) if near else None
        if near is None or o_day is None or abs((s_day - o_day).days) <= tolerance:
            continue
        out.append(Flag("calendar-solar-hijri", "warning",
                        f"the Solar Hijri date {s.text!r} is {s_day}, but {near.text!r} is "
                        f"{o_day} ({(o_day - s_day).days:+d} days); a Solar Hijri date is "
                        f"computed, so more than {tolerance} day apart is a contradiction",
                        (s, near)))
    return out


def check(doc: Document) -> list[Flag]:
    lunar_solar = [d for d in doc.dates if d.calendar in ("hijri", "gregorian")]
    flags = [f for d in lunar_solar for f in _spanned(validate(d), d)]
    paired: set[int] = set()
    for hijri, greg in pairs(lunar_solar, doc.text):
        first = hijri if hijri.start < greg.start else greg
        flags += _spanned(cross_check(hijri, greg, weekday_before(doc.text, first)),
                          hijri, greg)
        paired |= {hijri.start, greg.start}
    for d in lunar_solar:
        if d.start not in paired:
            flags += _lone_weekday(doc.text, d)
    return flags + _solar(doc)
