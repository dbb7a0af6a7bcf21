"""OCR'd Arabic words checked against a word list, and a word misread by one letter put right.

Debian's "fast" Arabic models misread a word in a few known ways: a letter of a stacked
ligature dropped (Amiri and other naskh fonts stack lam-meem, ha-meem, kaf-meem: "المحاسبة"
read "الحاسبة", "المحترم" "الحترم"), a letter's dots misplaced (the skeleton kept:
"الخدمات" read "الخذمات", "السنابل" "الستابل"), a stray letter added. A word is corrected
only to a word of an independent Arabic word list (wordfreq's, with each word's frequency in
Wikipedia, news, subtitles and the web; plus the parser's own label, level and formula words),
and only when one edit of such a known kind explains the reading and the corrected word is
far more common than the reading (`data/lexicon.yaml` holds the kinds and the margins). The
word's box stays; the layout keeps the reading Tesseract gave.
"""

from __future__ import annotations

import math
import unicodedata
from functools import cache
from typing import Any

from sijill import data
from sijill.names import fold_arabic

SHAPE = data.record(
    letters=data.TEXT, variants=data.WORDS, skeletons=data.WORDS, stacked=data.TEXT,
    non_joining=data.TEXT, meem_lookalikes=data.TEXT,
    known_zipf=data.NUMBER, vocabulary_zipf=data.NUMBER,
    margins=data.record(stacked=data.NUMBER, extra=data.NUMBER, dots=data.NUMBER,
                        variant=data.NUMBER, unknown=data.NUMBER, other=data.NUMBER),
    max_confidence=data.NUMBER, max_confidence_other=data.NUMBER, min_letters=data.INT,
)


# Letters of a label that OCR kept, enough for the parser to know it (parse.arabic).
_PREFIX = 5


@cache
def _rules() -> dict[str, Any]:
    return data.load(data.bundled("sijill.ingest", "lexicon.yaml"), SHAPE)  # type: ignore[no-any-return]


def _zipf(word: str) -> float:
    """How common a word is (Zipf scale: 3 once a million words, 6 once a thousand; 0 when
    no list holds it); the parser's own words count as common."""
    common = _rules()["vocabulary_zipf"] if word in _parser_words() else 0.0
    return max(_frequencies().get(word, 0.0), common)


@cache
def _frequencies() -> dict[str, float]:
    """wordfreq's Arabic words and how common each is (Zipf scale)."""
    from wordfreq import get_frequency_dict

    return {w: 9 + math.log10(f) for w, f in get_frequency_dict("ar", "large").items()}


def _zipf_raw(word: str) -> float:
    """How common the word is in wordfreq's list alone (0 when it is not there)."""
    return _frequencies().get(word, 0.0)


def correct(word: str, conf: float) -> str:
    """The word put right when the lexicon explains its reading by one known misreading;
    else the word as read. Punctuation around it is kept; a word with anything but Arabic
    letters inside is left alone."""
    rules = _rules()
    start, end = 0, len(word)
    while start < end and _mark(word[start]):
        start += 1
    while end > start and _mark(word[end - 1]):
        end -= 1
    core = word[start:end]
    if (conf >= rules["max_confidence"] or len(core) < rules["min_letters"]
            or not all(_letter(c) for c in core)):
        return word
    better = _better(core, conf, rules)
    return word[:start] + better + word[end:] if better else word


def _mark(c: str) -> bool:
    """Punctuation or a symbol: what may stand around a word."""
    return unicodedata.category(c)[0] in "PS"


def _letter(c: str) -> bool:
    return c in _rules()["letters"]


def _better(core: str, conf: float, rules: dict[str, Any]) -> str | None:
    margins = rules["margins"]
    here = _zipf(core)
    near = _near_vocabulary(core)
    if near is not None:  # the parser reads it as its word, or will once corrected
        return near or None
    if here >= rules["known_zipf"]:  # a known word: only a known misreading, far rarer
        likely = sorted(((_zipf(w), w, kind) for w, kind in _likely(core).items()
                         if _zipf(w)), reverse=True)
        if likely and likely[0][0] >= here + margins[likely[0][2]] and _clear(
                [x[:2] for x in likely], margins["unknown"]):
            return likely[0][1]
        return None
    ranked = {w: _zipf(w) for w in _likely(core) if _zipf(w)}
    if conf < rules["max_confidence_other"]:  # any other edit, at a cost
        for w in _edits(core):
            if w not in ranked and _zipf(w):
                ranked[w] = _zipf(w) - margins["other"]
    best = sorted(((z, w) for w, z in ranked.items()), reverse=True)
    if best and best[0][0] >= rules["known_zipf"] and _clear(best, margins["unknown"]):
        return best[0][1]
    return None


