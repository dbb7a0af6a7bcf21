"""The foot of a document: closing formulae, signature block (sender), cc list, stamps."""

from __future__ import annotations

import re

from sijill.model import Span
from sijill.parse.letterhead import is_letterhead, levels
from sijill.parse.lexicon import Lexicon, lexicon
from sijill.parse.lines import Line
from sijill.parse.parties import LIST_ITEM, party, split_items

_BRACKET_LINE = re.compile(r"^[\[(].*[\])]$")
_STAMP = re.compile(
    r"^[\[(]\s*(?:round\s+|oval\s+|official\s+)?(?:stamp|seal)\s*(?:of|:)?\s*(?:the\s+)?", re.I
)
_SIGNATURE_NOTE = re.compile(r"^[\[(]\s*(?:signature|signed|illegible|initials|handwritten)", re.I)
# "The collector: Abu Ayman" - a role, a colon, then the name.
_ROLE_COLON = re.compile(r"^(?:the\s+)?[\w'’ -]{2,40}?:\s*", re.I)
# "Amir of the Office - Abu Yahya": a role, a separator, then the name.
_ROLE_SEP = re.compile(r"\s[-–—/|]\s|,\s|(?<=\w)/\s")
_TRAILING_BRACKET = re.compile(r"\s*[\[(][^\[\]()]*[\])]\s*$")
_HAS_DIGIT = re.compile(r"\d")
_LEADING_BRACKETS = re.compile(r"^(?:\s*[\[(][^\[\]()]*[\])])+\s*")
_BARE_KUNYA = re.compile(r"(?:abu|umm|um)\s+[A-Z][\w'’-]+", re.I)
_NAME_START = re.compile(
    r"^(?:abu|umm|um|abd|abdul|abdel|al-|ibn|bin|dr\.?|sheikh|shaykh|mullah|mawlawi|hajji?)\b", re.I
)


def is_closing_line(line: Line, lex: Lexicon) -> bool:
    """A line of the closing block: formula, sign-off, signature, stamp, short name or office."""
    text = line.text
    if lex.closing.match(text) or lex.signoff.match(text) or lex.signed.match(text):
        return True
    if _BRACKET_LINE.match(text) and line.words <= 20:
        return True
    if lex.date.match(text) or lex.cc.match(text):
        return True
    # Tokens, not spaces: a footer laid out in columns ("1439 H      2018 G") is short.
    words = len(text.split())
    if lex.date_closing.match(text) and words <= 12:
        return True
    if words <= 9:
        return not (text.endswith((".", "?", "!")) and words >= 4)
    return words <= 12 and not text.endswith((".", "?", "!", ";", ","))


def cc_items(lines: list[Line], i: int) -> tuple[list[Span], int]:
    """The recipients a cc label line at `i` gives, with the list lines under it; and lines used."""
    lex = lexicon()
    m = lex.cc.match(lines[i].text)
    if not m:
        return [], 0
    first = lines[i].sub(m.start("value"))
    raw = split_items(first) if first.text else []
    n = 1
    while i + n < len(lines) and _list_like(lines[i + n], lines[i], lex, bool(raw) or n > 1):
        raw.extend(split_items(lines[i + n]))
        n += 1
    return [p for p in (party(x) for x in raw) if p], n


def _list_like(line: Line, label: Line, lex: Lexicon, started: bool) -> bool:
    if line.words > 12 or lex.editor_note.match(line.text) or lex.translator_note.match(line.text):
        return False
    if lex.cc.match(line.text):
        return False
    if LIST_ITEM.match(line.text):
        return line.block == label.block or not started or line.block <= label.block + 1
    return line.block == label.block and not line.text.endswith(".")


def distribution_list(block: list[Line]) -> list[Span]:
    """An unlabelled numbered list at the foot is a cc list."""
    if not block or not all(LIST_ITEM.match(x.text) and x.words <= 10 for x in block):
        return []
    return [p for p in (party(split_items(x)[0]) for x in block) if p]


def plain_list(block: list[Line]) -> list[Span]:
    """An unmarked list of recipients, one short line each ("Services Committee")."""
    return [p for p in (party(x) for x in block) if p]


def is_plain_list(block: list[Line], before: list[Line], top: list[str], lex: Lexicon) -> bool:
    """Three or more short lines naming parties after a signed block: a distribution list.

    Two lines after a formula are more likely the organisation's levels closing the letter,
    and so are lines that repeat the letterhead (`top`) or stand for a missing one.
    """
    if len(block) < 3 or not top or not any(_signed(x, lex) for x in before):
        return False
    if any(x.text in t or t in x.text for x in block for t in top):
        return False
    return all(
        x.words <= 6
        and not _HAS_DIGIT.search(x.text)
        and not x.text.endswith((".", ":", ",", "?", "!"))
        and not _BRACKET_LINE.match(x.text)
        and not lex.closing.match(x.text)
        and not is_signature_line(x, lex)
        for x in block
    )


