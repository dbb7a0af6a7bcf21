"""The top of a document: headings, introduction and header signals, and the addressees.

Letterhead lines are letterhead.py's; labelled fields (reference, subject) labelled.py's."""

from __future__ import annotations

import re

from sijill.model import Span
from sijill.parse.labelled import FIELD, TO_LINE, any_label
from sijill.parse.letterhead import PERSON_START, is_letterhead, lower_words
from sijill.parse.lexicon import Lexicon, lexicon
from sijill.parse.lines import Line, cells
from sijill.parse.parties import LIST_ITEM, party, split_items

# "Letter directed to the employees of X." names its addressees in a sentence.
_DIRECTED = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,2}(?:directed|addressed|sent)\s+to\s+(?P<rest>[^.;]{3,120})[.;]", re.I
)
# A printed form's blanks and what a hand wrote into them: "[in handwriting: Yusuf Ali]".
_BLANKS = re.compile(r"…|\.{3,}")
_HANDWRITTEN = re.compile(r"\[\s*(?:in\s+)?hand\s*writ\w*\s*:\s*(?P<value>.+?)\]\s*$", re.I)
# "To our brothers in X, you are to return ...": the addressee ends where the request begins.
_CLAUSE = re.compile(r",\s+(?=(?:you|we|i|please|kindly|herewith|this|it|there)\b)", re.I)
_AND_THE = re.compile(r"\s+and\s+the\s+(?!\w+\s+of\s+(?:god|allah)\b)", re.I)
_TRANSITION = re.compile(r"as for what follows|amma ba.?d|to proceed", re.I)


def is_heading(lines: list[Line], i: int, lex: Lexicon) -> bool:
    """An editor's heading: a one-line paragraph that is no letterhead, label or formula."""
    line = lines[i]
    alone = (i + 1 >= len(lines) or lines[i + 1].block != line.block) and (
        i == 0 or lines[i - 1].block != line.block
    )
    text = line.text
    if not alone or i + 1 >= len(lines) or line.words > 30 or text.endswith((":", ",", ";")):
        return False
    if text.startswith("[") and text.endswith("]"):
        return False
    if text.endswith(".") and line.words > 6:
        return False
    if (
        is_letterhead(line)
        or lex.is_formula(text)
        or lex.motto.match(text)
        or lex.closing.match(text)
    ):
        return False
    return not any_label(text, lex) and not TO_LINE.match(text) and not LIST_ITEM.match(text)


def is_prose(block: list[Line], lex: Lexicon) -> bool:
    """A paragraph of running text, not a formula, letterhead or label."""
    text = " ".join(line.text for line in block)
    words = text.count(" ") + 1
    first = block[0]
    if (
        words < 12
        or lex.is_formula(text)
        or is_letterhead(first)
        or any_label(first.text, lex)
    ):
        return False
    return TO_LINE.match(first.text) is None and lower_words(text, lex) > words // 3


def has_intro_cue(blocks: list[list[Line]], lex: Lexicon) -> bool:
    return any(lex.intro_cue.search(line.text) for block in blocks for line in block)


def is_header_formula(line: Line, lex: Lexicon) -> bool:
    """A greeting or praise paragraph before the body; "Peace be upon you. We ask ..." is body."""
    text = line.text
    if not lex.is_formula(text):
        return False
    if line.words <= 15 or text.endswith(":"):
        return True
    return lex.praise.match(text) is not None and _TRANSITION.search(text) is not None


def is_signal(line: Line, lex: Lexicon) -> bool:
    """A line that belongs to a document's own header: letterhead, formula, label, address."""
    text = line.text
    return (
        is_letterhead(line)
        or lex.basmala.match(text) is not None
        or lex.motto.match(text) is not None
        or is_header_formula(line, lex)
        or any_label(text, lex)
        or TO_LINE.match(text) is not None
        or any(is_letterhead(c) or any_label(c.text, lex) for c in cells(line)[1:])
    )


def is_document_signal(line: Line, lex: Lexicon) -> bool:
    """Stronger than `is_signal`: a letterhead or a label, not a formula an editor may quote."""
    text = line.text
    return (
        is_letterhead(line) or lex.basmala.match(text) is not None or any_label(text, lex)
        or TO_LINE.match(text) is not None and line.words <= 30
    )


