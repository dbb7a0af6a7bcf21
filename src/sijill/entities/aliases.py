"""Aliases a document states: "X aka Y", "X (Y)", "X / Y", a translator's quoted spelling.

Each stated pair is kept for grouping.py, which joins the two mentions into one entity.
"""

from __future__ import annotations

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


def _walk(doc: Doc, k: int, step: int, skip: set[str], limit: int = 3) -> int:
    for _ in range(limit):
        if 0 <= k < len(doc) and doc[k].lower_ in skip:
            k += step
    return k


def _rights(doc: Doc, cands: list[Candidate], k: int) -> list[Candidate]:
    """The names after a cue: one, or several joined by "/" (Wadah al-Hamawi/Abu Aqlama)."""
    out: list[Candidate] = []
    cand = _starting_at(cands, k)
    while cand is not None:
        out.append(cand)
        if cand.end < len(doc) and doc[cand.end].text == "/":
            cand = _starting_at(cands, cand.end + 1)
        else:
            break
    return out


def _nearest_before(doc: Doc, cands: list[Candidate], start: int,
                    type_: str | None) -> Candidate | None:
    """The nearest name before a cue on its line ("X, which editors sometimes call Y";
    "the same X ...; he is also known as Y"), of the type of the alias when known."""
    k = start - 1
    while k >= 0 and start - k < 40 and "\n" not in doc[k].text:
        cand = _ending_at(cands, k + 1)
        if cand is not None and cand.type is not None and type_ in (None, cand.type):
            return cand
        k -= 1
    return None


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
    skip = set(cfg["skip"])
    pairs: list[tuple[Candidate, Candidate]] = []
    for start, end, _direction in doc._.sj_alias_cues or []:
        rights = _rights(doc, cands, _walk(doc, end, 1, skip))
        left = _ending_at(cands, _walk(doc, start - 1, -1, skip) + 1)
        if left is None and rights:
            left = _nearest_before(doc, cands, start, rights[0].type)
        blocked = cfg["not_for"].get(doc[start].text, [])
        for right in rights:
            right.stated = True  # "appears elsewhere as Y": stated even when X is far back
            if left is not None and left.type not in blocked and right.type not in blocked:
                add_pair(left, right, pairs)
    for cand in cands:
        _paren_aliases(doc, cands, cand, pairs)
        _slashed(doc, cands, cand, pairs)
    _cited_spellings(doc, cands)
    return pairs


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
                   pairs: list[tuple[Candidate, Candidate]]) -> None:
    """"X (Y)", "X (Y, ...)" and "X (Y/Z)": a name in parentheses right after a name."""
    k = cand.end + 1 if cand.end < len(doc) and doc[cand.end].text in APOSTROPHES else cand.end
    if cand.nested or k + 1 >= len(doc) or doc[k].text not in _OPENERS:
        return
    closer = _OPENERS[doc[k].text]
    k += 1
    rights = _listed(doc, cands, k + 1 if k < len(doc) and doc[k].lower_ == "the" else k, closer)
    if not rights or rights[-1].end >= len(doc) or doc[rights[-1].end].text not in closer + "/,":
        return
    for right in rights:
        # Two places side by side ("al-Bab (Aleppo)") are a place and its region, not one.
        # "WEST KURDISTAN (SYRIA)": a known country or region after a place is where it lies.
        if cand.type == "place" and right.type == "place" and right.key:
            continue
        if cand.type == "organization" and right.type == "person" and _arabic_name(doc, right):
            right.type = "organization"  # "the Municipal Guard (al-Haras al-Baladi)"
        add_pair(cand, right, pairs)


# "X (Y)", and a translator's "X [Y: Z]" giving the Arabic name and the acronym.
_OPENERS = {"(": ")", "[": "]"}


def _listed(doc: Doc, cands: list[Candidate], k: int, closer: str) -> list[Candidate]:
    """The names in brackets: "(Y)", "(Y/Z)", and "(Y, Z)" or "[Y: Z]" when every item of
    the list up to the closing bracket is a name."""
    rights = _rights(doc, cands, k)
    out = list(rights)
    while out and out[-1].end + 1 < len(doc) and doc[out[-1].end].text in (",", ":"):
        more = _rights(doc, cands, out[-1].end + 1)
        if not more:
            return rights
        out.extend(more)
    if out and out[-1].end < len(doc) and doc[out[-1].end].text == closer:
        return out
    return rights


def _arabic_name(doc: Doc, cand: Candidate) -> bool:
    """Words that all open with an article: an institution's Arabic name, not a person's."""
    words = [t.text for t in cand.span(doc) if t.text not in APOSTROPHES]
    return len(words) > 1 and all(ARTICLE.match(w.split("-", 1)[0].casefold()) and "-" in w
                                  for w in words)
