"""Typing name chains: person, organisation, place or unknown, as candidates for mentions.

A chain is classified by its first and last words (unit words make organisations, Wilayat
and Sector make places), by the gazetteer and authority names it matches, and by Arabic
name structure (kunya, 'Abd compound, nasab, given name, nisba). Titles before a name are
cut off and kept as the mention's role.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from sijill.entities.chains import (
    ARTNAME,
    AYN_MARKS,
    POSSESSIVES,
    Candidate,
    cued,
    find_chains,
    fold,
    listed_form,
    merge_of,
    phrases_of,
    unit_of,
    unit_word,
)
from sijill.entities.places import place_context
from sijill.names.words import Lexicon, lexicon


def candidates(doc: Doc) -> list[Candidate]:
    lex = lexicon()
    phrases = phrases_of(doc)
    out: list[Candidate] = []
    merged = _split_possessives(doc, merge_of(doc, find_chains(doc), lex, phrases), phrases)
    placed = place_context(doc, merged, lex)
    for s, e in merged:
        whole = phrases.get((s, e), "")
        # "Imam Sahib" is a town: a title word opens some place names.
        core = s if whole.startswith("place") else _leading_titles(doc, s, e, lex)
        role = (s, core) if core > s else None
        if role and _only_titles(doc, core, e, lex):
            continue
        unit_end = _lower_unit_after(doc, e, lex)
        if unit_end > e and _place_then_unit(doc, core, e, phrases, placed):
            # "the Ubari clinic", "the Hawija office": a place's clinic, not a named one.
            out.append(Candidate(core, e, "place", authority_key(phrases.get((core, e)))))
            continue
        if unit_end > e:
            out.append(Candidate(core, unit_end, "organization"))
            label = phrases.get((core, e))
            if label and label.startswith("place"):
                out.append(Candidate(core, e, "place", authority_key(label), nested=True))
            continue
        found = classify(doc, core, e, phrases, lex)
        if (s, e) in placed and all(c.type in (None, "place") for c in found):
            # "the villages of Marj Hilal": the whole name, not the town "Marj" inside it.
            found = [Candidate(core, e, "place", authority_key(phrases.get((core, e))))]
        for cand in found:
            if cand.start == core:
                cand.role = role
            out.append(cand)
    out.extend(_lower_of_orgs(doc, out, lex))
    out = _authority_names(merged, phrases, out)
    return sorted(out, key=lambda c: (c.start, -c.end))


def classify(doc: Doc, s: int, e: int, phrases: dict[tuple[int, int], str],
             lex: Lexicon) -> list[Candidate]:
    first, last = listed_form(doc[s].text), listed_form(doc[e - 1].text)
    if e - s == 1 and first in lex.org_standalone:
        return [Candidate(s, e, "organization")]  # "the Hisba"
    if unit_of(doc, s, e, lex):
        return [Candidate(s, e, "organization", authority_key(phrases.get((s, e)))),
                *_of_places(doc, s, e, phrases)]
    if last in lex.place_suffix and _directional(doc, s, e - 1, lex):
        return []  # "Northern Sector"
    if first in lex.place_prefix and e - s > 1:
        return [Candidate(s, e, "place", authority_key(phrases.get((s, e))))]
    if unit_word(doc[s].text, lex, lex.org_prefix) and e - s > 1:
        return [Candidate(s, e, "organization", authority_key(phrases.get((s, e))))]
    if last in lex.org_suffix:
        if e - s == 1:
            return []
        return [Candidate(s, e, "organization", authority_key(phrases.get((s, e)))),
                *_of_places(doc, s, e, phrases)]
    if first in lex.geo_prefix and e - s > 1:
        return [Candidate(s, e, "place", authority_key(phrases.get((s, e))))]
    if last in lex.place_suffix and e - s > 1:
        return [Candidate(s, e, "place")]
    if e - s == 2 and first in lex.directions and (s, e) not in phrases:
        return [Candidate(s, e, "place")]  # "Middle Shabelle", "Upper Nile"
    if last in lex.place_dropped and e - s > 1:
        return [Candidate(s, e - 1, "place", authority_key(phrases.get((s, e - 1))))]
    before = s - 2 if s > 1 and doc[s - 1].text in ('"', "“", "'") else s - 1
    if before >= 0 and doc[before].lower_ in lex.org_cues:
        return [Candidate(s, e, "organization")]
    label = phrases.get((s, e))
    if (label and label.startswith("place") and listed_form(doc[s].text) in lex.kunya
            and cued(doc, s)):
        return [Candidate(s, e, "person")]  # "the teacher Umm Sa'd", not the village
    if label and not (label.startswith("person") and e - s == 1):
        return [Candidate(s, e, label.split("|")[0], authority_key(label))]
    group = _group_first(s, e, phrases)
    if group is not None:
        return [group]  # "Hezbollah Media Relations Denies ...": a headline, not a name
    if _person_shape(doc, s, e, lex) or (e - s > 1 and cued(doc, s)):
        return [Candidate(s, e, "person")]
    inner = _inner_phrases(s, e, phrases)
    return inner or [Candidate(s, e, None)]


def _leading_titles(doc: Doc, s: int, e: int, lex: Lexicon) -> int:
    start = s
    while e - s > 1:
        if listed_form(doc[s].text) in lex.leading_titles:
            s += 1
        elif s > start and e - s > 2 and ARTNAME.match(doc[s].text) \
                and listed_form(doc[s + 1].text) in lex.leading_titles:
            s += 2  # a title's own complement, then a title: "Qadi al-Qudat Sheikh X"
        else:
            break
    return s


def _only_titles(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """"the Deputy Director": titles without a name (gold.md: not a person)."""
    return all(listed_form(doc[k].text) in lex.titles and fold(doc[k].text) not in lex.given
               for k in range(s, e))


def _lower_unit_after(doc: Doc, e: int, lex: Lexicon) -> int:
    """End of a lower-case unit word after a chain ("al-Shifa clinic", "Idlib city
    municipality"), or `e` when there is none."""
    k = e
    if k < len(doc) and doc[k].lower_ in ("city", "town") and doc[k].text.islower():
        k += 1
    if k < len(doc) and doc[k].text.islower() and doc[k].lower_ in lex.org_lower_suffix:
        return k + 1
    return e


def _group_first(s: int, e: int, phrases: dict[tuple[int, int], str]) -> Candidate | None:
    """A known group's name opening a longer chain: that group, and no person's name."""
    label = next((label for (a, b), label in phrases.items()
                  if a == s and b < e and label.startswith("organization|auth:")), None)
    if label is None:
        return None
    end = max(b for (a, b), lab in phrases.items() if a == s and lab == label)
    return Candidate(s, end, "organization", authority_key(label))


def _person_shape(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    words = [doc[k].text for k in range(s, e) if doc[k].text not in AYN_MARKS]
    first = listed_form(words[0])
    if len(words) == 1:
        return _theophoric(words[0], lex)  # "Rahmatullah": an Afghan single name
    if first in lex.kunya or first in lex.abd or first in lex.family_nasab:
        return True  # a kunya, an 'Abd name, a family name ("Ould Baba")
    if INITIALS.fullmatch(words[0]) and first not in lex.not_initials:
        return True  # "P.L. Ducasse", "J. Smith"
    if len(words) <= 3 and _family_name(words[-1], lex):
        return True  # "Aslan Gelayev", "Zarina Umarova", "Gul Ahmad Achakzai"
    if any(listed_form(w) in lex.nasab for w in words[1:-1]):
        return True
    if len(words) > 1 and (fold(words[0]).replace(" ", "") in lex.given
                           or _fused_abd(words[0], lex) or _theophoric(words[0], lex)):
        return True
    if len(words) > 2 and any(fold(w) in lex.given for w in words[1:]) \
            and not any(listed_form(w) in lex.org_suffix | lex.place_suffix for w in words):
        return True  # "Faduma Abdi Nur": three name words, one of them a given name
    return len(words) > 1 and _is_nisba(words[-1], lex)


INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


def _is_nisba(text: str, lex: Lexicon) -> bool:
    if not ARTNAME.match(text):
        return False
    word = fold(text.split("-", 1)[1])
    return len(word) > 3 and word.endswith(lex.nisba_endings) and word not in lex.not_nisba


def _fused_abd(word: str, lex: Lexicon) -> bool:
    """'Abd and a divine name in one word ("Abdirahman", "Abdulkadir")."""
    folded = fold(word)
    return len(folded) >= lex.abd_fused_min and folded.startswith(tuple(lex.abd)) \
        and folded.isalpha()


def _family_name(word: str, lex: Lexicon) -> bool:
    folded = fold(word)
    return len(folded) >= 6 and folded.isalpha() and folded.endswith(lex.surname_endings) \
        and listed_form(word) not in lex.org_suffix | lex.place_suffix | lex.place_dropped


def _theophoric(word: str, lex: Lexicon) -> bool:
    """A given name fused with "Allah" ("Hafizullah", "Rahmatullah"); a unit word fused
    with it is a group's name ("Ansarullah", "Jundullah", "Hizbollah")."""
    folded = fold(word)
    ending = next((e for e in lex.theophoric_endings if folded.endswith(e)), None)
    return len(folded) >= lex.theophoric_min and ending is not None and folded.isalpha() \
        and folded[: -len(ending)] not in lex.org_prefix


def _directional(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    return all(listed_form(doc[k].text) in lex.directions for k in range(s, e))


def authority_key(label: str | None) -> str | None:
    return label.split("|", 1)[1] if label else None


def _inner_phrases(s: int, e: int, phrases: dict[tuple[int, int], str]) -> list[Candidate]:
    found = sorted(((a, b, lab) for (a, b), lab in phrases.items()
                    if s <= a and b <= e and lab.startswith("place")),
                   key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[Candidate] = []
    for a, b, lab in found:
        if not out or a >= out[-1].end:
            out.append(Candidate(a, b, "place", authority_key(lab)))
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
                return [Candidate(start, e, "place", authority_key(label), nested=True)]
            if e - start > 1 and listed_form(doc[e - 1].text) in dropped:
                key = authority_key(phrases.get((start, e - 1)))
                return [Candidate(start, e - 1, "place", key, nested=True)]
    return []


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
        out.append(Candidate(a, b, label.split("|")[0], authority_key(label)))
    return out


def _place_then_unit(doc: Doc, s: int, e: int, phrases: dict[tuple[int, int], str],
                     placed: set[tuple[int, int]]) -> bool:
    """A known place right before a lower-case unit word ("Idlib city municipality" names
    its unit through "city" and stays an organisation)."""
    if doc[e].lower_ in ("city", "town"):
        return False
    # "the Hay al-Qadisiyya pharmacy": a quarter's name by its settlement word.
    geo = e - s > 1 and listed_form(doc[s].text) in lexicon().geo_prefix
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
