"""Calendar conversion: Hijri (lunar), Gregorian and Solar Hijri, in one place.

Every conversion in Sijill goes through this module; it imports no stage.

Hijri dates convert by the Umm al-Qura table (hijridate) where it reaches, 1343-1500 AH
(1 August 1924 to 16 November 2077), and outside it by the arithmetical (tabular) Islamic
calendar (convertdate). Solar Hijri dates convert by jdatetime. The supported range is the
widest the libraries and Python's `date` allow together:

- Hijri: 1 Muharram 1 AH (19 July 622 by convertdate's tabular calendar) to
  2 Rabi' al-Thani 9666 AH (31 December 9999, the last day of Python's `date`);
- Solar Hijri: 1 Farvardin 1 SH (21 March 622) to the end of 9377 SH (jdatetime's last year);
- Gregorian: whatever converts into those ranges.

A date outside the range, or a day its month lacks, raises ValueError: callers turn that
into "no conversion" rather than a guess.

jdatetime was chosen over convertdate.persian by measurement (docs/authority.md): both give
the same day for the first of every month of 1300-1500 SH and agree with the three-calendar
footers of Afghan statements, but convertdate computes the equinox astronomically and takes
about 71 ms per date, jdatetime 16 µs.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from typing import Literal, NamedTuple

import jdatetime
from convertdate import islamic
from hijridate import Gregorian, Hijri

Calendar = Literal["hijri", "gregorian"]

UMM_AL_QURA_YEARS = (1343, 1500)
HIJRI_YEARS = (1, 9666)  # 9666 AH ends after 31 December 9999: its later months raise
HIJRI_FIRST = date(*islamic.to_gregorian(1, 1, 1))  # 1 Muharram 1 AH
SOLAR_YEARS = (jdatetime.MINYEAR, jdatetime.MAXYEAR)


class MonthLength(NamedTuple):
    days: int  # 29 or 30 (a few Umm al-Qura months of 1345-1349 AH have 31)
    umm_al_qura: bool  # else the tabular calendar's


def hijri_month_length(year: int, month: int) -> MonthLength:
    """The month's length, by Umm al-Qura where its table reaches, else tabular."""
    if not 1 <= month <= 12:
        raise ValueError(f"there is no Hijri month {month}")
    if not HIJRI_YEARS[0] <= year <= HIJRI_YEARS[1]:
        raise ValueError(f"Hijri year {year} is outside {HIJRI_YEARS[0]}-{HIJRI_YEARS[1]} AH")
    try:
        return MonthLength(Hijri(year, month, 1).month_length(), True)
    except OverflowError:
        return MonthLength(islamic.month_length(year, month), False)


def hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """Umm al-Qura where its table reaches, else tabular.

    A 30th that Umm al-Qura's month lacks (legal under local sighting) is the day after the
    29th; a 31st exists only where the table itself has one (a few months of 1345-1349 AH).
    """
    length, is_uq = hijri_month_length(year, month)
    if not 1 <= day <= max(30, length):
        raise ValueError(f"no Hijri day {day} in month {month} of {year}")
    if not is_uq:
        return tabular_to_gregorian(year, month, day)
    g = Hijri(year, month, min(day, length)).to_gregorian()
    return date(g.year, g.month, g.day) + timedelta(days=max(0, day - length))


def tabular_to_gregorian(year: int, month: int, day: int) -> date:
    """The tabular (arithmetical) Islamic calendar's day, whatever Umm al-Qura says."""
    return date(*islamic.to_gregorian(year, month, day))


def tabular_month_length(year: int, month: int) -> int:
    return islamic.month_length(year, month)


def gregorian_to_hijri(day: date) -> tuple[int, int, int]:
    """(year, month, day) of the Hijri date: Umm al-Qura where it reaches, else tabular."""
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except OverflowError:
        if day < HIJRI_FIRST:
            raise ValueError(f"{day} is before 1 Muharram 1 AH") from None
        return islamic.from_gregorian(day.year, day.month, day.day)
    return h.year, h.month, h.day


def hijri_month_name(month: int) -> str:
    """The month's English name as hijridate writes it ("Muharram", "Rabi' al-Awwal")."""
    return Hijri(1443, month, 1).month_name("en")


def hijri_label(iso: str) -> str | None:
    """"8 Muharram 1443 AH" for a Gregorian ISO day; None for no such day or outside the range."""
    try:
        y, m, d = gregorian_to_hijri(date.fromisoformat(iso))
    except ValueError:
        return None
    return f"{d} {hijri_month_name(m)} {y} AH"


def solar_to_gregorian(year: int, month: int, day: int) -> date:
    """A Solar Hijri (Hijri Shamsi) day by jdatetime; ValueError for a day its month lacks."""
    return jdatetime.date(year, month, day).togregorian()


def iso(cal: Calendar, year: int | None, month: int | None, day: int | None) -> str | None:
    """The Gregorian ISO date of a date as precise as it is written: "2021", "2021-08",
    "2021-08-17". A Hijri year is the Gregorian year holding its middle; a Hijri month is a
    Gregorian month where it lies within one, else the year holding its middle.
    ValueError/OverflowError for a date that does not exist or lies outside the range."""
    if year is None:
        return None
    if cal == "gregorian":
        if month is None:
            return f"{year:04d}"
        if day is None:
            return f"{year:04d}-{month:02d}"
        return date(year, month, day).isoformat()
    if month is None:
        return f"{hijri_to_gregorian(year, 7, 1).year:04d}"
    if day is None:
        first = hijri_to_gregorian(year, month, 1)
        last = hijri_to_gregorian(year, month, hijri_month_length(year, month).days)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.year:04d}-{first.month:02d}"
        return f"{hijri_to_gregorian(year, month, 15).year:04d}"
    return hijri_to_gregorian(year, month, day).isoformat()


def day_span(cal: Calendar, year: int, month: int | None, day: int | None) -> tuple[date, date]:
    """The first and last Gregorian day a date covers (one day when it names the day)."""
    if cal == "gregorian":
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return date(year, month, 1), date(year, month, monthrange(year, month)[1])
        return date(year, month, day), date(year, month, day)
    if day is not None and month is not None:
        one = hijri_to_gregorian(year, month, day)
        return one, one
    first, last = (1, 12) if month is None else (month, month)
    return (hijri_to_gregorian(year, first, 1),
            hijri_to_gregorian(year, last, hijri_month_length(year, last).days))
