"""Where a document's zones lie: title, introduction, header, body, closing, cc, notes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sijill.parse import closing, header, labelled, letterhead, notes
from sijill.parse.dates import find_dates
from sijill.parse.lexicon import Lexicon, lexicon
from sijill.parse.lines import Line

_MAX_HEADER_LINES = 40
_MAX_INTRO_BLOCKS = 3
_BODY_WORDS = 12  # a paragraph of running text, not a signature block
_DATED_HEADING_WORDS = 40
_MAX_ANNOUNCE_BLOCKS = 8  # a news lead or a blog's introduction is a few paragraphs
_ANNOUNCE_WORDS = 30  # the announcing sentence, at the end of its paragraph


@dataclass
class Layout:
    lines: list[Line]
    title: int | None = None
    intro: list[list[Line]] = field(default_factory=list)
    head: int = 0  # first line of the document proper
    body: int = 0  # first line of the body
    closing: int = 0  # first line of the closing block
    notes: int = 0  # first line of the trailing notes
    cc: tuple[int, int] | None = None  # lines of the cc list
    distribution: int | None = None  # first line of an unlabelled distribution list

    def zone(self, start: int, end: int) -> list[Line]:
        return self.lines[start:end]


def blocks_from(lines: list[Line], i: int) -> list[list[Line]]:
    out: list[list[Line]] = []
    for line in lines[i:]:
        if out and out[-1][-1].block == line.block:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def layout(lines: list[Line], heading: bool) -> Layout:
    lex = lexicon()
    lay = Layout(lines, notes=len(lines), closing=len(lines))
    if lines and (heading or header.is_heading(lines, 0, lex)):
        lay.title = 0
        lay.head = 1
    _find_intro(lay, lex)
    lay.body = _header_end(lay, lex)
    lay.notes = _notes_start(lay, lex)
    _find_cc(lay, lex)
    lay.closing = _closing_start(lay, lex)
    return lay


def _find_intro(lay: Layout, lex: Lexicon) -> None:
    """Editor's prose before the document's own header is its introduction.

    It must talk about the document, or be followed by a letterhead or basmala, so that a
    letter without a header does not lose its first paragraph.
    """
    if _announced(lay, lex):
        return
    intro: list[list[Line]] = []
    for block in blocks_from(lay.lines, lay.head)[: _MAX_INTRO_BLOCKS + 1]:
        if header.is_prose(block, lex) and not _labelled(block, lex) or lex.intro_label.match(
            block[0].text
        ):
            intro.append(block)
            continue
        if intro and len(block) == 1 and _between(block[0], lex):
            continue  # "Translation" or "(logo)" between the introduction and the document
        first = block[0]
        strong = letterhead.is_letterhead(first) or lex.basmala.match(first.text) is not None
        signal = header.is_document_signal(first, lex)
        cued = strong or signal and header.has_intro_cue(intro, lex)
        if intro and cued and _body_after(lay.lines, first):
            lay.intro = intro
            lay.head = lay.lines.index(first)
        return


def _announced(lay: Layout, lex: Lexicon) -> bool:
    """ "Below is a translation of the whole text:", "The statement is:": a news report or a
    blog post announces the document it quotes; everything above the announcement is the
    editor's, the document starts under it (in the same paragraph when no blank line parts
    them)."""
    blocks = blocks_from(lay.lines, lay.head)
    for n, block in enumerate(blocks[:_MAX_ANNOUNCE_BLOCKS]):
        for j, line in enumerate(block):
            if header.is_document_signal(line, lex):
                return False
            if not _announces(line, lex) or n == 0 and j == 0 and line.words <= _BODY_WORDS:
                continue
            rest = block[j + 1 :] or (blocks[n + 1] if n + 1 < len(blocks) else [])
            if not rest:
                return False
            lay.intro = [*blocks[:n], block[: j + 1]]
            lay.head = lay.lines.index(rest[0])
            return True
    return False


def _announces(line: Line, lex: Lexicon) -> bool:
    sentence = re.split(r"[.!?]\s", line.text)[-1]
    return (
        line.text.endswith(":")
        and len(sentence.split()) <= _ANNOUNCE_WORDS
        and lex.announce_cue.search(sentence) is not None
    )


def _labelled(block: list[Line], lex: Lexicon) -> bool:
    """A paragraph holding a field ("Incoming no.: 1043") under a marginal note is the
    document's own, not an editor's introduction."""
    return any(labelled.any_label(line.text, lex) for line in block[1:])


def _between(line: Line, lex: Lexicon) -> bool:
    """A motto or a short description of the page ("(logo)") is neither intro nor header."""
    short_bracket = closing._BRACKET_LINE.match(line.text) is not None and line.words <= 3
    # "Specimen B: Lahij Province Statement": the editor's heading over the specimen
    marker = lex.marker.match(line.text) is not None and line.words <= 10
    return lex.motto.match(line.text) is not None or short_bracket or marker


def _body_after(lines: list[Line], first: Line) -> bool:
    """A header follows an introduction with a body under it; a statement's closing block
    ("Media Office of X") after its only paragraph does not make that paragraph an intro."""
    return any(
        sum(x.words for x in b) >= _BODY_WORDS for b in blocks_from(lines, lines.index(first) + 1)
    )


def _header_end(lay: Layout, lex: Lexicon) -> int:
    lines, i = lay.lines, lay.head
    limit = min(len(lines), lay.head + _MAX_HEADER_LINES)
    while i < limit:
        line = lines[i]
        short = line.words <= 14 and not line.text.endswith((".", ":"))
        if not (header.is_signal(line, lex) or short or _dated_heading(line, lex)):
            break
        i += 1
    return i


def _dated_heading(line: Line, lex: Lexicon) -> bool:
    """ "Minutes of the meeting held on 20 Jumada al-Akhira 1439, ...": a heading naming the
    document's kind dates it to the day, however long; it belongs to the header. A month
    ("Receipt of the salaries for Safar 1440") is the period it covers, not its date."""
    return (
        line.words <= _DATED_HEADING_WORDS
        and not line.text.endswith(".")  # "Your letter of 12 March reached us." is body
        and lex.doc_type.match(line.text) is not None
        and lex.report_of.match(line.text) is not None
        and any(d.day is not None for d in find_dates(line.text))
    )


def _notes_start(lay: Layout, lex: Lexicon) -> int:
    lines = lay.lines
    # The first labelled paragraph after which nothing belongs to the letter any more.
    foot = next(
        (k for k in range(len(lines) - 1, lay.body - 1, -1) if _letter_foot(lines[k], lex)), None
    )
    last_letter = lay.body if foot is None else foot
    for k in range(max(lay.body, 1), len(lines)):
        kind = notes.note_kind(lines[k], lex)
        if not kind or k < last_letter or (k > 0 and lines[k - 1].block == lines[k].block):
            continue
        paragraph = " ".join(_paragraph_from(lines, k))
        if notes.is_editorial(paragraph, lex):
            return k
    return len(lines) if foot is None else _commentary_after(lay, foot, lex)


def _commentary_after(lay: Layout, foot: int, lex: Lexicon) -> int:
    """Unlabelled prose after the signature that talks about the document is the editor's."""
    for block in blocks_from(lay.lines, foot + 1):
        if block[0].block == lay.lines[foot].block:
            continue
        if _own_note(block, lex):
            continue
        if header.is_prose(block, lex) and notes.is_editorial_prose(block, lex):
            return lay.lines.index(block[0])
    return len(lay.lines)


