"""Name chains: runs of capitalised name tokens, and "Office" + "of" + "Supplies" joined.

A token is a name token by its shape and the word lists (the lexicon); a chain is a run of
them, with the joiners names hold ("Harakat al-Tawhid wa al-Khidma", "Girls' School").
classify.py types each chain; places.py reads the places a chain's context makes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from sijill.names import fold as _fold
from sijill.names.words import Lexicon, lexicon

# Folding runs on every capitalised token; names and words recur across documents.
fold = lru_cache(maxsize=1 << 16)(_fold)

ARTNAME = re.compile(
    # "li'l-" and "bi'l-": a preposition elided into the article ("li'l-Ighatha").
    r"^(?:al|el|il|ul|ad|an|ar|as|ash|at|az|ath|adh|ed|en|er|es|et|ez|lil|[lbf]i['’]l)-\w",
    re.IGNORECASE)
# A preposition fused to a capitalised name inside a unit's Arabic name ("bi-Say'un").
PREPNAME = re.compile(r"^(?:bi|li|fi)-[A-Z]")
APOSTROPHES = {"'", "’"}
# Marks written for an ayn or a hamza at the start of a word, as PDF and web copies show
# them (straight and curly quotes, the low "„" and high "‟" of some fonts, the letters ʿ ʾ).
AYN_MARKS = {"'", "’", "‘", "„", "‟", "`", "ʿ", "ʾ"}
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


@lru_cache(maxsize=1 << 16)
def listed_form(token_text: str) -> str:
    """The token as the word lists hold it: case-folded, no closing dot, straight apostrophes,
    no accents (a scholarly transliteration's "Amīr" and "Shaykh" are one title)."""
    # Curly apostrophes (HTML &#8217;) are the word lists' straight ones: "Jam’iyyat".
    word = token_text.casefold().rstrip(".").replace("’", "'")
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare)


@lru_cache(maxsize=1 << 16)
def _is_name_token(text: str) -> bool:
    lex = lexicon()
    if ARTNAME.match(text) or PREPNAME.match(text):
        return True
    if listed_form(text) in lex.nasab:
        return True
    if not text[:1].isupper() or not any(ch.isalpha() for ch in text):
        return False
    return listed_form(text) not in lex.stop and fold(text) not in lex.stop


def _flags(doc: Doc, lex: Lexicon) -> list[bool]:
    """Name tokens, with the context that a word alone cannot show: the second word of a
    two-word month ("Jumada al-Ula") is none, and a month that is also a given name is one
    between two name words ("Salem Ramadan al-Fitouri")."""
    texts = [t.text for t in doc]
    flags = [_is_name_token(t) for t in texts]
    n = len(texts)
    for i in range(n):
        word = listed_form(texts[i])
        k = i - 1 if i == 0 or texts[i - 1] not in APOSTROPHES else i - 2
        if flags[i] and k >= 0 and listed_form(texts[k]) in lex.month_heads:
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
        if not flags[i] and listed_form(texts[i]) in lex.org_qualifiers and texts[i][:1].isupper() \
                and listed_form(texts[k]) in lex.org_suffix and texts[k][:1].isupper():
            flags[i] = True  # "Sharia Court", "Orphans' Fund"
    return flags


def _in_capitals(texts: list[str], i: int) -> bool:
    """A word of a line written in capitals ("THIS IS A NOTICE"), not an acronym."""
    return any(0 <= j < len(texts) and len(texts[j]) > 1 and texts[j].isupper()
               and texts[j].isalpha() for j in (i - 1, i + 1))


def _name_start(text: str, lex: Lexicon) -> bool:
    """A word that continues a person's name: a given name, a kunya or 'Abd particle."""
    word = listed_form(text)
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
                  and (listed_form(doc[i].text) in lex.kunya | lex.abd
                       or fold(doc[i].text) in lex.given)):
                j += 2
            elif (doc[j].lower_ in lex.org_joiners and j + 1 < n and ARTNAME.match(doc[j + 1].text)
                  and unit_word(doc[i].text, lex, lex.org_prefix)):
                j += 2  # "Harakat al-Tawhid wa al-Khidma"
            elif (doc[j].text in APOSTROPHES and not doc[j - 1].whitespace_ and j + 1 < n
                  and doc[j].whitespace_ and flags[j + 1]):
                j += 1  # "Girls' School", "Qita' al-Sahil"
            elif (doc[j].text in POSSESSIVES and not doc[j - 1].whitespace_ and j + 1 < n
                  and doc[j].whitespace_ and flags[j + 1]
                  and listed_form(doc[j + 1].text) in lex.org_suffix):
                j += 1  # "Fishermen's Association"
            elif _ayn_opening(doc, j, flags):
                j += 2  # "Abu 'Amer", "Abd al-Rauf ‘Uthman"
            elif _uncertain_reading(doc, j, flags):
                j += 5  # "Yusuf [Hamadi?] Yusuf"
            else:
                break
        while j > i and listed_form(doc[j - 1].text) in lex.nasab:
            j -= 1
        s = i
        while s < j and listed_form(doc[s].text) in lex.nasab and not _family_nasab(doc, s, j, lex):
            s += 1
        if s < j:
            chains.append((s, j))
        i = max(j, i + 1)
    return chains


def _ayn_opening(doc: Doc, j: int, flags: list[bool]) -> bool:
    """A mark for the ayn or hamza opening a name word ("Abu 'Amer", "„Umar „Abd
    al-Karim"): glued to the word after it, apart from the word before."""
    return (doc[j].text in AYN_MARKS and doc[j - 1].whitespace_ != "" and not doc[j].whitespace_
            and j + 1 < len(doc) and flags[j + 1])


