"""An archive page's documents: "Specimen 12K: ...", "Document 3", separators.

The page's shared introduction (before the first heading) is not a document.
"""

from __future__ import annotations

from dataclasses import dataclass

from sijill.parse import bilingual, closing, header
from sijill.parse.lexicon import Lexicon, lexicon
from sijill.parse.lines import Line, split_lines


@dataclass(frozen=True, slots=True)
class Part:
    start: int
    end: int
    heading: bool  # the part opens with its archive heading


def split(text: str) -> list[Part]:
    """The documents of a page, in order; an original in Arabic script printed above or below
    its translation is a document of its own (`bilingual`)."""
    return [piece for part in _split(text) for piece in _by_script(text, part)]


def _by_script(text: str, part: Part) -> list[Part]:
    found = bilingual.block(text[part.start:part.end])
    if found is None:
        return [part]
    start, end = part.start + found[0], part.start + found[1]
    side = bilingual.at_an_end(text[part.start:part.end], found)
    if side == "start":
        pieces = [Part(part.start, end, part.heading), Part(end, part.end, False)]
    elif side == "end":
        pieces = [Part(part.start, start, part.heading), Part(start, part.end, False)]
    else:  # in the middle: linked to the text around it, not cut out
        return [part]
    return [Part(*_trim(text, p.start, p.end), p.heading) for p in pieces
            if text[p.start:p.end].strip()]


def _split(text: str) -> list[Part]:
    lex = lexicon()
    lines = split_lines(text)
    if not lines:
        return []
    whole = [Part(0, len(text), False)]
    markers = [i for i, line in enumerate(lines) if _is_marker(lines, i, lex)]
    if len(markers) >= 2:
        return _by_markers(text, lines, markers)
    if len(markers) == 1:
        return [Part(0, len(text), markers[0] == 0)]
    numbered = _numbered(lines, lex)
    if len(numbered) >= 2:
        return _by_markers(text, lines, numbered)
    return _by_separators(text, lines, lex) or whole


def _is_marker(lines: list[Line], i: int, lex: Lexicon) -> bool:
    line = lines[i]
    if line.words > 20 or (i and lines[i - 1].block == line.block):
        return False
    return lex.marker.match(line.text) is not None


def _numbered(lines: list[Line], lex: Lexicon) -> list[int]:
    """Lines "No. 1 —", "No. 2 —", ... numbered 1, 2, 3 in order, each opening a paragraph."""
    found: list[int] = []
    for i, line in enumerate(lines):
        m = lex.numbered.match(line.text)
        if (
            m
            and int(m.group("n")) == len(found) + 1
            and (i == 0 or lines[i - 1].block != line.block)
        ):
            found.append(i)
    return found


def _by_markers(text: str, lines: list[Line], markers: list[int]) -> list[Part]:
    starts = [lines[i].start for i in markers]
    ends = [*starts[1:], len(text)]
    return [Part(s, e, True) for s, e in zip(starts, ends, strict=True)]


def _by_separators(text: str, lines: list[Line], lex: Lexicon) -> list[Part]:
    """Pieces between separator lines; only pieces with a document's header are documents.

    A piece without one is the page's introduction (before the first document, dropped)
    or a comment on the document before it (kept with that document).
    """
    seps = [line for line in lines if lex.separator.match(line.text)]
    if not seps:
        return []
    bounds = [0, *(x for s in seps for x in (s.start, s.end)), len(text)]
    pieces = [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]
    pieces = [(s, e) for s, e in pieces if text[s:e].strip()]
    docs: list[list[int]] = []
    for s, e in pieces:
        if _has_signal(text, s, e, lex):
            docs.append([s, e])
        elif docs:
            docs[-1][1] = e
    if len(docs) < 2:
        return []
    return [Part(*_trim(text, s, e), False) for s, e in docs]


def _has_signal(text: str, start: int, end: int, lex: Lexicon) -> bool:
    lines = split_lines(text, start, end)
    head = sum(1 for line in lines[:30] if header.is_document_signal(line, lex))
    # A stamp at the foot marks a document as surely as a label at its head.
    stamped = any(closing.stamp_levels(line) for line in lines)
    return head + stamped >= 2


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    # Drop the blank lines a separator leaves, so each document starts at its first word.
    while start < end and text[start].isspace():
        start += 1
    return start, end
