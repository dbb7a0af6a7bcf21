"""Check 5, provenance signals in one document: an editor's or translator's note (or the
editor's title) calling the document a forgery, and a stamp whose organisation is not the
letterhead's. Reported as signals to weigh ("unusual", "the editor says"), never as a verdict.
The archive-wide part (templates and scripts an issuer never uses elsewhere) is in `unusual`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from sijill.checks.config import section
from sijill.model import Document, Flag, Span
from sijill.names import name_key


@cache
def _forgery_rx() -> re.Pattern[str]:
    words = sorted(section("provenance")["forgery_words"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
                      + r")\b", re.IGNORECASE)


@cache
def _negation_rx() -> re.Pattern[str]:
    words = sorted(section("provenance")["negations"], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\W+(?:\w+\W+){0,2}$",
                      re.IGNORECASE)


def _forgery_words(text: str, base: int = 0) -> Iterator[Span]:
    for m in _forgery_rx().finditer(text):
        if _negation_rx().search(text[max(0, m.start() - 40):m.start()]):
            continue
        yield Span(m.group(0), base + m.start(), base + m.end())


def _editor_calls_forgery(doc: Document) -> list[Flag]:
    found = [w for n in doc.notes if n.kind in ("editor", "translator")
             for w in _forgery_words(n.text, n.start)]
    title_words = list(_forgery_words(doc.title or ""))
    if not found and not title_words:
        return []
    where = "an editor's note" if found else "the editor's title"
    words = ", ".join(dict.fromkeys(w.text.lower() for w in [*found, *title_words]))
    return [Flag("provenance-editor-note", "warning",
                 f"{where} questions the document's authenticity ({words}); "
                 "read the note before relying on it", tuple(found))]


@cache
def _stamp_rx() -> re.Pattern[str]:
    tags = sorted(section("provenance")["stamp_tags"], key=len, reverse=True)
    alt = "|".join(re.escape(t) for t in tags)
    return re.compile(rf"^[ \t]*\[?(?:{alt})(?:[^\]\n:]*)\]?:?\]?[ \t]*(?P<words>[^\n]+)$",
                      re.IGNORECASE | re.MULTILINE)


def _stamps(doc: Document) -> Iterator[Span]:
    for m in _stamp_rx().finditer(doc.text):
        yield Span.of(doc.text, m.start("words"), m.end("words"))


def _keys(text: str) -> str:
    return " " + name_key(text) + " "


def _stamp_contradicts(doc: Document) -> list[Flag]:
    if not doc.issuer:
        return []
    chain = [_keys(s.text) for s in doc.issuer]
    out = []
    for stamp in _stamps(doc):
        orgs = [m for m in doc.mentions if m.type == "organization"
                and stamp.start <= m.start and m.end <= stamp.end]
        # the stamp agrees when an organisation it names is a level of the letterhead
        if not orgs or any(c.strip() and (c in _keys(m.text) or _keys(m.text) in c)
                           for c in chain for m in orgs):
            continue
        out.append(Flag("provenance-stamp", "warning",
                        f"unusual: the stamp names {orgs[0].text!r} but the letterhead is "
                        f"{' / '.join(s.text for s in doc.issuer)!r}",
                        (stamp, doc.issuer[0])))
    return out


def check(doc: Document) -> list[Flag]:
    return [*_editor_calls_forgery(doc), *_stamp_contradicts(doc)]
