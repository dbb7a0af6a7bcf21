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
    # "li'l-" and "bi'l-": a preposition elided into the article ("li'l-Ighatha").
    r"^(?:al|el|il|ul|ad|an|ar|as|ash|at|az|ath|adh|ed|en|er|es|et|ez|lil|[lbf]i['’]l)-\w",
    re.IGNORECASE)
# A preposition fused to a capitalised name inside a unit's Arabic name ("bi-Say'un").
PREPNAME = re.compile(r"^(?:bi|li|fi)-[A-Z]")
APOSTROPHES = {"'", "’"}
POSSESSIVES = {"'s", "’s"}


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
    paired: bool = False  # one side of an alias the text states

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


def low(token_text: str) -> str:
    # Curly apostrophes (HTML &#8217;) are the word lists' straight ones: "Jam’iyyat".
    return token_text.casefold().rstrip(".").replace("’", "'")


@lru_cache(maxsize=1 << 16)
def _is_name_token(text: str) -> bool:
    lex = lexicon()
    if ARTNAME.match(text) or PREPNAME.match(text):
        return True
    if low(text) in lex.nasab:
        return True
    if not text[:1].isupper() or not any(ch.isalpha() for ch in text):
        return False
    return low(text) not in lex.stop and fold(text) not in lex.stop


def _flags(doc: Doc, lex: Lexicon) -> list[bool]:
    """Name tokens, with the context that a word alone cannot show: the second word of a
    two-word month ("Jumada al-Ula") is none, and a month that is also a given name is one
    between two name words ("Salem Ramadan al-Fitouri")."""
    texts = [t.text for t in doc]
    flags = [_is_name_token(t) for t in texts]
    n = len(texts)
    for i in range(n):
        word = low(texts[i])
        k = i - 1 if i == 0 or texts[i - 1] not in APOSTROPHES else i - 2
        if flags[i] and k >= 0 and low(texts[k]) in lex.month_heads:
            flags[i] = False
        elif not flags[i] and word in lex.name_months and i < n - 1 and flags[i + 1] \
                and doc[i].whitespace_ and (i > 0 and flags[i - 1] and doc[i - 1].whitespace_
                                            or _name_start(texts[i + 1], lex)):
            flags[i] = True  # "Salem Ramadan al-Fitouri", "the defendant Ramadan Ali"
    for span in doc.spans.get("sj_phrases", []):
        if len(span) == 1 and span.text.isupper() and not _in_capitals(texts, span.start):
            flags[span.start] = True  # an authority acronym that is also a word: "IS"
    for i in range(n - 1):
        k = i + 2 if texts[i + 1] in APOSTROPHES and i + 2 < n else i + 1
        if not flags[i] and low(texts[i]) in lex.org_qualifiers and texts[i][:1].isupper() \
                and low(texts[k]) in lex.org_suffix and texts[k][:1].isupper():
            flags[i] = True  # "Sharia Court", "Orphans' Fund"
    return flags


def _in_capitals(texts: list[str], i: int) -> bool:
    """A word of a line written in capitals ("THIS IS A NOTICE"), not an acronym."""
    return any(0 <= j < len(texts) and len(texts[j]) > 1 and texts[j].isupper()
               and texts[j].isalpha() for j in (i - 1, i + 1))


def _name_start(text: str, lex: Lexicon) -> bool:
    """A word that continues a person's name: a given name, a kunya or 'Abd particle."""
    word = low(text)
    return fold(text) in lex.given or word in lex.kunya or word in lex.abd


def find_chains(doc: Doc) -> list[tuple[int, int]]:
    lex = lexicon()
    flags = _flags(doc, lex)
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
            elif (doc[j].lower_ in lex.org_joiners and j + 1 < n and ARTNAME.match(doc[j + 1].text)
                  and _unit_word(doc[i].text, lex, lex.org_prefix)):
                j += 2  # "Harakat al-Tawhid wa al-Khidma"
            elif (doc[j].text in APOSTROPHES and not doc[j - 1].whitespace_ and j + 1 < n
                  and doc[j].whitespace_ and flags[j + 1]):
                j += 1  # "Girls' School", "Qita' al-Sahil"
            elif (doc[j].text in POSSESSIVES and not doc[j - 1].whitespace_ and j + 1 < n
                  and doc[j].whitespace_ and flags[j + 1]
                  and low(doc[j + 1].text) in lex.org_suffix):
                j += 1  # "Fishermen's Association"
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