def _uncertain_reading(doc: Doc, j: int, flags: list[bool]) -> bool:
    """A translator's uncertain reading of one name word, in brackets with a question mark
    ("Yusuf [Hamadi?] Yusuf"): a word of the name."""
    if j + 4 >= len(doc) or (doc[j].text, doc[j + 2].text, doc[j + 3].text) != ("[", "?", "]"):
        return False
    return flags[j + 1] and flags[j + 4]


def _family_nasab(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """A capitalised nasab opening a family name ("Ould Baba", "Ag Ghaly")."""
    return (listed_form(doc[s].text) in lex.family_nasab and doc[s].text[:1].isupper()
            and s + 1 < e and not doc[s].text.isupper())


def unit_word(text: str, lex: Lexicon, words: frozenset[str]) -> bool:
    """A unit word, also with a Persian ezafe ("Majlis-e", "Khidmat-e")."""
    word = listed_form(text)
    if word in words:
        return True
    return any(word.endswith(e) and word[: -len(e)] in words for e in lex.ezafe)


def cued(doc: Doc, start: int) -> bool:
    """A cue word right before the chain ("our brother Shaddad", "is called Abu Malik")."""
    lex = lexicon()
    k = start - 1
    if k >= 0 and doc[k].lower_ == "the":
        return False  # "witness the X Meeting": a person's name takes no article
    while k >= 0 and doc[k].lower_ in lex.cue_fillers:
        k -= 1
    return k >= 0 and (listed_form(doc[k].text) in lex.cues
                       or listed_form(doc[k].text) in lex.titles)


def phrases_of(doc: Doc) -> dict[tuple[int, int], str]:
    out: dict[tuple[int, int], str] = {}
    for span in doc.spans.get("sj_phrases", []):
        out.setdefault((span.start, span.end), span.label_)
    return out


def merge_of(doc: Doc, chains: list[tuple[int, int]], lex: Lexicon,
              phrases: dict[tuple[int, int], str]) -> list[tuple[int, int]]:
    """Join "Office" + "of (the)" + "Supplies" into one chain, unless the part after "of"
    is itself an organisation or a person ("Media Office of Harakat Nur al-Wadi")."""
    out: list[tuple[int, int]] = []
    for s, e in chains:
        if out:
            ps, pe = out[-1]
            gap = [t.lower_ for t in doc[pe:s]]
            if (gap in (["of"], ["of", "the"])
                    and listed_form(doc[pe - 1].text) in lex.org_of_suffix
                    and listed_form(doc[s].text) not in lex.org_prefix | lex.kunya | lex.abd
                    and (listed_form(doc[e - 1].text) not in lex.org_suffix
                         or _bare_field(doc, gap, s, e))):
                out[-1] = (ps, e)
                continue
            if gap in (["of"], ["of", "the"]) and _named_unit(doc, ps, pe, lex) \
                    and _plain(doc, s, e, lex):
                out[-1] = (ps, e)  # "Majlis Ahl al-Hall of Armanaz", "Association of X of Gao"
                continue
            if gap == ["for"] and listed_form(doc[pe - 1].text) in lex.org_suffix \
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
            and e - s > 1 and listed_form(doc[e - 1].text) in lex.org_suffix
            and not unit_word(doc[s].text, lex, lex.org_prefix))


def _of_name(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """An English unit name with "of": "Office of Agriculture"."""
    return unit_of(doc, s, e, lex) and doc[e - 1].lower_ != "the"


def _named_unit(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """A unit already named in full: an Arabic unit word and its name ("Majlis Ahl
    al-Hall"), or an English unit with "of" ("Association of Salt Traders")."""
    arabic = e - s > 1 and unit_word(doc[s].text, lex, lex.org_prefix)
    return arabic or _of_name(doc, s, e, lex)


def _plain(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """One or two plain capitalised words: not a name, a unit or a place's own words."""
    words = [listed_form(doc[k].text) for k in range(s, e)]
    return (len(words) <= 2 and not ARTNAME.match(doc[s].text)
            and not set(words) & (lex.kunya | lex.abd | lex.org_prefix | lex.org_suffix
                                  | lex.given | lex.place_prefix | lex.geo_prefix))


def unit_of(doc: Doc, s: int, e: int, lex: Lexicon) -> bool:
    """"Office of Supplies", "Court of al-Bab": a unit word, then "of"."""
    return any((doc[k].lower_ == "of" and listed_form(doc[k - 1].text) in lex.org_of_suffix)
               or (doc[k].lower_ == "for" and listed_form(doc[k - 1].text) in lex.org_suffix)
               for k in range(s + 1, e - 1))


ARTICLE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|az|ath|adh|ed|en|er|es|et|ez)$")


def name_words(text: str) -> list[str]:
    """A name's folded words without its articles (all of them, when it has no others)."""
    return list(_name_word_tuple(text))


@lru_cache(maxsize=1 << 16)
def _name_word_tuple(text: str) -> tuple[str, ...]:
    # Grouping compares every pair of a document's mentions: fold each text once.
    words = tuple(w for w in fold(text).split() if not ARTICLE.match(w))
    return words or tuple(fold(text).split())


def mention_text(doc: Doc, cand: Candidate) -> str:
    """The candidate's text without the apostrophes closing it ("Qita'" as "Qita")."""
    span = cand.span(doc)
    end = span.end
    while end > span.start and doc[end - 1].text in APOSTROPHES:
        end -= 1
    return doc[span.start : end].text
