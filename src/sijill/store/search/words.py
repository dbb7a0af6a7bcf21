"""What the query engine knows of the archive's names: the spellings of each name word, and
the values of the name fields (issuer, sender, addressees, cc, reference) and entities.

All of it is read once and kept until the archive changes (SQLite's `data_version` for other
connections' commits, `total_changes` for this one's). Spelling variants come from
`sijill.names` (the project's one fold and name key).
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sijill.names import compare, fold, fold_arabic, name_key
from sijill.names.script import romanise
from sijill.store.search import arabic

MIN_NAME_WORD = 3
MAX_VARIANTS = 8
# A name word as names.fold reads it: an apostrophe inside does not split it (Sa'd, Mazra'i).
APOSTROPHE = re.compile(r"['’‘ʿʾ`]")
NAME_WORD = re.compile(r"\w+(?:['’‘ʿʾ`]\w+)*")
_NAME_FIELDS = ("issuer", "sender", "addressees", "cc")

# A value as searched: its text and its folded words.
Value = tuple[str, tuple[str, ...]]


def words_of(text: str) -> tuple[str, ...]:
    """A name's words as the engine compares them: folded (marks, case, apostrophes); an
    Arabic word by its `arabic.key` (letter forms, harakat, tatweel, the article)."""
    words = fold(fold_arabic(text)).split() if arabic.has_arabic(text) else fold(text).split()
    return tuple(arabic.key(w) if arabic.has_arabic(w) else w for w in words)


def ref_key(text: str) -> str:
    """A reference number as compared: case folded, letters and digits only."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _named(word: str) -> bool:
    """A word written as a name: capitalised, or in a script without case (Arabic). Keeps
    "the", "of", "director" of "the director of the mills" from passing for names."""
    return word[0].isupper() or word.lower() == word.upper()


def _name_words(text: str) -> list[str]:
    """The words of a name as the engine widens them: long enough, letters (and inner
    apostrophes), capitalised or caseless; and a compound the Arabic script writes as two
    words (عبد الرحمن, نور الدين), which transliterations often write as one (Abdurrahman)."""
    found = NAME_WORD.findall(arabic.unmarked(text))
    words = [w for w in found if len(APOSTROPHE.sub("", w)) >= MIN_NAME_WORD
             and APOSTROPHE.sub("", w).isalpha() and _named(w)]
    return words + [f"{a} {b}" for a, b in zip(found, found[1:], strict=False)
                    if arabic.has_arabic(a + b) and _compound(romanise(a), romanise(b))]


def _compound(first: str, second: str) -> bool:
    """Two romanised words (names.script) that make one name: عبد X, X الله, X الدين."""
    return first == "abd" or second in ("allah", "al-dyn")


def _compared(word: str, other: str) -> tuple[bool, float]:
    """`names.compare`; across scripts only if the Latin word can spell the Arabic one's
    consonants (`arabic.spellable`), and with a bare alif opening the Arabic word read as the
    hamza it stands for: names are often typed without it (ابراهيم for إبراهيم), and the
    romanisation reads a bare alif as a long a, which "Ibrahim" does not write."""
    if arabic.has_arabic(word) == arabic.has_arabic(other):
        return compare(word, other)
    written, latin = (word, other) if arabic.has_arabic(word) else (other, word)
    if not arabic.spellable(romanise(written), latin):
        return False, 0.0
    found = compare(written, latin)
    hamzas = ("أ", "إ") if written.startswith("ا") and not found[0] else ()
    return next((again for again in (compare(h + written[1:], latin) for h in hamzas)
                 if again[0]), found)


