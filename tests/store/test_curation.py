"""Entities across the archive and their curation (merge, split, rename): the views, the
effective documents and search, and the human layer surviving re-ingest and reprocess.

The archive is filled through the real ingest with a small stand-in recognition stage (a
fixed list of names), so these tests depend only on the contract: each document's mentions
and entities. All sample text is fictional.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from sijill import pipeline
from sijill.cli import app
from sijill.entities.ids import entity_id
from sijill.errors import StoreError
from sijill.model import DateValue, DocDate, Document, Entity, Mention, SourceText, Span
from sijill.store import (
    Archive,
    entity_edits,
    entity_layer,
    entity_mentions,
    entity_trail,
)
from sijill.store import entities as ent
from sijill.store.curation import Anchor, Curation, EntityEdit, curate, nearest_mention
from sijill.store.search import search
from tests.conftest import CORPUS

LETTER_A = """\
Kirem Schools Office
Date: 2020-02-27 (3 Rajab 1441)
From: Abu Bakr al-Kirmani

To the storekeeper of Dar Salwa,
Please hand Hamid Taleb forty boxes of chalk for the schools of Kirem.
The driver Hamid Taleb will return the empty crates on Thursday.
"""

LETTER_B = """\
Dar Salwa Stores
Date: 2020-03-15 (20 Rajab 1441)
From: Abu Yahya

