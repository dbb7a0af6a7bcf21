"""The Hijri date of a dated mention, for the entity detail view.

The conversion is sijill.calendar's, with its one range for every caller.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sijill.calendar import gregorian_to_hijri
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
        year, month, day = gregorian_to_hijri(date.fromisoformat(doc.date.iso))
    except ValueError:  # outside the calendar module's range
        return None
    return {"year": year, "month": month, "day": day, "text": None}
