"""Name chains: runs of capitalised name tokens, typed by their structure and context.

A chain is classified by its first and last words (unit words make organisations, Wilayat
and Sector make places), by the gazetteer and authority names it matches, and by Arabic
name structure (kunya, 'Abd compound, nasab, given name, nisba). Titles before a name are
cut off and kept as the mention's role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from sijill.entities.lexicon import Lexicon, lexicon
from sijill.entities.names import fold as _fold

# Folding runs on every capitalised token; names and words recur across documents.
fold = lru_cache(maxsize=1 << 16)(_fold)

ARTNAME = re.compile(
    r"^(?:al|el|il|ul|ad|an|ar|as|ash|at|az|ath|adh|ed|en|er|es|et|ez)-\w", re.IGNORECASE)
APOSTROPHES = {"'", "’"}


@dataclass
class Candidate:
    start: int
    end: int
    type: str | None
    key: str | None = None
    role: tuple[int, int] | None = None
    nested: bool = False
    stated: bool = False  # named as an alias of another name ("X aka Y": Y)
    issuer: bool = False  # inside the letterhead

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


def low(token_text: str) -> str:
    return token_text.casefold().rstrip(".")


@lru_cache(maxsize=1 << 16)
def _is_name_token(text: str) -> bool:
    lex = lexicon()
    if ARTNAME.match(text):
        return True
    if low(text) in lex.nasab:
        return True
    if not text[:1].isupper() or not any(ch.isalpha() for ch in text):
        return False
    return low(text) not in lex.stop and fold(text) not in lex.stop


def find_chains(doc: Doc) -> list[tuple[int, int]]:
    lex = lexicon()
    flags = [_is_name_token(t.text) for t in doc]
    chains, i, n = [], 0, len(doc)
    while i < n:
        if not flags[i]:
            i += 1
            continue
        j = i + 1
        while j < n:
            if flags[j] and (doc[j - 1].whitespace_ or doc[j - 1].text in APOSTROPHES):
                j += 1
            elif (doc[j].text == "\n" and j + 1 < n and ARTNAME.match(doc[j + 1].text)
                  and doc[j + 1].text[:1].islower() and j - i >= 1
                  and (low(doc[i].text) in lex.kunya | lex.abd or fold(doc[i].text) in lex.given)):
                j += 2
            elif (doc[j].text in APOSTROPHES and not doc[j - 1].whitespace_ and j + 1 < n
                  and doc[j].whitespace_ and flags[j + 1]):
                j += 1  # "Girls' School", "Qita' al-Sahil"
            else:
                break
        while j > i and low(doc[j - 1].text) in lex.nasab:
            j -= 1
        s = i
        while s < j and low(doc[s].text) in lex.nasab:
            s += 1
        if s < j:
            chains.append((s, j))
        i = max(j, i + 1)
    return chains


def _phrases(doc: Doc) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}
    for span in doc.spans.get("sj_phrases", []):
        out.setdefault((span.start, span.end), span.label_)
    return out


def _is_nisba(text: str, lex: Lexicon) -> bool:
    if not ARTNAME.match(text):
        return False
    word = fold(text.split("-", 1)[1])
    return len(word) > 3 and word.endswith(lex.nisba_endings) and word not in lex.not_nisba


def _person_shape(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    words = [doc[k].text for k in range(s, e) if doc[k].text not in APOSTROPHES]
    first = low(words[0])
    if len(words) > 1 and (first in lex.kunya or first in lex.abd):
        return True
    if any(low(w) in lex.nasab for w in words[1:-1]):
        return True
    if len(words) > 1 and fold(words[0]).replace(" ", "") in lex.given:
        return True
    return len(words) > 1 and _is_nisba(words[-1], lex)


def _merge_of(doc: Doc, chains: list[tuple[int, int]], lex: Lexicon) -> list[tuple[int, int]]:
    """Join "Office" + "of (the)" + "Supplies" into one chain, unless the part after "of"
    is itself an organisation or a person ("Media Office of Harakat Nur al-Wadi")."""
    out: list[tuple[int, int]] = []
    for s, e in chains:
        if out:
            ps, pe = out[-1]
            gap = [t.lower_ for t in doc[pe:s]]
            if (gap in (["of"], ["of", "the"]) and low(doc[pe - 1].text) in lex.org_suffix
                    and low(doc[s].text) not in lex.org_prefix | lex.kunya | lex.abd
                    and low(doc[e - 1].text) not in lex.org_suffix):
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def _lower_unit_after(doc: Doc, e: int, lex: Lexicon) -> int:
    """End of a lower-case unit word after a chain ("al-Shifa clinic", "Idlib city
    municipality"), or `e` when there is none."""
    k = e
    if k < len(doc) and doc[k].lower_ in ("city", "town") and doc[k].text.islower():
        k += 1
    if k < len(doc) and doc[k].text.islower() and doc[k].lower_ in lex.org_lower_suffix:
        return k + 1
    return e


def _leading_titles(doc: Doc, s: int, e: int, lex: Lexicon) -> int:
    while e - s > 1 and low(doc[s].text) in lex.leading_titles:
        s += 1
    return s


def classify(doc: Doc, s: int, e: int, phrases: dict[tuple[int, int], str],
             lex: Lexicon) -> list[Candidate]:
    first, last = low(doc[s].text), low(doc[e - 1].text)
    if _unit_of(doc, s, e, lex):
        return [Candidate(s, e, "organization", _key(phrases.get((s, e)))),
                *_of_places(doc, s, e, phrases)]
    if first in lex.place_prefix and e - s > 1:
        return [Candidate(s, e, "place", _key(phrases.get((s, e))))]
    if first in lex.org_prefix and e - s > 1:
        return [Candidate(s, e, "organization", _key(phrases.get((s, e))))]
    if last in lex.org_suffix:
        if e - s == 1:
            return []
        return [Candidate(s, e, "organization", _key(phrases.get((s, e)))), *_of_places(
            doc, s, e, phrases)]
    if last in lex.place_suffix and e - s > 1:
        return [Candidate(s, e, "place")]
    if last in lex.place_dropped and e - s > 1:
        return [Candidate(s, e - 1, "place", _key(phrases.get((s, e - 1))))]
    before = s - 2 if s > 1 and doc[s - 1].text in ('"', "“", "'") else s - 1
    if before >= 0 and doc[before].lower_ in lex.org_cues:
        return [Candidate(s, e, "organization")]
    label = phrases.get((s, e))
    if label and not (label.startswith("person") and e - s == 1):
        return [Candidate(s, e, label.split("|")[0], _key(label))]
    if _person_shape(doc, s, e, lex):
        return [Candidate(s, e, "person")]
    inner = _inner_phrases(s, e, phrases)
    return inner or [Candidate(s, e, None)]


def _unit_of(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """"Office of Supplies", "Court of al-Bab": a unit word, then "of"."""
    return any(doc[k].lower_ == "of" and low(doc[k - 1].text) in lex.org_suffix
               for k in range(s + 1, e - 1))


def _key(label: str | None) -> str | None:
    return label.split("|", 1)[1] if label else None


def _inner_phrases(s: int, e: int, phrases: dict[tuple[int, int], str]) -> list[Candidate]:
    found = sorted(((a, b, lab) for (a, b), lab in phrases.items()
                    if s <= a and b <= e and lab.startswith("place")),
                   key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[Candidate] = []
    for a, b, lab in found:
        if not out or a >= out[-1].end:
            out.append(Candidate(a, b, "place", _key(lab)))
    return out


def _of_places(doc: Doc, s: int, e: int, phrases: dict[tuple[int, int], str]) -> list[Candidate]:
    """A place named after "of" inside an organisation's name (Court of al-Bab)."""
    for k in range(s, e):
        if doc[k].lower_ == "of":
            start = k + 2 if doc[k + 1].lower_ == "the" else k + 1
            label = phrases.get((start, e))
            if label and label.startswith("place"):
                return [Candidate(start, e, "place", _key(label), nested=True)]
    return []


def candidates(doc: Doc) -> list[Candidate]:
    lex = lexicon()
    phrases = _phrases(doc)
    out: list[Candidate] = []
    for s, e in _merge_of(doc, find_chains(doc), lex):
        core = _leading_titles(doc, s, e, lex)
        role = (s, core) if core > s else None
        unit_end = _lower_unit_after(doc, e, lex)
        if unit_end > e:
            out.append(Candidate(core, unit_end, "organization"))
            label = phrases.get((core, e))
            if label and label.startswith("place"):
                out.append(Candidate(core, e, "place", _key(label), nested=True))
            continue
        for cand in classify(doc, core, e, phrases, lex):
            if cand.start == core:
                cand.role = role
            out.append(cand)
    out.extend(_lower_of_orgs(doc, out, lex))
    return sorted(out, key=lambda c: (c.start, -c.end))


def _lower_of_orgs(doc: Doc, found: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """"the office of Mayadin", "court of al-Shaddadi": a lower-case unit of a place."""
    extra = []
    for cand in found:
        s = cand.start
        if cand.type == "place" and not cand.nested and s >= 2 and doc[s - 1].lower_ == "of":
            unit = doc[s - 2]
            if unit.text.islower() and unit.lower_ in lex.org_lower_of:
                extra.append(Candidate(s - 2, cand.end, "organization"))
                cand.nested = True
    return extra
