"""The grouping of a document's mentions into entities.

Mentions join one entity when they share a gazetteer or authority key, when `names.compare`
calls them spellings of one name, when one is a short form of the other, or when the text
states an alias. The entity's name is the fullest form of its first-named cluster; its
aliases are the other forms, except short forms and opponents' labels.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from typing import Any

from spacy.tokens import Doc

from sijill.entities.authority import default as default_authority
from sijill.entities.chains import Candidate, fold, mention_text, name_words
from sijill.entities.ids import authority_id, entity_id, generic_office
from sijill.model import Entity, Mention, Span
from sijill.names import compare, name_key
from sijill.names.words import lexicon


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _contains(outer: list[str], inner: list[str]) -> bool:
    n = len(inner)
    return 0 < n < len(outer) and any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def _same(a: Candidate, b: Candidate, ta: str, tb: str) -> bool:
    if a.type != b.type:
        return False
    if a.type == "place":
        # A sector and its town are two places (the Fallujah Sector, Fallujah).
        return (a.key is not None and a.key == b.key) or (
            _region(ta) == _region(tb) and _short_form(ta, tb))
    if a.key and b.key:
        return a.key == b.key
    wa, wb = name_words(ta), name_words(tb)
    if a.type == "organization" and (_unit_first(wa) == _unit_first(wb)
                                     or _unit_of_place(wa, wb) or _unit_of_place(wb, wa)):
        return True
    if _kunya_of(wa, wb) or _kunya_of(wb, wa):
        return False
    if wa == wb or compare(ta, tb)[0] or _contains(wa, wb) or _contains(wb, wa):
        return True
    return a.type == "person" and (_middle_dropped(wa, wb) or _middle_dropped(wb, wa))


def _short_name(full: list[str], short: list[str]) -> bool:
    return _middle_dropped(full, short) or _unit_of_place(short, full)


def _middle_dropped(outer: list[str], inner: list[str]) -> bool:
    """"Mahmud Bakour" is "Mahmoud Ahmad Bakkour" without his father's name: the same first
    name and the same last names, in any of their spellings."""
    n = len(inner)
    if n < 2 or len(outer) <= n or inner[0] in lexicon().kunya:
        return False
    kept = [outer[0], *outer[len(outer) - n + 1 :]]
    return kept == inner or compare(" ".join(kept), " ".join(inner))[0]


def _unit_of_place(short: list[str], full: list[str]) -> bool:
    """"the Azzan committee" is the "Water Committee of Azzan" named by its place."""
    if len(short) < 2 or "of" not in full:
        return False
    k = full.index("of")
    return short[-1] in full[:k] and short[:-1] == full[k + 1 :]


def _region(text: str) -> bool:
    words = fold(text).split()
    return bool(words) and words[-1] in lexicon().place_suffix


def _kunya_of(outer: list[str], inner: list[str]) -> bool:
    """Sumayya is the daughter of Umm Sumayya, not a short form of her name."""
    return len(inner) == 1 and len(outer) == 2 and outer[0] in lexicon().kunya \
        and outer[1] == inner[0]


def _unit_first(words: list[str]) -> list[str]:
    """An English unit word as its Arabic equivalent, first (Rayat al-Fajr Front is
    Jabhat Rayat al-Fajr)."""
    equivalents = lexicon().unit_equivalents
    if words and words[-1] in equivalents:
        return [equivalents[words[-1]], *words[:-1]]
    return words


def _short_form(ta: str, tb: str) -> bool:
    wa, wb = name_words(ta), name_words(tb)
    return wa == wb or _contains(wa, wb) or _contains(wb, wa)


def _acronym(text: str, cands: list[Candidate], texts: list[str]) -> int | None:
    """An all-capitals word that gives the initials of an organisation named in the text."""
    for i, (c, t) in enumerate(zip(cands, texts, strict=True)):
        initials = "".join(w[0] for w in name_words(t))
        if c.type == "organization" and len(text) >= 2 and initials == text.casefold():
            return i
    return None


def _keep(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Typed candidates, without overlaps (nested places inside organisations stay)."""
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if cand.type is None:
            continue
        if not cand.nested and any(a < cand.end and cand.start < b for a, b in taken):
            continue
        kept.append(cand)
        if not cand.nested:
            taken.append((cand.start, cand.end))
    return sorted(kept, key=lambda c: (c.start, c.end))


