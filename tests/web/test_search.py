"""The fast facet counts and network (schema 6, SQL aggregation) give what the plain
computations give: facets as a count over `documents()`, the network as the old per-row path
(every machine relation's key computed, rejected ones left out, added ones in)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from sijill import pipeline
from sijill.model import Range, Relation
from sijill.relations.network import MAX_EVIDENCE, summary
from sijill.store import Archive
from sijill.store.facets import FACET_LIMIT, FILTERS
from sijill.store.network import MAX_EDGES, Window
from sijill.store.relation_claims import add_relation, judge
from sijill.store.relations import relation_key
from sijill.store.search import NameIndex
from sijill.web.search import search
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with Archive(tmp_path_factory.mktemp("perf") / "a.db") as a:
        pipeline.ingest_paths(a, [CORPUS])
        yield a


def _plain_facets(archive: Archive, pks: set[int]) -> dict[str, list[tuple[str, int]]]:
    """Each facet's own straightforward SQL over the given documents; the entity facet as
    every count (its ties are broken by the entities' names, see `assert_top`)."""
    conn = archive.connection
    out = {}
    for f in FILTERS:
        rows = conn.execute(f"WITH hits AS (SELECT value AS pk FROM json_each(?)) {f.group}",
                            (str(sorted(pks)),)).fetchall()
        found = sorted((-n, v) for v, n in rows if v is not None)
        out[f.param] = [(str(v), -n) for n, v in found[:FACET_LIMIT if f.param != "entity"
                                                                else None]]
    return out


def assert_facets(shown: dict[str, list[tuple[str, int]]],
                  plain: dict[str, list[tuple[str, int]]]) -> None:
    assert {k: v for k, v in shown.items() if k != "entity"} == {
        k: v for k, v in plain.items() if k != "entity"}
    assert_top(shown["entity"], Counter(dict(plain["entity"])))


def assert_top(shown: list[tuple[str, int]], every: Counter[str]) -> None:
    """`shown` is a top FACET_LIMIT of `every` by count (any order among equal counts)."""
    assert all(every[v] == n for v, n in shown)
    assert len(shown) == min(FACET_LIMIT, len(+every))
    assert [n for _, n in shown] == sorted((n for _, n in shown), reverse=True)
    left = [n for v, n in every.items() if v not in dict(shown)]
    assert min((n for _, n in shown), default=0) >= max(left, default=0)


def _pks(archive: Archive, ids: list[str]) -> set[int]:
    conn = archive.connection
    return {conn.execute("SELECT pk FROM documents WHERE id = ?", (i,)).fetchone()[0]
            for i in ids}


@pytest.mark.parametrize(("query", "filters"), [
    ("", {}), ("flour", {}), ("salaries", {}), ("", {"gregorian_year": "2021"}),
    ("", {"media_type": "text/plain"}), ("school", {"gregorian_year": "2021"}),
])
def test_facets_equal_a_plain_count(archive: Archive, query: str,
                                    filters: dict[str, str]) -> None:
    results = search(archive, NameIndex(), query, filters=filters)
    ids = []
    page = 1
    while True:  # every hit, page by page
        r = search(archive, NameIndex(), query, filters=filters, page=page)
        ids += [h.id for h in r.hits]
        if page >= r.pages:
            break
        page += 1
    assert results.total == len(ids)
    assert_facets(results.facets, _plain_facets(archive, _pks(archive, ids)))
    if not query and not filters:
        every = list(archive.documents())
        years = Counter(d.date.iso[:4] for d in every if d.date and d.date.iso)
        expected = sorted(((-n, int(y)) for y, n in years.items()))[:FACET_LIMIT]
        assert results.facets["gregorian_year"] == [(str(y), -n) for n, y in expected]
        assert results.total == len(every)


def _old_network(archive: Archive) -> dict[tuple[str, ...], int]:
    """Edge weights the old way: every machine relation read, its key computed."""
    conn = archive.connection
    latest = dict(conn.execute("SELECT relation_key, kind FROM relation_claims"
                               " WHERE kind != 'add' ORDER BY id").fetchall())
    rejected = {k for k, v in latest.items() if v == "reject"}
    weights: Counter[tuple[str, ...]] = Counter()
    rows = conn.execute(
        "SELECT s.key, d.part, r.source_entity, r.target_entity, r.type, r.status,"
        " r.evidence_start, r.evidence_end, substr(d.text, r.evidence_start + 1,"
        " r.evidence_end - r.evidence_start) FROM relations r JOIN documents d"
        " ON d.pk = r.doc_pk JOIN sources s ON s.id = d.source_id ORDER BY r.id")
    for key, part, src, dst, type_, status, start, end, words in rows:
        rel = Relation(type_, src, dst, status, Range(start, end))
        if relation_key(key, part, rel, words) not in rejected:
            weights[(src, dst, type_, status)] += 1
    for key, src, dst, type_, status in conn.execute(
            "SELECT relation_key, source_entity, target_entity, type, status"
            " FROM relation_claims WHERE kind = 'add'"):
        if key not in rejected:
            weights[(src, dst, type_, status)] += 1
    return dict(weights)


def _shown_weights(archive: Archive) -> dict[tuple[str, ...], int]:
    """The shown edges' weights, checked against the per-row path: the heaviest, capped."""
    shown = {tuple(e["id"].split("|")): e["count"]
             for e in summary(archive, Window())["edges"]}
    every = _old_network(archive)
    assert {k: every[k] for k in shown} == shown
    assert len(shown) == min(len(every), MAX_EDGES)
    hidden = [v for k, v in every.items() if k not in shown]
    assert min(shown.values()) >= max(hidden, default=0)
    return shown


def test_network_weights_equal_the_per_row_path(archive: Archive) -> None:
    before = summary(archive, Window())
    _shown_weights(archive)
    # reject one machine relation of the heaviest edge, add one relation by hand
    heavy = before["edges"][0]
    victim = heavy["evidence"][0]
    judge(archive, victim["relation"], "reject", author="tester")
    doc = archive.document(victim["doc"])
    assert doc is not None
    ends = [e.id for e in doc.entities[:2]]
    added = add_relation(archive, doc.id, "support", ends[0], ends[-1],
                         evidence=(0, 12), author="tester")
    weights = _shown_weights(archive)
    assert weights.get(tuple(heavy["id"].split("|")), 0) == heavy["count"] - 1
    evidence = set()
    for type_ in ("support", heavy["type"]):  # few enough edges of each type to all be shown
        after = summary(archive, Window(types=frozenset({type_})))
        evidence |= {e["relation"] for edge in after["edges"] for e in edge["evidence"]}
    assert added in evidence and victim["relation"] not in evidence


def _first_evidence(archive: Archive, window: Window) -> dict[str, list[str]]:
    """Per edge (no merges), the keys of its first machine relations in row order inside the
    window, rejected ones left out: what the network's evidence must begin with."""
    conn = archive.connection
    latest = dict(conn.execute("SELECT relation_key, kind FROM relation_claims"
                               " WHERE kind != 'add' ORDER BY id").fetchall())
    out: dict[str, list[str]] = {}
    for key, part, day, src, dst, type_, status, start, end, words in conn.execute(
            "SELECT s.key, d.part, d.date_iso, r.source_entity, r.target_entity, r.type,"
            " r.status, r.evidence_start, r.evidence_end, substr(d.text, r.evidence_start + 1,"
            " r.evidence_end - r.evidence_start) FROM relations r JOIN documents d"
            " ON d.pk = r.doc_pk JOIN sources s ON s.id = d.source_id ORDER BY r.id"):
        found = relation_key(key, part, Relation(type_, src, dst, status, Range(start, end)),
                             words)
        if window.holds(type_, day, status) and latest.get(found) != "reject":
            out.setdefault("|".join((src, dst, type_, status)), []).append(found)
    return out


@pytest.mark.parametrize("window", [Window(), Window(limit=3), Window("2019", "2021"),
                                    Window(start="2020")], ids=str)
def test_network_evidence_is_each_edges_first_relations(archive: Archive,
                                                        window: Window) -> None:
    heavy = summary(archive, Window())["edges"][0]
    judge(archive, heavy["evidence"][1]["relation"], "reject", author="tester")
    expected = _first_evidence(archive, window)
    edges = summary(archive, window)["edges"]
    machine_edges = [edge for edge in edges if edge["id"] in expected]  # not hand-added ones
    assert len(machine_edges) >= min(len(expected), window.limit) - 1
    for edge in machine_edges:
        shown = [e["relation"] for e in edge["evidence"]]
        machine = [k for k in shown if k in expected[edge["id"]]]
        assert machine == expected[edge["id"]][:MAX_EVIDENCE], edge["id"]


@pytest.fixture(scope="module")
def held_twice(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The corpus and, from a mirror, another copy of seven of its letters, after a check."""
    from sijill.checks.archive import run_checks

    tmp = tmp_path_factory.mktemp("twice")
    mirror = tmp / "mirror"
    mirror.mkdir()
    for path in sorted((CORPUS / "letters").glob("*.txt"))[:7]:
        (mirror / path.name).write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with Archive(tmp / "a.db") as a:
        pipeline.ingest_paths(a, [CORPUS, mirror])
        run_checks(a)
        yield a


@pytest.mark.parametrize(("query", "filters"), [
    ("", {}), ("flour", {}), ("salaries", {}), ("", {"gregorian_year": "2021"}),
    ("", {"media_type": "text/plain"}),
])
def test_facets_leave_copies_out_as_a_plain_count_does(held_twice: Archive, query: str,
                                                      filters: dict[str, str]) -> None:
    conn = held_twice.connection
    copies = {pk for (pk,) in conn.execute(
        "SELECT doc_pk FROM flags WHERE code = 'duplicate-copy'")}
    assert len(copies) == 7
    results = search(held_twice, NameIndex(), query, filters=filters)
    ids = []
    for page in range(1, results.pages + 1):
        ids += [h.id for h in search(held_twice, NameIndex(), query, filters=filters,
                                     page=page).hits]
    pks = _pks(held_twice, ids)
    assert results.total == len(ids) and not pks & copies
    assert_facets(results.facets, _plain_facets(held_twice, pks))
    if not query and not filters:
        assert results.total == len(list(held_twice.documents())) - len(copies)
