"""The top of a document: title, introduction, letterhead, reference, subject, addressees."""

from __future__ import annotations

import re
from functools import lru_cache

from sijill.model import Span
from sijill.parse.dates import find_dates
from sijill.parse.lexicon import Lexicon, lexicon
from sijill.parse.lines import Line, cells
from sijill.parse.parties import LIST_ITEM, party, split_items

_LEVEL_SEP = re.compile(r"\s+[-–—|/•·]\s+|\s*[|•·]\s*|\s*,\s+|\s*;\s*")
_TO_LINE = re.compile(
    r"^\W{0,3}(?:to|dear|attn\.?|attention|addressee)\b\s*(?P<sep>[:,\-–]?)\s*(?P<rest>.*)$", re.I
)
# "Letter directed to the employees of X." names its addressees in a sentence.
_DIRECTED = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,2}(?:directed|addressed|sent)\s+to\s+(?P<rest>[^.;]{3,120})[.;]", re.I
)
# A printed form's blanks and what a hand wrote into them: "[in handwriting: Yusuf Ali]".
_BLANKS = re.compile(r"…|\.{3,}")
_HANDWRITTEN = re.compile(r"\[\s*(?:in\s+)?hand\s*writ\w*\s*:\s*(?P<value>.+?)\]\s*$", re.I)
# "To our brothers in X, you are to return ...": the addressee ends where the request begins.
_CLAUSE = re.compile(r",\s+(?=(?:you|we|i|please|kindly|herewith|this|it|there)\b)", re.I)
# The separators of a one-line chain of levels: "Harakat X / Qita' Y / Office of Z".
_CHAIN_SEP = re.compile(r"\s+[-–—|/]\s+|\s*\|\s*")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’]+\b")
# A code may hold spaces after its slashes: "H.I.M/ 2020/ 58", "T.Z/ R/ 1441/ 12".
_REF_TOKEN = re.compile(
    r"[^\s,;]+(?:(?<=[/\\\-–])\s(?=[^\s,;]*\d|[A-Za-z.]{1,4}[/\\]\s)[^\s,;]+"
    r"|\s(?=[/\\][^\s,;])[^\s,;]+"
    r"|\s(?=[^\W\d_]{1,3}[/\\])[^\s,;]+"  # letters spaced apart: "ن س/ 1439/ 211"
    r"|\s[/\\]\s(?=[^\s,;]*\d)[^\s,;]+)*"
)
_AND_THE = re.compile(r"\s+and\s+the\s+(?!\w+\s+of\s+(?:god|allah)\b)", re.I)
_GLOSS = re.compile(r"\s*\([^()]*\)\s*$")
_TRANSITION = re.compile(r"as for what follows|amma ba.?d|to proceed", re.I)
_PERSON_START = re.compile(r"^(?:abu|abou|umm|um|dr\.?|sheikh|shaykh|mr\.?|hajji?)\b", re.I)
_NUMERIC_DATE = re.compile(r"^\d{1,4}\s?[-/.]\s?\d{1,2}\s?[-/.]\s?\d{1,4}$")
_PHONE = re.compile(r"^\+?\(?\d{2,5}\)?[\s\-]\d{2,4}[\s\-]\d{2,5}")
_DATE_WORDS = re.compile(r"\d\s*(?:AH|CE|AD|H)\b|\bhijri\b", re.I)


def _lower_words(text: str, lex: Lexicon) -> int:
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
    if _TO_LINE.match(text):
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
    return _lower_words(text, lex) <= 1 and sum(c.isdigit() for c in text) <= 3


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
    if lex.doc_type.match(text) or lex.motto.match(text) or _TO_LINE.match(text):
        return False
    if any_label(text, lex) or _PERSON_START.match(text) or lex.title_word.match(words[0].lower()):
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
    pieces = []
    pos = 0
    for m in _LEVEL_SEP.finditer(cell.text):
        pieces.append(cell.sub(pos, m.start()))
        pos = m.end()
    pieces.append(cell.sub(pos))
    pieces = [p for p in pieces if p.text]
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


def any_label(text: str, lex: Lexicon) -> bool:
    pats = (lex.subject, lex.date, lex.to, lex.sender_label, lex.cc)
    return (
        any(p.match(text) for p in pats) or ranked_reference(Line(text, 0, len(text))) is not None
    )


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
    return not any_label(text, lex) and not _TO_LINE.match(text) and not LIST_ITEM.match(text)


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
    return _TO_LINE.match(first.text) is None and _lower_words(text, lex) > words // 3


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
        or _TO_LINE.match(text) is not None
        or any(is_letterhead(c) or any_label(c.text, lex) for c in cells(line)[1:])
    )


def is_document_signal(line: Line, lex: Lexicon) -> bool:
    """Stronger than `is_signal`: a letterhead or a label, not a formula an editor may quote."""
    text = line.text
    return (
        is_letterhead(line) or lex.basmala.match(text) is not None or any_label(text, lex)
        or _TO_LINE.match(text) is not None and line.words <= 30
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


# A footnote marker closing a line ("... at the central market[1]") is the editor's.
_FOOTNOTE_MARK = re.compile(r"(?:\s*\[\d{1,2}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)+[\s.;,]*$")
_FIELD = re.compile(r"^[\w'’ ]{1,30}:\s")
_PAREN_VALUE = re.compile(r"^\(\s*(?=[^()\s]*\d)([^()\s]+)\s*\)")


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


def addressees(lines: list[Line], i: int) -> tuple[list[Span], int]:
    """The addressees a "To ..." line at `i` gives (or the list under a bare "To:"); lines used."""
    line = lines[i]
    m = _TO_LINE.match(line.text)
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
        if any_label(text, lex) or lex.is_formula(text) or _TO_LINE.match(text):
            break
        if _FIELD.match(text):  # "Residence: al-Quriyya" describes the addressee
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
        and _PERSON_START.match(line.text) is not None
        and all(w[0].isupper() or w.lower().startswith(("al-", "bin", "ibn")) for w in words)
    )


def _and_the(line: Line) -> list[Line]:
    """ "the imams of the mosques and the heads of the quarters" names two addressees."""
    out, pos = [], 0
    for m in _AND_THE.finditer(line.text):
        out.append(line.sub(pos, m.start()))
        pos = m.end()
    out.append(line.sub(pos))
    return [x for x in out if x.text]


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
