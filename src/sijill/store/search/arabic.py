"""Arabic words as the engine searches them: one word, every way the archive writes it.

SQLite's unicode61 tokenizer keeps Arabic letters as written (إبراهيم and ابراهيم are two
terms) and splits a word at each haraka (إبرَاهيم is the terms إبر and اهيم). The stored text
and the index stay as they are, so spans and snippets show what the document says; instead
each Arabic word of a query is widened to the archive's spellings that fold to the same
`key`: the index's terms (its fts5vocab, Arabic ones only) and, for words written with harakat
inside them, the phrases of two or three terms that together spell the word. The terms are
read once per archive change (the `NameIndex` cache) by ranges of their first letter, so an
archive without Arabic reads nothing.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, combinations, islice, pairwise, product

from sijill.names import fold_arabic

# The definite article, alone or after و ب ف ك (and, with, so, like) or ل (to: لل). A word
# keeps it when stripping would leave fewer than three letters (الله, والي, الان).
ARTICLES = ("وال", "بال", "فال", "كال", "لل", "ال")
MIN_STEM = 3
MAX_SPELLINGS = 24  # spellings of one word searched (most frequent first)
MAX_PREFIXES = 8  # spelt beginnings of one prefix* searched
MAX_PIECED = 4  # phrases of pieces from one way of cutting a word
MAX_VOCALISED = 8  # phrases of one way of cutting a word written with every haraka
MAX_BARE = 6  # letters of one word that a vocalised spelling may leave bare, tried both ways
# Letters a word written with every haraka may leave without one, so that the tokenizer does
# not cut after them: alif (a long vowel; as a hamza's seat it carries one), waw and ya (long
# vowels, or with a sukun) -- as folded, so أ إ آ and ى are among them.
_UNMARKED = frozenset("اوي")
VOCAB = "temp.sijill_arabic_terms"
# Arabic, Arabic Supplement and Extended-A, and presentation forms (as terms start).
_RANGES = (("\u0600", "\u0780"), ("\u08a0", "\u0900"), ("\ufb50", "\ufe00"), ("\ufe70", "\uff00"))
_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f]")
# Marks unicode61 splits words at: harakat, shadda, sukun, tanwin, maddah and hamza above and
# below, the superscript alif.
MARKS = "".join(map(chr, range(0x064B, 0x0656))) + "\u0670"
_MARK = re.compile(f"[{MARKS}]+")


def has_arabic(text: str) -> bool:
    return _LETTER.search(text) is not None


def _letters(word: str) -> str:
    """The letters of a word as typed, one for each letter of its `key` (marks, tatweel
    dropped), or "" when they do not line up so."""
    letters = "".join(c for c in unicodedata.normalize("NFKC", word) if fold_arabic(c))
    return letters if len(letters) == len(key(word, False)) else ""


def unmarked(text: str) -> str:
    """`text` without the marks the tokenizer would split its words at."""
    return _MARK.sub("", text)


def key(word: str, article: bool = True) -> str:
    """An Arabic word as compared: `names.fold_arabic` (alif forms, ى, ة, hamza seats,
    harakat, tatweel) and, with `article`, without a leading article."""
    folded = fold_arabic(unmarked(word))
    if article:
        for prefix in ARTICLES:
            if folded.startswith(prefix) and len(folded) - len(prefix) >= MIN_STEM:
                return folded[len(prefix):]
    return folded


def meets(a: str, b: str) -> bool:
    """Whether a query word `a` finds a document word `b` (the widening's one test)."""
    return key(a) == key(b)


@dataclass(frozen=True)
class Terms:
    """The index's Arabic terms by key, and how many documents hold each."""

    by_key: dict[str, list[str]]  # most documents first
    exact: dict[str, list[str]]  # by the key that keeps the article
    starts: list[tuple[str, str, int]]  # (key, term, documents)

    def spellings(self, word: str, article: bool = True, pieces: bool = True) -> list[str]:
        """The archive's spellings of `word` (itself first), at most MAX_SPELLINGS: whole
        terms, then (with `pieces`) phrases of the pieces a word written with harakat inside
        was cut into."""
        wanted = key(word, article)
        found = (self.by_key if article else self.exact).get(wanted, [])
        if not pieces:
            return list(dict.fromkeys(islice(chain([word], found), MAX_SPELLINGS)))
        # with every haraka first: in an archive whose vocalised texts (a basmala, a verse)
        # make most letters terms, the phrases of one or two cuts are many, and would take
        # up the MAX_SPELLINGS
        stems = [wanted, *(p + wanted for p in ARTICLES if article and len(wanted) >= MIN_STEM)]
        tail = _letters(word)[len(key(word, False)) - len(wanted):]
        pieced = [p for stem in stems
                  for p in self.vocalised(stem, stem[:len(stem) - len(wanted)] + tail)]
        pieced += self.pieced(wanted, 2)
        # the article cut off by a sukun (الْمدرسة) or a clitic by its haraka (بِالمدرسة)
        pieced += [p for stem in stems[1:] for p in self.pieced(stem, 1)]
        return list(dict.fromkeys(islice(chain([word], found, pieced), MAX_SPELLINGS)))

    def pieced(self, folded: str, most: int) -> list[str]:
        """Phrases of index terms, cut in at most `most` places, that together spell
        `folded`: إبرَاهيم is indexed as the terms إبر and اهيم, found as "إبر اهيم"."""
        out: list[str] = []
        cuts = range(1, len(folded))
        for bounds in chain.from_iterable(combinations(cuts, n) for n in range(1, most + 1)):
            parts = [folded[a:b] for a, b in pairwise((0, *bounds, len(folded)))]
            spelt = [self.exact.get(part) for part in parts]
            if all(spelt):
                out += [" ".join(c) for c in islice(product(*spelt), MAX_PIECED)]  # type: ignore[arg-type]
        return out

    def vocalised(self, folded: str, typed: str = "") -> list[str]:
        """Phrases of index terms that spell `folded` as the tokenizer cuts it written with
        every haraka: after each letter, except perhaps after a letter a vocalised text may
        leave bare (`_UNMARKED`) and the article's lam. مَدْرَسَة is indexed as the terms م د ر
        س ة, إِبْرَاهِيمُ as إ ب ر اه يم, المُعَلِّمِينَ as الم ع ل م ين. A piece is tried as
        `typed` writes it (its letters as typed, one for each of `folded`'s) first, then
        in the archive's other spellings one piece at a time: a vocalised text makes single
        letters terms, and ا ي ه each have several (أ إ آ, ى ئ, ة)."""
        optional = [i for i in range(1, len(folded)) if folded[i - 1] in _UNMARKED
                    or (i == 2 and folded.startswith("ال"))][:MAX_BARE]
        typed = typed if len(typed) == len(folded) else ""
        out: list[str] = []
        for n in range(len(optional) + 1):
            for kept in combinations(optional, n):
                bounds = [i for i in range(1, len(folded)) if i not in optional or i in kept]
                cuts = list(pairwise((0, *bounds, len(folded))))
                spelt = [_typed_first(self.exact.get(folded[a:b], []), typed[a:b])
                         for a, b in cuts]
                if all(spelt):
                    out += [" ".join(c) for c in islice(_one_off(spelt), MAX_VOCALISED)]
        return out

    def beginnings(self, prefix: str) -> list[str]:
        """Spelt beginnings of the terms whose key starts like `prefix`'s, most documents
        first: مدرس* is also searched as المدرس* and مدرّس*."""
        wanted = key(prefix)
        counts: Counter[str] = Counter()
        for k, term, docs in self.starts:
            if k.startswith(wanted):
                counts[_beginning(term, wanted)] += docs
        return [prefix, *(b for b, _ in counts.most_common() if b != prefix)][:MAX_PREFIXES]


def _typed_first(spellings: list[str], typed: str) -> list[str]:
    return [typed, *(s for s in spellings if s != typed)] if typed in spellings else spellings


def _one_off(spelt: list[list[str]]) -> Iterator[tuple[str, ...]]:
    """The first spelling of every piece, then each other spelling of one piece at a time."""
    first = tuple(s[0] for s in spelt)
    yield first
    for k, spellings in enumerate(spelt):
        for other in spellings[1:]:
            yield (*first[:k], other, *first[k + 1:])


def _beginning(term: str, wanted: str) -> str:
    """The shortest start of `term` whose key is `wanted` (the term itself failing that)."""
    for end in range(len(wanted), len(term) + 1):
        if key(term[:end]) == wanted:
            return term[:end]
    return term


def terms(conn: sqlite3.Connection) -> Terms:
    """Read the index's Arabic terms (fts5vocab over documents_fts, by range of the first
    letter: an archive without Arabic reads nothing)."""
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB}"
                 " USING fts5vocab(main, 'documents_fts', 'row')")
    counts: Counter[str] = Counter()
    for low, high in _RANGES:
        counts.update(dict(conn.execute(
            f"SELECT term, doc FROM {VOCAB} WHERE term >= ? AND term < ?", (low, high))))
    by_key: dict[str, list[str]] = defaultdict(list)
    exact: dict[str, list[str]] = defaultdict(list)
    for term, _ in counts.most_common():
        by_key[key(term)].append(term)
        exact[key(term, article=False)].append(term)
    return Terms(dict(by_key), dict(exact), [(key(t), t, n) for t, n in counts.items()])


