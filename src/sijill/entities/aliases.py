"""Aliases a document states: "X aka Y", "X (Y)", "X / Y", a translator's quoted spelling.

Each stated pair is kept for grouping.py, which joins the two mentions into one entity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from sijill.entities.chains import APOSTROPHES, ARTICLE, Candidate, mention_text, name_words
from sijill.names.words import lexicon


def _ending_at(cands: list[Candidate], end: int) -> Candidate | None:
    found = [c for c in cands if c.end == end and not c.nested]
    return min(found, key=lambda c: c.start) if found else None


def _starting_at(cands: list[Candidate], start: int) -> Candidate | None:
    found = [c for c in cands if c.start == start and not c.nested]
    return max(found, key=lambda c: c.end) if found else None


_QUOTES = {'"', "“", "”"}


@dataclass(frozen=True)
class _Rules:
    """The vocabulary of aliases.yaml that the pairing reads."""

    skip: frozenset[str]
    joiners: frozenset[str]
    descriptors: frozenset[str]
    not_for: dict[str, list[str]]

    @classmethod
    def of(cls, cfg: dict[str, Any]) -> _Rules:
        return cls(frozenset(cfg["skip"]), frozenset(cfg.get("joiners") or ()),
                   frozenset(cfg.get("descriptors") or ()), cfg["not_for"])


def _walk(doc: Doc, k: int, step: int, skip: frozenset[str], limit: int = 3) -> int:
    for _ in range(limit):
        if 0 <= k < len(doc) and doc[k].lower_ in skip:
            k += step
    return k


def _footnote(doc: Doc, k: int) -> bool:
    """A footnote number glued to the word before it ("Union2", "al-Tayyib3")."""
    return 0 < k < len(doc) and doc[k].is_digit and len(doc[k]) <= 3 \
        and not doc[k - 1].whitespace_ and doc[k - 1].text[-1:].isalpha()


def _past_footnote(doc: Doc, k: int) -> int:
    return k + 1 if _footnote(doc, k) else k


def _names(doc: Doc, cands: list[Candidate], k: int, joiners: frozenset[str],
           closer: str | None = None) -> list[Candidate]:
    """The names from token `k` on: one, or a list joined by `joiners` ("also known as A, B
    or C", "a.k.a. A and B", "(Y; Z)", "A/B"). Outside brackets a list joined by commas
    counts only up to an "or" or a slash ("X, aka A, B and C signed": B and C are others);
    inside, every item up to `closer` must be a name."""
    first = _starting_at(cands, k)
    if first is None:
        return []
    out, sure = [first], 1
    while True:
        j, seps = _past_footnote(doc, out[-1].end), []
        while j < len(doc) and doc[j].lower_ in joiners and len(seps) < 2:
            seps.append(doc[j].lower_)
            j += 1
        # ", and B" after one name is a new clause ("X, aka A, and B left"), not a list.
        nxt = _starting_at(cands, j) if seps and (len(seps) < 2 or len(out) > 1) else None
        if nxt is None or not _compatible(first, nxt) or _code(doc, nxt):
            break
        out.append(nxt)
        if any(s not in (",", ";", "and") for s in seps) or (seps == ["and"] and len(out) == 2):
            sure = len(out)
    return out if closer is not None and _closed(doc, out[-1].end, closer) else out[:sure]


def _closed(doc: Doc, k: int, closer: str) -> bool:
    k = _past_marks(doc, k)
    return k < len(doc) and doc[k].text == closer


def _past_marks(doc: Doc, k: int) -> int:
    """Past a footnote number and closing quotes after a name ('"the Y"]', "Y2)")."""
    k = _past_footnote(doc, k)
    while k < len(doc) and doc[k].text in _QUOTES | APOSTROPHES:
        k += 1
    return k


def _code(doc: Doc, cand: Candidate) -> bool:
    """An identifier code, not a name: a sanction-list or archive code ("HUM0014", "QDe.115")
    mixes letters and digits in one word; a number has no letters."""
    span = cand.span(doc)
    mixed = any(any(ch.isdigit() for ch in t.text) and any(ch.isalpha() for ch in t.text)
                for t in span)
    return mixed or not any(ch.isalpha() for ch in span.text)


def _nearest_before(doc: Doc, cands: list[Candidate], start: int,
                    type_: str | None) -> Candidate | None:
    """The nearest name before a cue on its line ("X, which editors sometimes call Y";
    "the same X ...; he is also known as Y"), of the type of the alias when known. A cue
    that opens its line ("(a.k.a. Y)" under a title) looks back over the lines above."""
    k, across = start - 1, _opens_line(doc, start)
    while k >= 0 and start - k < 40 and (across or "\n" not in doc[k].text):
        cand = _ending_at(cands, k + 1)
        if cand is not None and cand.type is not None and type_ in (None, cand.type):
            return cand
        k -= 1
    return None


def _opens_line(doc: Doc, start: int) -> bool:
    """Only brackets and a footnote number stand before token `start` on its line."""
    k = start - 1
    while k >= 0 and (doc[k].text in _OPENERS or doc[k].is_digit):
        k -= 1
    return k < 0 or "\n" in doc[k].text


def _compatible(a: Candidate, b: Candidate) -> bool:
    return a.type is None or b.type is None or a.type == b.type


def add_pair(a: Candidate, b: Candidate, pairs: list[tuple[Candidate, Candidate]]) -> None:
    if a is b or not _compatible(a, b):
        return
    if a.type is None:
        a.type = b.type
    if b.type is None:
        b.type = a.type
    pairs.append((a, b))
    b.stated = True
    a.paired = b.paired = True


def alias_pairs(doc: Doc, cands: list[Candidate],
                cfg: dict[str, Any]) -> list[tuple[Candidate, Candidate]]:
    rules = _Rules.of(cfg)
    pairs: list[tuple[Candidate, Candidate]] = []
    cues = [(start, end) for start, end, direction in doc._.sj_alias_cues or []
            if direction != "none"]
    for start, end in cues:
        _cut_at_cue(cands, start, end)
    for start, end in cues:
        _cued(doc, cands, start, end, rules, pairs)
    for cand in cands:
        _paren_aliases(doc, cands, cand, pairs, rules)
        _slashed(doc, cands, cand, pairs)
    _cited_spellings(doc, cands)
    for cand in cands:
        if cand.stated or cand.paired:
            _drop_descriptors(doc, cand, rules.descriptors)
    return pairs


def _cut_at_cue(cands: list[Candidate], start: int, end: int) -> None:
    """A cue in capitals ("X A.K.A. Y", "(A.K.A. Y)") reads as a word of a name: it cuts the
    name in two. The type was read with the cue inside: the part before keeps it, the part
    after takes the type of the name it is stated for."""
    for cand in [c for c in cands if c.start < end and start < c.end]:
        cands.remove(cand)
        if cand.start < start:
            cands.append(Candidate(cand.start, start, cand.type, nested=cand.nested))
        if end < cand.end:
            cands.append(Candidate(end, cand.end, None, nested=cand.nested))


def _cued(doc: Doc, cands: list[Candidate], start: int, end: int, rules: _Rules,
          pairs: list[tuple[Candidate, Candidate]]) -> None:
    """"X, also known as Y, Z or W": the name before the cue, the names after it."""
    # "(also called A; B)", "(or A/B)": a cue in or at a bracket lists names up to its closer.
    closer = next((_OPENERS[doc[i].text] for i in (start, start - 1)
                   if i >= 0 and doc[i].text in _OPENERS), None)
    after = _names(doc, cands, _walk(doc, end, 1, rules.skip), rules.joiners, closer)
    rights = [r for r in after if not _code(doc, r)]
    k = _walk(doc, start - 1, -1, rules.skip)
    left = _ending_at(cands, k if _footnote(doc, k) else k + 1)
    if left is None and rights:
        left = _nearest_before(doc, cands, start, rights[0].type)
    blocked = rules.not_for.get(doc[start].text, [])
    for right in rights:
        right.stated = True  # "appears elsewhere as Y": stated even when X is far back
        if left is not None and left.type not in blocked and right.type not in blocked:
            add_pair(left, right, pairs)


def _drop_descriptors(doc: Doc, cand: Candidate, descriptors: frozenset[str]) -> None:
    """"the Sufi-nationalist X", "the So-called X": words that describe the name are not
    part of it (a name of two words or more is kept)."""
    while cand.end - cand.start > 2 and _descriptive(doc[cand.start].lower_, descriptors):
        cand.start += 1


def _descriptive(word: str, descriptors: frozenset[str]) -> bool:
    return word in descriptors or ("-" in word and word.rsplit("-", 1)[1] in descriptors)


def _slashed(doc: Doc, cands: list[Candidate], cand: Candidate,
             pairs: list[tuple[Candidate, Candidate]]) -> None:
    """"Abu Bakr al-Shami/Abu Baker al-Shamy": one person's names joined by a slash (levels
    of a letterhead are joined the same way, so only persons)."""
    if cand.type != "person" or cand.end + 1 >= len(doc) or doc[cand.end].text != "/":
        return
    after = _starting_at(cands, cand.end + 1)
    if after is not None and after.type == "person":
        cand.stated = True
        add_pair(cand, after, pairs)


def _cited_spellings(doc: Doc, cands: list[Candidate]) -> None:
    """A translator quoting a spelling (the original has “Bin Mahfudh”) states that the
    names ending in it are one person's spellings."""
    cited = [name_words(mention_text(doc, c)) for c in cands if _quoted(doc, c)]
    for cand in cands:
        words = name_words(mention_text(doc, cand))
        if any(words[-len(c):] == c for c in cited if c):
            cand.stated = True


