"""The parser's word lists, read from the YAML files in `data/` and compiled once.

Researchers add a spelling by editing the YAML; nothing here names a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from sijill import data

_I = re.IGNORECASE
W, T = data.WORDS, data.TEXT
# The shape of each word-list file (every list one of words or patterns; T a single pattern).
SHAPES = {
    "labels.yaml": data.record(
        reference=data.listof(W), reference_owners=W, not_reference=W, subject=W, date=W,
        date_closing=W, to=W, issued_by=W, cc=W, cc_strict=W, signed=W, approval=W,
        salutation=W, purpose=W, no_addressee=W, currency=W, blessings=W, **{"from": W}),
    "titles.yaml": data.record(titles=W, in_name=W, honorifics=W, courtesy=W, address_ranks=W,
                               name_particles=W),
    "units.yaml": data.record(units=W, ezafe=W, command_bodies=W),
    "formulae.yaml": data.record(basmala=W, praise=W, salam=W, transition=W, closing=W,
                                 mottos=W, signoff=W, doc_types=W, headline_links=W),
    "notes.yaml": data.record(
        translator=W, editor=W, intro_cues=W, announce_cues=W, note_cues=W, own_note_cues=W,
        intro_labels=W, footnote=T, position_tags=W, describer=W, letterhead_nouns=W,
        letterhead_verbs=W, page_marker=T, translation_credit=T),
    "split.yaml": data.record(markers=W, marker_id=T, not_id=W, separators=W, numbered=T,
                              script_block=data.record(min_lines=data.INT,
                                                       min_letters=data.INT,
                                                       min_arabic_share=data.NUMBER)),
    "web.yaml": data.record(nav_words=W, byline=W, tail=W, source_line=T, glued_tag=T,
                            byline_lead=T),
}


def _load(name: str) -> dict[str, Any]:
    return data.load(data.bundled("sijill.parse", name), SHAPES[name])  # type: ignore[no-any-return]


def _alt(patterns: list[str]) -> str:
    # Longest first, so "copy to" wins over "copy" and "no." over "no".
    return "|".join(sorted((str(p) for p in patterns), key=len, reverse=True))


def _words(words: list[str]) -> str:
    return _alt([re.escape(str(w)).replace(r"\ ", r"\s+") for w in words])


def _label(patterns: list[str], strict: bool = True, prefix: str = "") -> re.Pattern[str]:
    """A label at the start of a cell, then its separator; group 'value' is the rest.

    Strict labels need a ":" (or "-", or a literal translation's "Subject/ "), so
    "Regarding the salaries, we ..." is no subject line.
    """
    sep = r"\s*[:：]\s*|\s+[\-–—]\s+|/\s+" if strict else r"\s*[:：.\-–—#]+\s*|\s+(?=\S)"
    label = rf"{prefix}(?:{_alt(patterns)})"
    return re.compile(rf"^[\s*#>•\-]*(?P<label>{label})(?:{sep})(?P<value>.*)$", _I)


def _start(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(rf"^[\s\"“'*\[(]*(?:{_alt(patterns)})", _I)


@dataclass(frozen=True)
class Lexicon:
    reference: list[re.Pattern[str]]
    not_reference: re.Pattern[str]
    subject: re.Pattern[str]
    date: re.Pattern[str]
    to: re.Pattern[str]
    sender_label: re.Pattern[str]
    issued_by: re.Pattern[str]
    cc: re.Pattern[str]
    signed: re.Pattern[str]
    approval: re.Pattern[str]
    salutation: re.Pattern[str]
    purpose: re.Pattern[str]
    blessing: re.Pattern[str]
    no_addressee: re.Pattern[str]
    currency: re.Pattern[str]
    title_word: re.Pattern[str]
    leading_title: re.Pattern[str]
    honorific: re.Pattern[str]
    courtesy: re.Pattern[str]
    address_rank: re.Pattern[str]
    particles: frozenset[str]
    in_name: frozenset[str]
    unit: re.Pattern[str]
    basmala: re.Pattern[str]
    praise: re.Pattern[str]
    salam: re.Pattern[str]
    transition: re.Pattern[str]
    closing: re.Pattern[str]
    motto: re.Pattern[str]
    signoff: re.Pattern[str]
    doc_type: re.Pattern[str]
    report_of: re.Pattern[str]
    translator_note: re.Pattern[str]
    editor_note: re.Pattern[str]
    intro_cue: re.Pattern[str]
    intro_label: re.Pattern[str]
    footnote: re.Pattern[str]
    position_tag: re.Pattern[str]
    letterhead_note: re.Pattern[str]
    note_cue: re.Pattern[str]
    own_note: re.Pattern[str]
    trailing_note: re.Pattern[str]
    page_marker: re.Pattern[str]
    date_closing: re.Pattern[str]
    marker: re.Pattern[str]
    separator: re.Pattern[str]
    numbered: re.Pattern[str]
    nav_word: re.Pattern[str]
    byline: re.Pattern[str]
    web_tail: re.Pattern[str]
    command_body: re.Pattern[str]
    announce_cue: re.Pattern[str]
    headline: re.Pattern[str]
    source_line: re.Pattern[str]
    glued_tag: re.Pattern[str]
    byline_lead: re.Pattern[str]
    translation_credit: re.Pattern[str]

    @property
    def honorifics_set(self) -> frozenset[str]:
        return _honorifics()

    def is_formula(self, line: str) -> bool:
        return any(p.match(line) for p in (self.basmala, self.praise, self.salam, self.transition))


def _note_label(patterns: list[str]) -> re.Pattern[str]:
    # "NB:", "[Comment: ...", "Translator's note -": a label then a separator or the end.
    return re.compile(rf"^[\s*\[(]*(?:{_alt(patterns)})\s*(?:[:：.\-–—)\]]+|$)", _I)


def _reference_prefix(labels: dict[str, Any], formulae: dict[str, Any]) -> str:
    owner = _alt(labels["reference_owners"])
    return rf"(?:(?:{owner})\s+)?(?:(?:{_alt(formulae['doc_types'])})\s+)?"


def _letterhead_note(notes: dict[str, Any]) -> re.Pattern[str]:
    describer = rf"(?:(?:{_alt(notes['describer'])})\s*[:\-–]\s*)?"
    verb = rf"(?:\s+(?:{_alt(notes['letterhead_verbs'])})\b)?"
    return re.compile(
        rf"^[\[(]\s*{describer}(?:the\s+)?(?:{_alt(notes['letterhead_nouns'])}){verb}"
        rf"\s*(?:of|:|-)?\s*(?:the\s+)?",
        _I,
    )


def _unit(units: dict[str, Any]) -> re.Pattern[str]:
    # A plural "s", a possessive, a final hamza ("Liwa'") or an ezafe ("Majlis-e") may follow.
    suffix = _alt([r"['’]?s", "['’]", *(re.escape(str(e)) for e in units["ezafe"])])
    return re.compile(rf"(?<![\w'’-])(?:{_words(units['units'])})(?:{suffix})?(?![\w'’])", _I)


def _position_tag(tags: list[str]) -> re.Pattern[str]:
    # "[Top right, handwritten:]" combines two tags.
    tag = _words(tags)
    return re.compile(
        rf"^\[\s*(?:{tag})(?:\s*(?:,|/|\band\b)\s*(?:{tag}))*\s*:?\s*\]\s*:?\s*(?=\S)", _I
    )


def _trailing_note(notes: dict[str, Any]) -> re.Pattern[str]:
    """A translator's or editor's bracketed remark closing a line of the document:
    "Kunduz Welfare Shura [Translator: "Shura" here means the council.]"."""
    label = _alt([*notes["describer"], *notes["translator"], *notes["editor"]])
    return re.compile(rf"\s*\[\s*(?:{label})\s*[:\-–][^\[\]]*\]\s*$", _I)


def _address_rank(ranks: list[str]) -> re.Pattern[str]:
    """Capitalised ranks straight before a capitalised word: only the first letter's case counts."""
    longest_first = sorted(ranks, key=len, reverse=True)
    alt = "|".join(f"{re.escape(r[0].upper())}(?i:{re.escape(r[1:])})" for r in longest_first)
    return re.compile(rf"^(?:(?:{alt})\s+)+(?=[A-Z])")


@cache
def _honorifics() -> frozenset[str]:
    return frozenset(str(w).lower() for w in _load("titles.yaml")["honorifics"])


@cache
def lexicon() -> Lexicon:
    labels, titles = _load("labels.yaml"), _load("titles.yaml")
    units, formulae = _load("units.yaml"), _load("formulae.yaml")
    notes, split, web = _load("notes.yaml"), _load("split.yaml"), _load("web.yaml")
    not_id = _alt(split["not_id"])
    return Lexicon(
        reference=[
            _label(group, strict=False, prefix=_reference_prefix(labels, formulae))
            for group in labels["reference"]
        ],
        not_reference=re.compile(rf"\b(?:{_alt(labels['not_reference'])})\b", _I),
        subject=_label(labels["subject"]),
        date=_label(labels["date"]),
        to=_label(labels["to"]),
        sender_label=_label(labels["from"]),
        issued_by=re.compile(rf"^(?:{_alt(labels['issued_by'])})\s+(?:the\s+)?(?P<value>.+)$", _I),
        cc=re.compile(
            rf"^[\s*•\-]*(?:(?P<label>{_alt(labels['cc'])})(?:\s*[:：.\-–—]+\s*|\s+|$)"
            rf"|(?:{_alt(labels['cc_strict'])})\s*(?:[:：]\s*|$))(?P<value>.*)$",
            _I,
        ),
        approval=_label(labels["approval"]),
        signed=_label(labels["signed"]),
        salutation=re.compile(rf"^(?:(?:{_alt(labels['salutation'])})\b[\s:,/]*)+", _I),
        purpose=re.compile(
            rf"[\s,;:\-–—]*[(\[]?\s*(?:{_alt(labels['purpose'])})\b[^()\[\]]*[)\]]?\s*[.,;]?\s*$",
            _I,
        ),
        blessing=re.compile(rf"[\s,;\-–—]*\b(?:{_alt(labels['blessings'])})\b.*$", _I),
        no_addressee=re.compile(rf"^\W*(?:{_alt(labels['no_addressee'])})\W*$", _I),
        currency=re.compile(rf"(?:{_alt(labels['currency'])})", _I),
        title_word=re.compile(rf"^(?:{_words(titles['titles'])})$", _I),
        leading_title=re.compile(
            rf"^(?:(?:the|a|an|our|your|{_words(titles['honorifics'])}|{_words(titles['titles'])})\b\s*)+",
            _I,
        ),
        honorific=re.compile(rf"^(?:{_words(titles['honorifics'])})$", _I),
        courtesy=re.compile(rf"^(?:(?:{_words(titles['courtesy'])})\b\.?\s+)+", _I),
        address_rank=_address_rank(titles["address_ranks"]),
        particles=frozenset(str(p).lower() for p in titles["name_particles"]),
        in_name=frozenset(str(p).lower() for p in titles["in_name"]),
        unit=_unit(units),
        basmala=_start(formulae["basmala"]),
        praise=_start(formulae["praise"]),
        salam=_start(formulae["salam"]),
        transition=_start(formulae["transition"]),
        closing=_start(formulae["closing"]),
        motto=re.compile(rf"^[\s\"“'*(]*(?:the\s+)?(?:{_alt(formulae['mottos'])})\W*$", _I),
        signoff=_start(formulae["signoff"]),
        doc_type=re.compile(rf"^\W*(?:{_alt(formulae['doc_types'])})\b", _I),
        report_of=re.compile(
            rf"^(?:\w+\s+)?(?:{_alt(formulae['doc_types'])})\s+(?:of|on|from)\s", _I
        ),
        translator_note=_note_label(notes["translator"]),
        editor_note=_note_label(notes["editor"]),
        intro_cue=re.compile(rf"(?:{_alt(notes['intro_cues'])})", _I),
        footnote=re.compile(notes["footnote"]),
        position_tag=_position_tag(notes["position_tags"]),
        letterhead_note=_letterhead_note(notes),
        intro_label=re.compile(rf"^[\s*\[(]*(?:{_alt(notes['intro_labels'])})\s*[:：.\-–—]", _I),
        note_cue=re.compile(rf"(?:{_alt(notes['note_cues'])})", _I),
        own_note=re.compile(rf"(?:{_alt(notes['own_note_cues'])})", _I),
        trailing_note=_trailing_note(notes),
        page_marker=re.compile(notes["page_marker"], _I),
        date_closing=re.compile(rf"^\W*(?:{_alt(labels['date_closing'])})\b", _I),
        marker=re.compile(
            rf"^[\s#*_>]*(?P<word>{_alt(split['markers'])})\s+(?!(?:{not_id})\b)"
            rf"(?P<id>{split['marker_id']})(?![\w/])\s*(?P<rest>[:.\-–—)(|,].*|)$",
            _I,
        ),
        separator=re.compile(rf"^\s*(?:{_alt(split['separators'])})\s*$", _I),
        numbered=re.compile(split["numbered"], _I),
        nav_word=re.compile(rf"(?:{_words(web['nav_words'])})", _I),
        byline=re.compile(rf"(?:{_alt(web['byline'])})", _I),
        web_tail=re.compile(rf"(?:{_alt(web['tail'])})", _I),
        translation_credit=re.compile(notes["translation_credit"], _I),
        source_line=re.compile(web["source_line"], _I),
        glued_tag=re.compile(web["glued_tag"]),
        byline_lead=re.compile(web["byline_lead"], _I),
        headline=re.compile(
            rf"\s(?:(?:{_alt(formulae['doc_types'])})\s+(?:{_alt(formulae['headline_links'])})"
            rf"|(?:{_alt(formulae['headline_links'][4:])}))\s",
            _I,
        ),
        announce_cue=re.compile(rf"(?:{_alt(notes['announce_cues'])})", _I),
        command_body=re.compile(
            rf"^(?:the\s+)?(?P<body>{_words(units['command_bodies'])})\s+of\s+(?:the\s+)?(?=\S)", _I
        ),
    )
