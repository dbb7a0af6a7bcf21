"""What an editor types into a field's form, as the contract JSON the human layer stores.

A span field's value must be the document's own words: the typed text is looked up in the
text (the occurrence nearest the current value wins; letter case may differ, the span then
holds the text's own letters). Text that is not in the document is refused, not invented.
"""

from __future__ import annotations

import re
from typing import Any

from sijill.errors import StoreError
from sijill.model import Document, Span

SINGLE = ("subject", "sender", "reference_number")
LISTS = ("issuer", "addressees", "cc")
PLAIN = ("title",)
EDITABLE = (*PLAIN, *SINGLE, *LISTS, "date")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PRECISION = {4: "year", 7: "month", 10: "day"}


def locate(text: str, words: str, near: int = 0) -> Span | None:
    """The span of `words` in `text` nearest offset `near`, matching case-insensitively."""
    words = words.strip()
    if not words:
        return None
    folded, target = text.casefold(), words.casefold()
    if len(folded) != len(text):  # case folding changed lengths: only exact matches are safe
        folded, target = text, words
    found = [m.start() for m in re.finditer(re.escape(target), folded)]
    if not found:
        return None
    at = min(found, key=lambda i: abs(i - near))
    return Span(text[at : at + len(words)], at, at + len(words))


def _span(doc: Document, field: str, words: str, near: int) -> dict[str, Any]:
    span = locate(doc.text, words, near)
    if span is None:
        raise StoreError(f"{field}: {words.strip()!r} is not in the document's text")
    return span.to_dict()


def _near(doc: Document, field: str, index: int = 0) -> int:
    value = getattr(doc, field)
    if isinstance(value, list):
        value = value[index] if index < len(value) else (value[-1] if value else None)
    return value.start if value is not None else 0


def _date(doc: Document, raw: str) -> dict[str, Any] | None:
    raw = raw.strip()
    if not raw:
        return None
    if not _ISO.match(raw):
        raise StoreError("date: give it as YYYY, YYYY-MM or YYYY-MM-DD (Gregorian)")
    basis = doc.date.basis if doc.date else "gregorian"
    return {"iso": raw, "precision": _PRECISION[len(raw)], "basis": basis}


def form_value(doc: Document, field: str, raw: str) -> Any:
    """The contract JSON for `field` from the form's text (lists: one item a line)."""
    if field not in EDITABLE:
        raise StoreError(f"{field!r} cannot be edited here; editable: {', '.join(EDITABLE)}")
    if field in PLAIN:
        return raw.strip() or None
    if field == "date":
        return _date(doc, raw)
    if field in SINGLE:
        return _span(doc, field, raw, _near(doc, field)) if raw.strip() else None
    lines = [line for line in raw.splitlines() if line.strip()]
    return [_span(doc, field, line, _near(doc, field, i)) for i, line in enumerate(lines)]


def form_text(doc: Document, field: str) -> str:
    """The current value as the form shows it."""
    value = getattr(doc, field)
    if field == "date":
        return value.iso if value else ""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(item.text for item in value)
    return str(value.text)
