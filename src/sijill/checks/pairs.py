"""Check: an original and its translation, field by field.

The Arabic reference number and Hijri date confirm the English ones: digits are compared as
numbers whatever script writes them (Western, Arabic-Indic ٠-٩, Eastern Arabic-Indic ۰-۹),
letters left aside (ت is T, or is left out, in a translation). A disagreement is a flag on
both documents (`pair-reference-mismatch`, `pair-date-mismatch`, warnings) with each one's
own words; agreement is shown by the reader (`align`). Subject, sender and addressees are
shown side by side, the sender compared across scripts by `sijill.names.compare`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from sijill.model import DateValue, Document, Flag, Span
from sijill.names import compare

Verdict = Literal["agree", "differ", "missing", "shown"]

_NUMBER = re.compile(r"\d+")  # \d is every Unicode decimal digit: ٤٧ and ۴۷ are 47


def numbers(text: str) -> tuple[int, ...]:
    """The numbers written in a text, in order, whatever digits write them."""
    return tuple(int(m.group()) for m in _NUMBER.finditer(text))


@dataclass(frozen=True, slots=True)
class Row:
    """One field of the pair: the original's words, the translation's, and the verdict."""

    field: str  # what the reader calls it
    original: list[Span]
    translation: list[Span]
    verdict: Verdict
    reason: str = ""


def _reference(original: Document, translation: Document) -> Row:
    a, b = original.reference_number, translation.reference_number
    spans = ([a] if a else [], [b] if b else [])
    if a is None or b is None or not numbers(a.text) or not numbers(b.text):
        return Row("reference number", *spans, "missing")
    na, nb = numbers(a.text), numbers(b.text)
    if na == nb:
        return Row("reference number", *spans, "agree", f"the same numbers {_show(na)}")
    if na == nb[::-1]:
        return Row("reference number", *spans, "agree",
                   f"the same numbers {_show(na)}, written in the other order")
    # numbers only: a message that quotes Arabic and Latin words runs in no one direction
    return Row("reference number", *spans, "differ",
               f"the original's reference number reads {_show(na)}, the translation's "
               f"{_show(nb)}")


def _show(ns: tuple[int, ...]) -> str:
    return "/".join(map(str, ns))


def _parts(d: DateValue) -> tuple[int, ...]:
    return tuple(p for p in (d.year, d.month, d.day) if p is not None)


def _date(original: Document, translation: Document, calendar: str) -> Row:
    name = f"{calendar.capitalize()} date"
    a = [d for d in original.dates if d.calendar == calendar and d.year]
    b = [d for d in translation.dates if d.calendar == calendar and d.year]
    if not a or not b:
        return Row(name, list(a), list(b), "missing")
    for x in a:
        for y in b:
            common = min(len(_parts(x)), len(_parts(y)))
            if _parts(x)[:common] == _parts(y)[:common]:
                return Row(name, [x], [y], "agree", f"the same date {_dash(_parts(x))}")
    return Row(name, a[:1], b[:1], "differ",
               f"the original's {name} reads {_dash(_parts(a[0]))}, the translation's "
               f"{_dash(_parts(b[0]))} (year-month-day)")


def _dash(parts: tuple[int, ...]) -> str:
    return "-".join(str(p) for p in parts)


def _shown(name: str, get: Callable[[Document], list[Span]]) -> Callable[..., Row]:
    def row(original: Document, translation: Document) -> Row:
        return Row(name, get(original), get(translation), "shown")
    return row


def _sender(original: Document, translation: Document) -> Row:
    a, b = original.sender, translation.sender
    spans = ([a] if a else [], [b] if b else [])
    if a is None or b is None:
        return Row("sender", *spans, "missing")
    same, _ = compare(a.text, b.text)
    return Row("sender", *spans, "agree" if same else "shown",
               "the same name in both scripts" if same else "")


_ROWS: list[Callable[[Document, Document], Row]] = [
    _reference,
    lambda a, b: _date(a, b, "hijri"),
    lambda a, b: _date(a, b, "gregorian"),
    _shown("issuer", lambda d: list(d.issuer)),
    _shown("subject", lambda d: [d.subject] if d.subject else []),
    _sender,
    _shown("addressees", lambda d: list(d.addressees)),
]


def align(original: Document, translation: Document) -> list[Row]:
    """The pair's fields side by side, each with its verdict."""
    return [row(original, translation) for row in _ROWS]


_CODES = {"reference number": "pair-reference-mismatch", "Hijri date": "pair-date-mismatch",
          "Gregorian date": "pair-date-mismatch"}


def findings(rows: list[Row], original_id: str,
             translation_id: str) -> tuple[list[Flag], list[Flag]]:
    """The flags of a pair's disagreements: (on the original, on the translation), each
    resting on that document's own words."""
    on_original: list[Flag] = []
    on_translation: list[Flag] = []
    for row in rows:
        if row.verdict != "differ":
            continue
        code = _CODES[row.field]
        on_original.append(Flag(code, "warning", f"{row.reason}; translation: {translation_id}",
                                tuple(row.original)))
        on_translation.append(Flag(code, "warning", f"{row.reason}; original: {original_id}",
                                   tuple(row.translation)))
    return on_original, on_translation
