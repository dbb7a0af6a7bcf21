"""The spaCy pipeline: a blank English model (nothing downloaded at run time) with a
tokenizer that keeps "al-Jazrawi" whole, a normaliser, a PhraseMatcher over places and
authority names, and a Matcher over alias cues. Built once and cached.

Optionally a statistical spaCy model the user has installed (config: $SIJILL_SPACY_MODEL or
`build(model=...)`) runs beside it; its PERSON/ORG/GPE entities fill gaps the rules leave.
"""

from __future__ import annotations

import os
import re
from functools import cache, lru_cache
from typing import Any

import spacy
from spacy.lang.char_classes import HYPHENS
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from sijill import data
from sijill.entities import gazetteer
from sijill.entities.authority import Authority, env_paths, loaded
from sijill.names import fold

MODEL_ENV = "SIJILL_SPACY_MODEL"
ALIASES = data.bundled("sijill.entities", "aliases.yaml")
# Phrases that state an alias, each a list of words ("?" one optional word); the words that
# may stand between a phrase and its names; where a phrase word never introduces a type.
# Words that join a list of names, words that describe a name rather than name it, and
# phrases that hold a cue but state no alias.
ALIASES_SHAPE = data.record(forward=data.listof(data.WORDS), backward=data.listof(data.WORDS),
                            skip=data.WORDS, not_for=data.table(data.WORDS),
                            joiners=data.optional(data.WORDS),
                            descriptors=data.optional(data.WORDS),
                            not_cues=data.optional(data.listof(data.WORDS)))
# An authority name this long written in capitals is that name, not an acronym.
_CAPS_MIN = 5
_ARTICLE = re.compile(r"^(?:al|el|il|ul|ad|an|ar|as|ash|at|az|ath|adh|ed|en|er|es|et|ez)$")
_DOUBLE = re.compile(r"(.)\1+")
# A final ta marbuta is written -a or -ah (Hawija, al-Hawijah): matched without the h, in
# words long enough that a short given name ("Rida", "Rima") does not meet a town "Ridah".
_TA_MARBUTA = re.compile(r"(?<=\w{4}[aei])h$")
# A mark that opens a word in GeoNames ("Al ‘Abbāsī") is not written in translations.
_OPENING_MARK = re.compile(r"(?<=\s)[‘’'`ʿʾ]")

if not Doc.has_extension("sj_alias_cues"):
    Doc.set_extension("sj_alias_cues", default=None)


@lru_cache(maxsize=1 << 16)
def loose(text: str) -> str:
    """Matching key of one token: folded, articles dropped, doubled letters single."""
    words = fold(text).split()
    kept = [w for w in words if not _ARTICLE.match(w)] or words
    return _DOUBLE.sub(r"\1", _TA_MARBUTA.sub("", "".join(kept)))


def _tokenizer(nlp: Language) -> None:
    # Hyphens inside words stay (al-Jazrawi, ash-Shughur are one token); a hyphen at the end
    # of a word is split off ("Wilayat al-Sham- Idlib"), and so are a slash that separates
    # a title from a name ("the Office of Bakeries/ Abu X") and a footnote marker ("X[3]",
    # and one glued by PDF extraction: "Union2 (aka Y)", "1(a.k.a. Y)", "2Jama'at").
    infixes = [p for p in nlp.Defaults.infixes if HYPHENS not in p]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    suffixes = [*nlp.Defaults.suffixes, r"(?<=[A-Za-z])-", r"(?<=\w)/", r"(?<=[A-Za-z'’])\[\d+",
                r"(?<=[a-z]{2})\d{1,3}"]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    prefixes = [*nlp.Defaults.prefixes, r"\d{1,3}(?=[(\[])", r"\d{1,3}(?=[A-Z][a-z])"]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search


@lru_cache(maxsize=1 << 16)
def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


@Language.component("sijill_norm")
def sijill_norm(doc: Doc) -> Doc:
    for token in doc:
        # Any token with a letter: GeoNames spellings carry marks (Ja‘ār) that is_alpha rejects.
        if token.is_alpha or _has_letter(token.text):
            token.norm_ = loose(token.text)
    return doc


def _normed(nlp: Language, text: str) -> Doc:
    return sijill_norm(nlp.make_doc(text))


@Language.factory("sijill_phrases",
                  default_config={"authority_files": [], "shipped_authority": True})
def make_phrases(nlp: Language, name: str, authority_files: list[str],
                 shipped_authority: bool) -> PhraseMatch:
    """Places, and the names of the authority files: the shipped one (unless
    `shipped_authority` is false) and `authority_files` after it (`build()` passes
    $SIJILL_AUTHORITY's)."""
    return PhraseMatch(nlp, loaded(tuple(authority_files), shipped_authority))


