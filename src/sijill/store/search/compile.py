"""From a query's tree to one SQL condition on `d` (a row of `documents`), with its parameters.

Text terms become FTS5 MATCH expressions in which every piece of the researcher's text is a
quoted FTS5 string (never raw syntax). A name word, found among the archive's names, is
searched in the exact index (documents_fts) together with its other spellings; any other word
in the stemmed index (documents_stem, porter), so `salary` finds `salaries`. Siblings of an
AND or an OR that search one index share one MATCH. Fields, dates and tags become subqueries
over the store's narrow tables. The whole condition is a Boolean of `d.pk IN (...)` tests.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import product
from typing import Any

from sijill.calendar import hijri_to_gregorian
from sijill.errors import QueryError
from sijill.names.folding import spelling_rules
from sijill.query.language import ENTITY_FIELDS, TEXT_FIELDS, And, DateRange, Node, Not, Term
from sijill.store.labels import TAGGED_DOCUMENTS_SQL, normal_tag
from sijill.store.search import arabic
from sijill.store.search.words import (
    APOSTROPHE,
    MAX_VARIANTS,
    NAME_WORD,
    NameIndex,
    ref_key,
    words_of,
)

EXACT, STEM = "documents_fts", "documents_stem"
MAX_COMBINATIONS = 16
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Fts:
    """A MATCH expression over one index."""

    index: str
    expr: str
    rank: str | None = None  # what ranks and marks snippets, when not `expr` (it is cheaper)


@dataclass(frozen=True, slots=True)
class Sql:
    """A condition on `d` and its parameters."""

    sql: str
    params: tuple[Any, ...] = ()


Part = Fts | Sql


@dataclass
class Compiled:
    where: str
    params: list[Any]
    rank: str | None  # MATCH over documents_stem of every searched text term: ranks, snippets
    variants: dict[str, list[str]] = field(default_factory=dict)


def quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class _Compiler:
    def __init__(self, conn: sqlite3.Connection, names: NameIndex) -> None:
        self.conn = conn
        self.names = names
        self.variants: dict[str, list[str]] = {}
        self.ranked: list[str] = []

    def node(self, node: Node, positive: bool = True) -> Part | None:
        if isinstance(node, Term):
            return self.term(node, positive)
        if isinstance(node, DateRange):
            return _dates(node)
        if isinstance(node, Not):
            inner = self.node(node.item, not positive)
            return None if inner is None else Sql(f"NOT ({_sql(inner).sql})", _sql(inner).params)
        parts = [p for p in (self.node(item, positive) for item in node.items) if p is not None]
        return _combine("AND" if isinstance(node, And) else "OR", parts)

    # -- text ----------------------------------------------------------------------------

    def term(self, term: Term, positive: bool) -> Part | None:
        if term.field is not None:
            return self.field(term)
        text = arabic.unmarked(term.text)  # harakat never matter, as Latin diacritics don't
        tokens = _TOKEN.findall(text)
        if not tokens:
            return None  # nothing FTS indexes (punctuation alone): no condition
        if term.kind == "phrase":
            part = self.arabic_phrase(tokens) or Fts(EXACT, quoted(text))
        elif term.kind == "prefix":
            part = Fts(EXACT, self.arabic_prefix(tokens) or quoted(text) + "*")
        else:
            part = self.word(text)
        if positive:
            self.ranked.append(part.rank or part.expr)
        return part

    def word(self, text: str) -> Fts:
        """A word, widened to its spellings when it is a name word (it has other spellings
        among the archive's names, or is a word of a person's or place's name); stemmed
        otherwise. A word with an apostrophe inside (Sa'd, Mazra'i) is one name word, as
        `names.fold` reads it, searched as typed and in its other spellings."""
        tokens = NAME_WORD.findall(text)
        spellings = []
        for token in tokens:
            others = self.names.variants(self.conn, APOSTROPHE.sub("", token))
            if others:
                self.variants[token] = others
            spellings.append([token, *others])
        is_name = any(len(s) > 1 or self.names.is_name(self.conn, APOSTROPHE.sub("", t))
                      for t, s in zip(tokens, spellings, strict=True))
        written = [self.written(t, s) for t, s in zip(tokens, spellings, strict=True)]
        if not is_name and written == [[t] for t in tokens]:
            return Fts(STEM, quoted(text))
        # phrases of harakat pieces find documents but are slow to mark: not in snippets
        whole = [self.written(t, s, pieces=False) for t, s in zip(tokens, spellings, strict=True)]
        return Fts(EXACT if is_name else STEM, _any(_script_combos(tokens, written)),
                   _any(_script_combos(tokens, whole)) if whole != written else None)

    def written(self, token: str, spellings: list[str], pieces: bool = True) -> list[str]:
        """A token's spellings with each Arabic one widened to the archive's ways of writing
        it (`arabic.Terms`); the names found and the added whole words are reported as
        variants."""
        if not any(arabic.has_arabic(s) for s in spellings):
            return spellings
        terms = self.names.arabic(self.conn)
        # pieces only for a word typed in Arabic: the Arabic names found for a Latin word are
        # searched in their whole spellings (names are seldom vocalised; phrases cost time)
        pieces = pieces and arabic.has_arabic(token)
        out = list(dict.fromkeys(
            w for s in spellings
            for w in (terms.spellings(s, pieces=pieces) if arabic.has_arabic(s) else [s])))
        shown = [w for w in out if w != token and (w in spellings or " " not in w)]
        if shown:
            self.variants[token] = shown[:MAX_VARIANTS]
        return out

    def arabic_phrase(self, tokens: list[str]) -> Fts | None:
        """A phrase with Arabic words: each in its ways of writing, the article as typed."""
        if not any(arabic.has_arabic(t) for t in tokens):
            return None
        terms = self.names.arabic(self.conn)
        exprs = [_any(" ".join(c) for c in product(*(
            terms.spellings(t, article=False, pieces=pieces) if arabic.has_arabic(t) else [t]
            for t in tokens))) for pieces in (True, False)]
        return Fts(EXACT, *exprs)

    def arabic_prefix(self, tokens: list[str]) -> str | None:
        """An Arabic prefix* also as the archive's other spellings of its beginning."""
        if len(tokens) != 1 or not arabic.has_arabic(tokens[0]):
            return None
        found = self.names.arabic(self.conn).beginnings(tokens[0])
        return "(" + " OR ".join(quoted(b) + "*" for b in found) + ")"

    # -- fields --------------------------------------------------------------------------

    def field(self, term: Term) -> Part:
        name = term.field
        assert name is not None
        if name == "tag":
            tag = normal_tag(term.text)
            if not tag:
                raise QueryError("tag: needs a tag, e.g. tag:payroll")
            return Sql(f"d.pk IN ({TAGGED_DOCUMENTS_SQL})", (json.dumps([tag]),) * 2)
        if name == "ref":
            return self.reference(term)
        values = (self.names.entity_values(self.conn, ENTITY_FIELDS[name])
                  if name in ENTITY_FIELDS else
                  self.names.field_values(self.conn, TEXT_FIELDS[name]))
        wanted = self.words_of_term(term)
        found = json.dumps([text for text, words in values if _matches(wanted, words, term.kind)])
        if name in ENTITY_FIELDS:
            return Sql(
                "d.pk IN (SELECT doc_pk FROM entity_docs WHERE entity_id IN ("
                "SELECT entity_id FROM entity_names WHERE type = ? AND name IN"
                " (SELECT value FROM json_each(?)) UNION SELECT entity_id FROM entity_texts"
                " WHERE type = ? AND text IN (SELECT value FROM json_each(?))))",
                (ENTITY_FIELDS[name], found, ENTITY_FIELDS[name], found))
        return Sql("d.pk IN (SELECT doc_pk FROM fields WHERE field = ? AND text IN"
                   " (SELECT value FROM json_each(?)))", (TEXT_FIELDS[name], found))

    def words_of_term(self, term: Term) -> list[set[str]]:
        """Each folded word of the term with its other spellings (none for a phrase)."""
        words = words_of(term.text)
        if not words:
            raise QueryError(f"{term.field}:{term.text} holds no letters to look for")
        if term.kind != "word":
            return [{w} for w in words]
        out = []
        for word in words:
            others = self.names.variants(self.conn, word)
            if others:
                self.variants[word] = others
            out.append({word, *(w for o in others for w in words_of(o))})
        return out

    def reference(self, term: Term) -> Sql:
        key = ref_key(term.text)
        if not key:
            raise QueryError("ref: needs letters or digits, e.g. ref:12/345")
        found = [text for text, k in self.names.refs(self.conn)
                 if (k.startswith(key) if term.kind == "prefix" else key in k)]
        return Sql("d.pk IN (SELECT doc_pk FROM fields WHERE field = 'reference_number' AND text"
                   " IN (SELECT value FROM json_each(?)))", (json.dumps(found),))


def _any(phrases: Iterable[str], n: int = arabic.MAX_SPELLINGS) -> str:
    """FTS5: any of (at most n of) these phrases."""
    return "(" + " OR ".join(quoted(p) for p in _limited(phrases, n)) + ")"


def _script_combos(tokens: list[str], spellings: list[list[str]]) -> list[str]:
    """The phrases a multi-word term is searched as: its words' spellings combined within
    one script (al-Talli is "al Talli" or "التلي": the article is part of the Arabic word)."""
    latin = [[s for s in each if not arabic.has_arabic(s)] for each in spellings]
    found = [" ".join(tokens)]  # as typed, whatever its scripts
    found += [" ".join(c) for c in _limited(product(*latin), MAX_COMBINATIONS)]
    kept = [each for token, nxt, each in zip(tokens, [*tokens[1:], ""], spellings, strict=True)
            if not (nxt and _is_article(token, nxt))]
    written = [[s for s in each if arabic.has_arabic(s)] for each in kept]
    found += [" ".join(c) for c in product(*written)] if all(written) else []
    return list(dict.fromkeys(found))


def _is_article(token: str, following: str) -> bool:
    """A Latin article before a name word: al-, el-, and ash-, ad- before their letter."""
    rules = spelling_rules()["tokens"]
    low, nxt = token.casefold(), following.casefold()
    sun = rules["sun_article"]
    return low in rules["articles"] or any(
        low == v + c and nxt.startswith(c) for v in sun["vowels"] for c in sun["consonants"])


def _limited(items: Any, n: int) -> list[Any]:
    out = []
    for item in items:
        if len(out) == n:
            break
        out.append(item)
    return out


def _matches(wanted: list[set[str]], words: tuple[str, ...], kind: str) -> bool:
    """Whether a value's words hold the term: every word (in any spelling); a phrase's words
    side by side; a prefix's last word begun."""
    if kind == "phrase":
        n = len(wanted)
        flat = [next(iter(w)) for w in wanted]
        return any(list(words[i:i + n]) == flat for i in range(len(words) - n + 1))
    if kind == "prefix":
        *whole, last = wanted
        stem = next(iter(last))
        return all(w & set(words) for w in whole) and any(x.startswith(stem) for x in words)
    return all(w & set(words) for w in wanted)


# -- combining ------------------------------------------------------------------------------


def _sql(part: Part) -> Sql:
    if isinstance(part, Sql):
        return part
    return Sql(f"d.pk IN (SELECT rowid FROM {part.index} WHERE {part.index} MATCH ?)",
               (part.expr,))


def _combine(op: str, parts: list[Part]) -> Part | None:
    if not parts:
        return None
    merged: list[Part] = []
    for index in (EXACT, STEM):
        same = [p.expr for p in parts if isinstance(p, Fts) and p.index == index]
        if same:
            merged.append(Fts(index, f" {op} ".join(f"({e})" for e in same)))
    merged += [p for p in parts if isinstance(p, Sql)]
    if len(merged) == 1:
        return merged[0]
    sqls = [_sql(p) for p in merged]
    return Sql("(" + f" {op} ".join(s.sql for s in sqls) + ")",
               tuple(x for s in sqls for x in s.params))


# -- dates ----------------------------------------------------------------------------------


def _iso(parts: tuple[int, ...]) -> str:
    return "-".join(f"{p:0{4 if i == 0 else 2}d}" for i, p in enumerate(parts))


def _dates(node: DateRange) -> Sql:
    if node.calendar == "gregorian":
        low = _iso(node.low) if node.low else ""
        high = (_iso(node.high) if node.high else "9999") + "~"  # '~' sorts after digits
        return Sql("d.pk IN (SELECT pk FROM documents WHERE date_iso >= ? AND date_iso <= ?)",
                   (low, high))
    first = _hijri_start(node.low) if node.low else date.min
    last = _hijri_end(node.high) if node.high else date.max
    low_key = _key(node.low or (0,), 0)
    high_key = _key(node.high or (9999,), 99)
    return Sql(
        "d.pk IN (SELECT pk FROM documents WHERE date_iso >= ? AND date_iso <= ?"
        " AND length(date_iso) = 10 UNION SELECT doc_pk FROM fields INDEXED BY fields_hijri"
        " WHERE field = 'dates'"
        " AND json_extract(extra, '$.calendar') = 'hijri' AND"
        " (json_extract(extra, '$.year') * 10000 + coalesce(json_extract(extra, '$.month'), 0)"
        " * 100 + coalesce(json_extract(extra, '$.day'), 0)) BETWEEN ? AND ?)",
        (first.isoformat(), last.isoformat(), low_key, high_key))


def _key(parts: tuple[int, ...], fill: int) -> int:
    year, month, day = (*parts, fill, fill)[:3]
    return year * 10000 + month * 100 + day


def _hijri(year: int, month: int, day: int) -> date:
    try:
        return hijri_to_gregorian(year, month, day)
    except (ValueError, OverflowError) as exc:
        raise QueryError(f"hijri:{year}-{month:02d}: outside the calendars Sijill converts "
                         f"({exc})") from None


def _hijri_start(parts: tuple[int, ...]) -> date:
    year, month, day = (*parts, 1, 1)[:3]
    return _hijri(year, month, day)


def _hijri_end(parts: tuple[int, ...]) -> date:
    if len(parts) == 3:
        return _hijri(*parts)
    year, month = parts[0], (parts[1] if len(parts) > 1 else 12)
    after = (year + 1, 1) if month == 12 else (year, month + 1)
    return _hijri(*after, 1) - timedelta(days=1)


def compile_query(conn: sqlite3.Connection, names: NameIndex, tree: Node | None) -> Compiled | None:
    """The condition for `tree`, or None when it sets none (nothing searchable in it)."""
    if tree is None:
        return None
    compiler = _Compiler(conn, names)
    part = compiler.node(tree)
    if part is None:
        return None
    sql = _sql(part)
    rank = " OR ".join(f"({e})" for e in compiler.ranked) or None
    return Compiled(sql.sql, list(sql.params), rank, compiler.variants)
