"""Lines a translator rewrote, read as the lines of the original they stand for.

Two shapes: an Arabic line followed by its translation in brackets ("مكتب التعليم" then
"[Education Office]"), and a letterhead described in a bracketed paragraph ("[The letterhead
reads: X, Y. Reference 12, dated ...]"). The header components then read them as they read
any header. The lines returned are pieces of the given lines: offsets stay those of the text.
"""

from __future__ import annotations

import re

from sijill.parse import closing, letterhead
from sijill.parse.lexicon import lexicon
from sijill.parse.lines import Line

_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z]")
_MIN_ARABIC = 3
_WHOLE_BRACKET = re.compile(r"^[\[(](?P<inner>[^\[\]()]+)[\])]$")
_TRAILING_BRACKET = re.compile(r"\s[\[(](?P<inner>[^\[\]()]+)[\])]$")
# A sentence of a description ends at "." before a capital, unless it ends an abbreviation
# ("Ref. No. 12"): the word before must be longer than an abbreviation is. (Not at ";",
# which may part the levels themselves.)
_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z\"“(])")
_ABBREVIATION = 3
_CLOSE = re.compile(r"[\s.;]*[\])]$")


def english_for_arabic(lines: list[Line]) -> list[Line]:
    """Each Arabic line with a translation in brackets (below it, or at its end) is replaced
    by the translation, without the brackets."""
    out: list[Line] = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        prev = lines[i - 1] if i else None
        if nxt is not None and nxt.block == line.block and _is_arabic(line.text) and _gloss(nxt):
            continue  # the line below says it in English
        if prev is not None and prev.block == line.block and _is_arabic(prev.text):
            gloss = _gloss(line)
            if gloss is not None:
                out.append(gloss)
                continue
        if prev is not None and prev.block == line.block and _glosses_letterhead(prev, line):
            continue  # "Ururka ..." over "[... Association]": the level is named as written
        out.append(_trailing_gloss(line) or line)
    return out


def _glosses_letterhead(prev: Line, line: Line) -> bool:
    return not _is_arabic(prev.text) and letterhead.is_letterhead(prev) and _gloss(line) is not None


def _is_arabic(text: str) -> bool:
    arabic = len(_ARABIC.findall(text))
    return arabic >= _MIN_ARABIC and arabic > len(_LATIN.findall(text))


def _gloss(line: Line) -> Line | None:
    """The translation a whole-line bracket gives; None for "[stamp]", "[signature]" and the
    like, which describe the page rather than translate it."""
    m = _WHOLE_BRACKET.match(line.text)
    if not m or not _translates(m.group("inner")) or _describes(line.text):
        return None
    return line.sub(m.start("inner"), m.end("inner"))


def _trailing_gloss(line: Line) -> Line | None:
    m = _TRAILING_BRACKET.search(line.text)
    if not m or not _is_arabic(line.text[: m.start()]) or not _translates(m.group("inner")):
        return None
    if _describes(line.text[m.start() :].strip()):
        return None
    return line.sub(m.start("inner"), m.end("inner"))


def _translates(inner: str) -> bool:
    text = inner.strip()
    return bool(text) and (text[0].isupper() or text[0].isdigit()) and not _is_arabic(text)


def _describes(bracketed: str) -> bool:
    return bool(
        closing.is_page_description(bracketed) or lexicon().letterhead_note.match(bracketed)
    )


def description_sentences(lines: list[Line]) -> list[Line]:
    """A bracketed letterhead description of several sentences becomes one line a sentence."""
    out: list[Line] = []
    for line in lines:
        out.extend(_sentences(line) if _is_description(line) else [line])
    return out


def _is_description(line: Line) -> bool:
    text = line.text
    return text[-1:] in "])" and lexicon().letterhead_note.match(text) is not None


def _sentences(line: Line) -> list[Line]:
    """The first piece keeps the "[Letterhead:" opening, so that it still reads as a
    description; the closing bracket and each sentence's full stop are left out."""
    text = line.text
    end = _CLOSE.search(text)
    stop = end.start() if end else len(text)
    pieces: list[Line] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text, 0, stop):
        word = text[:m.start()].rsplit(" ", 1)[-1]
        if len(word.strip("[(")) <= _ABBREVIATION:
            continue
        pieces.append(line.sub(pos, m.start()))
        pos = m.end()
    if not pieces:
        return [line]
    pieces.append(line.sub(pos, stop))
    return [p for p in pieces if p.text]
