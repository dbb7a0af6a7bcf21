"""Documents written in Arabic script: letterhead levels, labelled fields, dates, formulae.

The same contract as the English parser, every value a span of the text. The words live in
data/arabic.yaml; dates are found by `dates` (Arabic month names, هـ / م, Arabic-Indic and
Eastern Arabic-Indic digits are already its data). The shape read:

    بسم الله الرحمن الرحيم                     (furniture)
    حركة ... / ولاية ... / ديوان ... / مكتب ...   (issuer levels, highest first)
    العدد: ...   التاريخ: ...   الموافق: ...   الموضوع: ...   إلى: ...
    السلام عليكم ...                            (furniture)
    body
    والسلام عليكم ...                            (furniture)
    [title line] name / التوقيع: name            (sender)
    الختم   نسخة إلى: ...   للحفظ                 (cc)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import Any

from sijill import calendar, data
from sijill.model import DateValue, Document, Range, Source, Span
from sijill.names import fold_arabic
from sijill.parse import docdates
from sijill.parse.datewords import MONTHS
from sijill.parse.lines import Line, split_lines

_DATA = data.bundled("sijill.parse", "arabic.yaml")
_SHAPE = data.record(
    min_arabic_share=data.NUMBER, levels=data.WORDS,
    labels=data.record(reference=data.WORDS, date=data.WORDS, subject=data.WORDS, to=data.WORDS,
                       cc=data.WORDS, archive=data.WORDS, signature=data.WORDS,
                       stamp=data.WORDS),
    salutations=data.WORDS, honorifics=data.WORDS, formulae=data.WORDS,
)
_ARABIC = re.compile(
    r"[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z]")
# A folded letter matches each letter that folds to it.
_LOOSE = {"ا": "[اأإآٱ]", "ي": "[يىئی]", "ه": "[هةھ]", "و": "[وؤ]", "ك": "[كک]"}
# What may separate a label from its value: a colon (Arabic or Latin), a dash, spaces.
_AFTER_LABEL = r"\s*[:：\-–]\s*|\s+"
_HEAD_LINES = 25  # the header is within the first lines
# How alike a misread word must be to a label or formula (difflib ratio) to stand for it.
_OCR_SIMILARITY = 0.8
_LABEL_MAX = 20  # characters: a label's colon comes within them
_OCR_PREFIX = 5  # letters of a label that OCR kept, enough to know it (see _label_likeness)


@dataclass(frozen=True)
class _Lexicon:
    share: float
    levels: re.Pattern[str]
    labels: dict[str, re.Pattern[str]]
    label_words: dict[str, list[str]]
    salutation: re.Pattern[str]
    honorific: re.Pattern[str]
    formulae: frozenset[str]


def _alternation(words: list[str]) -> str:
    """Longest first; a folded word matches with harakat or tatweel inside it."""
    def loose(word: str) -> str:
        return r"[\u064B-\u0652\u0670\u0640]*".join(
            _LOOSE.get(c, re.escape(c)) for c in fold_arabic(word))
    return "|".join(loose(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _lexicon() -> _Lexicon:
    raw: dict[str, Any] = data.load(_DATA, _SHAPE)
    labels = {
        kind: re.compile(rf"^(?:{_alternation(words)})(?:{_AFTER_LABEL}|$)")
        for kind, words in raw["labels"].items()
    }
    return _Lexicon(
        share=raw["min_arabic_share"],
        levels=re.compile(rf"^(?:{_alternation(raw['levels'])})(?=\s)"),
        labels=labels,
        label_words={k: [_bare(w) for w in v] for k, v in raw["labels"].items()},
        salutation=re.compile(rf"^(?:(?:{_alternation(raw['salutations'])})\s+)+"),
        honorific=re.compile(rf"(?:\s*[(\-–،,]?\s*(?:{_alternation(raw['honorifics'])})\s*\)?)+$"),
        formulae=frozenset(_bare(f) for f in raw["formulae"]),
    )


@cache
def vocabulary() -> frozenset[str]:
    """Every word of the data: level words, labels, salutations, honorifics, formulae (OCR
    correction counts them as known words)."""
    raw: dict[str, Any] = data.load(_DATA, _SHAPE)
    phrases = [*raw["levels"], *(w for words in raw["labels"].values() for w in words),
               *raw["salutations"], *raw["honorifics"], *raw["formulae"]]
    return frozenset(w for phrase in phrases for w in phrase.split())


def _bare(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", fold_arabic(text)).split())


def is_arabic(text: str) -> bool:
    """Whether most of the text's letters are Arabic script."""
    sample = text[:5000]
    arabic = len(_ARABIC.findall(sample))
    return arabic > 0 and arabic / (arabic + len(_LATIN.findall(sample))) >= _lexicon().share


