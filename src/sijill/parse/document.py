"""One document's parts, found zone by zone (see `layout`), every value a span of its text."""

from __future__ import annotations

import re

from sijill.model import DateValue, Document, Flag, Range, Source, Span
from sijill.parse import closing, described, docdates, header, learned, notes, oneline, web
from sijill.parse.labelled import any_label, is_date_shaped_code, ranked_reference, subject
from sijill.parse.layout import Layout, layout
from sijill.parse.letterhead import is_letterhead, is_level_continuation, levels
from sijill.parse.lexicon import Lexicon, lexicon
from sijill.parse.lines import Line, cells, split_lines, without
from sijill.parse.parties import party


def prepared(text: str, heading: bool) -> tuple[list[Line], Layout]:
    """The document's lines (web furniture and position tags gone) and the rules' layout."""
    lex = lexicon()
    lines = web.without_furniture(without(split_lines(text), lex.separator), lex)
    lines = [_unremarked(_untagged(line, lex), lex) for line in lines]
    lines = described.english_for_arabic(lines)
    lines = described.description_sentences(lines)
    lines = oneline.header_pieces(lines)
    return lines, layout(lines, heading)


def parse_document(text: str, source: Source, title: str | None, heading: bool) -> Document:
    lex = lexicon()
    lines, lay = prepared(text, heading)
    doc = Document(source=source, text=text)
    doc.title = _title(lay, title)
    doc.issuer = _issuer(lay, lex)
    doc.reference_number = _reference(lay)
    doc.subject = _subject(lay, text)
    doc.addressees = _addressees(lay)
    doc.cc = _cc(lay)
    doc.sender = _sender(lay, lex, {s.text for s in doc.issuer})
    doc.notes = _notes(text, lay)
    _learned(doc, lines, lay)
    _dates(doc, lay, title)
    if lay.body < lay.closing:
        doc.body = Range(lines[lay.body].start, lines[lay.closing - 1].end)
    return doc


def _learned(doc: Document, lines: list[Line], lay: Layout) -> None:
    """Where the rules found nothing, the line labeller's reading, for the fields its model
    is set to fill (none in the shipped model: docs/learned-parser.md)."""
    fields = learned.hybrid_fields(learned.model_path())
    wanted = [f for f in fields if learned.REPLACE or not getattr(doc, f)]
    if not learned.REPLACE and wanted == ["sender"] and (
        lay.closing >= lay.notes or _signatures(lay)
    ):
        return  # no foot to sign, or the rules decided: the labeller would not change it
    if not wanted:
        return
    labels = learned.label(lines, lay)
    if "sender" in wanted and (learned.REPLACE or lay.closing < lay.notes and not _signatures(lay)):
        doc.sender = learned.sender(lines, labels)
    if "addressees" in wanted:
        doc.addressees = learned.addressees(lines, labels)


def _signatures(lay: Layout) -> bool:
    """Whether the foot holds a line the rules read as a name or a title: then "no sender"
    was the rules' decision (several signatories, an approval), not a gap to fill."""
    lex = lexicon()
    return any(closing.is_signature_line(x, lex) for x in lay.zone(lay.closing, lay.notes))


def _untagged(line: Line, lex: Lexicon) -> Line:
    """ "[Top right:] Number: 12" reads as "Number: 12"."""
    m = lex.position_tag.match(line.text)
    return line.sub(m.end()) if m else line


def _unremarked(line: Line, lex: Lexicon) -> Line:
    """ "Kunduz Shura [Translator: "Shura" means council.]" reads as "Kunduz Shura"; the
    remark stays a note (notes are read from the text, not from the lines)."""
    for pattern in (lex.trailing_note, lex.page_marker):
        m = pattern.search(line.text)
        if m and m.start() > 0:
            line = line.sub(0, m.start())
    return line


def _title(lay: Layout, fallback: str | None) -> str | None:
    if lay.title is None:
        return fallback
    return " ".join(lay.lines[lay.title].text.strip("#*_ ").split()) or fallback


def _header_cells(lay: Layout) -> list[list[Line]]:
    return [cells(line) for line in lay.zone(lay.head, lay.body)]