def _unit_word(text: str, lex: Lexicon, words: frozenset[str]) -> bool:
    """A unit word, also with a Persian ezafe ("Majlis-e", "Khidmat-e")."""
    word = low(text)
    if word in words:
        return True
    return any(word.endswith(e) and word[: -len(e)] in words for e in lex.ezafe)


def cued(doc: Doc, start: int) -> bool:
    """A cue word right before the chain ("our brother Shaddad", "is called Abu Malik")."""
    lex = lexicon()
    k = start - 1
    while k >= 0 and doc[k].lower_ in lex.cue_fillers:
        k -= 1
    return k >= 0 and (low(doc[k].text) in lex.cues or low(doc[k].text) in lex.titles)


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
    if len(words) > 1 and (fold(words[0]).replace(" ", "") in lex.given
                           or _fused_abd(words[0], lex) or _theophoric(words[0], lex)):
        return True
    if len(words) > 2 and any(fold(w) in lex.given for w in words[1:]) \
            and not any(low(w) in lex.org_suffix | lex.place_suffix for w in words):
        return True  # "Faduma Abdi Nur": three name words, one of them a given name
    return len(words) > 1 and _is_nisba(words[-1], lex)


def _fused_abd(word: str, lex: Lexicon) -> bool:
    """'Abd and a divine name in one word ("Abdirahman", "Abdulkadir")."""
    folded = fold(word)
    return len(folded) >= lex.abd_fused_min and folded.startswith(tuple(lex.abd)) \
        and folded.isalpha()


def _theophoric(word: str, lex: Lexicon) -> bool:
    """A given name fused with "Allah" ("Hafizullah", "Rahmatullah")."""
    folded = fold(word)
    return len(folded) >= lex.theophoric_min and folded.endswith(lex.theophoric_endings) \
        and folded.isalpha()


def _merge_of(doc: Doc, chains: list[tuple[int, int]], lex: Lexicon,
              phrases: dict[tuple[int, int], str]) -> list[tuple[int, int]]:
    """Join "Office" + "of (the)" + "Supplies" into one chain, unless the part after "of"
    is itself an organisation or a person ("Media Office of Harakat Nur al-Wadi")."""
    out: list[tuple[int, int]] = []
    for s, e in chains:
        if out:
            ps, pe = out[-1]
            gap = [t.lower_ for t in doc[pe:s]]
            if (gap in (["of"], ["of", "the"]) and low(doc[pe - 1].text) in lex.org_of_suffix
                    and low(doc[s].text) not in lex.org_prefix | lex.kunya | lex.abd
                    and (low(doc[e - 1].text) not in lex.org_suffix
                         or _bare_field(doc, gap, s, e))):
                out[-1] = (ps, e)
                continue
            if gap in (["of"], ["of", "the"]) and _named_unit(doc, ps, pe, lex) \
                    and _plain(doc, s, e, lex):
                out[-1] = (ps, e)  # "Majlis Ahl al-Hall of Armanaz", "Association of X of Gao"
                continue
            if gap == ["for"] and low(doc[pe - 1].text) in lex.org_suffix \
                    and _plain(doc, s, e, lex) and (s, e) not in phrases:
                out[-1] = (ps, e)  # "General Administration for Education"
                continue
            if gap in (["and"], ["&"]) and _of_name(doc, ps, pe, lex) and _plain(doc, s, e, lex):
                out[-1] = (ps, e)  # "Office of Agriculture and Fisheries"
                continue
            if gap in (["and"], ["&"]) and _shared_unit(doc, (ps, pe), (s, e), lex, phrases):
                out[-1] = (ps, e)  # "Traffic and Vehicles Office"
                continue
        out.append((s, e))
    return out


def _bare_field(doc: Doc, gap: list[str], s: int, e: int) -> bool:
    """A lone unit word right after "of" is the office's field, not a second unit
    ("Office of Administration"); "of the Army" still names another body."""
    return gap == ["of"] and e - s == 1 and not doc[s].text.isupper()


