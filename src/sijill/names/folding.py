"""Folding: the one place where spellings of a text are brought to a common form.

Two folds, for two jobs, kept side by side so the difference stays deliberate:

- `fold(name)` compares NAMES: letters only. NFKD, marks and apostrophes dropped, letters
  NFKD keeps whole mapped (data/names.yaml `fold`), lower case, every non-letter (digits,
  punctuation) a single space. `name_key`, `compare` and entity ids build on it.
- `fold_value(value)` compares written VALUES as contracts/gold.md defines: NFKC, case-folded,
  marks dropped, dashes to spaces, then the non-word characters at both ends trimmed. Digits
  and inner punctuation stay, so "Brigade 7" is not "Brigade 8" and "12/345" keeps its
  slash. The gold scorer, the line labeller's training data and the researcher's lookups of
  an entity by one of its names use it. `trim` narrows what is trimmed at the ends (the line
  labeller trims only spaces and the punctuation around a value).

And `fold_arabic(text)` for the Arabic-script parser's labels and formulae: the letters
written several ways (alif forms, ى, ة, hamza seats) to one, harakat and tatweel dropped; the
text stays in Arabic script (names in it are romanised by `names.script` before `fold`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sijill import data

DATA = Path(__file__).with_name("data") / "names.yaml"
SHAPE = data.record(
    fold=data.record(deleted=data.WORDS, letters=data.table()),
    dotted=data.table(),
    tokens=data.record(
        articles=data.WORDS, sun_article=data.record(vowels=data.WORDS, consonants=data.WORDS),
        fused_article=data.listof(data.record(prefix=data.TEXT, min_length=data.INT)),
        particles=data.table(data.WORDS), spellings=data.table(data.WORDS),
        compounds=data.listof(data.record(pattern=data.TEXT,
                                          add=data.either(data.TEXT, data.NOTHING)))),
    segments=data.listof(data.WORDS),
    match=data.record(vowels=data.TEXT, vowel_wildcard=data.TEXT, consonant_wildcard=data.TEXT,
                      wildcard_class=data.WORDS, elision_min_length=data.INT),
)

# gold.md's marks (apostrophes, hamza and ayn signs), dashes, and the non-word ends it trims.
_MARKS = re.compile(r"['’‘ʿʾ`´ʼʻ′]")
_DASHES = re.compile(r"[\-‐‑‒–—―−]")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_SPACE = re.compile(r"\s+")
# Arabic script: harakat, the superscript alif and tatweel; letters written several ways.
_ARABIC_MARKS = re.compile(r"[\u064B-\u0652\u0670\u0640]")
_ARABIC_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
     "ی": "ي", "ک": "ك", "ھ": "ه"})


def spelling_rules() -> dict[str, Any]:
    """data/names.yaml, parsed once and checked against its shape (callers must not modify
    it)."""
    raw: dict[str, Any] = data.load(DATA, SHAPE)
    return raw


@dataclass(frozen=True)
class _FoldRules:
    deleted: frozenset[str]
    letters: dict[str, str]


@cache
def _rules() -> _FoldRules:
    raw = spelling_rules()["fold"]
    return _FoldRules(frozenset(raw["deleted"]), dict(raw["letters"]))


def _fold_char(ch: str, rules: _FoldRules) -> str:
    if ch in rules.deleted or unicodedata.combining(ch):
        return ""
    ch = rules.letters.get(ch, ch)
    return ch if ch.isalpha() else " "


def fold(name: str) -> str:
    """NFKD, marks dropped, apostrophes deleted, lowercase, non-letters to single spaces."""
    rules = _rules()
    # Casefolding can yield decomposable letters and NFKD can yield capitals (ℌ -> H),
    # so normalise on both sides of it; the result is then a fixed point of fold.
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", name).casefold())
    folded = "".join(_fold_char(ch, rules) for ch in text.casefold())
    return " ".join(folded.split())


def fold_value(value: str, trim: str | None = None) -> str:
    """gold.md's folding: NFKC, case-folded, marks dropped, dashes to spaces, ends trimmed.

    With `trim` None the ends lose every non-word character; otherwise only the characters
    in `trim` (and spaces) are stripped from them.
    """
    s = unicodedata.normalize("NFKC", value).casefold()
    s = _DASHES.sub(" ", _MARKS.sub("", s))
    if trim is not None:
        return _SPACE.sub(" ", s).strip(" " + trim)
    return _EDGE_PUNCT.sub("", _SPACE.sub(" ", s).strip())


def fold_arabic(text: str) -> str:
    """Alif forms to ا, ى to ي, ة to ه, hamza seats dropped, harakat and tatweel removed."""
    return _ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", text)).translate(_ARABIC_LETTERS)
