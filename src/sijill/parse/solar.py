"""Solar Hijri (Hijri Shamsi) dates, the civil calendar of Afghanistan and Iran.

Taliban and Afghan government documents often close with three dates: Hijri lunar, Hijri
solar and Gregorian ("22/12/1398 Hijri Solar"). The document contract's `dates` hold only
the Hijri (lunar) and Gregorian calendars, so a Solar Hijri date is recognised here, kept
out of `dates` (where it would otherwise be misread as a lunar date), converted to the
Gregorian calendar (sijill.calendar, by jdatetime), and cross-checked against the document's
other dates as flags: `solar-hijri-date` (info: the date and its conversion), `date-offset` and
`date-mismatch` (as for Hijri/Gregorian pairs; the checks stage, which re-runs the calendar
check, reports a disagreement as `calendar-solar-hijri` with its spans). Month names and
markers live in data/solar_months.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sijill import calendar
from sijill.data import INT, WORDS, bundled, listof, load, record, table
from sijill.model import DateValue, Flag
from sijill.parse.datewords import fold

SHAPE = record(months=table(WORDS), markers=record(exact=WORDS, any_case=WORDS),
               years=listof(INT))
# Days between a stated Gregorian date and the Solar Hijri conversion that are a local
# offset rather than a slip (the equinox falls on a day boundary in some years).
_OFFSET = 1


@dataclass(frozen=True)
class SolarDate:
    text: str
    start: int
    end: int
    year: int
    month: int
    day: int

    def gregorian(self) -> date | None:
        try:
            return calendar.solar_to_gregorian(self.year, self.month, self.day)
        except ValueError:
            return None

    def label(self) -> str:
        return f"{self.day} {_month_label(self.month)} {self.year} SH"


@cache
def _data() -> dict[str, Any]:
    return load(bundled("sijill.parse", "solar_months.yaml"), SHAPE)  # type: ignore[no-any-return]


def _month_label(month: int) -> str:
    return str(_data()["months"][month][0])


def _alt(words: Iterable[str], exact: bool = False) -> str:
    parts = sorted({r"\s*".join(re.escape(w) for w in word.split()) for word in words},
                   key=len, reverse=True)
    body = "|".join(parts)
    return f"(?-i:{body})" if exact else body


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]]:
    raw = _data()
    months = {fold(name).lower(): int(m) for m, names in raw["months"].items()
              for name in names}
    marker = (f"(?:{_alt(raw['markers']['exact'], exact=True)}"
              f"|{_alt(raw['markers']['any_case'])})")
    year = r"(?P<y>1[2-5][0-9]{2})(?![0-9])"
    numeric = re.compile(
        rf"(?<![\w/.\-])(?:(?P<d>[0-9]{{1,2}})(?P<s>[/.\-])(?P<m>[0-9]{{1,2}})(?P=s){year}"
        rf"|(?P<y2>1[2-5][0-9]{{2}})(?P<s2>[/.\-])(?P<m2>[0-9]{{1,2}})(?P=s2)(?P<d2>[0-9]{{1,2}}))"
        rf"[ \t]*(?:\(?{marker}\)?)(?!\w)", re.IGNORECASE)
    names = _alt(months)
    textual = re.compile(
        rf"(?<![\w])(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?P<mon>{names})"
        rf",?[ \t]+{year}(?:[ \t]*\(?{marker}\)?(?!\w))?", re.IGNORECASE)
    return numeric, textual, months


def find(text: str, start: int = 0, end: int | None = None) -> list[SolarDate]:
    """The Solar Hijri dates written in text[start:end]: numeric dates with a solar marker
    ("22/12/1398 Hijri Solar", "17/11/1392 A.H. (solar)") and dates with a solar month name
    ("3 Hamal 1399", "12 Farvardin 1403")."""
    end = len(text) if end is None else end
    numeric, textual, months = _patterns()
    chunk = text[start:end]
    lo, hi = _data()["years"]
    found: list[SolarDate] = []
    for m in numeric.finditer(chunk):
        y, mo, d = (int(m.group("y") or m.group("y2")), int(m.group("m") or m.group("m2")),
                    int(m.group("d") or m.group("d2")))
        found.append(SolarDate(m.group(0), start + m.start(), start + m.end(), y, mo, d))
    for m in textual.finditer(chunk):
        month = months.get(fold(m.group("mon")).lower())
        if month is not None:
            found.append(SolarDate(m.group(0), start + m.start(), start + m.end(),
                                   int(m.group("y")), month, int(m.group("d"))))
    return sorted((s for s in found if lo <= s.year <= hi and 1 <= s.month <= 12
                   and 1 <= s.day <= 31), key=lambda s: s.start)


def without_solar(dates: list[DateValue], solar: list[SolarDate]) -> list[DateValue]:
    """The dates that are not a Solar Hijri date read as another calendar's."""
    return [d for d in dates if not any(s.start < d.end and d.start < s.end for s in solar)]


def check(solar: list[SolarDate], dates: list[DateValue]) -> list[Flag]:
    """Each Solar Hijri date converted, and cross-checked with the Gregorian date stated
    beside it (else with the Hijri one converted by Umm al-Qura)."""
    flags: list[Flag] = []
    for s in solar:
        greg = s.gregorian()
        if greg is None:
            flags.append(Flag("date-invalid", "warning",
                              f"{s.text.strip()}: {s.label()} is not a day of that month"))
            continue
        flags.append(Flag("solar-hijri-date", "info",
                          f"{s.text.strip()}: {s.label()} is {greg.isoformat()} (Gregorian); "
                          "the contract's dates hold only Hijri and Gregorian"))
        other = _nearest_full(dates, s)
        if other is None:
            continue
        stated = (date(other.year, other.month, other.day) if other.calendar == "gregorian"
                  else calendar.hijri_to_gregorian(other.year, other.month, other.day))
        diff = (stated - greg).days
        what = "Gregorian" if other.calendar == "gregorian" else "Hijri (Umm al-Qura)"
        tolerance = 0 if other.calendar == "gregorian" else 2
        if abs(diff) <= tolerance:
            continue
        code, severity = (("date-offset", "info") if abs(diff) <= tolerance + _OFFSET
                          else ("date-mismatch", "warning"))
        flags.append(Flag(code, severity,
                          f"{s.label()} is {greg.isoformat()}, {diff:+d} days from the "
                          f"stated {what} date {other.text.strip()}"))
    return flags


def _nearest_full(dates: list[DateValue], s: SolarDate) -> DateValue | None:
    full = [d for d in dates if d.year and d.month and d.day]
    full.sort(key=lambda d: (d.calendar != "gregorian", abs(d.start - s.start)))
    return full[0] if full else None
