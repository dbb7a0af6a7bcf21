"""Who a line names: addressees, cc recipients and senders, without salutations or titles.

"To the virtuous sheikh: al-Muthanna al-Jazrawi deputy wali of al-Sham (may God ...)"
gives the span "al-Muthanna al-Jazrawi"; "Archive (for the record)" gives "Archive";
"To the honourable amir of Wilayat Halab" (a title and no name) gives "amir of Wilayat Halab".
"""

from __future__ import annotations

import re

from sijill.model import Span
from sijill.parse.lexicon import Lexicon, lexicon
from sijill.parse.lines import Line

_TOKEN = re.compile(r"[^\s,;]+|[,;]")
_BRACKETED = re.compile(r"\s*[(\[{].*$")
_TRAIL = re.compile(r"[\s.,;:\-–—/\"”'’*]+$")
_LEAD = re.compile(r"^[\s\"“'‘*\-–—•:,.]+")
LIST_ITEM = re.compile(r"^\s*(?:\(?\d{1,2}\s*[.)\-–:]|\(?[a-z][.)]|[-•*▪·◦–])\s*(?=\S)", re.I)
_ITEM_SEP = re.compile(
    r"\s*[;،]\s*|,\s+(?=(?:the\s+)?[A-Z])|\s+[-–—]\s+(?=[A-Z])|\s+\d{1,2}[.)]\s+|\s+/\s+"
)
_SEGMENT_SEP = re.compile(r",\s|(?<=\S)/\s|\s/\s")
_PREFIXED = re.compile(r"^(?:al|el|ul|ad|adh|ar|as|ash|at|ath|az|an|ud|ibn|bin)[-‑'’]", re.I)


def _is_name_token(tok: str, lex: Lexicon) -> bool:
    head = tok.lstrip("\"“'‘(")
    if not head:
        return False
    return (
        head[0].isupper()
        or head[0].isdigit()
        or bool(_PREFIXED.match(head))
        or (
            head.lower().rstrip(".") in lex.particles
            and head.lower() not in ("of", "the", "and", "for")
        )
    )


def _strip(line: Line) -> Line:
    """Cut blessings in brackets, purpose remarks and edge punctuation."""
    text = line.text
    m = _BRACKETED.search(text)
    cut = m.start() if m and m.start() > 0 else len(text)
    cut = _trimmed_end(text, cut)
    lex = lexicon()
    for pattern in (lex.blessing, lex.purpose):
        p = pattern.search(text[:cut])
        if p and p.start() > 0:
            cut = _trimmed_end(text, p.start())
    lead = _LEAD.match(text)
    start = lead.end() if lead else 0
    return line.sub(start, max(start, cut))


def _trimmed_end(text: str, cut: int) -> int:
    m = _TRAIL.search(text[:cut])
    return m.start() if m else cut


def party(line: Line, *, salutation: bool = True, titles: bool = True) -> Span | None:
    """The name (else the title) a line gives for one party, as a span of the text.

    `titles=False` keeps a leading title, as a signature line gives it ("Shaykh Abu Ayyub").
    """
    lex = lexicon()
    line = _strip(line)
    if not line.text or lex.no_addressee.match(line.text):
        return None
    if ":" in line.text:
        after = line.sub(line.text.rindex(":") + 1)
        if after.text:
            line = after
    if salutation:
        m = lex.salutation.match(line.text)
        if m and m.end() >= len(line.text):
            return None  # "Dear brothers," names no one
        line = _unsalute(line, lex)
    line = _named_segment(line, lex)
    ranked, rank = line, lex.address_rank.match(line.text) if titles else None
    if rank:
        line = line.sub(rank.end())
    line = _after_titles(line, lex) if titles else _after_courtesy(line, lex)
    line = _name_part(line, lex)
    line = _strip(line) if line.text else line
    if not line.text or not any(c.isalpha() for c in line.text):
        return None
    if rank and line.start == ranked.start + rank.end():
        line = ranked.sub(0, line.end - ranked.start)  # the rank stays with the name it precedes
    return Span(line.text, line.start, line.end)


