"""The archive over time: documents per month (Gregorian, as each document's own date
resolves), and the documents of one month."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sijill.store import Archive

_MONTH = re.compile(r"^\d{4}-\d{2}$")


def is_month(value: str) -> bool:
    return bool(_MONTH.match(value))


def is_bin(value: str) -> bool:
    """A year ("2021") or a month ("2021-08") of either calendar."""
    return bool(_MONTH.match(value) or (len(value) == 4 and value.isdigit()))


@dataclass(slots=True)
class Timeline:
    months: list[tuple[str, int]]  # ("2021-08", n), every month from first to last
    year_only: list[tuple[str, int]]  # documents dated to the year alone
    undated: int
    documents: list[dict[str, Any]] = field(default_factory=list)  # of the chosen month

    @property
    def peak(self) -> int:
        return max((n for _, n in self.months), default=0)


def _fill(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Every month between the first and the last, empty ones included (gaps show)."""
    if not counts:
        return []
    first, last = min(counts), max(counts)
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        key = f"{y:04d}-{m:02d}"
        out.append((key, counts.get(key, 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline(archive: Archive, month: str | None = None) -> Timeline:
    run = archive.connection.execute
    months = dict(run("SELECT substr(date_iso, 1, 7), count(*) FROM documents"
                      " WHERE length(date_iso) >= 7 GROUP BY 1").fetchall())
    years = run("SELECT date_iso, count(*) FROM documents WHERE length(date_iso) = 4"
                " GROUP BY 1 ORDER BY 1").fetchall()
    undated = run("SELECT count(*) FROM documents WHERE date_iso IS NULL").fetchone()[0]
    result = Timeline(_fill(months), years, undated)
    if month:
        rows = run("SELECT id, date_iso, issuer_top, coalesce(title, subject, id) FROM documents"
                   " WHERE substr(date_iso, 1, 7) = ? ORDER BY date_iso, pk", (month,))
        result.documents = [dict(zip(("id", "date", "issuer", "title"), r, strict=True))
                            for r in rows]
    return result