def _is_formula(line: Line, lex: _Lexicon) -> bool:
    """A formula line, also as OCR misreads it (a letter or two lost: "السلام عليك ورحمه")."""
    bare = _bare(line.text)
    if bare in lex.formulae:
        return True
    return any(_close(bare[: len(f) + 2], f) for f in lex.formulae if len(f) > 8)


def _close(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= _OCR_SIMILARITY


def _labelled(line: Line, lex: _Lexicon) -> tuple[str, Line] | None:
    """(kind, value) when the line starts with a label; value may be empty (`للحفظ`).
    A word before a colon that is a label misread by OCR ("التارخ:") counts too."""
    for kind, pattern in lex.labels.items():
        m = pattern.match(line.text)
        if m:
            return kind, line.sub(m.end())
    colon = re.search(r"[:：]", line.text[:_LABEL_MAX + 1])
    if colon:
        word = _bare(line.text[: colon.start()])
        best = max(((_label_likeness(word, label), kind)
                    for kind, labels in lex.label_words.items() for label in labels
                    if len(label) >= 4), default=(0.0, ""))
        if best[0] >= _OCR_SIMILARITY:
            return best[1], line.sub(colon.end())
    return None


def _label_likeness(word: str, label: str) -> float:
    """How alike a word before a colon is to a label: difflib's ratio, or, when OCR lost or
    garbled the label's last letters (a ligature: "التاريخ" read "التار", "التارے"), full
    marks if the word starts with the label's first `_OCR_PREFIX` letters and is no longer."""
    if (len(label) > _OCR_PREFIX and word[:_OCR_PREFIX] == label[:_OCR_PREFIX]
            and len(word) <= len(label)):
        return 1.0
    return SequenceMatcher(None, word, label, autojunk=False).ratio()


def _name(value: Line, lex: _Lexicon) -> Span | None:
    """A party's name: without salutation words before it and blessings after it."""
    text = value.text
    m = lex.salutation.match(text)
    start = m.end() if m else 0
    h = lex.honorific.search(text, start)
    end = h.start() if h else len(text)
    piece = value.sub(start, end)
    piece = piece.sub(0, len(piece.text.rstrip(" .،,:؛-–")))
    return Span(piece.text, piece.start, piece.end) if piece.text else None


def _items(value: Line, lex: _Lexicon) -> list[Span]:
    """A list on one line: parts separated by "،", ",", " - " or " / "; OCR reads "،" as
    "»" or "." at times, or loses it: a level word after a part's first word starts a new
    part ("ديوان الصحة ديوان القضاء")."""
    spans = []
    for m in re.finditer(r"[^،,/؛«»]+?(?=\.\s|[،,/؛«»]|$)", value.text):
        part = value.sub(m.start(), m.end())
        part = part.sub(len(part.text) - len(part.text.lstrip("-–•. ")))
        for piece in _at_levels(part, lex):
            span = _name(piece, lex)
            if span:
                spans.append(span)
    return spans


def _at_levels(part: Line, lex: _Lexicon) -> list[Line]:
    """A part that starts with a level word, cut before each other level word in it: offices
    run together ("ديوان الصحة ديوان القضاء"), where "مدير مكتب الرواتب" is one."""
    if not lex.levels.match(part.text):
        return [part]
    cuts = [m.start(1) for m in re.finditer(r"\S\s+(\S)", part.text)
            if lex.levels.match(part.text[m.start(1):])]
    bounds = [0, *cuts, len(part.text)]
    return [part.sub(a, b) for a, b in zip(bounds, bounds[1:], strict=False)]


def parse_arabic(text: str, source: Source, title: str | None) -> Document:
    lex = _lexicon()
    lines = [line for line in split_lines(text) if line.text]
    doc = Document(source=source, text=text, title=title, language="ar")
    kinds: list[tuple[str, Line] | None] = [_labelled(line, lex) for line in lines]
    formula = [_is_formula(line, lex) for line in lines]
    first_label = next((i for i, k in enumerate(kinds) if k), len(lines))
    doc.issuer = _levels(lines[: min(first_label, _HEAD_LINES)], formula, lex)
    dated: list[tuple[int, int]] = []
    open_greeting = next((i for i in range(len(lines)) if formula[i] and i > first_label),
                         None)
    head_end = open_greeting if open_greeting is not None else _after_header(kinds)
    for i, labelled in enumerate(kinds):
        if labelled is None:
            continue
        kind, value = labelled
        in_head = i < head_end
        if kind == "reference" and in_head and doc.reference_number is None and value.text:
            doc.reference_number = Span(value.text, value.start, value.end)
        elif kind == "date" and in_head:
            dated.append((value.start, value.end))
        elif kind == "subject" and in_head and doc.subject is None and value.text:
            doc.subject = Span(value.text, value.start, value.end)
        elif kind == "to" and in_head:
            doc.addressees.extend(_items(value, lex))
        elif kind == "cc" and not in_head:
            doc.cc.extend(_items(value, lex))
        elif kind == "archive" and not in_head:
            line = lines[i]
            doc.cc.append(Span(line.text, line.start, line.end))
        elif kind == "signature" and not in_head and value.text:
            doc.sender = _name(value, lex)
    if doc.sender is None:
        doc.sender = _closing_name(lines, kinds, formula, head_end, lex)
    found = docdates.find_in(text, dated)
    if not any(d.calendar == "hijri" and d.month for d in found):
        misread = _misread_hijri(text, dated)
        found = sorted([*misread, *(d for d in found if not any(
            d.start < m.end and m.start < d.end for m in misread))], key=lambda d: d.start)
    doc.dates, doc.date, flags = docdates.finish(text, found)
    doc.flags.extend(flags)
    _body(doc, lines, kinds, formula, head_end)
    return doc


def _after_header(kinds: list[tuple[str, Line] | None]) -> int:
    """Without a greeting, the header ends after its last labelled line."""
    header = [i for i, k in enumerate(kinds[:_HEAD_LINES])
              if k and k[0] in ("reference", "date", "subject", "to")]
    return header[-1] + 1 if header else 0


def _levels(head: list[Line], formula: list[bool], lex: _Lexicon) -> list[Span]:
    """Letterhead lines that start with a level word, top first; a line of several levels
    joined by " / " or " - " gives one level each."""
    levels: list[Span] = []
    for i, line in enumerate(head):
        if formula[i]:
            continue
        for m in re.finditer(r"[^/|–]+", line.text):
            part = line.sub(m.start(), m.end())
            if part.text and lex.levels.match(part.text):
                levels.append(Span(part.text, part.start, part.end))
    return levels


def _closing_name(lines: list[Line], kinds: list[tuple[str, Line] | None], formula: list[bool],
                  head_end: int, lex: _Lexicon) -> Span | None:
    """The last unlabelled line of two words or more after the closing formula: a
    signature's name (a title line may stand above it)."""
    closing = next((i for i in range(len(lines) - 1, head_end, -1) if formula[i]), None)
    if closing is None:
        return None
    after: list[Line] = []
    for i in range(closing + 1, len(lines)):
        if kinds[i] is not None or formula[i]:
            break
        after.append(lines[i])
    # a name has two words at least; a lone word after it is a stamp or an archive mark
    # OCR misread ("الم" for الختم)
    found = next((line for line in reversed(after) if len(line.text.split()) > 1),
                 after[-1] if after else None)
    return _name(found, lex) if found is not None else None


def _body(doc: Document, lines: list[Line], kinds: list[tuple[str, Line] | None],
          formula: list[bool], head_end: int) -> None:
    start = head_end + 1 if head_end < len(lines) and formula[head_end] else head_end
    end = start
    while end < len(lines) and not formula[end] and kinds[end] is None:
        end += 1
    if end > start:
        doc.body = Range(lines[start].start, lines[end - 1].end)


# A day, one or two words, a year, and the Hijri marker or not: a Hijri date whose month
# name OCR misread ("٨ حرم ١٤٤٢ هـ" for محرم).
_MISREAD_DATE = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})\s+(?P<month>[^\W\d_]+(?:\s+[^\W\d_]+)?)\s+(?P<year>\d{4})(?!\d)")
_MONTH_SIMILARITY = 0.7  # difflib ratio of a misread month name to the true one
_MONTH_MARGIN = 0.05  # ... and ahead of every other month's name by this much


