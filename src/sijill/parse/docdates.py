"""The document's own dates: header, closing block, else the editor's title."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sijill.model import DateValue, DocDate, Flag
from sijill.parse import dates as calendar

# "[c. 3 March 2015]": an editor's approximate equivalent, not a date the document states.
_APPROXIMATE = re.compile(r"[\[(]\s*(?:c\.|ca\.|circa|approx\.|approximately|about)\s*$", re.I)


def find_in(text: str, ranges: Iterable[tuple[int, int]]) -> list[DateValue]:
    """Every date written inside the given (start, end) ranges of `text`, in order, once."""
    found: dict[tuple[int, int, str], DateValue] = {}
    for start, end in ranges:
        if end > start:
            for d in calendar.find_dates(text, start, end):
                if not _APPROXIMATE.search(text, max(0, d.start - 16), d.start):
                    found.setdefault((d.start, d.end, d.calendar), d)
    return sorted(found.values(), key=lambda d: (d.start, d.calendar != "hijri"))


def finish(text: str, dates: list[DateValue]) -> tuple[list[DateValue], DocDate | None, list[Flag]]:
    """Pair Hijri and Gregorian dates, resolve the document date and collect checks."""
    if not dates:
        return dates, None, []
    dates = calendar.complete_pairs(dates, text)
    # "22 August, 18" under a post: a day and month nothing completes is no date of record.
    dates = [d for d in dates if d.year is not None]
    if not dates:
        return dates, None, []
    return dates, calendar.resolve(dates, text), calendar.check_dates(text, dates)