class NameIndex:
    """The archive's name words by name key, and its field and entity values."""

    def __init__(self) -> None:
        self._stamp: tuple[int, int, str] | None = None
        self._items: dict[Any, Any] = {}

    def _cached(self, conn: sqlite3.Connection, key: Any, build: Callable[[], Any]) -> Any:
        stamp = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes,
                 str(conn.execute("PRAGMA database_list").fetchone()[2]))
        if stamp != self._stamp:
            self._items.clear()
            self._stamp = stamp
        if key not in self._items:
            self._items[key] = build()
        return self._items[key]

    # -- spellings -----------------------------------------------------------------------

    def _by_key(self, conn: sqlite3.Connection) -> dict[str, set[str]]:
        def build() -> dict[str, set[str]]:
            names = conn.execute(
                "SELECT text FROM fields WHERE field IN (?, ?, ?, ?)"
                " UNION SELECT text FROM entity_texts UNION SELECT name FROM entity_names",
                _NAME_FIELDS)
            by_key: dict[str, set[str]] = defaultdict(set)
            for (text,) in names:
                for word in _name_words(text):
                    by_key[name_key(APOSTROPHE.sub("", word))].add(word.casefold())
            return dict(by_key)
        return self._cached(conn, "names", build)  # type: ignore[no-any-return]

    def is_name(self, conn: sqlite3.Connection, word: str) -> bool:
        """Whether `word` is a word of a person's or a place's name the archive holds
        (organisations' names are full of common nouns: Office of Supplies)."""
        def build() -> frozenset[str]:
            rows = conn.execute(
                "SELECT name FROM entity_names WHERE type IN ('person', 'place')"
                " UNION SELECT text FROM entity_texts WHERE type IN ('person', 'place')")
            words = (APOSTROPHE.sub("", w) for (text,) in rows
                     for w in NAME_WORD.findall(arabic.unmarked(text)))
            return frozenset(w.casefold() for w in words
                             if len(w) >= MIN_NAME_WORD and w.isalpha() and _named(w))
        proper: frozenset[str] = self._cached(conn, "proper", build)
        return word.casefold() in proper

    def variants(self, conn: sqlite3.Connection, word: str) -> list[str]:
        """Other spellings of `word` found among the archive's names, best first."""
        if len(word) < MIN_NAME_WORD or not word.isalpha():
            return []
        folded = word.casefold()
        pool = self._by_key(conn).get(name_key(word), set())
        if arabic.has_arabic(word) and not self._arabic_name(conn, word):
            # across scripts only name to name: السلام of a greeting is not the name Salem
            pool = {w for w in pool if arabic.has_arabic(w)}
        found = [(_compared(word, w), w) for w in pool if w != folded]
        ranked = sorted(((-score, w) for (same, score), w in found if same))
        return [w for _, w in ranked[:MAX_VARIANTS]]

    def _arabic_name(self, conn: sqlite3.Connection, word: str) -> bool:
        """Whether an Arabic word is (in some spelling) a word of the archive's names."""
        def build() -> frozenset[str]:
            return frozenset(arabic.key(w) for words in self._by_key(conn).values()
                             for w in words if arabic.has_arabic(w))
        names: frozenset[str] = self._cached(conn, "arabic names", build)
        return arabic.key(word) in names

    def arabic(self, conn: sqlite3.Connection) -> arabic.Terms:
        """The archive's Arabic spellings by key (`arabic.terms`)."""
        return self._cached(conn, "arabic", lambda: arabic.terms(conn))  # type: ignore[no-any-return]

    # -- values --------------------------------------------------------------------------

    def field_values(self, conn: sqlite3.Connection, field: str) -> list[Value]:
        """Every distinct value of a document field (issuer levels, sender, ...)."""
        def build() -> list[Value]:
            rows = conn.execute("SELECT DISTINCT text FROM fields WHERE field = ?", (field,))
            return [(text, words_of(text)) for (text,) in rows]
        return self._cached(conn, ("field", field), build)  # type: ignore[no-any-return]

    def refs(self, conn: sqlite3.Connection) -> list[tuple[str, str]]:
        def build() -> list[tuple[str, str]]:
            rows = conn.execute(
                "SELECT DISTINCT text FROM fields WHERE field = 'reference_number'")
            return [(text, ref_key(text)) for (text,) in rows]
        return self._cached(conn, "refs", build)  # type: ignore[no-any-return]

    def entity_values(self, conn: sqlite3.Connection, type_: str) -> list[Value]:
        """Every name and mention text of entities of a type, as (text, words)."""
        def build() -> list[Value]:
            rows = conn.execute(
                "SELECT name FROM entity_names WHERE type = ?"
                " UNION SELECT text FROM entity_texts WHERE type = ?", (type_, type_))
            return [(text, words_of(text)) for (text,) in rows]
        return self._cached(conn, ("entity", type_), build)  # type: ignore[no-any-return]
