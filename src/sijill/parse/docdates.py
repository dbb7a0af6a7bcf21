"""The document's own dates: header, closing block, else the editor's title; and its date.

Solar Hijri dates (solar.py) are found in the same places: kept out of `dates`, whose
calendars are Hijri and Gregorian, and reported with their conversion as flags."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sijill.model import DateValue, DocDate, Flag
from sijill.parse import solar
from sijill.parse.datechecks import check_dates, cross_check
from sijill.parse.dates import PAIR_MAX_GAP, complete_pairs, find_dates, is_pair_gap

# "[c. 3 March 2015]": an editor's approximate equivalent, not a date the document states.
_APPROXIMATE = re.compile(r"[\[(]\s*(?:c\.|ca\.|circa|approx\.|approximately|about)\s*$", re.I)


def find_in(text: str, ranges: Iterable[tuple[int, int]]) -> list[DateValue]:
    """Every date written inside the given (start, end) ranges of `text`, in order, once."""
    found: dict[tuple[int, int, str], DateValue] = {}
    for start, end in ranges:
        if end > start:
            shamsi = solar.find(text, start, end)
            for d in solar.without_solar(find_dates(text, start, end), shamsi):
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
    dates = complete_pairs(dates, text)
    # "22 August, 18" under a post: a day and month nothing completes is no date of record.
    dates = [d for d in dates if d.year is not None]
    if not dates:
        return dates, None, []
    flags = check_dates(text, dates) + solar.check(solar_near(text, dates), dates)
    return dates, resolve(dates, text), flags


_PRECISION = {10: "day", 7: "month", 4: "year"}
_RANK = {"day": 3, "month": 2, "year": 1}


def resolve(dates: list[DateValue], text: str | None = None) -> DocDate | None:
    """The document's own date: its most precise stated date, earliest first.

    A Hijri date and the Gregorian date written right beside it count once, basis "both";
    the stated Gregorian wins unless it is less precise than the Hijri. Beside means within
    a short gap that, given `text`, holds only brackets, punctuation or "corresponding to";
    without it, the two dates must agree.
    """
    candidates = [c for c in map(_group_date, _groups(dates, text)) if c is not None]
    if not candidates:
        return None
    # The stated Gregorian date wins (gold.md), also when it stands on its own line, as in a
    # footer giving the date in each calendar; max keeps the first of equals.
    return max(candidates, key=lambda c: (_RANK[c.precision], c.basis != "hijri"))


def _groups(dates: list[DateValue], text: str | None) -> list[list[DateValue]]:
    groups: list[list[DateValue]] = []
    for d in sorted(dates, key=lambda d: d.start):
        last = groups[-1] if groups else None
        if last is not None and len(last) == 1 and _beside(last[0], d, text):
            last.append(d)
        else:
            groups.append([d])
    return groups


def _beside(a: DateValue, b: DateValue, text: str | None) -> bool:
    if a.calendar == b.calendar:
        return False
    if text is not None:
        return is_pair_gap(text, a, b)
    if not 0 <= b.start - a.end <= PAIR_MAX_GAP:
        return False
    hijri, greg = (a, b) if a.calendar == "hijri" else (b, a)
    return not any(f.code == "date-mismatch" for f in cross_check(hijri, greg))


def _group_date(group: list[DateValue]) -> DocDate | None:
    greg = next((d for d in group if d.calendar == "gregorian" and d.iso), None)
    hijri = next((d for d in group if d.calendar == "hijri" and d.iso), None)
    both = len(group) == 2
    if greg is not None and (hijri is None or len(greg.iso or "") >= len(hijri.iso or "")):
        return _doc_date(greg.iso, "both" if both else "gregorian")
    if hijri is not None:
        return _doc_date(hijri.iso, "both" if both else "hijri")
    return None


def _doc_date(iso: str | None, basis: str) -> DocDate | None:
    if iso is None or len(iso) not in _PRECISION:
        return None
    return DocDate(iso, _PRECISION[len(iso)], basis)  # type: ignore[arg-type]