Received from the Kirem Schools Office a request for chalk. The clerk Hamid Taleb of the
water committee has counted the crates.
"""

NAMES = {"Abu Bakr al-Kirmani": "person", "Abu Yahya": "person", "Hamid Taleb": "person",
         "Kirem": "place", "Dar Salwa": "place"}
# What a "parser upgrade" adds: one more name, so mentions change order and number.
NAMES_V2 = {**NAMES, "water committee": "organization"}

ABU_BAKR = entity_id("person", "Abu Bakr al-Kirmani")
ABU_YAHYA = entity_id("person", "Abu Yahya")
HAMID = entity_id("person", "Hamid Taleb")
KIREM = entity_id("place", "Kirem")


def recognise(source: SourceText, names: dict[str, str]) -> Document:
    """The stand-in stages: the date and sender lines, and every listed name as a mention."""
    text = source.text
    doc = Document(source=source.source(0), text=text, title=source.title)
    if m := re.search(r"Date: (\d{4}-\d\d-\d\d) \(((\d+) Rajab (\d{4}))\)", text):
        doc.date = DocDate(m[1], "day", "both")
        doc.dates = [DateValue(m[2], m.start(2), m.end(2), calendar="hijri", year=int(m[4]),
                               month=7, day=int(m[3]), iso=m[1])]
    if m := re.search(r"^From: (.+)$", text, re.M):
        doc.sender = Span(m[1], m.start(1), m.end(1))
    found = sorted((m.start(), m[0], type_) for name, type_ in names.items()
                   for m in re.finditer(rf"\b{re.escape(name)}\b", text))
    doc.mentions = [Mention(t, s, s + len(t), type=ty, entity=entity_id(ty, t))  # type: ignore
                    for s, t, ty in found]
    seen = {m.entity: Entity(m.entity, m.type, m.text) for m in doc.mentions}
    doc.entities = list(seen.values())
    return doc


def use_stage(monkeypatch: pytest.MonkeyPatch, names: dict[str, str], version: str) -> None:
    stage = (version, lambda source, _: [recognise(source, names)])
    monkeypatch.setattr(pipeline, "STAGES", {"parse": stage})


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    use_stage(monkeypatch, NAMES, "test-1")
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "a.txt").write_text(LETTER_A, encoding="utf-8")
    (folder / "b.txt").write_text(LETTER_B, encoding="utf-8")
    return folder


@pytest.fixture()
def archive(tmp_path: Path, corpus: Path) -> Archive:
    store = Archive(tmp_path / "archive.db")
    report = pipeline.ingest_paths(store, [corpus])
    assert report.ok and report.documents == 2
    yield store
    store.close()


def ids(archive: Archive) -> tuple[str, str]:
    a, b = (search(archive.connection, f'"{words}"').hits[0].id
            for words in ("Kirmani", "Abu Yahya"))
    return a, b


def by_id(archive: Archive, **kw: str) -> dict[str, ent.EntitySummary]:
    return {s.id: s for s in ent.list_entities(archive, **kw)}


def ref(archive: Archive, doc_id: str, words: str, nth: int = 0) -> str:
    doc = archive.document(doc_id)
    assert doc is not None
    found = [m for m in doc.mentions if m.text == words][nth]
    return f"{doc_id}:{found.start}-{found.end}"


def reingest(archive: Archive, corpus: Path, name: str, text: str) -> None:
    (corpus / name).write_text(text, encoding="utf-8")
    report = pipeline.ingest_paths(archive, [corpus / name])
    assert report.updated == [str(corpus / name)]


# -- the views ------------------------------------------------------------------------------


def test_listing_without_edits_counts_names_documents_and_dates(archive: Archive) -> None:
    listing = by_id(archive)
    hamid = listing[HAMID]
    assert (hamid.name, hamid.type, hamid.documents, hamid.mentions) == (
        "Hamid Taleb", "person", 2, 3)
    assert (hamid.first_date, hamid.last_date) == ("2020-02-27", "2020-03-15")
    assert ent.list_entities(archive)[0].id == HAMID  # most mentioned first
    assert set(by_id(archive, type="place")) == {KIREM, entity_id("place", "Dar Salwa")}
    assert set(by_id(archive, query="kirmani")) == {ABU_BAKR}
    # A query in another spelling finds the name by its key.
    assert set(by_id(archive, query="Hamed Talib")) == {HAMID}


def test_entity_detail_has_mentions_roles_and_dated_mentions(archive: Archive) -> None:
    doc_a, doc_b = ids(archive)
    detail = ent.get_entity(archive, ABU_YAHYA)
    assert detail is not None
    assert [d.id for d in detail.documents] == [doc_b]
    [mention] = detail.mentions
    assert mention.ref == ref(archive, doc_b, "Abu Yahya") and mention.roles == ["sender"]
    assert [(r.name, r.count) for r in detail.roles] == [("sender", 1)]
    hamid = ent.get_entity(archive, HAMID)
    assert hamid is not None and hamid.first_mention and hamid.last_mention
    assert (hamid.first_mention.doc, hamid.first_mention.iso) == (doc_a, "2020-02-27")
    assert hamid.first_mention.hijri == {"year": 1441, "month": 7, "day": 3,
                                         "text": "3 Rajab 1441"}
    assert hamid.last_mention.doc == doc_b
    # A title just before a person's name on its line is a role ("The driver Hamid Taleb").
    assert [(r.name, r.count) for r in hamid.roles] == [("driver", 1)]
    assert [m.roles for m in hamid.mentions] == [[], ["driver"], []]
    assert ent.get_entity(archive, "per-000000000000") is None


# -- merge, rename, split -------------------------------------------------------------------


def test_merge_makes_one_entity_with_both_names_and_documents(archive: Archive) -> None:
    doc_a, doc_b = ids(archive)
    edit_id = entity_edits.merge(archive, ABU_BAKR, ABU_YAHYA, author="rania",
                                 note="same man, kunya")
    listing = by_id(archive)
    assert ABU_YAHYA not in listing
    merged = listing[ABU_BAKR]
    assert merged.name == "Abu Bakr al-Kirmani"
    assert [(a.name, a.count) for a in merged.aliases] == [("Abu Yahya", 1)]
    assert merged.documents == 2 and merged.mentions == 2
    # The merged-away id leads to the entity it joined.
    detail = ent.get_entity(archive, ABU_YAHYA)
    assert detail is not None and detail.id == ABU_BAKR
    assert {d.id for d in detail.documents} == {doc_a, doc_b}
    [edit] = detail.edits
    assert (edit["id"], edit["kind"], edit["author"], edit["note"]) == (
        edit_id, "merge", "rania", "same man, kunya")
    assert edit["before"]["other"]["name"] == "Abu Yahya"
    assert "Abu Yahya" in edit["after"]["aliases"]


def test_effective_documents_and_search_follow_a_merge(archive: Archive) -> None:
    doc_a, doc_b = ids(archive)
    assert search(archive.connection, '"Abu Yahya"').total == 1
    entity_edits.merge(archive, ABU_BAKR, ABU_YAHYA, author="rania")
    doc = archive.document(doc_b)
    machine = archive.machine_document(doc_b)
    assert doc is not None and machine is not None
    [person] = [m for m in doc.mentions if m.text == "Abu Yahya"]
    assert person.entity == ABU_BAKR
    [entity] = [e for e in doc.entities if e.id == ABU_BAKR]
    assert entity.name == "Abu Bakr al-Kirmani" and "Abu Yahya" in entity.aliases
    assert ABU_YAHYA in {m.entity for m in machine.mentions}  # the machine layer is intact
    # Each document's names now carry every name of the merged entity.
    assert {h.id for h in search(archive.connection, '"Abu Yahya"').hits} == {doc_a, doc_b}
    assert {h.id for h in search(archive.connection, "Kirmani").hits} == {doc_a, doc_b}


def test_rename_shows_the_new_name_and_keeps_the_old_as_an_alias(archive: Archive) -> None:
    doc_a, _ = ids(archive)
    entity_edits.rename(archive, KIREM, "Kirem District", author="omar")
    kirem = by_id(archive)[KIREM]
    assert kirem.name == "Kirem District"
    assert [(a.name, a.count) for a in kirem.aliases] == [("Kirem", 3)]
    doc = archive.document(doc_a)
    assert doc is not None
    assert [e.name for e in doc.entities if e.id == KIREM] == ["Kirem District"]
    assert {h.id for h in search(archive.connection, "District").hits} == set(ids(archive))


def test_split_moves_one_mention_to_a_new_entity(archive: Archive) -> None:
    doc_a, doc_b = ids(archive)
    mention = ref(archive, doc_b, "Hamid Taleb")
    new_id = entity_edits.split(archive, HAMID, mention, author="rania",
                                note="the clerk, not the driver")
    assert new_id.startswith("per-split-")
    listing = by_id(archive)
    assert (listing[HAMID].mentions, listing[HAMID].documents) == (2, 1)
    clerk = listing[new_id]
    assert (clerk.name, clerk.type, clerk.mentions, clerk.documents) == (
        "Hamid Taleb", "person", 1, 1)
    doc = archive.document(doc_b)
    assert doc is not None
    assert [m.entity for m in doc.mentions if m.text == "Hamid Taleb"] == [new_id]
    assert HAMID not in {e.id for e in doc.entities}  # its only mention here left it
    assert [e.id for e in (archive.document(doc_a) or doc).entities if e.id == HAMID] == [HAMID]
    [edit] = entity_trail.entity_edits(archive, new_id)
    assert (edit["status"], edit["mention_now"]) == ("anchored", mention)
    entity_edits.rename(archive, new_id, "Hamid Taleb (clerk)", author="rania")
    assert by_id(archive)[new_id].name == "Hamid Taleb (clerk)"


def test_merging_a_split_entity_back_undoes_the_split(archive: Archive) -> None:
    _, doc_b = ids(archive)
    new_id = entity_edits.split(archive, HAMID, ref(archive, doc_b, "Hamid Taleb"), author="a")
    entity_edits.merge(archive, HAMID, new_id, author="a")
    assert by_id(archive)[HAMID].mentions == 3 and new_id not in by_id(archive)


def test_bad_edits_are_refused_and_leave_nothing(archive: Archive) -> None:
    _, doc_b = ids(archive)
    with pytest.raises(StoreError, match="already one entity"):
        entity_edits.merge(archive, ABU_BAKR, ABU_BAKR, author="a")
    with pytest.raises(StoreError, match="cannot merge a place"):
        entity_edits.merge(archive, ABU_BAKR, KIREM, author="a")
    with pytest.raises(StoreError, match="no entity"):
        entity_edits.rename(archive, "per-000000000000", "X", author="a")
    with pytest.raises(StoreError, match="empty"):
        entity_edits.rename(archive, KIREM, "  ", author="a")
    with pytest.raises(StoreError, match="author"):
        entity_edits.rename(archive, KIREM, "Kirem District", author=" ")
    with pytest.raises(StoreError, match="not a mention reference"):
        entity_edits.split(archive, HAMID, "nonsense", author="a")
    with pytest.raises(StoreError, match="no mention at"):
        entity_edits.split(archive, HAMID, f"{doc_b}:0-3", author="a")
    with pytest.raises(StoreError, match="belongs to"):
        entity_edits.split(archive, HAMID, ref(archive, doc_b, "Abu Yahya"), author="a")
    assert entity_trail.entity_edits(archive) == []


# -- the human layer outlives the machine layer ----------------------------------------------


def curate_all(archive: Archive) -> str:
    """Merge, rename and split; returns the split's new entity id."""
    _, doc_b = ids(archive)
    entity_edits.merge(archive, ABU_BAKR, ABU_YAHYA, author="rania")
    entity_edits.rename(archive, KIREM, "Kirem District", author="omar")
    return entity_edits.split(archive, HAMID, ref(archive, doc_b, "Hamid Taleb"), author="rania")


