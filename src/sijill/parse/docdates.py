"""The document's own dates: header, closing block, else the editor's title.

Solar Hijri dates (solar.py) are found in the same places: kept out of `dates`, whose
calendars are Hijri and Gregorian, and reported with their conversion as flags."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sijill.model import DateValue, DocDate, Flag
from sijill.parse import dates as calendar
from sijill.parse import solar

# "[c. 3 March 2015]": an editor's approximate equivalent, not a date the document states.
_APPROXIMATE = re.compile(r"[\[(]\s*(?:c\.|ca\.|circa|approx\.|approximately|about)\s*$", re.I)


def find_in(text: str, ranges: Iterable[tuple[int, int]]) -> list[DateValue]:
    """Every date written inside the given (start, end) ranges of `text`, in order, once."""
    found: dict[tuple[int, int, str], DateValue] = {}
    for start, end in ranges:
        if end > start:
            shamsi = solar.find(text, start, end)
            for d in solar.without_solar(calendar.find_dates(text, start, end), shamsi):
                if not _APPROXIMATE.search(text, max(0, d.start - 16), d.start):
                    found.setdefault((d.start, d.end, d.calendar), d)
    return sorted(found.values(), key=lambda d: (d.start, d.calendar != "hijri"))


def solar_near(text: str, dates: list[DateValue]) -> list[solar.SolarDate]:
    """Solar Hijri dates on the lines of the document's dates and the line after each (the
    three-calendar footer of Afghan statements)."""
    found: dict[int, solar.SolarDate] = {}
    for d in dates:
        start = text.rfind("\n", 0, d.start) + 1
        end = text.find("\n", d.end)
        end = len(text) if end < 0 else text.find("\n", end + 1)
        for s in solar.find(text, start, len(text) if end < 0 else end):
            found.setdefault(s.start, s)
    return sorted(found.values(), key=lambda s: s.start)


def finish(text: str, dates: list[DateValue]) -> tuple[list[DateValue], DocDate | None, list[Flag]]:
    """Pair Hijri and Gregorian dates, resolve the document date and collect checks."""
    if not dates:
        return dates, None, []
    dates = calendar.complete_pairs(dates, text)
    # "22 August, 18" under a post: a day and month nothing completes is no date of record.
    dates = [d for d in dates if d.year is not None]
    if not dates:
        return dates, None, []
    flags = calendar.check_dates(text, dates) + solar.check(solar_near(text, dates), dates)
    return dates, calendar.resolve(dates, text), flags
