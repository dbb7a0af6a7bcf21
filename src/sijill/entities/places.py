"""Places a name's context makes: "the villages of X", "X district", "in X", a list beside
a known place ("Kafr Nabl, Hass and Kansafra"), a table's Village column."""

from __future__ import annotations

from spacy.tokens import Doc

from sijill.entities.chains import Candidate, fold, listed_form
from sijill.names.words import Lexicon, lexicon


def _listed(doc: Doc, chains: list[tuple[int, int]], i: int) -> list[tuple[int, int]]:
    """The chain at i and those coordinated with it ("al-Sharj, Fuwwah and al-Dis")."""
    group = [chains[i]]
    j = i + 1
    while j < len(chains):
        gap = [t.lower_ for t in doc[group[-1][1] : chains[j][0]]]
        if gap not in ([","], ["and"], [",", "and"], ["or"]):
            break
        group.append(chains[j])
        j += 1
    return group


def _place_cue_before(doc: Doc, start: int, lex: Lexicon) -> bool:
    """"the villages of X", "the district of X"."""
    k = start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in lex.place_lower_of \
        and doc[k - 1].text.islower()


def _place_cue_after(doc: Doc, end: int, lex: Lexicon) -> bool:
    """"the al-Sharj district"; "X is a small village"."""
    if end < len(doc) and doc[end].text.islower() and doc[end].lower_ in lex.place_lower_after:
        return True
    words = [t.lower_ for t in doc[end : end + 4]]
    if len(words) < 3 or words[0] not in ("is", "was") or words[1] not in ("a", "an"):
        return False
    return words[2] in lex.copula_nouns or (len(words) > 3 and words[3] in lex.copula_nouns)


def place_context(doc: Doc, chains: list[tuple[int, int]], lex: Lexicon) -> set[tuple[int, int]]:
    """The chains that their context makes places, with the chains listed beside them."""
    out: set[tuple[int, int]] = set()
    i = 0
    while i < len(chains):
        group = _listed(doc, chains, i)
        if _place_cue_before(doc, group[0][0], lex) or _place_cue_after(doc, group[-1][1], lex):
            out.update(group)
        i += len(group)
    return out


def settle_places(doc: Doc, cands: list[Candidate]) -> None:
    """Untyped names that their context makes places: after "in"/"at"/"near", beside a known
    place in a list ("Kafr Nabl, Hass and Kansafra"), or in a table's Village column."""
    lex = lexicon()
    columns = _place_cells(doc, lex)
    roles = [c for c in cands if c.type is None and listed_form(doc[c.end - 1].text) in lex.titles]
    for cand in roles:
        cand.type = "role"  # "Services Official, al-Qaim Sector": a title, not a place
    for cand in cands:
        if cand.type is None and not _acronym_like(doc, cand) and (
                _after_preposition(doc, cand, lex) or (cand.start, cand.end) in columns):
            cand.type = "place"
    _listed_places(doc, cands)
    for cand in roles:
        cand.type = None


def _acronym_like(doc: Doc, cand: Candidate) -> bool:
    span = cand.span(doc)
    return len(span) == 1 and span.text.isupper()


def _after_preposition(doc: Doc, cand: Candidate, lex: Lexicon) -> bool:
    k = cand.start - 1
    if k < 0 or doc[k].lower_ not in lex.place_prepositions or not doc[k].text.islower():
        return False
    # "in Ahmad's shop": a lone given name after "in" is a person's.
    return not (cand.end - cand.start == 1 and fold(doc[cand.start].text) in lex.given)


def _listed_places(doc: Doc, cands: list[Candidate]) -> None:
    typed = sorted((c for c in cands if not c.nested), key=lambda c: c.start)
    for _ in range(2):  # forward, then backward along each list
        for a, b in zip(typed, typed[1:], strict=False):
            if (a.type is None) == (b.type is None) or not 0 < b.start - a.end <= 2:
                continue
            gap = [t.lower_ for t in doc[a.end : b.start]]
            if gap not in ([","], ["and"], [",", "and"], ["or"]):
                continue
            if a.type == "place" and b.type is None:
                b.type = "place"
            elif b.type == "place" and a.type is None:
                a.type = "place"


def _place_cells(doc: Doc, lex: Lexicon) -> set[tuple[int, int]]:
    """Token ranges of the cells under a place heading of a "|" table."""
    out: set[tuple[int, int]] = set()
    text = doc.text  # spaCy rebuilds it on every access
    if "|" not in text:
        return out  # most documents hold no table: skip the line scan
    column: int | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        cells = _cells(line, offset) if "|" in line else []
        offset += len(line)
        if len(cells) < 2:
            column = None
            continue
        heads = [text[a:b].casefold() for a, b in cells]
        found = next((i for i, h in enumerate(heads) if h in lex.place_columns), None)
        if found is not None:
            column = found
        elif column is not None and column < len(cells):
            span = doc.char_span(*cells[column], alignment_mode="contract")
            if span is not None and len(span):
                out.add((span.start, span.end))
    return out


def _cells(line: str, offset: int) -> list[tuple[int, int]]:
    """The cells of a table row as character ranges, without the spaces around them."""
    cells, start = [], 0
    for part in line.rstrip("\r\n").split("|"):
        stripped = part.strip()
        if stripped:
            a = offset + start + part.index(stripped)
            cells.append((a, a + len(stripped)))
        else:
            cells.append((offset + start, offset + start))
        start += len(part) + 1
    return cells
