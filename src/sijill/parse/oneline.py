"""A header written on one line, read as the lines it stands for.

"Jama'at X – Office of Y – Ref. no.: A/12 – Date: 3 Safar 1439" is a letterhead, a reference
line and a date line: the letterhead keeps its own levels, each label runs to the next label.
The lines returned are pieces of the given lines: offsets stay those of the text.
"""

from __future__ import annotations

import re

from sijill.parse import letterhead
from sijill.parse.labelled import any_label
from sijill.parse.lexicon import Lexicon, lexicon
from sijill.parse.lines import Line

_PIECE_SEP = re.compile(r"\s+[-–—|]\s+")
_MAX_WORDS = 40


def header_pieces(lines: list[Line]) -> list[Line]:
    """Each header written on one line as the lines it stands for; other lines as they are."""
    lex = lexicon()
    out: list[Line] = []
    for line in lines:
        out.extend(_pieces(line, lex) if _may_hold_chain(line) else [line])
    return out


def _may_hold_chain(line: Line) -> bool:
    return line.words <= _MAX_WORDS and _PIECE_SEP.search(line.text) is not None


def _pieces(line: Line, lex: Lexicon) -> list[Line]:
    seps = list(_PIECE_SEP.finditer(line.text))
    starts = [0, *(m.end() for m in seps)]
    ends = [*(m.start() for m in seps), len(line.text)]
    labelled = [any_label(line.text[s:e], lex) for s, e in zip(starts, ends, strict=True)]
    if labelled[0] or not any(labelled):
        return [line]
    first = labelled.index(True)
    head = line.sub(0, ends[first - 1])
    if not letterhead.is_letterhead(head):
        return [line]
    cuts = [k for k in range(first, len(starts)) if labelled[k]]
    out = [head]
    for a, b in zip(cuts, [*cuts[1:], len(starts)], strict=True):
        out.append(line.sub(starts[a], ends[b - 1]))
    return out
