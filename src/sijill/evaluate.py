"""Score parsed documents against gold annotations, exactly as `contracts/gold.md` defines.

Single fields score as exact matches after folding; list fields as micro-averaged set
precision/recall/F1 over the whole corpus; entity lists also get a lenient score; splitting
scores the number of documents per file.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sijill.errors import SijillError
from sijill.model import Document
from sijill.names import fold_value
from sijill.relations import SYMMETRIC
from sijill.relations.names import names_by_id, names_of

log = logging.getLogger(__name__)

EXACT_FIELDS = ("reference_number", "subject", "sender", "date", "has_editor_note")
LIST_FIELDS = ("issuer", "addressees", "cc", "dates")
ENTITY_FIELDS = {"persons": "person", "organizations": "organization", "places": "place"}

def _contains_at_word_boundary(outer: str, inner: str) -> bool:
    return bool(inner) and re.search(rf"(?<!\w){re.escape(inner)}(?!\w)", outer) is not None


@dataclass
class SetScore:
    """Micro-averaged counts; precision and recall are counted separately for lenient matches."""

    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    def add(self, pred: Iterable[Any], gold: Iterable[Any],
            same: Callable[[Any, Any], bool]) -> None:
        pred, gold = list(dict.fromkeys(pred)), list(dict.fromkeys(gold))
        self.n_pred += len(pred)
        self.n_gold += len(gold)
        self.tp_pred += sum(any(same(p, g) for g in gold) for p in pred)
        self.tp_gold += sum(any(same(p, g) for p in pred) for g in gold)

    def as_dict(self) -> dict[str, Any]:
        precision = self.tp_pred / self.n_pred if self.n_pred else 1.0
        recall = self.tp_gold / self.n_gold if self.n_gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "predicted": self.n_pred, "gold": self.n_gold,
        }


@dataclass
class ExactScore:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += ok
        self.total += 1

    def as_dict(self) -> dict[str, Any]:
        accuracy = self.correct / self.total if self.total else 1.0
        return {"accuracy": round(accuracy, 4), "correct": self.correct, "total": self.total}


def _equal(a: Any, b: Any) -> bool:
    return a == b


def _lenient(p: str, g: str) -> bool:
    return p == g or _contains_at_word_boundary(g, p) or _contains_at_word_boundary(p, g)


def _date_key(d: dict[str, Any]) -> tuple[Any, ...]:
    return (d.get("calendar"), d.get("year"), d.get("month"), d.get("day"))


def _folded(values: Iterable[str | None]) -> list[str]:
    return [fold_value(v) for v in values if v]


def predicted_fields(doc: Document | None) -> dict[str, Any]:
    """The gold-format view of a parsed document (what the gold file would say of it)."""
    if doc is None:
        empty: dict[str, Any] = {f: [] for f in (*LIST_FIELDS, *ENTITY_FIELDS, "aliases")}
        empty["relations"] = []
        return {**empty, "reference_number": None, "subject": None, "sender": None,
                "date": None, "has_editor_note": False}
    entities = {t: [e.name for e in doc.entities if e.type == t] for t in ENTITY_FIELDS.values()}
    return {
        "issuer": [s.text for s in doc.issuer],
        "reference_number": doc.reference_number.text if doc.reference_number else None,
        "dates": [d.to_dict() for d in doc.dates],
        "date": doc.date.iso if doc.date else None,
        "subject": doc.subject.text if doc.subject else None,
        "sender": doc.sender.text if doc.sender else None,
        "addressees": [s.text for s in doc.addressees],
        "cc": [s.text for s in doc.cc],
        **{name: entities[t] for name, t in ENTITY_FIELDS.items()},
        "aliases": [[e.name, a] for e in doc.entities for a in e.aliases],
        "has_editor_note": any(n.kind in ("editor", "translator") for n in doc.notes),
        "relations": _relation_view(doc),
    }


def _relation_view(doc: Document) -> list[dict[str, Any]]:
    """Relations with their ends by name: the first name is the canonical one."""
    table = names_by_id(doc)
    return [
        {"type": r.type, "status": r.status, "source": names_of(r.source, table)[0],
         "target": names_of(r.target, table)[0], "source_names": names_of(r.source, table),
         "target_names": names_of(r.target, table)}
        for r in doc.relations
    ]


# A relation as scored: (type, status, names of its source, names of its target), folded.
RelationItem = tuple[str, str, tuple[str, ...], tuple[str, ...]]


def _relation_items(relations: Iterable[dict[str, Any]], all_names: bool) -> list[RelationItem]:
    def ends(r: dict[str, Any], side: str) -> tuple[str, ...]:
        names = r.get(f"{side}_names") if all_names else None
        return tuple(_folded(names or [r[side]]))

    return [(r["type"], r["status"], ends(r, "source"), ends(r, "target")) for r in relations]


def _same_relation(match: Callable[[str, str], bool]) -> Callable[[Any, Any], bool]:
    """Same type and status, each end matching (either way round for symmetric types)."""
    def ends(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        return any(match(x, y) for x in a for y in b)

    def same(p: RelationItem, g: RelationItem) -> bool:
        if p[:2] != g[:2]:
            return False
        if ends(p[2], g[2]) and ends(p[3], g[3]):
            return True
        return p[0] in SYMMETRIC and ends(p[2], g[3]) and ends(p[3], g[2])

    return same


def _exact_value(name: str, value: Any) -> Any:
    if name == "has_editor_note":
        return bool(value)
    if name == "date":
        return value or None
    return fold_value(value) if value else None


@dataclass
class Evaluation:
    exact: dict[str, ExactScore] = field(default_factory=lambda: defaultdict(ExactScore))
    lists: dict[str, SetScore] = field(default_factory=lambda: defaultdict(SetScore))
    strict: dict[str, SetScore] = field(default_factory=lambda: defaultdict(SetScore))
    lenient: dict[str, SetScore] = field(default_factory=lambda: defaultdict(SetScore))
    split: ExactScore = field(default_factory=ExactScore)
    relations: dict[str, SetScore] = field(default_factory=lambda: defaultdict(SetScore))
    relation_documents: int = 0
    split_errors: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, str]] = field(default_factory=list)
    documents: int = 0

    def score(self, gold: dict[str, Any], pred: dict[str, Any]) -> None:
        self.documents += 1
        where = f"{gold['file']}#{gold.get('part', 0)}"
        for name in EXACT_FIELDS:
            g, p = _exact_value(name, gold.get(name)), _exact_value(name, pred.get(name))
            self.exact[name].add(g == p)
            if g != p:
                self.errors.append({"doc": where, "field": name, "gold": gold.get(name),
                                    "predicted": pred.get(name)})
        for name in LIST_FIELDS:
            keyer = _date_key if name == "dates" else fold_value
            g_items = [keyer(x) for x in gold.get(name) or [] if x]
            p_items = [keyer(x) for x in pred.get(name) or [] if x]
            self.lists[name].add(p_items, g_items, _equal)
            if set(g_items) != set(p_items):
                self.errors.append({"doc": where, "field": name, "gold": sorted(map(str, g_items)),
                                    "predicted": sorted(map(str, p_items))})
        for name in ENTITY_FIELDS:
            g_items, p_items = _folded(gold.get(name) or []), _folded(pred.get(name) or [])
            self.strict[name].add(p_items, g_items, _equal)
            self.lenient[name].add(p_items, g_items, _lenient)
        pairs = [frozenset(_folded(pair)) for pair in gold.get("aliases") or []]
        self.lists["aliases"].add([frozenset(_folded(p)) for p in pred.get("aliases") or []],
                                  pairs, _equal)
        if "relations" in gold:  # an extension of the gold format: only lines that have it
            self._score_relations(where, gold["relations"] or [], pred.get("relations") or [])

    def _score_relations(self, where: str, gold: list[dict[str, Any]],
                         pred: list[dict[str, Any]]) -> None:
        self.relation_documents += 1
        g_items = _relation_items(gold, all_names=False)
        strict = _same_relation(_equal)
        self.relations["strict"].add(_relation_items(pred, all_names=False), g_items, strict)
        lenient = _same_relation(_lenient)
        p_items = _relation_items(pred, all_names=True)
        self.relations["lenient"].add(p_items, g_items, lenient)
        missed = [g for g in g_items if not any(lenient(p, g) for p in p_items)]
        extra = [p for p in p_items if not any(lenient(p, g) for g in g_items)]
        if missed or extra:
            self.errors.append({"doc": where, "field": "relations",
                                "gold": [_show(g) for g in missed],
                                "predicted": [_show(p) for p in extra]})

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "fields": {
                **{n: s.as_dict() for n, s in self.exact.items()},
                **{n: s.as_dict() for n, s in self.lists.items()},
            },
            "entities": {
                n: {"strict": self.strict[n].as_dict(), "lenient": self.lenient[n].as_dict()}
                for n in ENTITY_FIELDS
            },
            "split": {**self.split.as_dict(), "errors": self.split_errors},
            "relations": {"documents": self.relation_documents,
                          **{n: self.relations[n].as_dict() for n in ("strict", "lenient")}},
            "failures": self.failures,
        }


def _show(item: RelationItem) -> str:
    return f"{item[0]}({item[2][0]} -> {item[3][0]}, {item[1]})"


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


Parser = Callable[[Path], list[Document]]


def evaluate(gold_sets: Sequence[tuple[str | Path, str | Path]], parse: Parser) -> Evaluation:
    """Parse every file the gold names (once) and score it; `gold_sets` pairs gold and corpus."""
    result = Evaluation()
    for gold_path, corpus in gold_sets:
        by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for entry in read_gold(gold_path):
            by_file[entry["file"]].append(entry)
        for name, entries in by_file.items():
            _score_file(result, Path(corpus) / name, name, entries, parse)
    return result


def _score_file(result: Evaluation, path: Path, name: str, entries: list[dict[str, Any]],
                parse: Parser) -> None:
    try:
        docs = parse(path)
    except Exception as exc:  # a file that fails to parse scores as empty, and is reported
        if not isinstance(exc, SijillError):  # a bug, not a bad file: keep its traceback
            log.exception("parsing %s failed", path)
        result.failures.append({"file": name, "reason": str(exc)})
        docs = []
    by_part = {d.source.part: d for d in docs}
    expected = Counter(e.get("part", 0) for e in entries)
    result.split.add(len(docs) == len(expected))
    if len(docs) != len(expected):
        result.split_errors.append({"file": name, "gold": len(expected), "predicted": len(docs)})
    for entry in entries:
        result.score(entry, predicted_fields(by_part.get(entry.get("part", 0))))
