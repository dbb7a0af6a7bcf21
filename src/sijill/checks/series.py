"""Check 3, numbering: within one issuer's series (the whole issuer chain, so two offices of
one group are two series; reference
numbers of one pattern, letters kept and digit runs as #), numbers that go backwards in time,
the same number on different documents, and a number that breaks the issuer's usual pattern
(a number with series letters of its own: a bare number is another register)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date

from sijill.checks.config import section
from sijill.model import Document, Flag
from sijill.names import name_key

_DIGITS = re.compile(r"\d+")


def pattern(ref: str) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", ref.casefold()))


def numbers(ref: str) -> tuple[int, ...]:
    """The number's digit runs in the order they count in: a year (Hijri or Gregorian) first,
    as in "N.W/11/1442-62" before "N.W/3/1443-15"."""
    runs = [int(n) for n in _DIGITS.findall(ref.translate(_INDIC))]
    years = [n for n in runs if 1300 <= n <= 1500 or 1900 <= n <= 2100]
    return tuple(years[:1] + [n for n in runs if n not in years[:1]])


_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def issuer_key(doc: Document) -> str | None:
    if not doc.issuer:
        return None
    return " / ".join(name_key(s.text) for s in doc.issuer)


def _day(doc: Document) -> date | None:
    if doc.date is None or doc.date.precision != "day":
        return None
    return date.fromisoformat(doc.date.iso)


Item = tuple[int, Document]  # index in the archive run, document


def _in_order(values: list[tuple[int, ...]]) -> set[int]:
    """Indexes of a longest non-decreasing run (not necessarily contiguous) of `values`:
    the fewest documents to set aside for the rest of the series to be in order."""
    best: list[list[int]] = []
    for i, v in enumerate(values):
        chains = [c for c in best if values[c[-1]] <= v]
        best.append(max(chains, key=len, default=[]) + [i])
    return set(max(best, key=len, default=[]))


def _backwards(series: list[Item], same: set[tuple[int, int]]) -> Iterator[tuple[int, Flag]]:
    grace = section("numbering")["backwards_grace_days"]
    dated = sorted(((d, i, doc) for i, doc in series if (d := _day(doc))), key=lambda t: t[:2])
    if len(dated) < section("numbering")["min_series"]:
        return
    values = [numbers(doc.reference_number.text) for _, _, doc in dated]  # type: ignore[union-attr]
    kept = _in_order(values)
    for k, (day, i, doc) in enumerate(dated):
        assert doc.reference_number is not None
        if k in kept:
            continue
        # the nearest document it contradicts, beyond filing-order slack
        against = [(abs((d - day).days), o) for n, (d, j, o) in enumerate(dated)
                   if n in kept and (i, j) not in same and abs((d - day).days) > grace
                   and (d < day) == (values[n] > values[k])]
        if not against:
            continue
        o = min(against, key=lambda t: t[0])[1]
        yield i, Flag("numbering-backwards", "warning",
                      f"reference {doc.reference_number.text!r} ({day}) goes against the order "
                      f"of its issuer's series: {o.reference_number.text!r} is dated "  # type: ignore[union-attr]
                      f"{o.date.iso}", (doc.reference_number,))  # type: ignore[union-attr]


def _repeats(series: list[Item], same: set[tuple[int, int]]) -> Iterator[tuple[int, Flag]]:
    by_ref: dict[str, list[Item]] = defaultdict(list)
    for i, doc in series:
        assert doc.reference_number is not None
        by_ref[doc.reference_number.text.strip()].append((i, doc))
    for ref, items in by_ref.items():
        for i, doc in items:
            others = [o for j, o in items if j != i and (min(i, j), max(i, j)) not in same]
            if others:
                assert doc.reference_number is not None
                yield i, Flag("numbering-repeat", "warning",
                              f"reference {ref!r} is also on {len(others)} other document(s) of "
                              f"this issuer with different content (e.g. {others[0].id})",
                              (doc.reference_number,))


def _pattern_breaks(items: list[Item]) -> Iterator[tuple[int, Flag]]:
    cfg = section("numbering")
    counts = Counter(pattern(d.reference_number.text) for _, d in items)  # type: ignore[union-attr]
    usual, n = counts.most_common(1)[0]
    if len(items) < cfg["min_series"] or n < 0.8 * len(items) or len(counts) == 1:
        return
    for i, doc in items:
        assert doc.reference_number is not None
        odd = pattern(doc.reference_number.text)
        # A bare number ("Receipt no.: 2210", "Issue number: 14") is another register of the
        # office (a receipt book, a bulletin's issues), not a break of its letters' series.
        if odd != usual and any(c.isalpha() for c in odd):
            yield i, Flag("numbering-pattern", "info",
                          f"unusual: reference {doc.reference_number.text!r} does not follow "
                          f"the pattern of {n} of this issuer's {len(items)} numbers "
                          f"({usual.replace('#', 'N')})", (doc.reference_number,))


def check(docs: list[Document], same: set[tuple[int, int]]) -> Iterator[tuple[int, Flag]]:
    """Findings as (index into docs, flag); `same` holds the index pairs already known to be
    copies or variants of one document (their shared number is not a repeat)."""
    by_issuer: dict[str, list[Item]] = defaultdict(list)
    for i, doc in enumerate(docs):
        key = issuer_key(doc)
        if key and doc.reference_number and numbers(doc.reference_number.text):
            by_issuer[key].append((i, doc))
    for items in by_issuer.values():
        yield from _pattern_breaks(items)
        series: dict[str, list[Item]] = defaultdict(list)
        for i, doc in items:
            series[pattern(doc.reference_number.text)].append((i, doc))  # type: ignore[union-attr]
        for members in series.values():
            yield from _repeats(members, same)
            yield from _backwards(members, same)