def _unsalute(line: Line, lex: Lexicon) -> Line:
    m = lex.salutation.match(line.text)
    return line.sub(m.end()) if m and m.end() < len(line.text) else line


def _named_segment(line: Line, lex: Lexicon) -> Line:
    """ "director of the school, Umm Khalid" -> "Umm Khalid": a title, then the name."""
    if not _starts_with_title(line.text, lex):
        return line
    # "official of the Mill in Ariha/ the dear brother/ Abu Hudhayfa": a slash parts them too.
    for m in _SEGMENT_SEP.finditer(line.text):
        seg = _unsalute(line.sub(m.end()), lex)
        first = seg.text.split(" ", 1)[0]
        if seg.text and _is_name_token(first, lex) and not lex.title_word.match(first.lower()):
            return seg
    return line


def _starts_with_title(text: str, lex: Lexicon) -> bool:
    words = text.lower().split(" ", 2)
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    return bool(words) and lex.title_word.match(words[0].strip(",")) is not None


def _after_titles(line: Line, lex: Lexicon) -> Line:
    """Drop leading titles when a name follows them ("sheikh Abu Hafs" -> "Abu Hafs")."""
    m = lex.leading_title.match(line.text)
    if not m or m.end() >= len(line.text):
        return line
    rest = line.sub(m.end())
    first = rest.text.split(" ", 1)[0]
    if first.lower() in ("of", "for", "in", "at") or not _is_name_token(first, lex):
        return line
    return rest


def _after_courtesy(line: Line, lex: Lexicon) -> Line:
    """A signature keeps "Shaykh" and "Dr." but not "Mawlawi" or "Haji" before a name."""
    m = lex.courtesy.match(line.text)
    if not m or m.end() >= len(line.text):
        return line
    rest = line.sub(m.end())
    return rest if _is_name_token(rest.text.split(" ", 1)[0], lex) else line


def _name_part(line: Line, lex: Lexicon) -> Line:
    """The name up to the title after it ("al-Muthanna al-Jazrawi deputy wali ...")."""
    tokens = list(_TOKEN.finditer(line.text))
    if not tokens or not _is_name_token(tokens[0].group(), lex):
        return line
    end = tokens[0].end()
    for i, tok in enumerate(tokens[1:], 1):
        word = tok.group()
        low = word.lower().strip("\"“”'‘’.")
        nxt = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
        if _inside_name(word, _next_word(tokens, i), lex):
            end = tok.end()
            continue
        if lex.title_word.match(low) and _unit_title(tokens, i, lex):
            end = tok.end()  # "Sector Amir" is a title, not a name before one
            continue
        if word in (",", ";") or lex.title_word.match(low) or low in lex.honorifics_set:
            break
        if low == "the" and (lex.title_word.match(nxt) or nxt in lex.honorifics_set):
            break
        end = tok.end()
    return line.sub(0, end)


def _unit_title(tokens: list[re.Match[str]], i: int, lex: Lexicon) -> bool:
    return i == len(tokens) - 1 and all(lex.unit.fullmatch(t.group()) for t in tokens[:i])


def _next_word(tokens: list[re.Match[str]], i: int) -> str:
    return tokens[i + 1].group() if i + 1 < len(tokens) else ""


def _inside_name(word: str, following: str, lex: Lexicon) -> bool:
    """ "Mustafa Hajj Omar": a capitalised title between two names is part of the name."""
    return (
        word[:1].isupper()
        and word.lower() in lex.in_name
        and following[:1].isupper()
        and not lex.title_word.match(following.lower())
        and not lex.unit.fullmatch(following)
    )


def split_items(line: Line) -> list[Line]:
    """The recipients one line lists: "A, B; C", "A / B" or "1. A 2. B" give three, two, two.

    A slash between spaces parts recipients; one inside a code ("F/S/12") does not.
    """
    text = line.text
    m = LIST_ITEM.match(text)
    if m:
        return [line.sub(m.end())]
    parts = _ITEM_SEP.split(text)
    if len(parts) == 1:
        return [line]
    out, pos = [], 0
    for part in parts:
        idx = text.find(part, pos)
        if idx < 0 or not part:
            continue
        out.append(line.sub(idx, idx + len(part)))
        pos = idx + len(part)
    return out
