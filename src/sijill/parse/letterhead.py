"""Letterhead lines and their levels: "Wilayat al-Sham - Idlib", "Office of Supplies".

A letterhead line is short, names an organisational unit (data/units.yaml through the
lexicon) and is no sentence, label or formula; `levels` cuts it into one span per level."""

from __future__ import annotations

import re
from functools import lru_cache

from sijill.model import Span
from sijill.parse.dates import find_dates
from sijill.parse.labelled import TO_LINE, any_label
from sijill.parse.lexicon import Lexicon, lexicon
from sijill.parse.lines import Line

_LEVEL_SEP = re.compile(r"\s+[-–—|/•·]\s+|\s*[|•·]\s*|\s*,\s+|\s*;\s*")
# The separators of a one-line chain of levels: "Harakat X / Qita' Y / Office of Z".
_CHAIN_SEP = re.compile(r"\s+[-–—|/]\s+|\s*\|\s*")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’]+\b")
_GLOSS = re.compile(r"\s*\([^()]*\)\s*$")
PERSON_START = re.compile(r"^(?:abu|abou|umm|um|dr\.?|sheikh|shaykh|mr\.?|hajji?)\b", re.I)


def lower_words(text: str, lex: Lexicon) -> int:
    return sum(1 for w in _LOWER_WORD.findall(text) if w not in lex.particles)


def is_letterhead(cell: Line) -> bool:
    """A short line naming an organisational unit, not a sentence, label or formula."""
    return _letterhead_text(cell.text)


@lru_cache(maxsize=8192)  # each line is asked about by several zones
def _letterhead_text(raw: str) -> bool:
    lex = lexicon()
    text = raw.strip("*#_ ")
    words = raw.count(" ") + 1
    body = lex.command_body.match(text)
    if body and text[body.end() :][:1].isupper():
        # "General Command of the YPG", "..., People's Defense Units, YPG" (glosses after a comma)
        group = text[body.end() :].split(",")[0].strip()
        return bool(group) and (_letterhead_text(group) or _unit_at_edge(text, lex)
                                or len(group.split()) <= _COMMAND_GROUP_WORDS)
    if not text or text[-1] in ".:;,?!" or not _short_enough(text, words, lex):
        return False
    first = text.split(" ", 1)[0]
    if not (first[0].isupper() or first.lower().startswith(("al-", "el-"))):
        return False
    if (
        lex.title_word.match(first.lower())
        or first.lower() == "the"
        and _title_after_the(text, lex)
    ):
        return False
    if TO_LINE.match(text):
        return False
    if (
        not _unit_in_chain(text, lex)
        or lex.report_of.match(text)  # "Monthly report of the Media Office" is a heading
        or lex.headline.search(text)
        or _named_kind(text, lex)
        or any_label(text, lex)
        or lex.is_formula(text)
        or lex.motto.match(text)
    ):
        return False
    return lower_words(text, lex) <= 1 and sum(c.isdigit() for c in text) <= 3


_COMMAND_GROUP_WORDS = 5


def _named_kind(text: str, lex: Lexicon) -> bool:
    """ "Services Covenant", "Important Statement": a heading ending in the document's kind."""
    words = text.split()
    return (
        len(words) >= 2
        and all(w[:1].isupper() for w in words)  # "Office of Schools and Instruction" is a unit
        and lex.doc_type.fullmatch(words[-1]) is not None
    )


def _short_enough(text: str, words: int, lex: Lexicon) -> bool:
    """Ten words for one level; a one-line chain "A / B / C" may hold up to six per level."""
    if words <= 10 and len(text) <= 100:
        return True
    pieces = _CHAIN_SEP.split(text)
    return (
        1 < len(pieces) <= 5
        and all(p and p.count(" ") < 6 and _unit_at_edge(p, lex) for p in pieces)
    )