def _signed(line: Line, lex: Lexicon) -> bool:
    text = line.text
    return bool(
        lex.signed.match(text)
        or _SIGNATURE_NOTE.search(text)
        or re.search(r"[\[(]\s*(?:signature|signed|stamp|seal)\b", text, re.I)
        or is_signature_line(line, lex)
    )


def sender(block: list[Line], lex: Lexicon, top_levels: set[str]) -> Span | None:
    """The signature line: a name, else a title; None when only organisation levels close it."""
    names: list[Span] = []
    titles: list[Span] = []
    orgs: list[Line] = []
    pending_signoff = False
    for line in block:
        if lex.approval.match(line.text):
            return None  # a second party signs
        kind, span = _signature_part(line, lex, top_levels, pending_signoff)
        pending_signoff = kind == "signoff"
        if kind == "name" and span:
            names.append(span)
        elif kind == "title" and span:
            titles.append(span)
        elif kind == "org":
            orgs.append(line)
    if len(names) == 1:
        return names[0]
    if not names and len(titles) == 1:
        return titles[0]
    return None if names or titles else _signing_office(orgs, top_levels)


def _signing_office(orgs: list[Line], top: set[str]) -> Span | None:
    """ "The Media Office" over the organisation's name, which the letterhead gives: the
    office signs. Levels alone (as in a closing stamp block) name no sender."""
    own = [
        x
        for x in orgs
        if x.text.strip("*_ ") not in top and not {s.text for s in levels(x)} <= top
    ]
    if len(own) != 1 or len(orgs) < 2 or own[0] is not orgs[0]:
        return None
    line = own[0]
    head = re.match(r"^the\s+", line.text, re.I)
    office = line.sub(head.end()) if head else line
    return Span(office.text, office.start, office.end)


def is_signature_line(line: Line, lex: Lexicon) -> bool:
    """A name or a title standing alone, as a signature gives it."""
    kind, span = _signature_part(line, lex, set(), False)
    return span is not None and kind in ("name", "title")


def _signature_part(
    line: Line, lex: Lexicon, top: set[str], after_signoff: bool
) -> tuple[str, Span | None]:
    text = line.text
    for pattern in (lex.signed, lex.sender_label):
        m = pattern.match(text)
        if m:
            value = _after_descriptions(line.sub(m.start("value")))
            return ("name", party(value, titles=False)) if value.text else ("signoff", None)
    m = lex.signoff.match(text)
    if m:
        rest = line.sub(m.end())
        return ("name", party(rest)) if any(c.isalpha() for c in rest.text) else ("signoff", None)
    if (
        _BRACKET_LINE.match(text)
        or lex.closing.match(text)
        or lex.date.match(text)
        or _HAS_DIGIT.search(text)
    ):
        return "other", None
    if is_letterhead(line) and not _name_then_role(line, lex) or text in top:
        return "org", None
    return _name_or_title(line, lex, after_signoff)


def _after_descriptions(value: Line) -> Line:
    """ "Signed: [signature] Abu Rami" names Abu Rami; "Signed: [illegible]" names no one."""
    m = _LEADING_BRACKETS.match(value.text)
    return value.sub(m.end()) if m else value


def _name_or_title(line: Line, lex: Lexicon, after_signoff: bool) -> tuple[str, Span | None]:
    # "Abu Rami [signature]": the bracket describes the name, it is not part of it; but a
    # bare kunya, "Abu Usman (Dokku Umarov)", is named by its bracket: the sender is both.
    # (A full name with a bracket, "Abu Mus'ab al-Tayyibi (Khalid al-Tayyib)", is the name
    # and a stated alias.)
    cut = _TRAILING_BRACKET.search(line.text)
    if cut and cut.start() > 0:
        kunya = line.sub(0, cut.start())
        if _is_real_name(cut.group(), lex) and _BARE_KUNYA.fullmatch(kunya.text):
            full = line.sub(0, len(line.text.rstrip(" ,")))
            return "name", Span(full.text, full.start, full.end)
        line = kunya
    text = line.text.strip("*_ ")
    if line.words > 12 or text.endswith((".", "?", "!", ":")) or not text:
        return "other", None
    for part in _role_parts(line):
        if _is_name(part, lex, False):
            return "name", party(part, salutation=False, titles=False)
    if line.words > 8:
        return "other", None
    if _is_name(line, lex, after_signoff):
        return "name", party(line, salutation=False, titles=False)
    if _is_title(text, lex):
        head = re.match(r"^the\s+", line.text, re.I)
        span = line.sub(head.end()) if head else line
        span = line.sub(span.start - line.start, len(line.text.rstrip(" ,")))
        return "title", Span(span.text, span.start, span.end)
    return "other", None


