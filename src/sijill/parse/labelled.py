"""The labelled fields of a document's header: "Ref.", "Subject:", "To:", "Date:" and the
like (their patterns are data, data/labels.yaml), the reference number a label gives or a
lone code stands for, and the subject."""

from __future__ import annotations

import re

from sijill.model import Span
from sijill.parse.lexicon import Lexicon, lexicon
from sijill.parse.lines import Line

TO_LINE = re.compile(
    r"^\W{0,3}(?:to|dear|attn\.?|attention|addressee)\b\s*(?P<sep>[:,\-–]?)\s*(?P<rest>.*)$", re.I
)
# A code may hold spaces after its slashes: "H.I.M/ 2020/ 58", "T.Z/ R/ 1441/ 12".
_REF_TOKEN = re.compile(
    r"[^\s,;]+(?:(?<=[/\\\-–])\s(?=[^\s,;]*\d|[A-Za-z.]{1,4}[/\\]\s)[^\s,;]+"
    r"|\s(?=[/\\][^\s,;])[^\s,;]+"
    r"|\s(?=[^\W\d_]{1,3}[/\\])[^\s,;]+"  # letters spaced apart: "ن س/ 1439/ 211"
    r"|\s[/\\]\s(?=[^\s,;]*\d)[^\s,;]+)*"
)
_NUMERIC_DATE = re.compile(r"^\d{1,4}\s?[-/.]\s?\d{1,2}\s?[-/.]\s?\d{1,4}$")
_PHONE = re.compile(r"^\+?\(?\d{2,5}\)?[\s\-]\d{2,4}[\s\-]\d{2,5}")
_DATE_WORDS = re.compile(r"\d\s*(?:AH|CE|AD|H)\b|\bhijri\b", re.I)
# A footnote marker closing a line ("... at the central market[1]") is the editor's.
_FOOTNOTE_MARK = re.compile(r"(?:\s*\[\d{1,2}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)+[\s.;,]*$")
FIELD = re.compile(r"^[\w'’ ]{1,30}:\s")
_PAREN_VALUE = re.compile(r"^\(\s*(?=[^()\s]*\d)([^()\s]+)\s*\)")


def any_label(text: str, lex: Lexicon) -> bool:
    pats = (lex.subject, lex.date, lex.to, lex.sender_label, lex.cc)
    return (
        any(p.match(text) for p in pats) or ranked_reference(Line(text, 0, len(text))) is not None
    )


def ranked_reference(cell: Line, standalone: bool = False) -> tuple[int, Span | None] | None:
    """(rank of the label group, value); a label with a blank value gives (rank, None).

    A lone code ranks after every label.
    """
    lex = lexicon()
    if lex.not_reference.search(cell.text[:40]):
        return None
    for rank, pattern in enumerate(lex.reference):
        m = pattern.match(cell.text)
        if m:
            return rank, _ref_value(cell, m.start("value"), lex)
    if standalone and _is_code(cell.text):
        return len(lex.reference), Span(cell.text, cell.start, cell.end)
    return None


def _is_code(text: str) -> bool:
    """A lone code such as "m.a/08/43001" or "R.F/ 1204"; not a date such as "2021-12-20"."""
    tok = _REF_TOKEN.match(text)
    if not tok or tok.end() != len(text) or len(text) > 30 or _DATE_WORDS.search(text):
        return False
    if not any(c.isdigit() for c in text) or not re.search(r"[/\\\-–]", text):
        return False
    return not _NUMERIC_DATE.match(text) and not _PHONE.match(text)


def is_date_shaped_code(text: str) -> bool:
    return _NUMERIC_DATE.match(text) is not None


def _ref_value(cell: Line, pos: int, lex: Lexicon) -> Span | None:
    rest = cell.text[pos:]
    paren = _PAREN_VALUE.match(rest)
    if paren:  # "Circular No. (9)": the brackets frame the number
        start = cell.start + pos + paren.start(1)
        return Span(paren.group(1), start, start + len(paren.group(1)))
    if _PHONE.match(rest) or re.match(r"^[_.\-–\s]*$|^\[?illegible", rest, re.I):
        return None
    tok = _REF_TOKEN.match(rest)
    if not tok or not any(c.isdigit() for c in tok.group()):
        return None
    value = tok.group().rstrip(".,:;)]")
    before, after = cell.text[max(0, pos - 6) : pos], rest[len(value) : len(value) + 12]
    if lex.currency.search(before) or re.match(
        r"\s*(?:" + lex.currency.pattern + r")\b", after, re.I
    ):
        return None
    if value.startswith(("$", "+")) or "(" in value and ")" not in value:
        return None
    start = cell.start + pos
    return Span(value, start, start + len(value))


def subject(line: Line, following: Line | None) -> Span | None:
    m = lexicon().subject.match(line.text)
    if not m:
        return None
    value = line.sub(m.start("value"))
    if not value.text and following is not None:
        value = following
    text = _FOOTNOTE_MARK.sub("", value.text).rstrip(" .;,")
    if not text:
        return None
    return Span(text, value.start, value.start + len(text))