# -- names across scripts ---------------------------------------------------------------------

# A consonant as romanised Arabic writes it (names.script) and the Latin letters a
# transliteration may write it with. names.compare's consonant wildcard (t, d, s, z as one)
# serves Latin spellings of one another; the script writes these letters apart, so a word
# typed in Latin may widen only to Arabic words whose consonants it could spell.
_DIGRAPHS = (("sch", "š"), ("sh", "š"), ("ch", "š"), ("kh", "x"), ("gh", "ġ"), ("th", "θ"),
             ("dh", "ð"), ("dj", "j"), ("ph", "f"))
_SPELT = {"θ": "θts", "ð": "ðdz", "z": "zð", "d": "dð", "q": "qkg", "k": "kcq", "j": "jg",
          "x": "xhk", "ġ": "ġg", "b": "bp", "w": "wv"}
_VOWELS = frozenset("aeiou3")


# A long vowel the script writes, and the Latin letters that may write it.
_LONG = {"w": "uow", "y": "iey", "a": "ae"}


def consonants(romanised: str, final_h: bool = False) -> tuple[str, list[str]]:
    """The consonants of a spelling (doubled letters as one, y and w after the first letter as
    the long vowels they mostly are) and the vowel letters before, between and after them;
    with `final_h`, a final h after a vowel (Hamzah) is dropped."""
    word = romanised.casefold().removeprefix("al-")
    for digraph, letter in _DIGRAPHS:
        word = word.replace(digraph, letter)
    word = "".join(c for c in word if c.isalpha() or c == "3")
    if final_h and len(word) > 2 and word[-1] == "h" and word[-2] in _VOWELS:
        word = word[:-1]
    out, gaps = "", [""]
    for n, ch in enumerate(word):
        if ch in _VOWELS or (n and ch in "yw"):
            gaps[-1] += ch
        elif not out or out[-1] != ch or gaps[-1]:
            out += ch
            gaps.append("")
    return out, gaps