def assert_curated(archive: Archive, clerk: str) -> None:
    listing = by_id(archive)
    assert ABU_YAHYA not in listing and listing[ABU_BAKR].documents == 2
    assert listing[KIREM].name == "Kirem District"
    assert (listing[clerk].mentions, listing[HAMID].mentions) == (1, 2)
    _, doc_b = ids(archive)
    doc = archive.document(doc_b)
    assert doc is not None
    assert [m.entity for m in doc.mentions if m.text == "Hamid Taleb"] == [clerk]
    assert all(e["status"] != "unanchored" for e in entity_trail.entity_edits(archive))
    assert {h.id for h in search(archive.connection, '"Abu Yahya"').hits} == set(ids(archive))


def test_edits_survive_reingest_of_a_changed_file(archive: Archive, corpus: Path) -> None:
    clerk = curate_all(archive)
    _, old_b = ids(archive)
    old_ref = ref(archive, old_b, "Hamid Taleb")
    reingest(archive, corpus, "b.txt", "Copy kept in the stores register.\n\n" + LETTER_B)
    _, new_b = ids(archive)
    assert new_b != old_b
    assert_curated(archive, clerk)
    [edit] = entity_trail.entity_edits(archive, clerk)
    moved = ref(archive, new_b, "Hamid Taleb")
    assert edit["mention_now"] == moved and moved.split(":")[1] != old_ref.split(":")[1]


