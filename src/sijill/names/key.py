"""Name keys under which transliteration variants of one Arabic name meet.

`name_key` is a blocking key: consonant skeletons with particles (abu, abd, bin, umm...)
kept verbatim, so "Abu Mohammed al-Jolani" and "Abu Muhammad al-Golani" share it.
`compare` decides within a block: same tokens, same consonant/vowel structure, with `e`
a wildcard vowel, T (th/dh) a wildcard for t/d/s/z, and one elided vowel in long tokens.
It proposes candidates; identity across kunyas still needs a curated alias table.
All spelling rules live in data/names.yaml; the fold they start from is `names.fold`. A
name in Arabic script is first romanised (`names.script.romanise`, rules in
data/arabic_script.yaml), so أبو مالك التلي keys as "Abu Malik al-Talli" does; compare()
then checks the long vowels the script writes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from sijill.names.folding import fold, spelling_rules
from sijill.names.script import has_arabic, romanise, vowels_agree

# A token as analysed: its normalised spelling and whether it is a canonical particle.
Token = tuple[str, bool]


@dataclass(frozen=True)
class _Rules:
    articles: frozenset[str]
    sun_articles: dict[str, str]
    fused_article: tuple[tuple[str, int], ...]
    particles: dict[str, str]
    spellings: dict[str, str]
    canonical: frozenset[str]
    compounds: tuple[tuple[re.Pattern[str], str | None], ...]
    segments: tuple[tuple[re.Pattern[str], str], ...]
    dotted: dict[int, str]
    vowels: frozenset[str]
    vowel_wildcard: str
    consonant_wildcard: str
    wildcard_class: frozenset[str]
    elision_min_length: int


def _sun_articles(spec: dict[str, list[str]]) -> dict[str, str]:
    return {v + c: c for v in spec["vowels"] for c in spec["consonants"]}


def _inverse(spec: dict[str, list[str]]) -> dict[str, str]:
    """Each written form mapped to its canonical form."""
    return {form: canon for canon, forms in spec.items() for form in forms}


@cache
def _rules() -> _Rules:
    raw: dict[str, Any] = spelling_rules()
    tok, match = raw["tokens"], raw["match"]
    return _Rules(
        articles=frozenset(tok["articles"]),
        sun_articles=_sun_articles(tok["sun_article"]),
        fused_article=tuple((f["prefix"], f["min_length"]) for f in tok["fused_article"]),
        particles=_inverse(tok["particles"]),
        spellings=_inverse(tok["spellings"]),
        canonical=frozenset(tok["particles"]),
        compounds=tuple((re.compile(c["pattern"]), c["add"]) for c in tok["compounds"]),
        segments=tuple((re.compile(p), r) for p, r in raw["segments"]),
        dotted=str.maketrans({str(k): str(v) for k, v in raw["dotted"].items()}),
        vowels=frozenset(match["vowels"]),
        vowel_wildcard=match["vowel_wildcard"],
        consonant_wildcard=match["consonant_wildcard"],
        wildcard_class=frozenset(match["wildcard_class"]),
        elision_min_length=match["elision_min_length"],
    )


# ---------------------------------------------------------------- tokens


def _strip_article(token: str, rules: _Rules) -> str:
    for prefix, min_length in rules.fused_article:
        rest = token[len(prefix) :]
        if token.startswith(prefix) and len(token) >= min_length and _is_consonant(rest[0]):
            return rest if rest[0] != "l" else token
    return token


def _is_consonant(ch: str) -> bool:
    return ch.isalpha() and ch not in "aeiou"


def _split(token: str, rules: _Rules, depth: int = 0) -> list[str]:
    """Canonical particles and compound parts of one folded token."""
    if token in rules.particles:
        return [rules.particles[token]]
    token = rules.spellings.get(token, token)
    token = _strip_article(token, rules)
    if depth > 3:
        return [token]
    for pattern, add in rules.compounds:
        m = pattern.fullmatch(token)
        if m:
            parts = [p for p in m.groups() if p] + ([add] if add else [])
            return [t for p in parts for t in _split(p, rules, depth + 1)]
    return [token]


def _drop_articles(words: list[str], rules: _Rules) -> list[str]:
    kept = []
    for i, word in enumerate(words):
        if word in rules.articles:
            continue
        sun = rules.sun_articles.get(word)
        if sun and i + 1 < len(words) and words[i + 1].startswith(sun):
            continue
        kept.append(word)
    # A name that is nothing but an article ("Al") is still a name.
    return kept or words


def _normalise(token: str, rules: _Rules) -> str:
    for pattern, replacement in rules.segments:
        token = pattern.sub(replacement, token)
    return token


@lru_cache(maxsize=1 << 14)
def _word(word: str) -> tuple[Token, ...]:
    """Analysis of one folded word; cached, since given names and particles recur."""
    rules = _rules()
    parts = _split(word, rules)
    return tuple(
        (p, True) if p in rules.canonical else (_normalise(p, rules), False) for p in parts
    )


@lru_cache(maxsize=1 << 16)
def _analyse(name: str) -> tuple[tuple[Token, ...], str]:
    """The name's tokens and its key."""
    rules = _rules()
    if has_arabic(name):
        name = romanise(name)
    if not name.isascii():
        name = unicodedata.normalize("NFC", name).translate(rules.dotted)
    words = _drop_articles(fold(name).split(), rules)
    tokens = tuple(t for w in words for t in _word(w))
    return tokens, " ".join(_token_key(t, rules) for t in tokens)


