"""The Hijri date of a dated mention, for the entity detail view.

The one place the store converts between calendars; the project's calendar module (one
module for every Hijri/Gregorian/Solar conversion) is to take this over.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hijridate import Gregorian

from sijill.model import DateValue, Document

__all__ = ["hijri_of"]


def hijri_of(doc: Document, written: DateValue | None) -> dict[str, Any] | None:
    """The Hijri date as written, else converted from a day-precise Gregorian date."""
    if written is not None:
        return {"year": written.year, "month": written.month, "day": written.day,
                "text": written.text}
    if doc.date is None or doc.date.precision != "day":
        return None
    try:
        h = Gregorian.fromdate(date.fromisoformat(doc.date.iso)).to_hijri()
    except (ValueError, OverflowError):  # outside the Umm al-Qura table
        return None
    return {"year": h.year, "month": h.month, "day": h.day, "text": None}