def spellable(romanised: str, latin: str) -> bool:
    """Whether `latin` can spell an Arabic word (as `names.script.romanise` gives it): each
    consonant by a letter that may write it, a vowel first exactly when the Arabic opens with
    an alif or ayn, and each long vowel the script writes inside the word (Hamad is not
    أحمد, Salim is not التعليم, Mohamed is not محمود). A compound written as two Arabic words
    (عبد الرحمن) is one Latin word with its article's l or without it (Abdelkarim,
    Abdurrahman)."""
    first, *rest = romanised.removeprefix("al-").split() or [""]
    # inside a compound the article's vowel is elided or any short one (Abdulkarim, Abdullah)
    rest = [w.replace("al-", "l-").replace("allah", "llah") for w in rest]
    joined = {(first + "".join(rest)).replace("l-", article) for article in ("l", "")}
    return any(_spells(one, latin) for one in joined)


def _spells(romanised: str, latin: str) -> bool:
    ours, gaps = consonants(romanised)
    theirs, spelt = consonants(latin, final_h=romanised.endswith("a"))
    if bool(gaps[0]) != bool(spelt[0]) or len(ours) != len(theirs):
        return False
    if not all(y in _SPELT.get(x, x) for x, y in zip(ours, theirs, strict=True)):
        return False
    return all(any(v in theirs for v in _LONG[long]) for ours_gap, theirs in
               zip(gaps[1:-1], spelt[1:-1], strict=True) for long in ours_gap if long in _LONG)