# ---------------------------------------------------------------- key


def _skeleton(norm: str, rules: _Rules) -> str:
    # The wildcard class collapses into T here, so every pair compare() accepts shares a key.
    out = []
    for ch in norm:
        if ch in rules.vowels or ch == rules.vowel_wildcard:
            continue
        out.append(rules.consonant_wildcard if ch in rules.wildcard_class else ch)
    return "".join(out) or norm


def _token_key(token: Token, rules: _Rules) -> str:
    text, particle = token
    return text if particle else _skeleton(text, rules)


def name_key(name: str) -> str:
    """The blocking key: consonant skeletons, particles verbatim, e.g. 'abu mhmT jln'."""
    return _analyse(name)[1]


# The vowel a written e most often stands for (Mohammed, Ahmed, al-Meskani), and the first
# letters of a token that spell one vowel (Eissa, Oussama).
_FIRST_VOWEL = {"e": "a", "o": "u"}
_VOWEL_DIGRAPHS = ("ei", "ee", "ou", "oo")


def _first_vowel(text: str) -> str:
    for digraph in _VOWEL_DIGRAPHS:
        if text.startswith(digraph):
            text = text[1:]
    vowel = next((c for c in text if c in "aeiou"), "")
    return _FIRST_VOWEL.get(vowel, vowel)


def identity_key(name: str) -> str:
    """The key entity ids hang on: `name_key` plus each token's first vowel class.

    Finer than the blocking key, so names that share a skeleton but not their vowels
    (Muhammad / Mahmud, Umar / Amr) stay apart across documents, while the usual
    transliteration variants (Mohammed / Muhammad, Osama / Usama) still meet.
    """
    tokens, key = _analyse(name)
    vowels = (text if particle else _first_vowel(text) for text, particle in tokens)
    return f"{key}|{' '.join(vowels)}"


# ---------------------------------------------------------------- compare


def _is_vowel(ch: str, rules: _Rules) -> bool:
    return ch in rules.vowels or ch == rules.vowel_wildcard


def _soft(x: str, y: str, rules: _Rules) -> bool:
    """Whether two different letters may stand for one: e for a vowel, T for t/d/s/z."""
    if _is_vowel(x, rules) and _is_vowel(y, rules):
        return rules.vowel_wildcard in (x, y)
    wild, cls = rules.consonant_wildcard, rules.wildcard_class
    return (x == wild and y in cls) or (y == wild and x in cls)