def _quoted(doc: Doc, cand: Candidate) -> bool:
    k = cand.start - 1
    while k > 0 and doc[k].lower_ in lexicon().nasab:
        k -= 1  # “Bin Mahfudh”: the particle is left out of the name's chain
    return k >= 0 and cand.end < len(doc) and doc[k].text in _QUOTES \
        and doc[cand.end].text in _QUOTES


def _paren_aliases(doc: Doc, cands: list[Candidate], cand: Candidate,
                   pairs: list[tuple[Candidate, Candidate]], rules: _Rules) -> None:
    """"X (Y)", "X (Y, Z)", "X (Y/Z)", "X (Y; Z)" and a translator's "X [Y: Z]" (the Arabic
    name and the acronym): names in brackets right after a name, every item of a list up to
    the closing bracket a name."""
    k = _past_footnote(doc, cand.end)
    k = k + 1 if k < len(doc) and doc[k].text in APOSTROPHES else k
    if cand.nested or k + 1 >= len(doc) or doc[k].text not in _OPENERS:
        return
    closer = _OPENERS[doc[k].text]
    k += 1
    if doc[k].text in _QUOTES | APOSTROPHES | {"‘"}:
        return  # "X ('Department of Y')": a translation of the name, not an alias (gold.md)
    # "(the Y)", '[Translator: "the Y"]': the words of skip stand between bracket and name.
    listed = _names(doc, cands, _walk(doc, k, 1, rules.skip, limit=4), rules.joiners | {":"},
                    closer)
    end = _past_marks(doc, listed[-1].end) if listed else len(doc)
    if end >= len(doc) or doc[end].text not in closer + "/,;":
        return
    for right in listed:
        # Two places side by side ("al-Bab (Aleppo)") are a place and its region, not one.
        # "WEST KURDISTAN (SYRIA)": a known country or region after a place is where it lies.
        if cand.type == "place" and right.type == "place" and right.key or _code(doc, right):
            continue
        if cand.type == "organization" and right.type == "person" and _arabic_name(doc, right):
            right.type = "organization"  # "the Municipal Guard (al-Haras al-Baladi)"
        add_pair(cand, right, pairs)


_OPENERS = {"(": ")", "[": "]"}


def _arabic_name(doc: Doc, cand: Candidate) -> bool:
    """Words that all open with an article: an institution's Arabic name, not a person's."""
    words = [t.text for t in cand.span(doc) if t.text not in APOSTROPHES]
    return len(words) > 1 and all(ARTICLE.match(w.split("-", 1)[0].casefold()) and "-" in w
                                  for w in words)