def _issuer(lay: Layout, lex: Lexicon) -> list[Span]:
    found: list[Span] = []
    prev: Line | None = None
    for row in _header_cells(lay):
        described = [s for c in row for s in closing.bracketed_letterhead(c)]
        if described and not found:
            return described
        heads = [c for c in row if is_letterhead(c)]
        if not heads and found and prev is not None and _continues(prev, row[0], lex):
            heads = [row[0]]
        if heads:
            for cell in heads:
                found.extend(levels(cell))
            prev = heads[-1]
        elif found and not all(lex.motto.match(c.text) or lex.basmala.match(c.text) for c in row):
            break
    return found or _closing_issuer(lay, lex) or _issued_by(lay, lex)


# Where the office's name ends in an "Issued by" line: at the date, a comma or its place.
_ISSUED_END = re.compile(r",|\s+(?:on|in|at|dated)\s", re.I)


def _issued_line(lay: Layout, lex: Lexicon) -> Line | None:
    """The last line before the closing block, when it says who issued the document."""
    if lay.closing == 0:
        return None
    line = lay.lines[lay.closing - 1]
    return line if lex.issued_by.match(line.text) else None


def _issued_by(lay: Layout, lex: Lexicon) -> list[Span]:
    line = _issued_line(lay, lex)
    if line is None:
        return []
    m = lex.issued_by.match(line.text)
    value = line.sub(m.start("value")) if m else line
    end = _ISSUED_END.search(value.text)
    office = value.sub(0, end.start()) if end else value
    return levels(office) if is_letterhead(office) else []


def _continues(prev: Line, cell: Line, lex: Lexicon) -> bool:
    """A place line right under a level, in the same paragraph, is a level of its own."""
    return cell.block == prev.block and is_level_continuation(cell, lex)


def _closing_issuer(lay: Layout, lex: Lexicon) -> list[Span]:
    found: list[Span] = []
    for line in lay.zone(lay.closing, lay.notes):
        if is_letterhead(line):
            found.extend(levels(line))
        elif found:
            break  # a stamp block is one run of lines; a media outlet's tag under the date is not
    if found:
        return found
    for line in lay.zone(lay.closing, lay.notes):
        signer = _signer_office(line, lex)
        if signer:
            return signer
    for line in lay.zone(lay.head, lay.notes):
        stamp = closing.stamp_levels(line)
        if stamp:
            return stamp
    return []


# "Spokesman of the Islamic Emirate's Political Office": a signer's title, "of", the issuer.
_TITLE_OF = re.compile(r"^(?:the\s+)?(?P<title>[\w-]+(?:\s+[\w-]+)?)\s+of\s+(?:the\s+)?(?=[A-Z])")
_POSSESSIVE = re.compile(r"['’]s\s+(?=[A-Z])")


def _signer_office(line: Line, lex: Lexicon) -> list[Span]:
    """The organisation a signature's title names ("Emir of the Caucasus Emirate,"), as its
    levels; "X's Political Office" is X, then the office."""
    m = _TITLE_OF.match(line.text)
    if not m or not lex.title_word.match(m.group("title").lower()) or line.words > 10:
        return []
    org = line.sub(m.end(), len(line.text.rstrip(" ,;")))
    if not org.text or not lex.unit.search(org.text) or re.search(r"[:\[\]()]", org.text):
        return []
    own = _POSSESSIVE.search(org.text)
    parts = [org.sub(0, own.start()), org.sub(own.end())] if own else [org]
    return [Span(p.text, p.start, p.end) for p in parts if p.text]


def _reference(lay: Layout) -> Span | None:
    best: tuple[int, int, Span | None] | None = None
    zones = [lay.zone(lay.head, lay.body), lay.zone(lay.closing, lay.notes)]
    for z, zone in enumerate(zones):
        for line in zone:
            for cell in cells(line):
                found = ranked_reference(cell, standalone=z == 0)
                if found and (best is None or (found[0], z) < best[:2]):
                    best = (found[0], z, found[1])
        if best is not None:
            break
    return best[2] if best else _date_shaped_reference(lay)


def _date_shaped_reference(lay: Layout) -> Span | None:
    """A lone "1443/8/17" is the reference when the header dates itself on a "Date:" line."""
    header_cells = [c for row in _header_cells(lay) for c in row]
    if not any(lexicon().date.match(c.text) for c in header_cells):
        return None
    code = next((c for c in header_cells if is_date_shaped_code(c.text)), None)
    return Span(code.text, code.start, code.end) if code else None