def _near_vocabulary(core: str) -> str | None:
    """For a reading at most one edit from the parser's words (a label, level word or
    formula word, spelling variants aside): that word when it is the only one and the
    reading is no known word; "" when the reading is to be left as it is (a word itself, or a
    label OCR cut short, which the parser knows); None when no parser word is near."""
    if core in _parser_words():
        return ""
    words = _vocabulary()
    folded = fold_arabic(core)
    if folded in words:
        return words[folded]
    near = {words[w] for w in _edits(folded, first=True) if w in words}
    if len(near) == 1 and _zipf_raw(core) < _rules()["known_zipf"]:
        return near.pop()
    if near or any(_cut_short(folded, w) for w in words):
        return ""
    return None


@cache
def _parser_words() -> frozenset[str]:
    """The words of the parser's data (parse/data/arabic.yaml)."""
    from sijill.parse.arabic import vocabulary

    return vocabulary()


@cache
def _vocabulary() -> dict[str, str]:
    """The parser's words, folded, each to its spelling."""
    return {fold_arabic(w): w for w in sorted(_parser_words())}


def _cut_short(core: str, word: str) -> bool:
    """The reading is the word with its last letters lost or garbled (a ligature: "التار",
    "التارج" for التاريخ): it starts with the word, or with its first five letters and is no
    longer (the parser's own tolerance for labels)."""
    return (len(core) >= 4 and word.startswith(core) and word != core) or (
        len(word) > _PREFIX and core[:_PREFIX] == word[:_PREFIX] and len(core) <= len(word))


def _clear(ranked: list[tuple[float, str]], margin: float) -> bool:
    """The best candidate well ahead of the next."""
    return len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= margin


def _likely(core: str) -> dict[str, str]:
    """Readings one known misreading away, each with its kind: "stacked" (a meem of a stacked
    ligature dropped after a joining letter, or a letter beside a meem dropped), "extra" (a
    letter beside a meem added, a meem read as heh), "dots" (a letter's dots misread),
    "variant" (a hamza seat, ya or alif maqsura, ta marbuta or heh)."""
    rules = _rules()
    meem, letters = rules["stacked"], rules["letters"]
    out: dict[str, str] = {}
    for group, kind in [*((g, "variant") for g in rules["variants"]),
                        *((g, "dots") for g in rules["skeletons"])]:
        for i, c in enumerate(core):
            if c in group:
                out.update((core[:i] + d + core[i + 1:], kind) for d in group if d != c)
    for i in range(len(core) + 1):
        if i and core[i - 1] not in rules["non_joining"]:
            out[core[:i] + meem + core[i:]] = "stacked"
        if meem in core[max(0, i - 1):i + 1]:
            out.update((core[:i] + c + core[i:], "stacked") for c in letters)
    for i, c in enumerate(core):
        if meem in core[max(0, i - 1):i] + core[i + 1:i + 2]:
            out[core[:i] + core[i + 1:]] = "extra"
        if c in rules["meem_lookalikes"]:
            out[core[:i] + meem + core[i + 1:]] = "extra"
    out.pop(core, None)
    return out


def _edits(core: str, first: bool = False) -> set[str]:
    """Every reading one letter away (one added, dropped or changed); with the first letter
    only if `first`: OCR rarely misreads it, and its change turns one word into another."""
    letters = _rules()["letters"]
    lo = 0 if first else 1
    out = {core[:i] + core[i + 1:] for i in range(lo, len(core))}
    for i in range(lo, len(core) + 1):
        out.update(core[:i] + c + core[i:] for c in letters)
        if i < len(core):
            out.update(core[:i] + c + core[i + 1:] for c in letters)
    out.discard(core)
    return out
