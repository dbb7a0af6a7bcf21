"""The query language: a tokenizer and a recursive-descent parser from text to a tree.

    query   := or EOF
    or      := and ("OR" and)*
    and     := unary (["AND"] unary)*          two terms side by side both must match
    unary   := ("NOT" | "-") unary | primary
    primary := "(" or ")" | term
    term    := [field ":"] (word | word* | "phrase")

Operators are the upper-case words AND, OR, NOT; lower-case `and`/`or`/`not` are words.
Fields and date forms are described in docs/query-language.md. Every mistake raises a
`QueryError` that says what is wrong and how to write it; limits on size keep a query cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sijill.errors import QueryError

MAX_LENGTH = 500
MAX_TERMS = 24
MAX_PREFIXES = 4
MIN_PREFIX = 3
MAX_DEPTH = 12

# The fields a term may name, and what each searches (see sijill.store.search.compile).
TEXT_FIELDS = {"issuer": "issuer", "from": "sender", "to": "addressees", "cc": "cc",
               "ref": "reference_number"}
ENTITY_FIELDS = {"person": "person", "org": "organization", "place": "place"}
DATE_FIELDS = ("date", "hijri")
FIELDS = (*TEXT_FIELDS, *ENTITY_FIELDS, "tag", *DATE_FIELDS)


# ------------------------------------------------------------------------ the tree


@dataclass(frozen=True, slots=True)
class Term:
    """A word, a prefix (`sala*`) or a "phrase", in the text or in a field."""

    text: str
    kind: str  # "word", "prefix" or "phrase"
    field: str | None = None


@dataclass(frozen=True, slots=True)
class DateRange:
    """`date:` or `hijri:` from `low` to `high`, both inclusive; parts are (year, month?, day?)
    and a missing bound is open."""

    calendar: str  # "gregorian" or "hijri"
    low: tuple[int, ...] | None
    high: tuple[int, ...] | None


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


Node = Term | DateRange | And | Or | Not


# ------------------------------------------------------------------------ tokens


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "(", ")", "AND", "OR", "NOT", "-", "word", "phrase", "field"
    text: str
    pos: int


_OPERATORS = ("AND", "OR", "NOT")
_FIELD = re.compile(r"([A-Za-z]+):(.*)", re.S)
_STOP = frozenset(' \t\n\r\f\v()"')


def _phrase(text: str, start: int) -> tuple[str, int]:
    end = text.find('"', start + 1)
    if end < 0:
        raise QueryError(f"a quote opened at character {start + 1} is never closed: "
                         'add the closing " (or remove the quote)')
    return text[start + 1:end], end + 1


def tokenize(text: str) -> list[Token]:
    """The query's tokens; a field's value is its own token right after the field."""
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(Token(ch, ch, i))
            i += 1
        elif ch == '"':
            value, i = _phrase(text, i)
            tokens.append(Token("phrase", value, i))
        elif ch == "-" and i + 1 < len(text) and text[i + 1] not in _STOP and (
                not tokens or tokens[-1].kind != "field"):
            tokens.append(Token("-", ch, i))
            i += 1
        else:
            start = i
            while i < len(text) and text[i] not in _STOP:
                i += 1
            i = _word(text, start, i, tokens)
    return tokens


def _word(text: str, start: int, end: int, tokens: list[Token]) -> int:
    """Adds a bare word (or an operator, or a field and its value); returns where it ends."""
    word = text[start:end]
    field = _FIELD.fullmatch(word)
    if word in _OPERATORS:
        tokens.append(Token(word, word, start))
    elif field and (field[2] or (end < len(text) and text[end] in '"(')):
        name = field[1].casefold()
        if name not in FIELDS:
            raise QueryError(f"there is no field {field[1]!r}: the fields are "
                             + ", ".join(f"{f}:" for f in FIELDS)
                             + ' (quote the word to search for it as text: "'
                             + word.replace('"', "") + '")')
        tokens.append(Token("field", name, start))
        if field[2]:
            tokens.append(Token("word", field[2], start + len(field[1]) + 1))
        elif text[end] == "(":
            raise QueryError(f"{name}: takes one word or \"phrase\"; to allow several, write "
                             f"({name}:one OR {name}:other)")
    else:
        tokens.append(Token("word", word, start))
    return end


# ------------------------------------------------------------------------ parser


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0
        self.terms = 0
        self.prefixes = 0

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self.or_()
        token = self.peek()
        if token is not None:  # only a stray ")" stops `or_` early
            raise QueryError(f"a closing parenthesis at character {token.pos + 1} has no "
                             "opening one: remove it or add a (")
        return node

    def or_(self) -> Node:
        items = [self.and_()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            items.append(self.and_(after="OR"))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_(self, after: str | None = None) -> Node:
        items = [self.unary(after)]
        while (token := self.peek()) is not None and token.kind not in ("OR", ")"):
            if token.kind == "AND":
                self.take()
                items.append(self.unary("AND"))
            else:
                items.append(self.unary())
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self, after: str | None = None) -> Node:
        token = self.peek()
        if token is None or token.kind in ("OR", "AND", ")"):
            raise self.missing(after, token)
        if token.kind in ("NOT", "-"):
            self.take()
            return Not(self.unary(token.kind))
        return self.primary()

    def missing(self, after: str | None, token: Token | None) -> QueryError:
        if after is not None:
            where = "at the end" if token is None else f"before {token.text!r}"
            return QueryError(f"{after} needs something to search for after it ({where}); "
                              f"to search for the word, write it in lower case or quote it")
        if token is None:
            return QueryError("the query ends where a word was expected")
        if token.kind == ")":
            return QueryError(f"empty parentheses or a stray ')' at character {token.pos + 1}")
        return QueryError(f"{token.text} at character {token.pos + 1} needs a word before "
                          "it; to search for the word, write it in lower case or quote it")

    def primary(self) -> Node:
        token = self.take()
        if token.kind == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(f"parentheses nest more than {MAX_DEPTH} deep")
            node = self.or_()
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise QueryError(f"a parenthesis opened at character {token.pos + 1} is "
                                 "never closed: add a )")
            self.take()
            self.depth -= 1
            return node
        if token.kind == "field":
            value = self.peek()
            if value is None or value.kind not in ("word", "phrase"):
                raise QueryError(f"{token.text}: needs a value right after the colon")
            return self.field(token.text, self.take())
        return self.term(token)

    def field(self, name: str, value: Token) -> Node:
        if name in DATE_FIELDS:
            return date_range(name, value.text)
        return self.term(value, name)

    def term(self, token: Token, field: str | None = None) -> Term:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise QueryError(f"a query holds at most {MAX_TERMS} terms")
        if token.kind == "phrase":
            return Term(token.text, "phrase", field)
        if token.text.endswith("*"):
            stem = token.text.rstrip("*")
            if sum(ch.isalnum() for ch in stem) < MIN_PREFIX:
                raise QueryError(f"{token.text!r}: a prefix needs at least {MIN_PREFIX} "
                                 "letters before the *")
            self.prefixes += 1
            if self.prefixes > MAX_PREFIXES:
                raise QueryError(f"a query holds at most {MAX_PREFIXES} prefix* terms")
            return Term(stem, "prefix", field)
        return Term(token.text, "word", field)


def parse(text: str) -> Node | None:
    """The query's tree, or None when it asks for nothing (empty or blank)."""
    if len(text) > MAX_LENGTH:
        raise QueryError(f"a query is at most {MAX_LENGTH} characters long")
    # Lone surrogates (from undecodable argv bytes) and NULs cannot be sent to SQLite.
    text = text.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")
    return _Parser(tokenize(text)).parse()


