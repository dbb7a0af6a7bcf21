"""Dates in every written form: find them, convert them, cross-check them, resolve them.

Hijri dates convert by the Umm al-Qura table (hijridate, 1343-1500 AH) and, outside it,
by the arithmetical (tabular) Islamic calendar (convertdate). Month names, markers,
weekdays and the words around dates are data (`data/months.yaml`, `data/date_words.yaml`),
compiled once at import. Matching runs on a folded copy of the text in which every
character maps to exactly one character, so match offsets are offsets in the original.
"""

from __future__ import annotations

import calendar
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from convertdate import islamic
from hijridate import Gregorian, Hijri

from sijill.model import DateValue, DocDate, Flag

_DATA_DIR = Path(__file__).with_name("data")


def _load(name: str) -> dict[str, Any]:
    return yaml.safe_load((_DATA_DIR / name).read_text(encoding="utf-8"))


_MONTHS = _load("months.yaml")
_WORDS = _load("date_words.yaml")

# ---------------------------------------------------------------- folding


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Latin letters with diacritics (ā ḥ ṣ ş ...) fold to their base letter.
    for cp in itertools.chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        decomposed = unicodedata.normalize("NFD", chr(cp))
        if len(decomposed) > 1 and decomposed[0].isascii() and decomposed[0].isalpha():
            table[cp] = decomposed[0]
    for target, sources in _WORDS["fold"].items():
        for source in sources:
            if len(target) == 1:
                table.update({ord(ch): target for ch in source})
            else:  # digit rows: the n-th source character folds to the n-th target one
                table.update({ord(s): t for s, t in zip(source, target, strict=True)})
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """The text as matched: same length, diacritics, apostrophes, digits and spaces unified."""
    return text if text.isascii() else text.translate(_FOLD)


# ---------------------------------------------------------------- patterns

_SP = r"[ \t]"
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_VOWELS = {"u": "[uo]", "o": "[ou]", "i": "[ie]", "e": "[ei]"}
_ARTICLES = {"al", "el", "ul", "il"}


def _loose_token(token: str) -> str:
    if token in _ARTICLES:
        return "[aeiu]l"
    if len(token) < 3:  # roman numerals and particles: exactly as listed
        return re.escape(token)
    if token.endswith("ah"):
        token = token[:-1]
    out, i = [], 0
    while i < len(token):
        ch = token[i]
        doubled = i + 1 < len(token) and token[i + 1] == ch and ch.isalpha()
        piece = "['`]?" if ch == "'" else _VOWELS.get(ch, re.escape(ch))
        out.append(f"{piece}{piece}?" if doubled else piece)
        i += 2 if doubled else 1
    if token.endswith("a"):
        out.append("h?")
    return "".join(out)


def _loose(name: str) -> str:
    """A transliteration as a pattern that accepts its common respellings."""
    tokens = [t for t in re.split(r"[ \-]+", fold(name).lower()) if t]
    return r"[ \t\-]?".join(_loose_token(t) for t in tokens)


def _arabic(name: str) -> str:
    return r"[ \t]?".join(re.escape(t) for t in fold(name).split())


def _english(name: str) -> str:
    return r"[ \t]+".join(re.escape(t) for t in name.lower().split())


_KINDS = {"english": _english, "latin": _loose, "arabic": _arabic}


@dataclass(frozen=True, slots=True)
class _MonthName:
    calendar: str
    month: int
    kind: str
    pattern: re.Pattern[str]
    initials: str  # the letters the name can begin with, once folded


def _month_names() -> list[_MonthName]:
    names = []
    for cal in ("hijri", "gregorian"):
        for month, kinds in _MONTHS[cal].items():
            for kind, spellings in kinds.items():
                for spelling in spellings or []:
                    rx = re.compile(_KINDS[kind](spelling), re.IGNORECASE)
                    names.append(_MonthName(cal, int(month), kind, rx, _initials(kind, spelling)))
    return names