def _is_real_name(bracket: str, lex: Lexicon) -> bool:
    """ "(Dokku Umarov)": two to four capitalised words, not a description of the page."""
    inner = bracket.strip(" ()[]")
    words = inner.split()
    return (
        2 <= len(words) <= 4
        and not _NAME_START.match(inner)
        and not _SIGNATURE_NOTE.match(bracket.strip())
        and not _STAMP.match(bracket.strip())
        and not any(c.isdigit() for c in inner)
        and all(w[0].isupper() or w.lower().split("-")[0] in lex.particles for w in words)
        and not any(lex.unit.fullmatch(w) for w in words)
    )


def _name_then_role(line: Line, lex: Lexicon) -> bool:
    """ "Abu Suhayb, head of the Media Office" and "For the Rawa Office: Abu Suhayb" sign
    with a name, though they name a unit."""
    role = _ROLE_COLON.match(line.text)
    if role and _is_name(line.sub(role.end()), lex, False):
        return True
    parts = _role_parts(line)
    if parts and _is_title(line.text, lex) and _is_name(parts[0], lex, False):
        return True  # "The official of the Office of Bakeries/ Abu Wadi' al-Nayrabi"
    m = re.search(r",\s", line.text)
    return bool(
        m and _is_title(line.text[m.end() :], lex) and _is_name(line.sub(0, m.start()), lex, False)
    )


def _role_parts(line: Line) -> list[Line]:
    """ "The collector: Abu Ayman", "Amir of X - Abu Yahya", "Abu Yahya, amir of X": the
    parts a role and a name are joined by, the name most likely last."""
    role = _ROLE_COLON.match(line.text)
    if role:
        return [line.sub(role.end())]
    seps = list(_ROLE_SEP.finditer(line.text))
    if not seps:
        return []
    return [line.sub(seps[-1].end()), line.sub(0, seps[0].start())]


def _is_title(text: str, lex: Lexicon) -> bool:
    words = text.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return bool(words) and lex.title_word.match(words[0].strip(",")) is not None


def _is_name(line: Line, lex: Lexicon, after_signoff: bool) -> bool:
    """A name, perhaps after titles: "Abu Anas al-Jisri", "Engineer Habibullah Nuri"."""
    words = line.text.replace(",", " ").split()
    if not words or len(words) > 7:
        return False
    capital = all(w[0].isupper() or w.lower().split("-")[0] in lex.particles for w in words)
    if not capital or any(lex.unit.fullmatch(w) for w in words):
        return False
    lead = 0
    while lead < len(words) and lex.title_word.match(words[lead].lower().rstrip(".")):
        lead += 1
    rest = words[lead:]
    if not rest or not rest[0][0].isupper() or any(w.lower() in ("of", "for", "the") for w in rest):
        return False
    if lead and len(rest) < 2 and not _NAME_START.match(" ".join(rest)):
        return False
    return len(rest) >= 2 or after_signoff or bool(_NAME_START.match(line.text))


def is_page_description(text: str) -> bool:
    """ "[stamp]", "[Signature]", "(illegible)": what the page shows, not what it says."""
    return bool(_STAMP.match(text) or _SIGNATURE_NOTE.match(text))


def stamp_levels(line: Line, pattern: re.Pattern[str] = _STAMP) -> list[Span]:
    """Issuer levels from a stamp description: "[Stamp of the Islamic State - Wilayat Halab]"."""
    m = pattern.match(line.text)
    if not m or _SIGNATURE_NOTE.match(line.text):
        return []
    inner = line.sub(m.end(), len(line.text.rstrip(")] ")))
    inner_line = Line(inner.text, inner.start, inner.end, line.block)
    if not inner.text or not lexicon().unit.search(inner.text):
        return []
    return levels(inner_line)


def bracketed_letterhead(line: Line) -> list[Span]:
    """Levels from a translator's description: "[Letterhead: Islamic State - Wilayat Halab]".

    "[Translator: the header is torn; only Office of Zakat ...]" describes no levels: each
    level must start as a name does.
    """
    found = stamp_levels(line, lexicon().letterhead_note)
    return found if all(_starts_as_name(s.text) for s in found) else []


def _starts_as_name(text: str) -> bool:
    return text[:1].isupper() or text.lower().startswith(("al-", "el-"))