def _misread_hijri(text: str, ranges: list[tuple[int, int]]) -> list[DateValue]:
    """Hijri dates with a month name close to one (`dates` reads only exact names), in the
    date labels' values: only where no Hijri date was found, so a good reading wins."""
    out = []
    for start, end in ranges:
        for m in _MISREAD_DATE.finditer(text, start, end):
            month = _closest_month(fold_arabic(m["month"]))
            year, day = int(m["year"]), int(m["day"])
            if month is None or not 1 <= day <= 30 or not 1300 <= year <= 1600:
                continue
            try:
                iso = calendar.iso("hijri", year, month, day)
            except (ValueError, OverflowError):  # a 30th in a month of 29 days
                continue
            out.append(DateValue(m.group(0), m.start(), m.end(), calendar="hijri", year=year,
                                 month=month, day=day, iso=iso))
    return out


def _closest_month(name: str) -> int | None:
    scores = sorted(((SequenceMatcher(None, name, spelling, autojunk=False).ratio(), month)
                     for month, spelling in _hijri_month_names()), reverse=True)
    best = scores[0]
    runner_up = next((s for s, month in scores if month != best[1]), 0.0)
    if best[0] >= _MONTH_SIMILARITY and best[0] - runner_up >= _MONTH_MARGIN:
        return best[1]
    return None


@cache
def _hijri_month_names() -> list[tuple[int, str]]:
    return [(int(month), fold_arabic(spelling))
            for month, kinds in MONTHS["hijri"].items()
            for spelling in kinds.get("arabic", [])]