def _initials(kind: str, spelling: str) -> str:
    first = fold(spelling).lower()
    if kind != "latin":
        return first[0]
    if re.split(r"[ \-]+", first)[0] in _ARTICLES:
        return "aeiu"
    return {"u": "uo", "o": "ou", "i": "ie", "e": "ei"}.get(first[0], first[0])


def _month_pattern(names: list[_MonthName]) -> str:
    """All month names, grouped by initial letter.

    One flat alternation of some 400 names costs a try of each at every word start; a
    look-ahead on the initial lets the engine skip all but a few groups.
    """
    by_initial: dict[str, list[str]] = {}
    for name in names:
        for ch in name.initials:
            by_initial.setdefault(ch, []).append(name.pattern.pattern)
    groups = [f"(?={re.escape(ch)}){_alternation(pats)}" for ch, pats in sorted(by_initial.items())]
    return "(?:" + "|".join(groups) + ")"


_MONTH_NAMES = _month_names()


def _alternation(patterns: list[str]) -> str:
    unique = sorted(set(patterns), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(unique) + ")"


def _marker_pattern(cal: str) -> str:
    spec = _MONTHS["markers"][cal]
    exact = [r"[ \t]?".join(re.escape(p) for p in m.split()) for m in spec["exact"]]
    loose = [re.escape(fold(m)) for m in spec["any_case"]]
    exact_alt = _alternation(exact)
    return f"(?:(?-i:{exact_alt})|{_alternation(loose)}\u0640*)"


def _words(key: str) -> str:
    return _alternation([r"[ \t]+".join(re.escape(fold(w)) for w in words.split())
                         for words in _WORDS[key]])


_HMARK = _marker_pattern("hijri")
_GMARK = _marker_pattern("gregorian")
_MARK_TAGS = ("n", "t", "p", "y")  # one pair of marker groups per alternative: names must differ


def _mark(tag: str) -> str:
    return f"(?:(?P<hmk{tag}>{_HMARK})|(?P<gmk{tag}>{_GMARK})){_NOT_LETTER_AFTER}"


_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])"
_ORD = f"(?:{_words('ordinals')})?"
_Y4 = r"[12][0-9]{3}(?![0-9])"
_Y2 = rf"[0-9]{{2}}(?={_SP}?(?:{_HMARK}|{_GMARK}){_NOT_LETTER_AFTER})"
_MONTH = _month_pattern(_MONTH_NAMES)
_EDGE = r"(?<![\w/.\-])"

_NUMERIC = (
    rf"{_EDGE}(?P<n1>[0-9]{{1,2}}|[12][0-9]{{3}}){_SP}?(?P<sep>[/.\-]){_SP}?"
    rf"(?P<n2>[0-9]{{1,2}}){_SP}?(?P=sep){_SP}?(?P<n3>[0-9]{{1,2}}|[12][0-9]{{3}})"
    rf"(?![0-9]|[/.\-][0-9])(?:{_SP}?{_mark('n')})?"
)
_TEXTUAL = (
    rf"(?<![0-9])(?:(?P<day>{_DAY}){_ORD}"
    rf"(?:{_SP}*[/.\-,]{_SP}*|{_SP}+(?:{_words('of_words')}{_SP}+)?))?"
    rf"{_NOT_LETTER_BEFORE}(?P<mon>{_MONTH})(?:\.(?={_SP}?[0-9]))?{_NOT_LETTER_AFTER}"
    rf"(?(day)|(?:{_SP}*(?P<day2>{_DAY}){_ORD}(?![0-9:])))?"
    rf"(?:{_SP}*[,/.\-]?{_SP}*(?:{_words('year_words')}{_SP}+)?"
    rf"(?P<year>{_Y4}|{_Y2})(?:{_SP}?{_mark('t')})?)?"
)
_MONTH_YEAR = rf"{_EDGE}(?P<pm>1[0-2]|0?[1-9])[/\-](?P<py>{_Y4}){_SP}?{_mark('p')}"
_YEAR_ONLY = rf"{_EDGE}(?P<yo>{_Y4}){_SP}?{_mark('y')}"