def group(doc: Doc, cands: list[Candidate], pairs: list[tuple[Candidate, Candidate]],
          issuers: list[tuple[int, int]] = (),  # type: ignore[assignment]
          scope: str = "") -> Any:
    from sijill.entities.recognize import RecognitionResult

    # An acronym joins the organisation whose initials it gives only where the text states
    # it ("X (XYZ)", "X, or XYZ"), not in a reference number or a headline (gold.md: aliases).
    stated = {mention_text(doc, c) for c in cands if c.stated or c.paired}
    for cand in cands:
        if cand.type in (None, "organization") and len(cand.span(doc)) == 1 \
                and doc[cand.start].text in stated and doc[cand.start].text.isupper():
            typed = [c for c in cands if c.type and c is not cand]
            hit = _acronym(doc[cand.start].text, typed, [mention_text(doc, c) for c in typed])
            if hit is not None:
                cand.type = "organization"
                pairs.append((typed[hit], cand))
    kept = _drop_name_parts(doc, _keep(doc, cands))
    for cand in kept:
        span = cand.span(doc)
        cand.issuer = any(a <= span.start_char and span.end_char <= b for a, b in issuers)
    texts = [mention_text(doc, c) for c in kept]
    variants = _UnionFind(len(kept))
    for i in range(len(kept)):
        for j in range(i):
            if _same(kept[i], kept[j], texts[i], texts[j]):
                variants.join(i, j)
    stated = _UnionFind(len(kept))
    for i in range(len(kept)):
        stated.join(i, variants.find(i))
    index = {id(c): i for i, c in enumerate(kept)}
    for a, b in pairs:
        if id(a) in index and id(b) in index:
            stated.join(index[id(a)], index[id(b)])
    return _build(doc, kept, texts, variants, stated, RecognitionResult(), issuers, scope)


def _fullest(members: list[int], texts: list[str], kept: list[Candidate]) -> str:
    # Of two spellings as full, the plain one ("Fazl Ahmad Rahimi", not an editor's
    # "Faḍl Aḥmad Raḥīmī"): the document's own, and the one a researcher types.
    def rank(i: int) -> tuple[int, bool, bool, bool, int]:
        return (len(name_words(texts[i])), kept[i].issuer, not kept[i].stated,
                _plain(texts[i]), -i)

    return texts[max(members, key=rank)]


def _plain(text: str) -> bool:
    """Written without accents or dots on its letters."""
    return not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFKD", text))


def _drop_name_parts(doc: Doc, kept: list[Candidate]) -> list[Candidate]:
    """A place that is a word of a person's name ("the Qassab sweets shop" beside
    "Adnan Fawzi Qassab") is the family's name, not the village."""
    names = [name_words(mention_text(doc, c)) for c in kept if c.type == "person"]
    return [c for c in kept if not (c.type == "place" and c.key and any(
        _contains(n, name_words(mention_text(doc, c))) for n in names))]


def _authority(cand: Candidate) -> bool:
    """Joined to its entity by the authority file, not by the text."""
    return bool(cand.key) and cand.key.startswith("auth:")


def _pejorative(cand: Candidate, text: str) -> bool:
    if not cand.key or not cand.key.startswith("auth:"):
        return False
    entry = default_authority().entries.get(cand.key[5:])
    return entry is not None and name_key(text) in {name_key(p) for p in entry.pejoratives}


def _entity(members: list[int], kept: list[Candidate], texts: list[str],
            variants: _UnionFind) -> tuple[str, str, list[str], str | None]:
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in members:
        clusters[variants.find(i)].append(i)
    def rank(cluster: list[int]) -> tuple[bool, bool, int]:
        issuer = any(kept[i].issuer for i in cluster)
        left = not all(kept[i].stated for i in cluster)
        return (not issuer, not left, min(cluster))

    ordered = sorted(clusters.values(), key=rank)
    plain = [c for c in ordered if not all(_pejorative(kept[i], texts[i]) for i in c)] or ordered
    head = plain[0]
    name = _fullest(head, texts, kept)
    type_ = kept[head[0]].type or "person"
    aliases: list[str] = []
    folded = {fold(name)}
    for cluster in plain:
        for i in sorted(cluster, key=lambda i: (-len(name_words(texts[i])), i)):
            f = fold(texts[i])
            if f in folded or _pejorative(kept[i], texts[i]):
                continue
            if not kept[i].stated and _short_name(name_words(name), name_words(texts[i])):
                continue  # the name without a middle part, not an alias
            if not kept[i].stated and any(
                    _contains(name_words(a), name_words(texts[i])) for a in [name, *aliases]):
                continue
            if not kept[i].stated and cluster is head and (
                    type_ == "person" or (_authority(kept[i]) and not kept[i].paired)):
                continue  # a second spelling the text does not state (gold.md: aliases)
            folded.add(f)
            aliases.append(texts[i])
    auth = next((kept[i].key[5:] for i in members
                 if kept[i].key and kept[i].key.startswith("auth:")), None)
    return type_, name, aliases, auth


