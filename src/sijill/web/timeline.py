"""The archive over time: documents per month (Gregorian, as each document's own date
resolves), and the documents of one month."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sijill.store import Archive
from sijill.store import timeline as store_timeline

_MONTH = re.compile(r"^\d{4}-\d{2}$")


def is_month(value: str) -> bool:
    return bool(_MONTH.match(value))


def is_bin(value: str) -> bool:
    """A year ("2021") or a month ("2021-08") of either calendar."""
    return bool(_MONTH.match(value) or (len(value) == 4 and value.isdecimal()))


@dataclass(slots=True)
class Timeline:
    months: list[tuple[str, int]]  # ("2021-08", n), every month from first to last
    year_only: list[tuple[str, int]]  # documents dated to the year alone
    undated: int
    documents: list[dict[str, Any]] = field(default_factory=list)  # of the chosen month

    @property
    def peak(self) -> int:
        return max((n for _, n in self.months), default=0)


def month_seq(first: str, last: str) -> list[str]:
    """Every month ("2021-08") from the month of `first` to that of `last`."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _fill(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Every month between the first and the last, empty ones included (gaps show)."""
    if not counts:
        return []
    return [(key, counts.get(key, 0)) for key in month_seq(min(counts), max(counts))]


def timeline(archive: Archive, month: str | None = None) -> Timeline:
    conn = archive.connection
    result = Timeline(_fill(store_timeline.month_counts(conn)),
                      store_timeline.year_only_counts(conn), store_timeline.undated_count(conn))
    if month:
        result.documents = [dict(zip(("id", "date", "issuer", "title"), r, strict=True))
                            for r in store_timeline.documents_dated(conn, month)]
    return result