class PhraseMatch:
    """Places and authority names, matched on the loose key of every token."""

    def __init__(self, nlp: Language, authority: Authority) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self.exact: dict[str, str] = {}
        # Authority names written in capitals in a heading ("WEST KURDISTAN (SYRIA)").
        self.capitals: set[tuple[str, str]] = set()
        by_label: dict[str, list[Doc]] = {}
        for place in gazetteer.place_names():
            for form in _forms(place.name):
                by_label.setdefault(f"place|{place.key}", []).append(_normed(nlp, form))
        for entry in authority.entries.values():
            for form in entry.names():
                # A name unrelated groups share is recognised, but resolves to none of them.
                label = (f"{entry.type}|shared:{fold(form)}" if authority.is_shared(form)
                         else f"{entry.type}|auth:{entry.id}")
                by_label.setdefault(label, []).append(_normed(nlp, form))
                if form.isupper():
                    self.exact[form] = label
                elif len(form) >= _CAPS_MIN:
                    self.capitals.add((label, form.upper()))
        for label, docs in by_label.items():
            self.matcher.add(label, docs)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label=match_id)
            first = span[0].text
            if not first[:1].isupper() and not first.lower().startswith(("al-", "el-")):
                continue  # lower-case words are never these names ("of", "bab")
            if span.text.isupper() and self.exact.get(span.text) != span.label_ \
                    and (span.label_, span.text) not in self.capitals:
                continue  # acronyms match only as written
            spans.append(span)
        doc.spans["sj_phrases"] = spans
        return doc


def _forms(name: str) -> set[str]:
    """A name as listed and with its articles hyphenated ("Al Bab" -> "Al-Bab")."""
    unmarked = _OPENING_MARK.sub("", name)
    hyphenated = re.sub(r"\b([Aa][lnrsdtz]|[Aa]sh|[Ee][lnrsdtz])\s+(?=\w)", r"\1-", unmarked)
    return {name, unmarked, hyphenated}


def _cue_token(word: str) -> dict:
    # "?" in a cue phrase is one optional word of the same sentence ("known in the
    # neighbourhood as").
    if word == "?":
        return {"IS_ALPHA": True, "OP": "?"}
    return {"LOWER": word}


@Language.factory("sijill_alias_cues", default_config={"aliases_file": None})
def make_alias_cues(nlp: Language, name: str, aliases_file: str | None) -> AliasCues:
    """Alias cues from `aliases_file` (a file of ALIASES_SHAPE), by default data/aliases.yaml."""
    return AliasCues(nlp, aliases(aliases_file))


class AliasCues:
    """Phrases that state an alias (data/aliases.yaml), as (start, end, direction)."""

    def __init__(self, nlp: Language, raw: dict[str, Any]) -> None:
        self.matcher = Matcher(nlp.vocab)
        # "none": phrases that hold a cue but state no alias ("formerly known as"); the
        # longest match wins, so they mask the cue inside them.
        for direction in ("forward", "backward", "none"):
            phrases = raw[direction] if direction != "none" else raw.get("not_cues") or []
            patterns = [[_cue_token(word) for word in phrase] for phrase in phrases]
            if patterns:
                self.matcher.add(direction, patterns)

    def __call__(self, doc: Doc) -> Doc:
        found = self.matcher(doc, as_spans=True)
        longest = spacy.util.filter_spans(found)
        doc._.sj_alias_cues = [(s.start, s.end, s.label_) for s in longest]
        return doc


def aliases(path: str | None = None) -> dict[str, Any]:
    """The alias cues of `path`, by default data/aliases.yaml."""
    return data.load(path or ALIASES, ALIASES_SHAPE)  # type: ignore[no-any-return]


@cache
def build() -> Language:
    """The rule pipeline, built once per process (building the matchers takes a second)."""
    nlp = spacy.blank("en")
    _tokenizer(nlp)
    nlp.add_pipe("sijill_norm")
    # The same authority files as `authority.default()`, which grouping resolves against.
    env = [str(p) for p in env_paths()]
    nlp.add_pipe("sijill_phrases", config={"authority_files": env})
    nlp.add_pipe("sijill_alias_cues")
    return nlp


def statistical_model(model: str | None = None) -> Language | None:
    """The user's installed statistical model named by `model` or $SIJILL_SPACY_MODEL."""
    name = model or os.environ.get(MODEL_ENV)
    return _load_model(name) if name else None


@cache
def _load_model(name: str) -> Language:
    try:
        return spacy.load(name, exclude=["lemmatizer"])
    except OSError as exc:
        raise RuntimeError(f"spaCy model {name!r} is not installed ({MODEL_ENV}): {exc}") from exc