def test_edits_survive_reprocess(archive: Archive, monkeypatch: pytest.MonkeyPatch,
                                 tmp_path: Path) -> None:
    clerk = curate_all(archive)
    use_stage(monkeypatch, NAMES_V2, "test-2")
    archive.close()
    result = CliRunner().invoke(app, ["reprocess", "--db", str(tmp_path / "archive.db")])
    assert result.exit_code == 0, result.output
    with Archive(tmp_path / "archive.db") as again:
        assert entity_id("organization", "water committee") in by_id(again)
        assert_curated(again, clerk)


def test_a_split_whose_words_are_gone_is_kept_and_reported(archive: Archive,
                                                           corpus: Path) -> None:
    clerk = curate_all(archive)
    reingest(archive, corpus, "b.txt", LETTER_B.replace("Hamid Taleb", "Hamid Talib"))
    _, doc_b = ids(archive)
    [edit] = [e for e in entity_trail.entity_edits(archive) if e["kind"] == "split"]
    assert (edit["status"], edit["mention_now"]) == ("unanchored", None)
    assert edit["mention"]["text"] == "Hamid Taleb" and edit["author"] == "rania"
    assert clerk not in by_id(archive)
    detail = ent.get_entity(archive, HAMID)
    assert detail is not None and [e["id"] for e in detail.unanchored] == [edit["id"]]
    doc = archive.document(doc_b)
    assert doc is not None
    [flag] = [f for f in doc.flags if f.code == entity_layer.UNANCHORED]
    assert "Hamid Taleb" in flag.message
    # The other edits still hold.
    assert by_id(archive)[KIREM].name == "Kirem District"


# -- curation, pure -------------------------------------------------------------------------


def merges(n: int) -> st.SearchStrategy[list[tuple[int, int]]]:
    return st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=12)