# Dates begin with a digit or at the start of a word: one cheap look-ahead turns away
# the other positions before the four alternatives are tried.
_DATE_RX = re.compile(
    rf"(?=[0-9]|{_NOT_LETTER_BEFORE}[^\W\d_])(?:"
    + "|".join(f"(?:{p})" for p in (_NUMERIC, _TEXTUAL, _MONTH_YEAR, _YEAR_ONLY)) + ")",
    re.IGNORECASE,
)
_LABEL_BEFORE_RX = re.compile(rf"{_NOT_LETTER_BEFORE}{_words('number_labels')}{_SP}*[.:#]?{_SP}*$",
                              re.IGNORECASE)
_CURRENCY_BEFORE_RX = re.compile(rf"[{''.join(map(re.escape, _WORDS['currency_signs']))}]{_SP}?$")
_CURRENCY_AFTER_RX = re.compile(rf"{_SP}*{_words('currency_words')}{_NOT_LETTER_AFTER}",
                                re.IGNORECASE)


def _weekday_rx() -> re.Pattern[str]:
    groups = []
    for day, names in _MONTHS["weekdays"].items():
        alt = _alternation([_loose(n) if n.isascii() else _arabic(n) for n in names])
        groups.append(f"(?P<w{day}>{alt})")
    return re.compile(
        rf"{_NOT_LETTER_BEFORE}(?:{'|'.join(groups)})\.?,?{_SP}*(?:(?:the|يوم){_SP}+)?$",
        re.IGNORECASE,
    )


_WEEKDAY_RX = _weekday_rx()
_PAIR_GAP_RX = re.compile(
    rf"[\s\[\](){{}}<>,;:/=\-|]*(?:{_words('pair_connectors')}[\s\[\](){{}}<>,;:/=\-|]*)?",
    re.IGNORECASE,
)
_PAIR_MAX_GAP: int = _WORDS["pair_max_gap"]
_YEAR_RANGES = {cal: tuple(r) for cal, r in _WORDS["year_ranges"].items()}
_ANY_DIGIT = re.compile(r"\d")
_DIGITS_RX = re.compile(r"[0-9]+")
_REACH = 48

# ---------------------------------------------------------------- conversion


def hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """Umm al-Qura where its table reaches, else tabular.

    A 30th that Umm al-Qura's month lacks (legal under local sighting) is the day after the
    29th; a 31st exists only where the table itself has one (a few months of 1345-1349 AH).
    """
    length, is_uq = _hijri_month_length(year, month)
    if not 1 <= day <= max(30, length):
        raise ValueError(f"no Hijri day {day} in month {month} of {year}")
    if not is_uq:
        return _tabular(year, month, day)
    g = Hijri(year, month, min(day, length)).to_gregorian()
    return date(g.year, g.month, g.day) + timedelta(days=max(0, day - length))


def gregorian_to_hijri(d: date) -> tuple[int, int, int]:
    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
    except OverflowError:
        return islamic.from_gregorian(d.year, d.month, d.day)
    return h.year, h.month, h.day


def _tabular(year: int, month: int, day: int) -> date:
    return date(*islamic.to_gregorian(year, month, day))


def _hijri_month_length(year: int, month: int) -> tuple[int, bool]:
    """The month's length and whether it is Umm al-Qura's (else tabular)."""
    if not 1 <= month <= 12:
        raise ValueError(f"there is no Hijri month {month}")
    try:
        return Hijri(year, month, 1).month_length(), True
    except OverflowError:
        return islamic.month_length(year, month), False


def _iso(cal: str, year: int | None, month: int | None, day: int | None) -> str | None:
    try:
        return _iso_or_raise(cal, year, month, day)
    except (ValueError, OverflowError):
        return None