def _shared_unit(doc: Doc, left: tuple[int, int], right: tuple[int, int], lex: Lexicon,
                 phrases: dict[tuple[int, int], str]) -> bool:
    """A plain word joined to an English unit's name shares its unit word ("Traffic and
    Vehicles Office"); a known place before "and" is a place of its own."""
    s, e = right
    return (left[1] - left[0] == 1 and _plain(doc, *left, lex) and left not in phrases
            and e - s > 1 and low(doc[e - 1].text) in lex.org_suffix
            and not _unit_word(doc[s].text, lex, lex.org_prefix))


def _of_name(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """An English unit name with "of": "Office of Agriculture"."""
    return _unit_of(doc, s, e, lex) and doc[e - 1].lower_ != "the"


def _named_unit(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """A unit already named in full: an Arabic unit word and its name ("Majlis Ahl
    al-Hall"), or an English unit with "of" ("Association of Salt Traders")."""
    arabic = e - s > 1 and _unit_word(doc[s].text, lex, lex.org_prefix)
    return arabic or _of_name(doc, s, e, lex)


def _plain(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """One or two plain capitalised words: not a name, a unit or a place's own words."""
    words = [low(doc[k].text) for k in range(s, e)]
    return (len(words) <= 2 and not ARTNAME.match(doc[s].text)
            and not set(words) & (lex.kunya | lex.abd | lex.org_prefix | lex.org_suffix
                                  | lex.given | lex.place_prefix | lex.geo_prefix))


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
    if e - s == 1 and first in lex.org_standalone:
        return [Candidate(s, e, "organization")]  # "the Hisba"
    if _unit_of(doc, s, e, lex):
        return [Candidate(s, e, "organization", _key(phrases.get((s, e)))),
                *_of_places(doc, s, e, phrases)]
    if last in lex.place_suffix and _directional(doc, s, e - 1, lex):
        return []  # "Northern Sector"
    if first in lex.place_prefix and e - s > 1:
        return [Candidate(s, e, "place", _key(phrases.get((s, e))))]
    if _unit_word(doc[s].text, lex, lex.org_prefix) and e - s > 1:
        return [Candidate(s, e, "organization", _key(phrases.get((s, e))))]
    if last in lex.org_suffix:
        if e - s == 1:
            return []
        return [Candidate(s, e, "organization", _key(phrases.get((s, e)))),
                *_of_places(doc, s, e, phrases)]
    if first in lex.geo_prefix and e - s > 1:
        return [Candidate(s, e, "place", _key(phrases.get((s, e))))]
    if last in lex.place_suffix and e - s > 1:
        return [Candidate(s, e, "place")]
    if e - s == 2 and first in lex.directions and (s, e) not in phrases:
        return [Candidate(s, e, "place")]  # "Middle Shabelle", "Upper Nile"
    if last in lex.place_dropped and e - s > 1:
        return [Candidate(s, e - 1, "place", _key(phrases.get((s, e - 1))))]
    before = s - 2 if s > 1 and doc[s - 1].text in ('"', "“", "'") else s - 1
    if before >= 0 and doc[before].lower_ in lex.org_cues:
        return [Candidate(s, e, "organization")]
    label = phrases.get((s, e))
    if label and label.startswith("place") and low(doc[s].text) in lex.kunya and cued(doc, s):
        return [Candidate(s, e, "person")]  # "the teacher Umm Sa'd", not the village
    if label and not (label.startswith("person") and e - s == 1):
        return [Candidate(s, e, label.split("|")[0], _key(label))]
    if _person_shape(doc, s, e, lex) or (e - s > 1 and cued(doc, s)):
        return [Candidate(s, e, "person")]
    inner = _inner_phrases(s, e, phrases)
    return inner or [Candidate(s, e, None)]


def _directional(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    return all(low(doc[k].text) in lex.directions for k in range(s, e))


def _unit_of(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """"Office of Supplies", "Court of al-Bab": a unit word, then "of"."""
    return any((doc[k].lower_ == "of" and low(doc[k - 1].text) in lex.org_of_suffix)
               or (doc[k].lower_ == "for" and low(doc[k - 1].text) in lex.org_suffix)
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
    """A place named after "of" inside an organisation's name (Court of al-Bab, Committee of
    the al-Sabri Neighbourhood)."""
    dropped = lexicon().place_dropped
    for k in range(s, e):
        if doc[k].lower_ == "of":
            start = k + 2 if doc[k + 1].lower_ == "the" else k + 1
            label = phrases.get((start, e))
            if label and label.startswith("place"):
                return [Candidate(start, e, "place", _key(label), nested=True)]
            if e - start > 1 and low(doc[e - 1].text) in dropped:
                key = _key(phrases.get((start, e - 1)))
                return [Candidate(start, e - 1, "place", key, nested=True)]
    return []


def candidates(doc: Doc) -> list[Candidate]:
    lex = lexicon()
    phrases = _phrases(doc)
    out: list[Candidate] = []
    merged = _split_possessives(doc, _merge_of(doc, find_chains(doc), lex, phrases), phrases)
    placed = _place_context(doc, merged, lex)
    for s, e in merged:
        whole = phrases.get((s, e), "")
        # "Imam Sahib" is a town: a title word opens some place names.
        core = s if whole.startswith("place") else _leading_titles(doc, s, e, lex)
        role = (s, core) if core > s else None
        unit_end = _lower_unit_after(doc, e, lex)
        if unit_end > e and _place_then_unit(doc, core, e, phrases, placed):
            # "the Ubari clinic", "the Hawija office": a place's clinic, not a named one.
            out.append(Candidate(core, e, "place", _key(phrases.get((core, e)))))
            continue
        if unit_end > e:
            out.append(Candidate(core, unit_end, "organization"))
            label = phrases.get((core, e))
            if label and label.startswith("place"):
                out.append(Candidate(core, e, "place", _key(label), nested=True))
            continue
        found = classify(doc, core, e, phrases, lex)
        if (s, e) in placed and all(c.type in (None, "place") for c in found):
            # "the villages of Marj Hilal": the whole name, not the town "Marj" inside it.
            found = [Candidate(core, e, "place", _key(phrases.get((core, e))))]
        for cand in found:
            if cand.start == core:
                cand.role = role
            out.append(cand)
    out.extend(_lower_of_orgs(doc, out, lex))
    out = _authority_names(merged, phrases, out)
    return sorted(out, key=lambda c: (c.start, -c.end))


def _authoritative(label: str | None) -> bool:
    return bool(label) and label.split("|", 1)[1].startswith(("auth:", "shared:"))


def _split_possessives(doc: Doc, chains: list[tuple[int, int]],
                       phrases: dict[tuple[int, int], str]) -> list[tuple[int, int]]:
    """"the Islamic State's Administration in Yemen": a known group's possession, not a
    unit of that name; the group is its own chain."""
    out: list[tuple[int, int]] = []
    for s, e in chains:
        k = next((k for k in range(s + 1, e) if doc[k].text in POSSESSIVES
                  and _authoritative(phrases.get((s, k)))), None)
        out.extend([(s, k), (k + 1, e)] if k is not None and k + 1 < e else [(s, e)])
    return out


def _authority_names(chains: list[tuple[int, int]], phrases: dict[tuple[int, int], str],
                     out: list[Candidate]) -> list[Candidate]:
    """An authority name that the capitalised chains cut or overrun ("People’s Defense
    Units", "the Palestinian territories", "the Kabul administration") is one mention; the
    pieces inside it are not names of their own."""
    for (a, b), label in phrases.items():
        if not _authoritative(label) or any(s <= a and b <= e for s, e in chains):
            continue
        if not any(s < b and a < e for s, e in chains):
            continue
        out = [c for c in out if not (a <= c.start and c.end <= b)]
        out.append(Candidate(a, b, label.split("|")[0], _key(label)))
    return out


def _place_then_unit(doc: Doc, s: int, e: int, phrases: dict[tuple[int, int], str],
                     placed: set[tuple[int, int]]) -> bool:
    """A known place right before a lower-case unit word ("Idlib city municipality" names
    its unit through "city" and stays an organisation)."""
    if doc[e].lower_ in ("city", "town"):
        return False
    # "the Hay al-Qadisiyya pharmacy": a quarter's name by its settlement word.
    geo = e - s > 1 and low(doc[s].text) in lexicon().geo_prefix
    return geo or phrases.get((s, e), "").startswith("place") or (s, e) in placed


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


def _place_context(doc: Doc, chains: list[tuple[int, int]], lex: Lexicon) -> set[tuple[int, int]]:
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
    roles = [c for c in cands if c.type is None and low(doc[c.end - 1].text) in lex.titles]
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