def _own_note(block: list[Line], lex: Lexicon) -> bool:
    """A "Note:" paragraph the document writes itself (where its copies go)."""
    text = " ".join(line.text for line in block)
    return notes.note_kind(block[0], lex) is not None and not notes.is_editorial(text, lex)


def _paragraph_from(lines: list[Line], k: int) -> list[str]:
    out = []
    for line in lines[k:]:
        if line.block != lines[k].block:
            break
        out.append(line.text)
    return out


def _letter_foot(line: Line, lex: Lexicon) -> bool:
    """A line of the letter's own foot: closing formula, cc, signature, stamp."""
    text = line.text
    if line.words <= 8 and closing.is_signature_line(line, lex):
        return True
    return (
        bool(
            lex.closing.match(text)
            or lex.cc.match(text)
            or lex.signed.match(text)
            or closing._BRACKET_LINE.match(text)
            and closing._STAMP.match(text)
        )
        and line.words <= 25
    )


def _find_cc(lay: Layout, lex: Lexicon) -> None:
    lines = lay.lines
    for k in range(lay.notes - 1, lay.body - 1, -1):
        if lex.cc.match(lines[k].text) and lines[k].words <= 20:
            first = k
            while first - 1 >= lay.body and lex.cc.match(lines[first - 1].text):
                first -= 1
            _, n = closing.cc_items(lines, k)
            lay.cc = (first, min(k + n, lay.notes))
            return
    foot = [x for x in lines[lay.body : lay.notes]]
    blocks = blocks_from(foot, 0)
    if len(blocks) < 2 or not all(closing.is_closing_line(x, lex) for x in blocks[-2]):
        return
    last, before = blocks[-1], blocks[-2]
    top = [x.text for x in lines[lay.head : lay.body] if letterhead.is_letterhead(x)]
    if closing.distribution_list(last) or closing.is_plain_list(last, before, top, lex):
        lay.distribution = lines.index(last[0])


def _closing_start(lay: Layout, lex: Lexicon) -> int:
    lines = lay.lines
    end = lay.notes
    if lay.distribution is not None:
        end = lay.distribution
    k = end - 1
    own_notes = _own_note_blocks(lay, lex, end)
    while k >= lay.body:
        in_cc = lay.cc is not None and lay.cc[0] <= k < lay.cc[1]
        if not (in_cc or lines[k].block in own_notes or closing.is_closing_line(lines[k], lex)):
            break
        k -= 1
    return k + 1


def _own_note_blocks(lay: Layout, lex: Lexicon, end: int) -> set[int]:
    """Paragraphs at the foot that open with "Note:" but are the document's own."""
    return {
        line.block
        for line in lay.lines[lay.body : end]
        if notes.note_kind(line, lex) and line.words <= 60
    }