def addressees(lines: list[Line], i: int) -> tuple[list[Span], int]:
    """The addressees a "To ..." line at `i` gives (or the list under a bare "To:"); lines used."""
    line = lines[i]
    m = TO_LINE.match(line.text)
    if lexicon().no_addressee.match(line.text):
        return [], 1
    if not m:
        directed = _DIRECTED.match(line.text)
        if directed and lexicon().doc_type.match(line.text):
            named = party(line.sub(directed.start("rest"), directed.end("rest")))
            return ([named] if named else []), 1
        return [], 0
    rest = line.sub(m.start("rest"))
    filled = _HANDWRITTEN.search(rest.text)
    if filled and _BLANKS.search(rest.text[: filled.start()]):
        # a form's blanks ("To the one called…. son of….") filled in by hand
        # (kept as written, a reader's "[Hamadi?]" within it)
        value = rest.sub(filled.start("value"), filled.end("value"))
        return ([Span(value.text, value.start, value.end)] if value.text else []), 1
    clause = _CLAUSE.search(rest.text)
    if clause:
        rest = rest.sub(0, clause.start())
    if not rest.text:
        return _listed(lines, i + 1), _listed_count(lines, i + 1) + 1
    first = rest.text.split(" ", 1)[0]
    if not m.group("sep") and not _addressed(first):
        return [], 0
    if rest.text.endswith(":") and i + 1 < len(lines) and _name_line(lines[i + 1]):
        # "To the amir of the Diwan:" with the name on the line below
        named = party(lines[i + 1], titles=False)
        return ([named] if named else []), 2
    if LIST_ITEM.match(rest.text):  # "To: 1- A" with "2- B" and "3- C" under it
        n = _listed_count(lines, i + 1)
        more = [split_items(x)[0] for x in lines[i + 1 : i + 1 + n]]
        return [p for p in (party(x) for x in [*split_items(rest), *more]) if p], 1 + n
    items = split_items(rest) if ";" in rest.text else _and_the(rest)
    more = _more_addressees(lines, i) if m.group("sep") == ":" else []
    return [p for p in (party(x) for x in [*items, *more]) if p], 1 + len(more)


def _more_addressees(lines: list[Line], i: int) -> list[Line]:
    """ "To: The Elders' Committee" with "The Parents' Committee" aligned under it: one
    addressee a line, in the same paragraph; a title line under a name is not another."""
    lex = lexicon()
    out: list[Line] = []
    for line in lines[i + 1 :]:
        text = line.text
        words = text.split()
        if line.block != lines[i].block or not words or len(words) > 10:
            break
        if not words[0][0].isupper() or text.endswith((".", ":", ",")) or _starts_titled(text, lex):
            break
        if any_label(text, lex) or lex.is_formula(text) or TO_LINE.match(text):
            break
        if FIELD.match(text):  # "Residence: al-Quriyya" describes the addressee
            break
        out.append(line)
    return out


def _starts_titled(text: str, lex: Lexicon) -> bool:
    words = text.lower().split()
    if words[0] == "the" and len(words) > 1:
        words = words[1:]
    return lex.title_word.match(words[0].strip(",")) is not None


def _name_line(line: Line) -> bool:
    words = line.text.rstrip(",.:").split()
    return (
        0 < len(words) <= 6
        and PERSON_START.match(line.text) is not None
        and all(w[0].isupper() or w.lower().startswith(("al-", "bin", "ibn")) for w in words)
    )


def _and_the(line: Line) -> list[Line]:
    """ "the imams of the mosques and the heads of the quarters" names two addressees."""
    return line.split(_AND_THE)


def _addressed(first: str) -> bool:
    """Whether "To <first> ..." addresses someone: "To the ...", "To Abu ...", not "To this end"."""
    low = first.lower()
    if not first[:1].islower() or low in ("the", "our", "my", "all", "al", "your", "his", "her"):
        return True
    return low.startswith(("al-", "brother", "sheikh", "shaykh")) or bool(
        lexicon().title_word.match(first)
    )


def _listed_count(lines: list[Line], i: int) -> int:
    n = 0
    while i + n < len(lines) and LIST_ITEM.match(lines[i + n].text) and lines[i + n].words <= 14:
        n += 1
    return n


def _listed(lines: list[Line], i: int) -> list[Span]:
    items = [split_items(lines[i + k])[0] for k in range(_listed_count(lines, i))]
    return [p for p in (party(x) for x in items) if p]
