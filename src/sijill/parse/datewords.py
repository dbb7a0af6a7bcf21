"""How dates are written: the folded text dates are matched on, and month names as patterns.

Month names, markers, weekdays and the words around dates are data (`data/months.yaml`,
`data/date_words.yaml`), compiled once at import. Matching runs on a folded copy of the text
in which every character maps to exactly one character, so match offsets are offsets in the
original. A transliterated month name becomes a pattern that accepts its common respellings.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from sijill.data import INT, WORDS, bundled, listof, load, optional, record, table

# Each month's spellings by kind: English words, Latin transliterations, Arabic script.
_SPELLINGS = record(english=optional(WORDS), latin=optional(WORDS), arabic=optional(WORDS))
_MARKERS = record(exact=WORDS, any_case=WORDS)
MONTHS_SHAPE = record(hijri=table(_SPELLINGS), gregorian=table(_SPELLINGS),
                      markers=record(hijri=_MARKERS, gregorian=_MARKERS), weekdays=table(WORDS))
_PIVOT = record(pivot=INT, early=INT, late=INT)
DATE_WORDS_SHAPE = record(
    fold=table(WORDS), ordinals=WORDS, of_words=WORDS, year_words=WORDS, number_labels=WORDS,
    currency_signs=WORDS, currency_words=WORDS, pair_connectors=WORDS, pair_max_gap=INT,
    two_digit_years=record(hijri=_PIVOT, gregorian=_PIVOT),
    year_ranges=record(hijri=listof(INT), gregorian=listof(INT)),
)

MONTHS = load(bundled("sijill.parse", "months.yaml"), MONTHS_SHAPE)
DATE_WORDS = load(bundled("sijill.parse", "date_words.yaml"), DATE_WORDS_SHAPE)


# ---------------------------------------------------------------- folding


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Latin letters with diacritics (ā ḥ ṣ ş ...) fold to their base letter.
    for cp in itertools.chain(range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        decomposed = unicodedata.normalize("NFD", chr(cp))
        if len(decomposed) > 1 and decomposed[0].isascii() and decomposed[0].isalpha():
            table[cp] = decomposed[0]
    for target, sources in DATE_WORDS["fold"].items():
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

SP = r"[ \t]"
NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
NOT_LETTER_AFTER = r"(?![^\W\d_])"
_VOWELS = {"u": "[uo]", "o": "[ou]", "i": "[ie]", "e": "[ei]"}
_ARTICLES = {"al", "el", "ul", "il"}


def _respelled_token(token: str) -> str:
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


def respellings(name: str) -> str:
    """A transliteration as a pattern that accepts its common respellings."""
    tokens = [t for t in re.split(r"[ \-]+", fold(name).lower()) if t]
    return r"[ \t\-]?".join(_respelled_token(t) for t in tokens)


def arabic_words(name: str) -> str:
    return r"[ \t]?".join(re.escape(t) for t in fold(name).split())


def english_words(name: str) -> str:
    return r"[ \t]+".join(re.escape(t) for t in name.lower().split())


_KINDS = {"english": english_words, "latin": respellings, "arabic": arabic_words}


@dataclass(frozen=True, slots=True)
class MonthName:
    calendar: str
    month: int
    kind: str
    pattern: re.Pattern[str]
    initials: str  # the letters the name can begin with, once folded


def _read_month_names() -> list[MonthName]:
    names = []
    for cal in ("hijri", "gregorian"):
        for month, kinds in MONTHS[cal].items():
            for kind, spellings in kinds.items():
                for spelling in spellings or []:
                    rx = re.compile(_KINDS[kind](spelling), re.IGNORECASE)
                    names.append(MonthName(cal, int(month), kind, rx, _initials(kind, spelling)))
    return names


def _initials(kind: str, spelling: str) -> str:
    first = fold(spelling).lower()
    if kind != "latin":
        return first[0]
    if re.split(r"[ \-]+", first)[0] in _ARTICLES:
        return "aeiu"
    return {"u": "uo", "o": "ou", "i": "ie", "e": "ei"}.get(first[0], first[0])


def month_pattern(names: list[MonthName]) -> str:
    """All month names, grouped by initial letter.

    One flat alternation of some 400 names costs a try of each at every word start; a
    look-ahead on the initial lets the engine skip all but a few groups.
    """
    by_initial: dict[str, list[str]] = {}
    for name in names:
        for ch in name.initials:
            by_initial.setdefault(ch, []).append(name.pattern.pattern)
    groups = [f"(?={re.escape(ch)}){alternation(pats)}" for ch, pats in sorted(by_initial.items())]
    return "(?:" + "|".join(groups) + ")"


def alternation(patterns: list[str]) -> str:
    unique = sorted(set(patterns), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(unique) + ")"


MONTH_NAMES = _read_month_names()


def marker_pattern(cal: str) -> str:
    """The calendar's markers ("AH", "هـ", "CE"): some in their exact case, some in any."""
    spec = MONTHS["markers"][cal]
    exact = [r"[ \t]?".join(re.escape(p) for p in m.split()) for m in spec["exact"]]
    any_case = [re.escape(fold(m)) for m in spec["any_case"]]
    return f"(?:(?-i:{alternation(exact)})|{alternation(any_case)}\u0640*)"


def words_pattern(key: str) -> str:
    """The phrases listed under `key` in date_words.yaml, as one alternation."""
    return alternation([r"[ \t]+".join(re.escape(fold(w)) for w in words.split())
                        for words in DATE_WORDS[key]])