def is_level_continuation(cell: Line, lex: Lexicon) -> bool:
    """A short place line under a letterhead level ("Wilayat al-Sham" / "Idlib")."""
    text = cell.text.strip("*_ ")
    words = text.split()
    if not words or len(words) > 3 or any(c.isdigit() for c in text) or text[-1] in ".:;,?!)]":
        return False
    if lex.doc_type.match(text) or lex.motto.match(text) or TO_LINE.match(text):
        return False
    if any_label(text, lex) or PERSON_START.match(text) or lex.title_word.match(words[0].lower()):
        return False
    return all(w[0].isupper() or w.lower().startswith(("al-", "el-")) for w in words)


def _unit_at_edge(text: str, lex: Lexicon) -> bool:
    """Units name the level at its start or end: "Office of Supplies", "Hama Sector"."""
    gloss = _GLOSS.search(text)
    words = (text[: gloss.start()] if gloss and gloss.start() else text).split()
    edge = [*words[:2], words[-1]] if words else []
    return any(lex.unit.fullmatch(w.strip(',;:*_"“”')) for w in edge)


def _unit_in_chain(text: str, lex: Lexicon) -> bool:
    """ "Rayat al-Fajr Front - Office of Supplies": a unit at the edge of one of its levels."""
    if _unit_at_edge(text, lex):
        return True
    return any(_unit_at_edge(p, lex) for p in _CHAIN_SEP.split(text)[:5] if p)


def _title_after_the(text: str, lex: Lexicon) -> bool:
    words = text.split(" ", 2)
    return len(words) > 1 and lex.title_word.match(words[1].lower()) is not None


def levels(cell: Line) -> list[Span]:
    """One span per level: "State - Wilayat Halab" gives two, "Wilayat al-Sham- Idlib" one."""
    lex = lexicon()
    gloss = _GLOSS.search(cell.text)
    if gloss and gloss.start() > 0:
        cell = cell.sub(0, gloss.start())
    cell = _undated(cell)
    pieces = cell.split(_LEVEL_SEP)
    if len(pieces) > 1 and not _all_levels(cell.text, pieces, lex):
        pieces = [cell]
    pieces = [x for p in pieces for x in _command_levels(p, lex)]
    return [Span(p.text, p.start, p.end) for p in (_unstar(p) for p in pieces) if p.text]


_DASH = re.compile(r"\s[-–—]\s")


def _undated(cell: Line) -> Line:
    """ "Leadership of the Army – 9 Rabi al-Thani 1437 AH": the date after the dash is not a
    level."""
    dashes = list(_DASH.finditer(cell.text))
    if not dashes:
        return cell
    rest = cell.text[dashes[-1].end() :]
    found = find_dates(rest)
    if found and found[0].start <= 1 and len(rest) - found[-1].end <= 4:
        return cell.sub(0, dashes[-1].start())
    return cell


def _command_levels(piece: Line, lex: Lexicon) -> list[Line]:
    """ "General Command of the YPG" is the movement, then its body; a comma ends the
    movement's name ("..., People's Defense Units, YPG" glosses it)."""
    m = lex.command_body.match(piece.text)
    if not m:
        return [piece]
    group = piece.sub(m.end())
    comma = group.text.find(",")
    if comma > 0:
        group = group.sub(0, comma)
    if not group.text[:1].isupper():
        return [piece]
    return [group, piece.sub(m.start("body"), m.end("body"))]


def _all_levels(text: str, pieces: list[Line], lex: Lexicon) -> bool:
    """Each piece names a unit; after a dash or slash a place may stand as a level of its own
    ("Office of Education - Timbuktu"), as a place line under a level does."""
    if all(lex.unit.search(p.text) for p in pieces):
        return True
    return (
        "," not in text
        and lex.unit.search(pieces[0].text) is not None
        and all(lex.unit.search(p.text) or is_level_continuation(p, lex) for p in pieces[1:])
    )


_LEADING_THE = re.compile(r"^the\s+(?=[A-Z])", re.I)


def _unstar(cell: Line) -> Line:
    """The level without markdown stars and without a leading "The" ("The Free Army")."""
    text = cell.text
    lead = len(text) - len(text.lstrip("*#_ "))
    tail = len(text.rstrip("*#_ "))
    cell = cell.sub(lead, max(lead, tail))
    the = _LEADING_THE.match(cell.text)
    return cell.sub(the.end()) if the and len(cell.text.split()) > 2 else cell