def _subject(lay: Layout, text: str) -> Span | None:
    lines = lay.lines
    for i in range(lay.head, lay.notes):
        for cell in cells(lines[i]):
            nxt = (
                lines[i + 1] if i + 1 < lay.notes and lines[i + 1].block == lines[i].block else None
            )
            found = subject(cell, nxt)
            if found:
                return _wrapped_subject(found, lines[i], nxt, text)
    return None


def _wrapped_subject(found: Span, line: Line, nxt: Line | None, text: str) -> Span:
    """A subject wrapped onto a second line that starts in lower case ("... for the" /
    "secondary stage in Baiji") runs on to that line."""
    if (
        nxt is None
        or found.end != line.end
        or not nxt.text[:1].islower()
        or line.text.endswith((".", ";", ":"))
        or any_label(nxt.text, lexicon())
    ):
        return found
    end = found.start + len(text[found.start : nxt.end].rstrip(" .;,"))
    return Span(text[found.start : end], found.start, end)


# A "To:" line may open the body, under a quotation or a long basmala the header ends at.
_BODY_ADDRESS_LINES = 3
_BRACKETED_LINE = re.compile(r"^\s*[\[(][^\[\]()]*[\])]\s*$")


def _addressees(lay: Layout) -> list[Span]:
    lines, out = lay.lines, []
    i = lay.head
    while i < lay.body:
        found, used = header.addressees(lines, i)
        out.extend(found)
        i += max(used, 1)
    if out:
        return out
    for k in _opening_lines(lay):
        found = header.addressees(lines, k)[0]
        if found:
            return found
    return out


def _opening_lines(lay: Layout) -> list[int]:
    """The body's first lines that may address someone. Page markers, formulae and bracketed
    notes before them do not count ("Page 1 / In the name of Allah / Thanks be to Allah / To")."""
    lex, out = lexicon(), []
    for k in range(lay.body, lay.closing):
        text = lay.lines[k].text
        furniture = (lex.page_marker, lex.basmala, lex.praise, lex.byline, _BRACKETED_LINE)
        if not any(p.match(text) for p in furniture):
            out.append(k)
        if len(out) == _BODY_ADDRESS_LINES:
            break
    return out


def _cc(lay: Layout) -> list[Span]:
    if lay.cc is not None:
        lex = lexicon()
        start, end = lay.cc
        return [
            item
            for k in range(start, end)
            if lex.cc.match(lay.lines[k].text)
            for item in closing.cc_items(lay.lines, k)[0]
        ]
    if lay.distribution is not None:
        end = lay.lines[lay.distribution].block
        block = [x for x in lay.zone(lay.distribution, lay.notes) if x.block == end]
        return closing.distribution_list(block) or closing.plain_list(block)
    return []


def _sender(lay: Layout, lex: Lexicon, top: set[str]) -> Span | None:
    foot = [
        line
        for k, line in enumerate(lay.lines[lay.closing : lay.notes], lay.closing)
        if not (lay.cc and lay.cc[0] <= k < lay.cc[1])
        and (lay.distribution is None or k < lay.distribution)
    ]
    found = closing.sender(foot, lex, top)
    if found:
        return found
    for line in lay.zone(lay.head, lay.body):
        m = lex.sender_label.match(line.text)
        if m:
            return party(line.sub(m.start("value")))
    return None


def _notes(text: str, lay: Layout) -> list[notes.Note]:
    out = [notes.paragraph_note(text, block, "editor") for block in lay.intro]
    end = lay.lines[lay.notes].start if lay.notes < len(lay.lines) else len(text)
    # A bracketed introduction is already a note of its own.
    taken = {(n.start, n.end) for n in out}
    out.extend(n for n in notes.bracket_notes(text, 0, end) if (n.start, n.end) not in taken)
    if lay.notes < len(lay.lines):
        out.extend(notes.trailing_notes(text, lay.lines, lay.notes))
    lex = lexicon()
    taken = {(n.start, n.end) for n in out}
    for line in lay.lines:
        if (line.start, line.end) in taken:
            continue
        if lex.translation_credit.search(line.text):
            out.append(notes.paragraph_note(text, [line], "translator"))
        elif lex.byline_lead.match(line.text):
            out.append(notes.paragraph_note(text, [line], "editor"))
    return sorted(out, key=lambda n: n.start)


