"""Editor's and translator's commentary, and bracketed insertions, as notes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from sijill.model import Note
from sijill.parse.lexicon import Lexicon, lexicon
from sijill.parse.lines import Line

_BRACKET = re.compile(r"\[[^\[\]\n]{1,400}\]")
_EDITORIAL_BRACKET = re.compile(
    r"^\[\s*(?:comment|editor'?’?s?(?: note| introduction| comment)?|introduction|"
    r"ed\.? note|note|nb|n\.b\.|"
    r"translator'?’?s?(?: note| comment)?|translation note|tn|t\.n\.|t\.?c\.?)\s*[:\-–]",
    re.I,
)
# "(TN: this document is dated 9 March 2010)", "(T.C: a cook)": a translator's remark in
# parentheses; other parentheses are the document's own.
_PAREN = re.compile(r"\([^()\n]{1,400}\)")
_FOOTNOTE_WORDS = 5  # "[1] The village is ...", not a bracketed number alone
_OWN_NOTE = re.compile(r"^[\s*]*notes?\s*[:\-–]", re.I)
_OWN_NOTE_WORDS = 30  # an instruction on copies is short; commentary runs on


def note_kind(line: Line, lex: Lexicon) -> str | None:
    """ "translator" or "editor" when the line opens a note paragraph, else None."""
    if lex.translator_note.match(line.text):
        return "translator"
    if lex.editor_note.match(line.text):
        return "editor"
    if lex.footnote.match(line.text) and line.words >= _FOOTNOTE_WORDS:
        return "editor"
    return None


def is_editorial(paragraph: str, lex: Lexicon) -> bool:
    """A trailing "Note:" may be the document's own; it is the editor's when it talks about it."""
    if not _OWN_NOTE.match(paragraph):
        return True
    if lex.own_note.search(paragraph) and paragraph.count(" ") <= _OWN_NOTE_WORDS:
        return False  # "Note: a copy of this ruling is handed to each party"
    return bool(lex.note_cue.search(paragraph)) or paragraph.count(" ") > 40


def is_editorial_prose(block: list[Line], lex: Lexicon) -> bool:
    return any(lex.note_cue.search(line.text) for line in block)


def paragraph_note(text: str, lines: list[Line], kind: str) -> Note:
    start, end = lines[0].start, lines[-1].end
    return Note(text[start:end], start, end, kind=kind)  # type: ignore[arg-type]


def trailing_notes(text: str, lines: list[Line], first: int) -> list[Note]:
    """Notes from line `first` to the end: each labelled paragraph runs until the next label."""
    lex = lexicon()
    groups: list[tuple[str, list[Line]]] = []
    for line in lines[first:]:
        kind = note_kind(line, lex)
        new_block = not groups or line.block != groups[-1][1][-1].block
        if kind and new_block or not groups:
            groups.append((kind or "editor", [line]))
        else:
            groups[-1][1].append(line)
    return [paragraph_note(text, group, kind) for kind, group in groups]


def bracket_notes(text: str, start: int, end: int) -> Iterator[Note]:
    """Each bracketed insertion; "[Comment: ...]" and "[Translator's note: ...]" are commentary."""
    for m in _BRACKET.finditer(text, start, end):
        inner = m.group()
        kind = "bracket"
        if _EDITORIAL_BRACKET.match(inner):
            kind = (
                "translator" if re.match(r"^\[\s*(?:transl|tn|t\.n\.)", inner, re.I) else "editor"
            )
        yield Note(inner, m.start(), m.end(), kind=kind)  # type: ignore[arg-type]
    for m in _PAREN.finditer(text, start, end):
        inner = m.group()
        if _EDITORIAL_BRACKET.match("[" + inner[1:]):
            kind = "translator" if re.match(r"^\(\s*(?:transl|tn|t\.n\.|t\.?c)", inner, re.I) \
                else "editor"
            yield Note(inner, m.start(), m.end(), kind=kind)  # type: ignore[arg-type]
