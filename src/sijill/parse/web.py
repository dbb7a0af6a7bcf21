"""Web furniture around a document copied from a page: site header, byline, comment section.

Gold scope (contracts/gold.md) leaves it out; left in, a byline's post date would date the
document and a site name would pass for a letterhead.
"""

from __future__ import annotations

import re

from sijill.parse.dates import find_dates
from sijill.parse.lexicon import Lexicon
from sijill.parse.lines import Line

_NAV_SEP = re.compile(r"\s*[|·»•]\s*|\s+/\s+")
_MAX_NAV_ITEM_WORDS = 3
_TOP_BLOCKS = 2  # a site header is in the page's first paragraphs
_BYLINE_LINES = 12  # a byline sits under the title, near the top
_BYLINE_WORDS = 20


def without_furniture(lines: list[Line], lex: Lexicon) -> list[Line]:
    """The lines of the document proper; the lines kept keep their offsets and paragraphs."""
    end = next(
        (k for k, line in enumerate(lines) if k and lex.web_tail.fullmatch(line.text)), len(lines)
    )
    while end > 1 and _is_foot_furniture(lines[end - 1], lex):
        end -= 1
    start = _after_site_header(lines[:end], lex)
    byline = {k for k in range(start, min(end, _BYLINE_LINES)) if _is_byline(lines[k], lex)}
    # A post date on its own line next to the byline ("07 April 2015" / "By Nadia Karimi").
    byline |= {
        j
        for k in byline
        for j in (k - 1, k + 1)
        if start <= j < end and j not in byline and _is_lone_date(lines[j])
    }
    return [line for k, line in enumerate(lines[start:end], start) if k not in byline]


def _is_foot_furniture(line: Line, lex: Lexicon) -> bool:
    """The page's last line: its provenance ("Source: Twitter") or its glued tag list."""
    if lex.source_line.fullmatch(line.text):
        return True
    words = line.text.split()
    glued = sum(1 for w in words if lex.glued_tag.fullmatch(w))
    return glued >= 2 and glued * 3 >= len(words) and not any(c in line.text for c in ".,:;")


def _is_lone_date(line: Line) -> bool:
    found = find_dates(line.text)
    return len(found) == 1 and len(line.text) - (found[0].end - found[0].start) <= 3


def _after_site_header(lines: list[Line], lex: Lexicon) -> int:
    """The first line after a navigation bar at the top (and the site name with it)."""
    if not lines:
        return 0
    for k, line in enumerate(lines):
        if line.block - lines[0].block >= _TOP_BLOCKS:
            break
        if is_nav(line.text, lex):
            return next((j for j in range(k, len(lines)) if lines[j].block != line.block), k + 1)
    return 0


def is_nav(text: str, lex: Lexicon) -> bool:
    items = [x for x in _NAV_SEP.split(text) if x]
    return (
        len(items) >= 3
        and all(x.count(" ") < _MAX_NAV_ITEM_WORDS for x in items)
        and any(lex.nav_word.fullmatch(x) for x in items)
    )


def _is_byline(line: Line, lex: Lexicon) -> bool:
    return line.words <= _BYLINE_WORDS and lex.byline.fullmatch(line.text) is not None