def _aligned(a: str, b: str, rules: _Rules) -> int | None:
    """Number of soft letter matches between equal-length spellings, or None."""
    soft = 0
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        if not _soft(x, y, rules):
            return None
        soft += 1
    return soft


def _elided(short: str, long: str, rules: _Rules) -> int | None:
    """Soft matches if deleting one inner vowel from `long` aligns it with `short`."""
    best = None
    for i in range(1, len(long) - 1):
        if not _is_vowel(long[i], rules):
            continue
        soft = _aligned(short, long[:i] + long[i + 1 :], rules)
        if soft is not None and (best is None or soft < best):
            best = soft
    return None if best is None else best + 1


def _token_match(a: Token, b: Token, rules: _Rules) -> int | None:
    if a == b:
        return 0
    if a[1] or b[1]:
        return None
    x, y = sorted((a[0], b[0]), key=len)
    if len(x) == len(y):
        return _aligned(x, y, rules)
    if len(y) - len(x) == 1 and len(x) >= rules.elision_min_length:
        return _elided(x, y, rules)
    return None


def _gaps(text: str, rules: _Rules) -> list[str]:
    """The vowels before, between and after the consonants of a normalised token."""
    gaps = [""]
    for ch in text:
        if _is_vowel(ch, rules):
            gaps[-1] += ch
        else:
            gaps.append("")
    return gaps


def _script_match(arabic: Token, latin: Token, rules: _Rules) -> bool:
    """Whether a romanised Arabic token (long vowels only) fits a transliteration's token.

    Short vowels are unwritten in Arabic, so the Latin side may have one vowel letter where
    the Arabic has none, but not two (حسن is Hasan, not Husayn); a long vowel the script
    writes (ا و ي) must be there in the Latin (محمود is Mahmud, not Muhammad). The wildcard e
    matches any vowel on either side.
    """
    if arabic[1] or latin[1]:
        return arabic == latin
    ga, gl = _gaps(arabic[0], rules), _gaps(latin[0], rules)
    if len(ga) != len(gl):
        return False
    wild = rules.vowel_wildcard
    return all(
        len(theirs) <= 1 if not ours else
        wild in theirs or all(v == wild or v in theirs for v in ours)
        for ours, theirs in zip(ga, gl, strict=True)
    )


def _similarity(a: tuple[Token, ...], b: tuple[Token, ...]) -> float:
    """Dice coefficient of letter bigrams of the normalised names: cheap and symmetric."""
    x, y = (_bigrams(" ".join(t for t, _ in toks)) for toks in (a, b))
    return 2 * sum((x & y).values()) / (sum(x.values()) + sum(y.values()) or 1)


def _bigrams(text: str) -> Counter[str]:
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def compare(a: str, b: str) -> tuple[bool, float]:
    """(same name?, score in [0, 1]). Same implies equal name_key; scores of same >= 0.8."""
    rules = _rules()
    (ta, key_a), (tb, key_b) = _analyse(a), _analyse(b)
    if not ta or not tb:
        return False, 0.0
    if key_a == key_b and len(ta) == len(tb):
        if has_arabic(a) != has_arabic(b):
            ta, tb = (ta, tb) if has_arabic(a) else (tb, ta)
            same = all(_script_match(x, y, rules) for x, y in zip(ta, tb, strict=True))
            same = same and vowels_agree(*((a, b) if has_arabic(a) else (b, a)))
            return (True, 0.85) if same else (False, round(0.75 * _similarity(ta, tb), 6))
        softs = [_token_match(x, y, rules) for x, y in zip(ta, tb, strict=True)]
        if all(s is not None for s in softs):
            return True, max(0.8, 1.0 - 0.04 * sum(s for s in softs if s))
    return False, round(0.75 * _similarity(ta, tb), 6)
