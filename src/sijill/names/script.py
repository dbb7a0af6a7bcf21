"""Names in Arabic script to a Latin spelling that names.key keys like any transliteration.

`romanise("أبو مالك التلي")` gives "abu malk al-tli": consonants, long vowels, the article and
the particles, with "e" (names.yaml's vowel wildcard) where the script leaves a vowel open
(an initial hamza, ayn). The rules are data: data/arabic_script.yaml.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sijill import data
from sijill.names.folding import fold_arabic

DATA = Path(__file__).with_name("data") / "arabic_script.yaml"
SHAPE = data.record(strip=data.TEXT, words=data.table(), articles=data.WORDS,
                    article_min_length=data.INT, letters=data.table(), final=data.table(),
                    final_ha_kept_after=data.TEXT, latin_only=data.table(),
                    units=data.record(group=data.WORDS, office=data.WORDS,
                                      territory=data.WORDS, post=data.WORDS))

# Arabic, Arabic Supplement and Extended-A, and the presentation forms.
ARABIC_LETTER = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF\u0750-\u077F"
                           r"\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")


@dataclass(frozen=True)
class _Rules:
    strip: re.Pattern[str]
    words: dict[str, str]
    articles: tuple[str, ...]
    article_min_length: int
    letters: dict[str, str]
    final: dict[str, str]
    latin_only: dict[str, str]
    final_ha_kept_after: str
    units: dict[str, str]  # a folded first word -> "group", "office", "territory" or "post"


@cache
def _rules() -> _Rules:
    raw: dict[str, Any] = data.load(DATA, SHAPE)
    return _Rules(
        strip=re.compile(f"[{re.escape(raw['strip'])}]"),
        words=_normalised_keys(raw["words"]),
        articles=tuple(raw["articles"]),
        article_min_length=raw["article_min_length"],
        letters=dict(raw["letters"]),
        final=dict(raw["final"]),
        final_ha_kept_after=raw["final_ha_kept_after"],
        latin_only={k: _nfkc(v) for k, v in raw["latin_only"].items()},
        units={fold_arabic(w): kind for kind, words in raw["units"].items() for w in words},
    )


def _normalised_keys(table: dict[str, str]) -> dict[str, str]:
    """Keys as romanise reads a name's words (NFKC, hamza seats as their letters)."""
    return {_nfkc(k).translate(_SEATS): v for k, v in table.items()}


def has_arabic(text: str) -> bool:
    return ARABIC_LETTER.search(text) is not None


def arabic_unit(name: str) -> str | None:
    """What an Arabic-script letterhead level, addressee or cc names (data/arabic_script.yaml
    `units`): "group", "office", "territory", "post", "person" (two words or more opening
    with none of those), or None (one word, or not Arabic script)."""
    words = fold_arabic(name).split()
    if not words or not has_arabic(words[0]) or any(c.isdigit() for c in name):
        return None
    units = _rules().units
    # a listed word with the article (المعلم for معلم) is the same word
    unit = units.get(words[0]) or units.get(words[0].removeprefix("ال"))
    return unit or ("person" if len(words) >= 2 else None)


def romanise(name: str) -> str:
    """A Latin spelling of a name in Arabic script; Latin parts pass through unchanged."""
    rules = _rules()
    # NFKC folds presentation forms (as some PDFs and OCR give them) to the base letters.
    # hamza on ya and waw read as the seat, as fold() leaves them (it drops the hamza mark)
    text = rules.strip.sub("", _nfkc(name)).translate(_SEATS)
    return " ".join(_word(w, rules) for w in _words(text))


_SEATS = str.maketrans({"ئ": "ي", "ؤ": "و"})
# names.yaml's fold deletes these marks inside a word; any other non-letter separates words
_KEPT_MARKS = frozenset("'’‘ʿʾ`´ʼʻ′ʹ")


def _words(text: str) -> list[str]:
    """Words as fold() will see them: runs of letters (and apostrophes), so that a digit or a
    dash next to a letter does not change how the letter is read (e.g. a final waw)."""
    return "".join(c if c.isalpha() or c in _KEPT_MARKS else " " for c in text
                   if not unicodedata.combining(c)).split()


def _word(word: str, rules: _Rules, ayn: str | None = None) -> str:
    if not has_arabic(word):
        return word
    if word in rules.words:
        return rules.words[word]
    for article in rules.articles:
        if word.startswith(article) and len(word) >= rules.article_min_length:
            rest = word[len(article):]
            return "al-" + (rules.words.get(rest) or _letters(rest, rules, ayn))
    return _letters(word, rules, ayn)