def _iso_or_raise(cal: str, year: int | None, month: int | None, day: int | None) -> str | None:
    if year is None:
        return None
    if cal == "gregorian":
        if month is None:
            return f"{year:04d}"
        if day is None:
            return f"{year:04d}-{month:02d}"
        return date(year, month, day).isoformat()
    if month is None:  # the Gregorian year holding the middle of the Hijri year
        return f"{hijri_to_gregorian(year, 7, 1).year:04d}"
    if day is None:  # only as precise as the Gregorian calendar allows
        first = hijri_to_gregorian(year, month, 1)
        last = hijri_to_gregorian(year, month, _hijri_month_length(year, month)[0])
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.year:04d}-{first.month:02d}"
        return f"{hijri_to_gregorian(year, month, 15).year:04d}"
    return hijri_to_gregorian(year, month, day).isoformat()


# ---------------------------------------------------------------- finding


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateValue]:
    """Every date expression in text[start:end], in order, with spans absolute into text."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    if _ANY_DIGIT.search(chunk) is None:
        return []
    folded = fold(chunk)
    found = []
    for lo, hi in _windows(folded):
        for m in _DATE_RX.finditer(folded, lo, hi):
            value = _date_value(m, chunk, folded)
            if value is not None:
                found.append(value.shifted(start))
    return found


def _windows(folded: str) -> list[tuple[int, int]]:
    """Stretches of text around digits: every date holds a digit, so the big regex runs only there.

    A month name or marker stands well within _REACH characters of the date's nearest digit.
    """
    windows: list[tuple[int, int]] = []
    for m in _DIGITS_RX.finditer(folded):
        lo, hi = max(0, m.start() - _REACH), min(len(folded), m.end() + _REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _date_value(m: re.Match[str], chunk: str, folded: str) -> DateValue | None:
    if _is_number_not_date(m, folded):
        return None
    if m.group("mon") is not None:
        parts = _textual(m, chunk)
    elif m.group("n1") is not None:
        parts = _numeric(m)
    elif m.group("pm") is not None:
        parts = _marked_calendar(m), int(m.group("py")), int(m.group("pm")), None
    else:
        parts = _marked_calendar(m), int(m.group("yo")), None, None
    if parts is None or parts[0] is None:
        return None
    cal, year, month, day = parts
    return DateValue(chunk[m.start():m.end()], m.start(), m.end(), calendar=cal, year=year,
                     month=month, day=day, iso=_iso(cal, year, month, day))


def _is_number_not_date(m: re.Match[str], folded: str) -> bool:
    before = folded[max(0, m.start() - 24):m.start()]
    if folded[m.start()].isdigit() and _LABEL_BEFORE_RX.search(before):
        return True
    if _CURRENCY_BEFORE_RX.search(before):
        return True
    return _CURRENCY_AFTER_RX.match(folded, m.end()) is not None


def _marked_calendar(m: re.Match[str]) -> str | None:
    for tag in _MARK_TAGS:
        if m.group(f"hmk{tag}") is not None:
            return "hijri"
        if m.group(f"gmk{tag}") is not None:
            return "gregorian"
    return None


@functools.lru_cache(maxsize=4096)
def _month_name(name: str) -> _MonthName | None:
    return next((n for n in _MONTH_NAMES if n.pattern.fullmatch(name)), None)


def _textual(m: re.Match[str], chunk: str) -> tuple[str, int | None, int, int | None] | None:
    name = _month_name(m.group("mon"))
    day = m.group("day") or m.group("day2")
    year = m.group("year")
    if name is None or (day is None and year is None):
        return None  # a month name alone is not a date
    if name.kind == "english" and year is None and chunk[m.start("mon")].islower():
        return None  # "may", "march" in lower case are verbs
    return name.calendar, _full_year(year, name.calendar, m), name.month, _int(day)


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _full_year(year: str | None, cal: str, m: re.Match[str]) -> int | None:
    if year is None or len(year) == 4:
        return _int(year)
    spec = _WORDS["two_digit_years"][_marked_calendar(m) or cal]
    return int(year) + (spec["late"] if int(year) < spec["pivot"] else spec["early"])


def _numeric(m: re.Match[str]) -> tuple[str | None, int, int, int] | None:
    a, b, c = m.group("n1"), m.group("n2"), m.group("n3")
    marked = _marked_calendar(m)
    if len(a) == 4:
        year, rest = a, (int(b), int(c))
    elif len(c) == 4 or (len(c) == 2 and marked):
        year, rest = c, (int(b), int(a))
    else:
        return None
    month, day = rest if rest[0] <= 12 else rest[::-1]  # a "month" over 12 is the day
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    cal = marked or _calendar_by_year(int(year))
    if cal is None:
        return None
    return cal, _full_year(year, cal, m), month, day


def _calendar_by_year(year: int) -> str | None:
    return next((cal for cal, (lo, hi) in _YEAR_RANGES.items() if lo <= year <= hi), None)


# ---------------------------------------------------------------- weekdays and pairs


def weekday_before(text: str, date: DateValue) -> int | None:
    """The weekday named directly before a date (0 = Monday), if any."""
    m = _WEEKDAY_RX.search(fold(text[max(0, date.start - 40):date.start]))
    if m is None:
        return None
    return next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)


def pairs(dates: list[DateValue], text: str) -> list[tuple[DateValue, DateValue]]:
    """Neighbouring dates of the two calendars stated as one day: (hijri, gregorian)."""
    found = []
    for a, b in itertools.pairwise(dates):
        if a.calendar != b.calendar and _is_pair_gap(text, a, b):
            found.append((a, b) if a.calendar == "hijri" else (b, a))
    return found


def _is_pair_gap(text: str, a: DateValue, b: DateValue) -> bool:
    if not 0 <= b.start - a.end <= _PAIR_MAX_GAP:
        return False
    gap = fold(text[a.end:b.start])
    return _PAIR_GAP_RX.fullmatch(gap) is not None


def complete_pairs(dates: list[DateValue], text: str) -> list[DateValue]:
    """Give a day and month without a year the year of its stated other-calendar equivalent."""
    done = {id(d): d for d in dates}
    for hijri, greg in pairs(dates, text):
        if _is_day_month(hijri) and greg.year is not None:
            done[id(hijri)] = _with_year(hijri, _hijri_year_near(hijri, _anchor(greg)))
        elif _is_day_month(greg) and hijri.year is not None:
            done[id(greg)] = _with_year(greg, _gregorian_year_near(greg, _anchor(hijri)))
    return [done[id(d)] for d in dates]


def _is_day_month(d: DateValue) -> bool:
    return d.year is None and d.month is not None and d.day is not None


def _with_year(d: DateValue, year: int | None) -> DateValue:
    if year is None:
        return d
    return replace(d, year=year, iso=_iso(d.calendar, year, d.month, d.day))


def _anchor(d: DateValue) -> date | None:
    """A Gregorian day standing for the date (its middle when it is only a month or year)."""
    iso = d.iso or ""
    parts = [int(p) for p in iso.split("-")] if iso else []
    if not parts:
        return None
    return date(parts[0], parts[1] if len(parts) > 1 else 7, parts[2] if len(parts) > 2 else 1)


def _hijri_year_near(d: DateValue, anchor: date | None) -> int | None:
    if anchor is None or d.month is None or d.day is None:
        return None
    guess = gregorian_to_hijri(anchor)[0]
    years = (y for y in (guess - 1, guess, guess + 1) if _iso("hijri", y, d.month, d.day))
    return min(years, key=lambda y: abs(hijri_to_gregorian(y, d.month, d.day) - anchor),
               default=None)


def _gregorian_year_near(d: DateValue, anchor: date | None) -> int | None:
    if anchor is None or d.month is None or d.day is None:
        return None
    years = [y for y in (anchor.year - 1, anchor.year, anchor.year + 1)
             if _iso("gregorian", y, d.month, d.day)]
    return min(years, key=lambda y: abs(date(y, d.month, d.day) - anchor), default=None)


# ---------------------------------------------------------------- checks


def validate(date: DateValue) -> list[Flag]:
    """A day its month lacks is invalid; a Hijri 30th the tables lack is only noted."""
    if date.month is not None and not 1 <= date.month <= 12:
        return [Flag("date-invalid", "warning", f"{date.text!r}: there is no month {date.month}")]
    if date.day is None or date.month is None:
        return []
    if date.calendar == "gregorian":
        return _validate_gregorian(date)
    return _validate_hijri(date)


def _validate_gregorian(d: DateValue) -> list[Flag]:
    assert d.month is not None and d.day is not None
    length = calendar.monthrange(d.year if d.year is not None else 2000, d.month)[1]
    if 1 <= d.day <= length:
        return []
    name = calendar.month_name[d.month]
    return [Flag("date-invalid", "warning", f"{d.text!r}: {name} has no day {d.day}")]


def _validate_hijri(d: DateValue) -> list[Flag]:
    assert d.month is not None and d.day is not None
    name = _hijri_month_label(d.month)
    length, is_uq = _hijri_month_length(d.year, d.month) if d.year is not None else (30, False)
    if not 1 <= d.day <= max(30, length):
        return [Flag("date-invalid", "warning", f"{d.text!r}: {name} has no day {d.day}")]
    if d.day < 30 or d.year is None or d.day <= length:
        return []
    table = "Umm al-Qura" if is_uq else "the tabular calendar"
    tabular = islamic.month_length(d.year, d.month)
    also = "; the tabular calendar gives it 30" if is_uq and tabular == 30 else ""
    return [Flag("date-local-sighting", "info",
                 f"{d.text!r}: {table} gives {name} {d.year} 29 days{also}; "
                 "a 30th is legal under local sighting")]


def _hijri_month_label(month: int) -> str:
    return Hijri(1443, month, 1).month_name("en")


def cross_check(hijri: DateValue, gregorian: DateValue, weekday: int | None = None) -> list[Flag]:
    """Flag a Hijri date and its stated Gregorian equivalent that do not agree."""
    if hijri.calendar != "hijri":
        hijri, gregorian = gregorian, hijri
    h, g = _parts(hijri), _parts(gregorian)
    if h is None or g is None:
        return _check_overlap(hijri, gregorian)
    try:
        stated, uq = date(*g), hijri_to_gregorian(*h)
    except ValueError:
        return []  # an impossible day: validate() reports it
    if weekday is not None:
        return _check_weekday(h, stated, uq, weekday)
    if _consistent(h, stated):
        return []
    diff = (stated - uq).days
    if diff in (-2, 3):
        return [Flag("date-offset", "info",
                     f"{_hfmt(h)} is {uq} by Umm al-Qura; the stated {stated} is {diff:+d} days "
                     "from it, plausible under local sighting")]
    return [_mismatch(h, stated, uq)]


def _parts(d: DateValue) -> tuple[int, int, int] | None:
    if d.year is None or d.month is None or d.day is None:
        return None
    return d.year, d.month, d.day


def _consistent(h: tuple[int, int, int], stated: date) -> bool:
    try:
        diff = (stated - hijri_to_gregorian(*h)).days
        return -1 <= diff <= 2 or stated == _tabular(*h)
    except (ValueError, OverflowError):
        return False


def _hfmt(h: tuple[int, int, int]) -> str:
    return f"{h[2]} {_hijri_month_label(h[1])} {h[0]}"


def _mismatch(h: tuple[int, int, int], stated: date, uq: date, lead: str = "") -> Flag:
    diff = (stated - uq).days
    slip = _likely_slip(h, stated)
    tail = f"likely {slip}" if slip else "no single slip explains it"
    return Flag("date-mismatch", "warning",
                f"{lead}{_hfmt(h)} is {uq} by Umm al-Qura but the document states {stated} "
                f"({diff:+d} days): {tail}")


def _likely_slip(h: tuple[int, int, int], stated: date) -> str | None:
    y, m, d = h
    for kind, hijri_alt, greg_alt in _slip_candidates(h, stated):
        if hijri_alt is not None and _consistent(hijri_alt, stated):
            return f"a {kind} in the Hijri date ({_hfmt(hijri_alt)} would fit)"
        if greg_alt is not None and _consistent((y, m, d), greg_alt):
            return f"a {kind} in the Gregorian date ({greg_alt} would fit)"
    return None


_Slip = tuple[str, tuple[int, int, int] | None, date | None]


def _slip_candidates(h: tuple[int, int, int], g: date) -> Iterator[_Slip]:
    """Each likely slip with the Hijri date and the Gregorian date it would correct to."""
    y, m, d = h
    for step in (-1, 1):
        hm = (y + (m + step - 1) // 12, (m + step - 1) % 12 + 1, d)
        yield "wrong month", hm, _safe_date(g.year + (g.month + step - 1) // 12,
                                             (g.month + step - 1) % 12 + 1, g.day)
    for step in (-1, 1):
        yield "wrong year", (y + step, m, d), _safe_date(g.year + step, g.month, g.day)
    swapped_h = (y, d, m) if d <= 12 and m <= 30 else None
    yield "swapped day and month", swapped_h, _safe_date(g.year, g.day, g.month)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _check_weekday(h: tuple[int, int, int], stated: date, uq: date, weekday: int) -> list[Flag]:
    named = calendar.day_name[weekday]
    if stated.weekday() == weekday:
        if -2 <= (stated - uq).days <= 3 or _consistent(h, stated):
            return []  # the weekday confirms the stated day: the sighting offset is settled
        return [_mismatch(h, stated, uq, f"the weekday ({named}) confirms {stated}; ")]
    window = (uq + timedelta(days=k) for k in range(-1, 3))
    fits = [day for day in window if day.weekday() == weekday]
    by_weekday = f"; by the weekday the day is {fits[0]}" if fits else ""
    actual = calendar.day_name[stated.weekday()]
    return [Flag("date-mismatch", "warning",
                 f"the stated weekday {named} is not {stated} (a {actual}){by_weekday}")]


def _check_overlap(hijri: DateValue, gregorian: DateValue) -> list[Flag]:
    """Dates less precise than a day agree when their spans of days meet (give or take sighting)."""
    hs, gs = _day_span(hijri), _day_span(gregorian)
    if hs is None or gs is None:
        return []
    lo, hi = hs[0] - timedelta(days=1), hs[1] + timedelta(days=2)
    if lo <= gs[1] and gs[0] <= hi:
        return []
    return [Flag("date-mismatch", "warning",
                 f"{hijri.text!r} ({hs[0]}..{hs[1]}) and {gregorian.text!r} ({gs[0]}..{gs[1]}) "
                 "do not overlap")]


def _day_span(d: DateValue) -> tuple[date, date] | None:
    if d.year is None:
        return None
    try:
        if d.calendar == "gregorian":
            return _gregorian_span(d.year, d.month, d.day)
        return _hijri_span(d.year, d.month, d.day)
    except (ValueError, OverflowError):
        return None


def _gregorian_span(y: int, m: int | None, d: int | None) -> tuple[date, date]:
    if m is None:
        return date(y, 1, 1), date(y, 12, 31)
    if d is None:
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    return date(y, m, d), date(y, m, d)


def _hijri_span(y: int, m: int | None, d: int | None) -> tuple[date, date]:
    if m is None:
        return hijri_to_gregorian(y, 1, 1), hijri_to_gregorian(y, 12, _hijri_month_length(y, 12)[0])
    if d is None:
        return hijri_to_gregorian(y, m, 1), hijri_to_gregorian(y, m, _hijri_month_length(y, m)[0])
    day = hijri_to_gregorian(y, m, d)
    return day, day


# ---------------------------------------------------------------- resolving

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
        return _is_pair_gap(text, a, b)
    if not 0 <= b.start - a.end <= _PAIR_MAX_GAP:
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


def check_dates(text: str, dates: list[DateValue]) -> list[Flag]:
    """validate() every date; cross_check() every stated pair, with a weekday named before it."""
    flags = [f for d in dates for f in validate(d)]
    for hijri, greg in pairs(dates, text):
        first = hijri if hijri.start < greg.start else greg
        flags += cross_check(hijri, greg, weekday_before(text, first))
    return flags
