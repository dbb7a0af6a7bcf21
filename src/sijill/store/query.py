"""Turning what a researcher types into an FTS5 query that cannot be a syntax error.

Input is plain words and "quoted phrases"; a word ending in `*` is a prefix. Everything else
FTS5 would read as syntax (AND, NEAR/, parentheses, column filters, stray quotes) is taken
as words: each term becomes a quoted FTS5 string, and the terms must all match.
"""

from __future__ import annotations

import re

_TERM = re.compile(r'"([^"]*)"|(\S+)')


def _quoted(words: str) -> str:
    return '"' + words.replace('"', '""') + '"'


def _indexable(words: str) -> bool:
    # unicode61 indexes letters and digits only; a term without them would match nothing.
    return any(ch.isalnum() for ch in words)


def fts_query(text: str) -> str | None:
    """The FTS5 MATCH expression for `text`, or None when it holds nothing to search for."""
    # Lone surrogates (from undecodable argv bytes) cannot be sent to SQLite.
    text = text.encode("utf-8", "replace").decode("utf-8").replace("\x00", " ")
    terms = []
    for match in _TERM.finditer(text):
        phrase, word = match.groups()
        prefix = phrase is None and word.endswith("*")
        words = phrase if phrase is not None else word.rstrip("*")
        if _indexable(words):
            terms.append(_quoted(words) + ("*" if prefix else ""))
    return " ".join(terms) or None
