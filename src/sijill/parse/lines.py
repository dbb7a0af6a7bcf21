"""A text as lines and cells with their offsets: the unit every component works on."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\n\r]*\S[^\n\r]*")
# Columns of a laid-out letterhead ("Islamic State        Number: 12") are 3+ spaces or tabs apart.
_CELL_GAP = re.compile(r"[ \u00a0]{3,}|\t+")
_ITEM = re.compile(r"^(?:\(?\d{1,2}\s*[.)\-–]|[-•*▪·◦–])\s")
# PDF extraction that lost its line ends glues sentences: "compassionate.Thanks be", "him,To the",
# "himPeace be upon you". Such a line is cut where a capitalised word is glued on.
# A glued tag list ("HezbollahMediaRelations") has no sentence glued on: it stays as it is.
_GLUE = re.compile(r"(?P<stop>(?<=[a-z][.,;:!?]))(?=[A-Z][a-z])|(?<=[a-z]{2})(?=[A-Z][a-z]{2})")
_GLUED_LINE_MIN = 3  # glue points that show a line is glued text, not "McDonald" or "iPhone"
_MIN_LINES_TO_GUESS = 5
_WRAPPED = 0.75  # of the longest line: a line this long was wrapped, not ended


@dataclass(frozen=True, slots=True)
class Line:
    """A trimmed, non-empty line (or cell) and its offsets in the document text."""

    text: str
    start: int
    end: int
    block: int = 0

    @property
    def words(self) -> int:
        return self.text.count(" ") + 1

    def sub(self, start: int, end: int | None = None) -> Line:
        """The part of this line from `start` to `end` (indices into `self.text`), trimmed."""
        end = len(self.text) if end is None else end
        piece = self.text[start:end]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        return Line(
            piece, self.start + start + lead, self.start + start + lead + len(piece), self.block
        )

    def split(self, separator: re.Pattern[str]) -> list[Line]:
        """The pieces between the separator's matches, trimmed; empty pieces left out."""
        pieces, pos = [], 0
        for m in separator.finditer(self.text):
            pieces.append(self.sub(pos, m.start()))
            pos = m.end()
        pieces.append(self.sub(pos))
        return [p for p in pieces if p.text]


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Non-empty lines of `text[start:end]`; `block` numbers paragraphs split by blank lines."""
    end = len(text) if end is None else end
    lines: list[Line] = []
    block, prev_end = 0, start
    for m in _LINE.finditer(text, start, end):
        if lines and text.count("\n", prev_end, m.start()) >= 2:
            block += 1
        raw = m.group()
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        s = m.start() + lead
        lines.extend(_unglued(Line(body, s, s + len(body), block)))
        prev_end = m.end()
    if len(lines) >= _MIN_LINES_TO_GUESS and lines[-1].block == 0:
        return _guess_paragraphs(lines)
    return lines


def _unglued(line: Line) -> list[Line]:
    """A line of glued sentences as the lines it was; any other line as it is."""
    glue = list(_GLUE.finditer(line.text))
    if len(glue) < _GLUED_LINE_MIN or not any(m.group("stop") is not None for m in glue):
        return [line]
    bounds = [0, *(m.start() for m in glue), len(line.text)]
    return [line.sub(a, b) for a, b in zip(bounds, bounds[1:], strict=False)]


def _guess_paragraphs(lines: list[Line]) -> list[Line]:
    """Text without blank lines (PDF extraction): a line that fills the width and does not end
    a sentence runs on into the next; every other line ends its paragraph."""
    width = max(len(line.text) for line in lines)
    out: list[Line] = []
    block = 0
    for prev, line in zip([None, *lines], lines, strict=False):
        wrapped = prev is not None and len(prev.text) >= _WRAPPED * width
        listed = prev is not None and _ITEM.match(line.text) and (
            prev.text.endswith(":") or _ITEM.match(prev.text)
        )
        if prev is not None and not listed and not (wrapped and prev.text[-1] not in ".:;!?"):
            block += 1
        out.append(Line(line.text, line.start, line.end, block))
    return out


def cells(line: Line) -> list[Line]:
    """The columns of a line; a line without wide gaps is its own single cell."""
    if "  " not in line.text and "\t" not in line.text:
        return [line]
    out: list[Line] = []
    pos = 0
    for gap in _CELL_GAP.finditer(line.text):
        if gap.start() > pos:
            out.append(line.sub(pos, gap.start()))
        pos = gap.end()
    if pos < len(line.text):
        out.append(line.sub(pos))
    return [c for c in out if c.text]


def without(lines: list[Line], drop: re.Pattern[str]) -> list[Line]:
    """The lines that `drop` does not match; each dropped line still ends a paragraph."""
    out: list[Line] = []
    shift = 0
    for line in lines:
        if drop.match(line.text):
            shift += 1
            continue
        out.append(Line(line.text, line.start, line.end, line.block + shift) if shift else line)
    return out