def _letter(ch: str, rules: _Rules) -> str:
    """An Arabic letter by the table, else by its base letter (a letter with a mark above, as
    fold() reads it); one the table lacks is dropped; anything else passes on to fold()."""
    if ch in rules.letters:
        return rules.letters[ch]
    base = unicodedata.normalize("NFKD", ch)[0]
    if base in rules.letters:
        return rules.letters[base]
    return "" if ARABIC_LETTER.match(ch) else ch


def _letters(word: str, rules: _Rules, ayn: str | None = None) -> str:
    if len(word) > 2 and word[-1] == "ه" and word[-2] not in rules.final_ha_kept_after:
        word = word[:-1] + "ة"  # ta marbuta written without its dots (حمزه, قتاده)
    latin = ""
    for ch in word:
        letter = _letter(ch, rules)
        if ch == "ع" and ayn is not None:
            letter = ayn
        # two letters that would read as one (ص + ه is not ش): an open vowel between them
        if latin and letter and ch in rules.letters and (latin[-1] + letter[0]) in _JOINED:
            latin += "e"
        latin += letter
    if len(latin) > 1 and latin[-1] in rules.final and latin[-2] not in "aeiu":
        latin = latin[:-1] + rules.final[latin[-1]]
    return latin


# ------------------------------------------------------------ vowel lengths across scripts

_JOINED = frozenset({"sh", "kh", "gh", "th", "dh", "zh", "ch", "ph"})
# Consonants a transliteration writes with two letters, counted as one.
_DIGRAPHS = re.compile(r"sch|sh|ch|kh|gh|th|dh|zh|ph")
_LATIN_WORD = re.compile(r"[a-z3]+")
_ARTICLE = re.compile(r"^(?:al|el|a[tdrzsn]|a(?:sh|th|dh))$")
AYN = "3"  # as in Arabizi: an ayn, which translations write as a vowel or not at all


def _spelt_gaps(word: str) -> list[str]:
    """The vowel letters before, between and after the consonants of a spelling, as written:
    "Mahmoud" -> ["", "a", "", "ou", ""]; y and w after the first letter are vowels."""
    word = _DIGRAPHS.sub("C", word)
    gaps = [""]
    prev = ""
    for i, ch in enumerate(word):
        if ch in "aeiou3" or (i and ch in "yw"):
            gaps[-1] += ch
        elif ch != prev:  # a doubled consonant is one
            gaps.append("")
        prev = ch
    return gaps


def _spelt_words(latin: str) -> list[str]:
    text = "".join(c for c in unicodedata.normalize("NFKD", latin.lower())
                   if not unicodedata.combining(c) and c not in "'’‘ʿʾ`")
    return [w for w in _LATIN_WORD.findall(text) if not _ARTICLE.match(w)]


def vowels_agree(arabic: str, latin: str) -> bool:
    """False when the Latin spelling writes a long vowel where the Arabic writes none.

    Where the script has no vowel letter the word has at most a short vowel, written as one
    letter ("Mahmoud" is not محمد); where it has only an ayn, at most two letters and no i or
    u after the first position ("Said" is not سعد, "Saad" is). Words are compared only when
    both sides have as many (compounds such as Abdullah leave the check to the key).
    """
    rules = _rules()
    text = rules.strip.sub("", _nfkc(arabic))
    words = text.split()
    if any(rules.latin_only.get(w, words[n] if n < len(words) else "") != words[n]
           for n, w in enumerate(_spelt_words(latin)) if w in rules.latin_only):
        return False
    ours = [_word(w, rules, ayn=AYN) for w in words]
    ours = [w for part in ours for w in _LATIN_WORD.findall(part) if not _ARTICLE.match(w)]
    theirs = _spelt_words(latin)
    if len(ours) != len(theirs):
        return True
    for a, b in zip(ours, theirs, strict=True):
        ga, gb = _spelt_gaps(a), _spelt_gaps(b)
        if len(ga) != len(gb):
            continue
        for n, (x, y) in enumerate(zip(ga, gb, strict=True)):
            if not x and len(y) > 1:
                return False
            # no long vowel then two consonants inside a word: ناصر is Nasir, never Nasr
            if not x and not y and 0 < n < len(ga) - 1 and _long(ga[n - 1], n - 1):
                return False
            if x == AYN and (len(y) > 2 or (n and any(v in y for v in "iuo"))):
                return False
    return True


def _long(gap: str, n: int) -> bool:
    """Whether a gap holds a long vowel: a vowel letter after a consonant or after an ayn
    (a word's first vowel alone is the carrier of a short one: إبراهيم, عبد)."""
    if n == 0:
        return len(gap) > 1 and gap[0] == AYN and any(v in gap for v in "aiuyw")
    return any(v in gap for v in "aiuyw")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)