def _dates(doc: Document, lay: Layout, page_title: str | None) -> None:
    # A greeting may mention a month ("our work for the month of Rajab"): not the date.
    lex = lexicon()
    ranges: list[tuple[int, int]] = []
    for line in lay.zone(lay.head, lay.body):
        if lex.is_formula(line.text):
            ranges.append((line.end, line.end))  # a gap: the next line opens a new range
        elif ranges and ranges[-1][1] > ranges[-1][0]:
            ranges[-1] = (ranges[-1][0], line.end)
        else:
            ranges.append((line.start, line.end))
    found = docdates.find_in(doc.text, ranges)
    if not found and lay.closing < lay.notes:
        # Dated at the foot only when the header gives no date: a second date under the
        # signature is a receipt or approval note on the letter, not another date of it.
        foot = (lay.lines[lay.closing].start, lay.lines[lay.notes - 1].end)
        found = docdates.find_in(doc.text, [foot])
    issued = _issued_line(lay, lex)
    if not found and issued is not None:
        found = docdates.find_in(doc.text, [(issued.start, issued.end)])
    if not found and lay.title is not None:
        line = lay.lines[lay.title]
        found = docdates.find_in(doc.text, [(line.start, line.end)])
    if not found and page_title and lay.intro:
        found = _dated_by_page_title(doc.text, lay, page_title)
    if not found:
        found = _dated_by_note(doc)
    if not found:
        found = _dateline(doc.text, lay)
    ref = doc.reference_number
    if ref is not None:
        found = [d for d in found if d.end <= ref.start or d.start >= ref.end]
    doc.dates, doc.date, flags = docdates.finish(doc.text, found)
    doc.flags.extend(flags)


_DATELINE_DASH = re.compile(r"\s*[–—-]\s+\S")


def _dateline(text: str, lay: Layout) -> list[DateValue]:
    """ "11 August 2015 – The irrigation committee ...": a statement whose first paragraph
    opens with its full date and a dash is dated by it (a dateline without a year, "BASRA,
    July 9 —", is the news page's, not the document's)."""
    if lay.body >= lay.closing:
        return []
    first = lay.lines[lay.body]
    found = docdates.find_in(text, [(first.start, min(first.end, first.start + 40))])
    if not found or found[0].start != first.start or found[0].day is None or not found[0].year:
        return []
    return found[:1] if _DATELINE_DASH.match(text, found[0].end) else []


_DATED_BY_NOTE = re.compile(r"\b(?:is|was)\s+dated\s+(?:to\s+)?", re.I)


def _dated_by_note(doc: Document) -> list[DateValue]:
    """ "(TN: this document is dated 9 March 2010)": the translator dates an undated copy."""
    for note in doc.notes:
        if note.kind not in ("editor", "translator"):
            continue
        m = _DATED_BY_NOTE.search(doc.text, note.start, note.end)
        if m:
            found = docdates.find_in(doc.text, [(m.end(), note.end)])
            if found and found[0].start - m.end() <= 2:
                return found
    return []


def _dated_by_page_title(text: str, lay: Layout, page_title: str) -> list[DateValue]:
    """The page title dates the document, but is not in its text: take the same date where
    the editor's introduction writes it, so that the date is still a span of the text."""
    wanted = {_date_key(d) for d in docdates.find_in(page_title, [(0, len(page_title))])}
    if not wanted:
        return []
    ranges = [(block[0].start, block[-1].end) for block in lay.intro]
    return [d for d in docdates.find_in(text, ranges) if _date_key(d) in wanted]


def _date_key(d: DateValue) -> tuple[str, int | None, int | None, int | None]:
    return d.calendar, d.year, d.month, d.day


def failed(text: str, source: Source, title: str | None, exc: Exception) -> Document:
    """A document we could not take apart still enters the archive, flagged."""
    flag = Flag("parse-error", "error", f"parser failed: {type(exc).__name__}: {exc}"[:300])
    return Document(source=source, text=text, title=title, flags=[flag])
