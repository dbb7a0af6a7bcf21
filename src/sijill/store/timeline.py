"""The archive over time, for the timeline pages: documents counted by their (Gregorian)
date, and the documents of a month or a span of months. Read-only."""

from __future__ import annotations

import sqlite3

Listed = tuple[str, str, str | None, str]  # (id, date, top issuer, title or subject or id)
_LISTED = "SELECT id, date_iso, issuer_top, coalesce(title, subject, id) FROM documents"


def month_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Documents per month ("2021-08"), of those dated to the month or the day."""
    return dict(conn.execute("SELECT substr(date_iso, 1, 7), count(*) FROM documents"
                             " WHERE length(date_iso) >= 7 GROUP BY 1").fetchall())


def issuer_counts(conn: sqlite3.Connection) -> list[tuple[str, str | None, int]]:
    """(date, top issuer, documents) for every date precise to the month or the day."""
    return conn.execute(
        "SELECT date_iso, issuer_top, count(*) FROM documents WHERE length(date_iso) >= 7"
        " GROUP BY 1, 2").fetchall()


def year_only_counts(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Documents per year, of those dated to the year alone, by year."""
    return conn.execute("SELECT date_iso, count(*) FROM documents WHERE length(date_iso) = 4"
                        " GROUP BY 1 ORDER BY 1").fetchall()


def undated_count(conn: sqlite3.Connection) -> int:
    """How many documents have no date."""
    return int(conn.execute("SELECT count(*) FROM documents WHERE date_iso IS NULL")
               .fetchone()[0])


def documents_dated(conn: sqlite3.Connection, prefix: str) -> list[Listed]:
    """The documents dated to the month or day whose date starts with `prefix` ("2021",
    "2021-08"), by date then storage order."""
    return conn.execute(f"{_LISTED} WHERE length(date_iso) >= 7 AND date_iso LIKE ?"
                        " ORDER BY date_iso, pk", (prefix + "%",)).fetchall()


def documents_in_months(conn: sqlite3.Connection, first: str, last: str) -> list[Listed]:
    """The documents dated to a month ("2021-08") from `first` to `last`, by date."""
    return conn.execute(f"{_LISTED} WHERE length(date_iso) >= 7"
                        " AND substr(date_iso, 1, 7) BETWEEN ? AND ? ORDER BY date_iso, pk",
                        (first, last)).fetchall()
