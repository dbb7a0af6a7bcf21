"""The timeline page's chart: the whole archive on one axis that fits the page, by year or
by month, in the Gregorian or the Hijri (Umm al-Qura) calendar, with one lane per leading
issuer under the total. Zooming is choosing a range (a year, a span of years); the
documents of one bin are listed under the chart."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from sijill.calendar import gregorian_to_hijri, hijri_month_length, hijri_to_gregorian
from sijill.store import Archive
from sijill.store import timeline as store_timeline
from sijill.web.timeline import month_seq

CALENDARS = ("gregorian", "hijri")
LANES = 8  # issuers with a lane of their own; the rest share "other issuers"
MONTHS_MAX = 240  # more months than this in range: bins are years
OTHER = "other issuers"
UNKNOWN = "no issuer"


@dataclass(slots=True)
class Lane:
    name: str
    total: int
    counts: list[int]


@dataclass(slots=True)
class Chart:
    calendar: str
    granularity: str  # "year" or "month"
    bins: list[str]  # "2021" or "2021-08" (Hijri: "1443" or "1443-01")
    totals: list[int]
    lanes: list[Lane]
    first: int | None  # the archive's first and last year in this calendar
    last: int | None
    start: int | None  # the range shown
    end: int | None
    undated: int = 0
    year_only: int = 0
    documents: list[dict[str, Any]] = field(default_factory=list)

    @property
    def peak(self) -> int:
        return max(self.totals, default=0)

    @property
    def lane_peak(self) -> int:
        return max((n for lane in self.lanes for n in lane.counts), default=0)


@lru_cache(maxsize=65536)
def hijri_month(iso: str) -> str | None:
    """"1443-01" for a Gregorian ISO date (a month-precision date counts as its 15th)."""
    try:
        y, m = int(iso[:4]), int(iso[5:7])
        d = int(iso[8:10]) if len(iso) >= 10 else 15
        hy, hm, _ = gregorian_to_hijri(date(y, m, d))
    except ValueError:
        return None
    return f"{hy:04d}-{hm:02d}"


def gregorian_range(key: str) -> tuple[str, str] | None:
    """The Gregorian ISO days (first, last) of a Hijri month "1443-01" or year "1443"."""
    try:
        y = int(key[:4])
        m1, m2 = (int(key[5:7]),) * 2 if len(key) == 7 else (1, 12)
        first = hijri_to_gregorian(y, m1, 1)
        last = hijri_to_gregorian(y, m2, hijri_month_length(y, m2).days)
    except ValueError:
        return None
    return first.isoformat(), last.isoformat()


def _key(iso: str, calendar: str) -> str | None:
    if calendar == "hijri":
        return hijri_month(iso)
    return iso[:7]


def chart(archive: Archive, calendar: str = "gregorian", start: int | None = None,
          end: int | None = None, granularity: str | None = None) -> Chart:
    calendar = calendar if calendar in CALENDARS else "gregorian"
    months: Counter[str] = Counter()
    by_issuer: dict[str, Counter[str]] = {}
    conn = archive.connection
    for iso, issuer, n in store_timeline.issuer_counts(conn):
        key = _key(iso, calendar)
        if key is None:
            continue
        months[key] += n
        by_issuer.setdefault(issuer or UNKNOWN, Counter())[key] += n
    undated = store_timeline.undated_count(conn)
    year_only = sum(n for _, n in store_timeline.year_only_counts(conn))
    if not months:
        return Chart(calendar, "year", [], [], [], None, None, None, None, undated, year_only)
    first, last = int(min(months)[:4]), int(max(months)[:4])
    # the range asked for, inside the archive's own years (never a million empty bins)
    lo = min(max(start or first, first), last)
    hi = max(min(end or last, last), first)
    lo, hi = min(lo, hi), max(lo, hi)
    span = (hi - lo + 1) * 12
    granularity = granularity if granularity in ("year", "month") else (
        "month" if span <= MONTHS_MAX else "year")
    if granularity == "month":
        bins = month_seq(f"{lo:04d}-01", f"{hi:04d}-12")
        trim = [b for b in bins if min(months) <= b <= max(months)]
        bins = trim or bins

        def bin_of(key: str) -> str:
            return key
    else:
        bins = [f"{y:04d}" for y in range(lo, hi + 1)]

        def bin_of(key: str) -> str:
            return key[:4]
    index = {b: i for i, b in enumerate(bins)}

    def counts(c: Counter[str]) -> list[int]:
        out = [0] * len(bins)
        for key, n in c.items():
            i = index.get(bin_of(key))
            if i is not None:
                out[i] += n
        return out

    ranked = sorted(by_issuer.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    lanes = [Lane(name, sum(c.values()), counts(c)) for name, c in ranked[:LANES]]
    rest: Counter[str] = Counter()
    for _, c in ranked[LANES:]:
        rest.update(c)
    if rest:
        lanes.append(Lane(f"{OTHER} ({len(ranked) - LANES})", sum(rest.values()), counts(rest)))
    return Chart(calendar, granularity, bins, counts(months), lanes, first, last, lo, hi,
                 undated, year_only)


def documents_of(archive: Archive, key: str, calendar: str) -> list[dict[str, Any]]:
    """The documents of one bin ("2021", "2021-08", or Hijri "1443", "1443-01")."""
    if calendar == "hijri":
        days = gregorian_range(key)
        if days is None:
            return []
        rows = store_timeline.documents_in_months(archive.connection, days[0][:7],
                                                  days[1][:7])
        rows = [r for r in rows if (hijri_month(r[1]) or "").startswith(key)]
    else:
        rows = store_timeline.documents_dated(archive.connection, key)
    return [{"id": i, "date": d, "hijri": hijri_month(d) if d else None, "issuer": iss,
             "title": t} for i, d, iss, t in rows]