def _scope(named: list[tuple[str, str, str | None]], base: list[str],
           levels: list[int | None], fallback: str) -> str:
    """The id of the group that issued the document: its first letterhead level that is an
    organisation with a name of its own, else `fallback` (the document)."""
    for i in sorted((i for i, level in enumerate(levels) if level is not None),
                    key=lambda i: levels[i]):  # type: ignore[arg-type, return-value]
        type_, name, auth = named[i]
        if type_ == "organization" and (auth or not generic_office(name)):
            return base[i]
    return fallback


def _ids(named: list[tuple[str, str, str | None]], levels: list[int | None] | None = None,
         fallback: str = "") -> list[str]:
    """Entity ids (ids.py): two entities whose names share a key ("Muhammad"/"Mahmud") are
    told apart by their exact names; the one whose folded name sorts first keeps the key's id.
    A generic office's id is scoped by the issuing group (`levels`: the letterhead level each
    entity is named in, or None)."""
    base = [authority_id(auth) if auth else entity_id(type_, name) for type_, name, auth in named]
    scope = _scope(named, base, levels or [None] * len(named), fallback)
    base = [entity_id(type_, name, scope=scope)
            if scope and not auth and type_ == "organization" and generic_office(name) else b
            for (type_, name, auth), b in zip(named, base, strict=True)]
    out = list(base)
    for i, (type_, name, auth) in enumerate(named):
        rivals = [fold(n) for j, (_t, n, _a) in enumerate(named) if base[j] == base[i] and j != i]
        if not auth and rivals and any(r != fold(name) for r in rivals) \
                and fold(name) > min(rivals):
            out[i] = entity_id(type_, name, exact=True,
                               scope=scope if generic_office(name) and type_ == "organization"
                               else "")
    return _unique(out)


def _unique(ids: list[str]) -> list[str]:
    # Last resort for two entities that even their exact names cannot tell apart (two
    # groups the text never joins, both resolved to one authority entry).
    seen: set[str] = set()
    out = []
    for eid in ids:
        base, n = eid, 1
        while eid in seen:
            n += 1
            eid = f"{base}-{n}"
        seen.add(eid)
        out.append(eid)
    return out


def _level(doc: Doc, members: list[int], kept: list[Candidate],
           issuers: list[tuple[int, int]]) -> int | None:
    """The first letterhead level (0 = top) one of the entity's mentions is."""
    found = [k for i in members if kept[i].issuer for k, (a, b) in enumerate(issuers)
             if a <= kept[i].span(doc).start_char and kept[i].span(doc).end_char <= b]
    return min(found) if found else None


def _build(doc: Doc, kept: list[Candidate], texts: list[str], variants: _UnionFind,
           stated: _UnionFind, result: Any, issuers: list[tuple[int, int]] = (),  # type: ignore[assignment]
           scope: str = "") -> Any:
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(kept)):
        groups[stated.find(i)].append(i)
    owner: dict[int, str] = {}
    built = [(members, *_entity(members, kept, texts, variants))
             for members in sorted(groups.values(), key=min)]
    levels = [_level(doc, members, kept, list(issuers)) for members, *_rest in built]
    ids = _ids([(type_, name, auth) for _m, type_, name, _a, auth in built], levels, scope)
    for (members, type_, name, aliases, auth), eid in zip(built, ids, strict=True):
        result.entities.append(Entity(eid, type_, name, aliases))  # type: ignore[arg-type]
        if auth:
            result.authority[eid] = auth
        for i in members:
            owner[i] = eid
    types = {e.id: e.type for e in result.entities}
    for i, cand in enumerate(kept):
        span = doc[cand.start : cand.end]
        start, end = span.start_char, span.start_char + len(texts[i])
        index = len(result.mentions)
        result.mentions.append(Mention(texts[i], start, end, type=types[owner[i]],
                                       entity=owner[i]))
        if cand.role:
            role = doc[cand.role[0] : cand.role[1]]
            result.roles[index] = Span(role.text, role.start_char, role.end_char)
    return result