# ------------------------------------------------------------------------ dates

_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _date(calendar: str, raw: str) -> tuple[int, ...] | None:
    if not raw:
        return None
    m = _DATE.fullmatch(raw)
    if m is None:
        example = "hijri:1436, hijri:1443-01" if calendar == "hijri" else "date:2015-03-14"
        raise QueryError(f"{raw!r} is not a date: write a year, year-month or year-month-day "
                         f"({example}), or a range with .. between two of them")
    parts = tuple(int(p) for p in m.groups() if p is not None)
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise QueryError(f"{raw!r}: there is no month {parts[1]}")
    if len(parts) > 2 and not 1 <= parts[2] <= (30 if calendar == "hijri" else 31):
        raise QueryError(f"{raw!r}: there is no day {parts[2]}")
    return parts


def date_range(name: str, raw: str) -> DateRange:
    """`date:` / `hijri:` values: 2015, 2015-03, 2015-03-14, 2015-03..2015-06, 2015.., ..2016."""
    calendar = "hijri" if name == "hijri" else "gregorian"
    low, sep, high = raw.partition("..")
    if not sep:
        high = low
    first, last = _date(calendar, low), _date(calendar, high)
    if first is None and last is None:
        raise QueryError(f"{name}: needs a date, e.g. {name}:2015 or {name}:2015..2016")
    if first and last and _padded(first, 0) > _padded(last, 99):
        raise QueryError(f"{name}:{raw}: the range ends before it starts")
    return DateRange(calendar, first, last)


def _padded(parts: tuple[int, ...], fill: int) -> tuple[int, ...]:
    return parts + (fill,) * (3 - len(parts))