@given(merges(6))
def test_merges_form_a_partition(pairs: list[tuple[int, int]]) -> None:
    edits = [EntityEdit(i, "merge", f"e{a}", f"e{b}") for i, (a, b) in enumerate(pairs)]
    cur = Curation(edits)
    for a, b in pairs:
        assert cur.resolve(f"e{a}") == cur.resolve(f"e{b}")
    for x in range(6):
        root = cur.resolve(f"e{x}")
        assert cur.resolve(root) == root and f"e{x}" in cur.members(root)


MENTIONS = st.lists(st.sampled_from(["Hamid", "Salim", "Kirem"]), min_size=1, max_size=8)


@given(MENTIONS, st.data(), st.integers(-40, 40))
def test_a_split_anchor_follows_its_mention_when_the_text_shifts(
        words: list[str], data: st.DataObject, shift: int) -> None:
    mentions = [Mention(w, 100 + 20 * i, 100 + 20 * i + len(w), entity=f"e-{w}")
                for i, w in enumerate(words)]
    chosen = data.draw(st.integers(0, len(words) - 1))
    m = mentions[chosen]
    anchor = Anchor("k", 0, m.start, m.end, m.text)
    # The whole text moved by less than half the gap between mentions.
    moved = [Mention(x.text, x.start + shift // 5, x.end + shift // 5, entity=x.entity)
             for x in mentions]
    assert nearest_mention(mentions, anchor) == chosen
    assert nearest_mention(moved, anchor) == chosen
    cur = Curation([EntityEdit(1, "split", m.entity, "new", m.text, "person", anchor)])
    result = curate(cur, "k", 0, moved, [])
    assert [x.entity for x in result.mentions] == [
        "new" if i == chosen else x.entity for i, x in enumerate(moved)]
    assert [(x.text, x.start, x.end) for x in result.mentions] == [
        (x.text, x.start, x.end) for x in moved]


def test_an_entity_without_mentions_stays_in_its_document() -> None:
    cur = Curation([EntityEdit(1, "merge", "a", "b")])
    result = curate(cur, "k", 0, [], [Entity("b", "person", "B")])
    assert list(result.groups) == ["a"]


# -- the commands ---------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_names_commands_print_keys_and_exact_json() -> None:
    code, out = run("names", "compare", "Abu Bakr", "Abu Baker", "--json")
    assert code == 0
    assert json.loads(out) == {"same": True, "score": 1.0, "key1": "abu bkr", "key2": "abu bkr"}
    code, out = run("names", "compare", "Nasir", "Nasr", "--json")
    data = json.loads(out)
    assert list(data) == ["same", "score", "key1", "key2"] and data["same"] is False
    assert isinstance(data["score"], float) and 0 <= data["score"] < 0.8
    code, out = run("names", "key", "Abu Mohammed al-Jolani")
    assert (code, out) == (0, "abu mhmT jln\n")


def test_entity_commands(archive: Archive, tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "salma")
    db = str(tmp_path / "archive.db")
    _, doc_b = ids(archive)
    mention = ref(archive, doc_b, "Hamid Taleb")
    archive.close()
    code, out = run("entities", "--json", "--db", db)
    assert code == 0, out
    listing = json.loads(out)
    assert listing["total"] == 5
    assert set(listing["entities"][0]) == {"id", "type", "name", "aliases", "documents",
                                           "mentions", "first_date", "last_date"}
    code, out = run("entities", "--type", "place", "--json", "--db", db)
    assert {e["name"] for e in json.loads(out)["entities"]} == {"Kirem", "Dar Salwa"}
    code, out = run("entities", "merge", ABU_BAKR, ABU_YAHYA, "--author", "rania",
                    "--note", "kunya", "--db", db)
    assert code == 0, out
    code, out = run("entities", "rename", KIREM, "Kirem District", "--db", db)
    assert code == 0, out
    code, out = run("entities", "split", HAMID, "--mention", mention, "--db", db)
    assert code == 0 and "per-split-" in out
    code, out = run("entity", ABU_YAHYA, "--json", "--db", db)
    detail = json.loads(out)
    assert code == 0 and detail["id"] == ABU_BAKR
    assert {n["name"] for n in detail["names"]} == {"Abu Bakr al-Kirmani", "Abu Yahya"}
    assert detail["edits"][0]["note"] == "kunya" and detail["first_mention"]["hijri"]["year"]
    code, out = run("entity", KIREM, "--json", "--db", db)
    assert json.loads(out)["name"] == "Kirem District"
    assert json.loads(out)["edits"][0]["author"] == "salma"  # --author defaults to $USER
    code, out = run("entity", HAMID, "--db", db)
    assert code == 0 and "Hamid Taleb" in out and "sender" not in out
    code, out = run("entity", ABU_BAKR, "--db", db)
    assert code == 0 and f"merge {ABU_YAHYA} into {ABU_BAKR} by rania" in out
    code, out = run("entity", KIREM, "--db", db)
    assert code == 0 and f"rename {KIREM} → Kirem District by salma" in out
    code, out = run("entities", "--db", db)
    assert code == 0 and "Kirem District" in out
    code, out = run("entities", "merge", ABU_BAKR, KIREM, "--author", "a", "--db", db)
    assert code == 1 and "cannot merge" in out
    code, out = run("entity", "per-000000000000", "--db", db)
    assert code == 1


# -- the listing's figures come from derived rows: they must equal a count over documents --

SAMPLE = CORPUS
_DERIVED = {
    "entity_docs": "SELECT u.entity_id, u.doc_pk, count(*), d.date_iso FROM (SELECT entity_id,"
                   " doc_pk FROM mentions UNION ALL SELECT entity_id, doc_pk FROM entities) u"
                   " JOIN documents d ON d.pk = u.doc_pk GROUP BY 1, 2",
    "entity_totals": "SELECT entity_id, count(DISTINCT doc_pk), sum(m) FROM (SELECT entity_id,"
                     " doc_pk, 1 AS m FROM mentions UNION ALL SELECT entity_id, doc_pk, 0"
                     " FROM entities) GROUP BY 1",
    "entity_names": "SELECT entity_id, type, name, aliases, count(*), min(id) FROM entities"
                    " GROUP BY 1, 2, 3, 4",
    "entity_texts": "SELECT entity_id, text, type, count(*), min(id) FROM mentions"
                    " GROUP BY 1, 2, 3",
}


def assert_derived_rows_fresh(archive: Archive) -> None:
    """The figures kept by the migration-5 triggers equal a recount of the machine rows."""
    for table, recount in _DERIVED.items():
        kept = archive.connection.execute(f"SELECT * FROM {table}").fetchall()
        assert sorted(kept) == sorted(archive.connection.execute(recount).fetchall()), table


def recount(archive: Archive) -> dict[str, tuple[int, int, str | None, str | None]]:
    """Per effective entity, straight from every effective document: documents, mentions,
    first and last date."""
    docs: dict[str, set[str]] = {}
    mentions: dict[str, int] = {}
    dates: dict[str, list[str]] = {}
    for doc in archive.documents():
        for eff in {e.id for e in doc.entities} | {m.entity for m in doc.mentions}:
            docs.setdefault(eff, set()).add(doc.id)
            if doc.date:
                dates.setdefault(eff, []).append(doc.date.iso)
        for m in doc.mentions:
            mentions[m.entity] = mentions.get(m.entity, 0) + 1
    return {eff: (len(found), mentions.get(eff, 0), min(dates.get(eff, [None]), default=None),
                  max(dates.get(eff, [None]), default=None)) for eff, found in docs.items()}


def figures(archive: Archive) -> dict[str, tuple[int, int, str | None, str | None]]:
    return {s.id: (s.documents, s.mentions, s.first_date, s.last_date)
            for s in ent.list_entities(archive)}


def curate_sample(archive: Archive) -> dict[str, str]:
    """Merges, a rename, splits and a hand edit of one document's mentions, on the real
    sample corpus; returns the ids and names to check."""
    listed = ent.list_entities(archive)
    people = [s for s in listed if s.type == "person"]
    orgs = [s for s in listed if s.type == "organization"]
    entity_edits.merge(archive, people[0].id, people[1].id, author="ana")
    entity_edits.merge(archive, orgs[0].id, orgs[3].id, author="ana")
    entity_edits.rename(archive, orgs[1].id, "Office of Fictional Supplies", author="ana")
    detail = ent.get_entity(archive, people[2].id)
    assert detail is not None and len(detail.mentions) > 1
    split_off = entity_edits.split(archive, people[2].id, detail.mentions[-1].ref, author="ana")
    merged = ent.get_entity(archive, orgs[0].id)
    assert merged is not None
    entity_edits.split(archive, orgs[0].id, merged.mentions[0].ref, author="ana")
    doc = archive.document(merged.mentions[-1].doc)
    assert doc is not None and len(doc.mentions) > 1
    archive.edit_field(doc.id, "mentions", [m.to_dict() for m in doc.mentions[1:]],
                       author="ana")
    return {"merged": people[0].id, "gone": people[1].id, "renamed": orgs[1].id,
            "split": split_off}


def test_listing_equals_a_recount_over_documents_after_curation(tmp_path: Path) -> None:
    with Archive(tmp_path / "sample.db") as archive:
        assert pipeline.ingest_paths(archive, [SAMPLE]).ok
        assert figures(archive) == recount(archive)
        marks = curate_sample(archive)
        assert_derived_rows_fresh(archive)
        listed = figures(archive)
        assert listed == recount(archive)
        assert marks["gone"] not in listed and marks["split"] in listed
        by = {s.id: s for s in ent.list_entities(archive)}
        assert by[marks["renamed"]].name == "Office of Fictional Supplies"
        for eff in (marks["merged"], marks["split"], marks["renamed"]):
            detail = ent.get_entity(archive, eff)
            assert detail is not None
            docs, mentions, first, last = listed[eff]
            assert (len(detail.documents), len(detail.mentions)) == (docs, mentions)
            assert [d.id for d in detail.documents] == sorted(
                (d.id for d in detail.documents),
                key=lambda i: (next(x.date for x in detail.documents if x.id == i) or "~", i))
            dated = [x for x in (detail.first_mention, detail.last_mention) if x]
            assert [x.iso for x in dated] == ([first, last] if first else [])
            assert ent.summary(archive, eff) == by[eff]


def test_entity_detail_roles_equal_those_of_the_whole_document(tmp_path: Path) -> None:
    with Archive(tmp_path / "sample.db") as archive:
        assert pipeline.ingest_paths(archive, [SAMPLE]).ok
        for s in ent.list_entities(archive)[:40]:
            detail = ent.get_entity(archive, s.id)
            assert detail is not None
            for m in detail.mentions:
                doc = archive.document(m.doc)
                assert doc is not None
                [whole] = [x for x in doc.mentions if (x.start, x.end) == (m.start, m.end)]
                assert m.roles == entity_mentions.mention_roles(doc, whole)


def test_derived_rows_follow_reingest_reprocess_and_date_edits(
        archive: Archive, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_derived_rows_fresh(archive)
    reingest(archive, corpus, "b.txt", "Copy kept in the stores register.\n\n" + LETTER_B)
    assert_derived_rows_fresh(archive)
    use_stage(monkeypatch, NAMES_V2, "test-2")
    pipeline.reprocess(archive)
    assert_derived_rows_fresh(archive)
    a, _ = ids(archive)
    archive.edit_field(a, "date", {"iso": "2019-01-05", "precision": "day", "basis": "gregorian"},
                       author="ana")
    assert_derived_rows_fresh(archive)
    assert by_id(archive)[ABU_BAKR].first_date == "2019-01-05"
    assert figures(archive) == recount(archive)


_WORDS = st.sampled_from(["the", "driver", "deputy", "wali", "of", "Kirem", "supplies",
                          "a" * 60, "amir", ".", "\n", ";", "(", "brother", "Taleb,"])


@given(st.lists(_WORDS, max_size=120), st.integers(min_value=0, max_value=8))
def test_a_title_read_in_the_window_before_a_name_is_the_one_read_in_the_whole_text(
        words: list[str], step: int) -> None:
    """Entity pages read only the characters before each person's name (entity_mentions):
    wherever the window cuts, it finds the title the whole text gives."""
    from sijill.store.entity_mentions import BEFORE, _title_before, title_ending
    text = " ".join(words) + " Hamid Taleb"
    start = len(text) - len("Hamid Taleb") - step
    if start < 0:
        return
    mention = Mention("Hamid Taleb", start, start + 11, type="person")
    window = text[max(0, start - BEFORE):start]
    assert title_ending(window, whole=start <= BEFORE) == _title_before(text, mention)
