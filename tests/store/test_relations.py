"""The human layer of relations (added, confirmed, rejected: surviving re-ingest and
reprocess), the network and the timeline over an archive, and their commands. Fictional."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from sijill import pipeline
from sijill.cli import app
from sijill.errors import StoreError
from sijill.relations import network as net
from sijill.relations import timeline as tl
from sijill.store import Archive
from sijill.store import relation_claims as store
from sijill.store.network import Window
from sijill.store.relations import Claim, effective
from tests.store.conftest import FIRST, SECOND


@pytest.fixture
def archive(tmp_path: Path):
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "first.txt").write_text(FIRST, encoding="utf-8")
    (folder / "second.txt").write_text(SECOND, encoding="utf-8")
    with Archive(tmp_path / "a.db") as a:
        pipeline.ingest_paths(a, [folder])
        yield a, folder


def _doc(a: Archive, name: str):
    return next(d for d in a.documents() if d.source.path and d.source.path.endswith(name))


def _by_type(a: Archive, doc_id: str, type_: str) -> list[Claim]:
    return [c for c in store.claims(a, doc_id) if c.relation.type == type_]


def test_claims_list_machine_relations_with_stable_keys(archive) -> None:
    a, _ = archive
    doc = _doc(a, "first.txt")
    first = store.claims(a, doc.id)
    assert first and all(c.origin == "machine" and c.key.startswith("r") for c in first)
    assert [c.key for c in store.claims(a, doc.id)] == [c.key for c in first]


def test_add_needs_an_author_a_known_type_and_a_range_of_the_text(archive) -> None:
    a, _ = archive
    doc = _doc(a, "first.txt")
    with pytest.raises(StoreError, match="author"):
        store.add_relation(a, doc.id, "contact", "x", "y", evidence=(0, 5), author=" ")
    with pytest.raises(StoreError, match="type"):
        store.add_relation(a, doc.id, "friendship", "x", "y", evidence=(0, 5), author="rana")
    with pytest.raises(StoreError, match="range"):
        store.add_relation(a, doc.id, "contact", "x", "y", evidence=(5, 10**6), author="rana")


def test_human_claims_survive_reingest_of_changed_bytes_and_reprocess(archive) -> None:
    a, folder = archive
    doc = _doc(a, "first.txt")
    start = doc.text.index("Harakat Nur al-Wadi")
    added = store.add_relation(a, doc.id, "support", "actor:Harakat Nur al-Wadi",
                               "actor:Archive", evidence=(start, start + 19), author="rana",
                               note="seen in the ledger")
    alliance = _by_type(a, doc.id, "alliance")[0]
    store.judge(a, alliance.key, "reject", author="omar")
    request = _by_type(a, doc.id, "request")[0]
    store.judge(a, request.key, "confirm", author="omar")
    # New bytes: a line added above everything, so every offset moves.
    (folder / "first.txt").write_text("Scanned copy, page 1\n\n" + FIRST, encoding="utf-8")
    report = pipeline.ingest_paths(a, [folder])
    assert report.updated
    pipeline.reprocess(a, "parse")
    new = _doc(a, "first.txt")
    assert new.id != doc.id
    claims = {c.key: c for c in store.claims(a, new.id)}
    human = claims[added]
    assert human.origin == "human" and human.author == "rana" and human.note == "seen in the ledger"
    ev = human.relation.evidence
    assert new.text[ev.start : ev.end] == "Harakat Nur al-Wadi" and ev.start == start + 22
    assert claims[alliance.key].review == "rejected" and claims[alliance.key].author == "omar"
    assert claims[request.key].review == "confirmed" and claims[request.key].at
    assert alliance.key not in {c.key for c in effective(list(claims.values()))}


def test_the_document_shows_relations_as_they_stand(archive) -> None:
    a, _ = archive
    doc = _doc(a, "first.txt")
    alliance = _by_type(a, doc.id, "alliance")[0]
    start = doc.text.index("Harakat Nur al-Wadi")
    store.add_relation(a, doc.id, "support", "actor:Harakat Nur al-Wadi", "actor:Archive",
                       evidence=(start, start + 19), author="rana")
    store.judge(a, alliance.key, "reject", author="omar")
    shown = a.document(doc.id)
    assert alliance.relation not in shown.relations  # rejected: out of the effective view
    added = [r for r in shown.relations if r.type == "support" and r.evidence.start == start]
    assert added and added[0].source == "actor:Harakat Nur al-Wadi"
    assert alliance.relation in a.machine_document(doc.id).relations  # the machine layer stays
    human = [c for c in store.claims(a, doc.id) if c.origin == "human"]
    assert len(human) == 1  # the overlay never turns a human claim into a machine one


def test_the_latest_verdict_wins(archive) -> None:
    a, _ = archive
    key = _by_type(a, _doc(a, "first.txt").id, "alliance")[0].key
    store.judge(a, key, "reject", author="omar")
    assert store.judge(a, key, "confirm", author="rana").review == "confirmed"
    with pytest.raises(StoreError, match="no relation"):
        store.judge(a, "rdeadbeef00", "confirm", author="rana")


def test_network_weights_edges_by_documents_and_filters_by_date_and_type(archive) -> None:
    a, _ = archive
    graph = net.build(store.all_claims(a), Window(types=frozenset({"alliance"})))
    (s, t, data), = graph.edges(data=True)
    assert data["weight"] == 2 and len(data["evidence"]) == 2
    assert {graph.nodes[s]["name"], graph.nodes[t]["name"]} == {
        "Water Committee of Binnish", "Water Committee of Taftanaz"}
    only_2022 = net.build(store.all_claims(a), Window("2022", "2022", frozenset({"alliance"})))
    assert [d["weight"] for _, _, d in only_2022.edges(data=True)] == [1]


def test_a_sentence_date_dates_its_relation(archive) -> None:
    a, _ = archive
    window = Window("2019-11-02", "2019-11-02", frozenset({"contact"}))
    edges = list(net.build(store.all_claims(a), window).edges(data=True))
    assert len(edges) == 1 and edges[0][2]["evidence"][0]["date"] == "2019-11-02"


def test_a_rejected_relation_leaves_the_network(archive) -> None:
    a, _ = archive
    for doc in a.documents():
        for c in _by_type(a, doc.id, "alliance"):
            store.judge(a, c.key, "reject", author="omar")
    graph = net.build(store.all_claims(a), Window(types=frozenset({"alliance"})))
    assert graph.number_of_edges() == 0


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_files_are_well_formed_xml(archive, fmt: str) -> None:
    a, _ = archive
    text = net.serialise(net.build(store.all_claims(a), Window()), fmt)
    assert ET.fromstring(text.encode()).tag.endswith(fmt)
    if fmt == "graphml":
        assert nx.parse_graphml(text).number_of_edges() > 0


def test_timeline_gives_first_and_last_appearance_in_both_calendars(archive) -> None:
    a, _ = archive
    found = tl.build(store.all_claims(a), "water committee of binnish")
    assert found is not None
    data = found.to_dict()
    assert data["first"] == {"iso": "2019-11-06", "hijri": "1441-03-09", "basis": "document"}
    assert data["last"]["iso"] == "2022-02-04" and data["last"]["hijri"] == "1443-07-03"
    assert {r["type"] for r in data["relations"]} >= {"alliance", "contact"}
    assert tl.build(store.all_claims(a), "Nobody al-Nowhere") is None


runner = CliRunner()


def test_commands_add_confirm_list_timeline_network(archive, tmp_path: Path) -> None:
    a, _ = archive
    db = str(a.path)
    doc = _doc(a, "first.txt")
    start = doc.text.index("Water Committee of Binnish has merged")
    res = runner.invoke(app, ["relations", "add", "Water Committee of Binnish", "support",
                              "Water Committee of Taftanaz", "--document", doc.id, "--evidence",
                              f"{start}:{start + 37}", "--author", "rana", "--db", db])
    assert res.exit_code == 0, res.output
    key = res.output.split()[-1]
    res = runner.invoke(app, ["relations", "confirm", key, "--author", "omar", "--db", db])
    assert res.exit_code == 0 and "confirmed by omar" in res.output
    res = runner.invoke(app, ["relations", "list", "--document", doc.id, "--json", "--db", db])
    listed = {r["id"]: r for r in json.loads(res.output)}
    assert listed[key]["review"] == "confirmed" and listed[key]["origin"] == "human"
    res = runner.invoke(app, ["relations", "add", "Nobody", "support", "Archive",
                              "--document", doc.id, "--evidence", "0:5", "--db", db])
    assert res.exit_code == 1 and "names no single actor" in res.output
    res = runner.invoke(app, ["timeline", "Water Committee of Taftanaz", "--json", "--db", db])
    assert json.loads(res.output)["first"]["iso"] == "2019-11-06"
    out = tmp_path / "net.graphml"
    res = runner.invoke(app, ["network", "--format", "graphml", "-o", str(out), "--db", db])
    assert res.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<?xml")
    res = runner.invoke(app, ["network", "--type", "friendship", "--db", db])
    assert res.exit_code == 2
