"""The search facets (store/facets.py, schema 14) against straightforward counts: the
province facet lists the letterhead's territorial level only; the entity facet follows a
researcher's merge (one value, each document once, the filter finds them all) and its
undo; one group's generic office is not another's."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from sijill import pipeline
from sijill.store import Archive, entities, entity_edits, undo
from sijill.store.documents import province
from sijill.store.migrate import available, statements
from sijill.store.search import NameIndex
from sijill.web.search import search
from tests.conftest import CORPUS
from tests.web.test_search import assert_top

# Fictional letterheads: a state, a province, a diwan and an office; a movement and two of
# its offices; a second movement with a media office of the same name as the first's.
LETTERS = {
    "bakery.txt": """\
Dawlat al-Sanabil
Wilayat al-Marj
Diwan al-Khidamat
Office of Bakeries

No.: 14/22
Date: 3 Rajab 1437 [10 April 2016]

Subject: flour for the bakery of Tal Warda

To the brother in charge of the bakery of Tal Warda,

Peace be upon you. Twenty sacks of flour will be delivered on Thursday by the driver
Salim Naddaf. Sign the receipt and return it to the office.

Head of the Office of Bakeries
Abu Hafs al-Warraq
""",
    "school.txt": """\
Dawlat al-Sanabil
Wilayat al-Marj
Diwan al-Ta'lim
Office of Schools

No.: 31/9
Date: 12 Sha'ban 1437 [19 May 2016]

Subject: chalk and exercise books for the schools

To the teachers of the school of Tal Warda,

Peace be upon you. Forty boxes of chalk and three hundred exercise books are sent with
Salim Naddaf. Please count them on arrival.

Head of the Office of Schools
Abu Hafs al-Warraq
""",
    "media-a.txt": """\
Harakat Nahr al-Fida
Media Office

No.: 7/2
Date: 2 March 2016

Subject: printing of the market price list

To the print shop of Kafr Dima,

Peace be upon you. Print five hundred copies of the market price list for the Media Office.

Media Office
""",
    "media-b.txt": """\
Jabhat Suhul al-Qamh
Media Office

No.: 88/4
Date: 9 March 2016

Subject: notice of the new clinic hours

To the clinic of Ayn Zarqa,

Peace be upon you. The Media Office will post the new clinic hours at the mosque doors.

Media Office
""",
}


@pytest.fixture()
def archive(tmp_path: Path) -> Any:
    folder = tmp_path / "letters"
    folder.mkdir()
    for name, text in LETTERS.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Archive(tmp_path / "a.db") as a:
        pipeline.ingest_paths(a, [CORPUS / "letters", folder])
        yield a


def _effective_entities(archive: Archive, ids: set[str] | None = None) -> Counter[str]:
    """Documents per entity, from the documents (all, or those of `ids`) as the researchers'
    edits make them."""
    return Counter(e.id for d in archive.documents() if ids is None or d.id in ids
                   for e in {x.id: x for x in d.entities}.values())


def _hits(archive: Archive, query: str, filters: dict[str, str]) -> set[str]:
    first = search(archive, NameIndex(), query, filters=filters)
    return {h.id for page in range(1, first.pages + 1)
            for h in search(archive, NameIndex(), query, filters=filters, page=page).hits}


def test_province_is_the_territorial_level_never_an_office(archive: Archive) -> None:
    bakery = next(d for d in archive.documents() if d.source.path.endswith("bakery.txt"))
    assert [lv.text for lv in bakery.issuer] == [
        "Dawlat al-Sanabil", "Wilayat al-Marj", "Diwan al-Khidamat", "Office of Bakeries"]
    assert province(bakery) == "Wilayat al-Marj"
    facet = dict(search(archive, NameIndex()).facets["province"])
    assert facet["Wilayat al-Marj"] == 2
    offices = {lv.text for d in archive.documents() for lv in d.issuer
               if lv.text.split()[0] in ("Office", "Diwan") or lv.text.endswith("Office")}
    assert offices and not offices & set(facet)
    found = search(archive, NameIndex(), filters={"province": "Wilayat al-Marj"})
    assert {h.title for h in found.hits} == {
        "flour for the bakery of Tal Warda", "chalk and exercise books for the schools"}


def test_migration_fills_the_province_as_ingest_does(archive: Archive) -> None:
    conn = archive.connection
    before = dict(conn.execute("SELECT pk, province FROM documents"))
    assert sum(v is not None for v in before.values()) >= 3
    migration = next(m for m in available() if m.name == "facet_rows")
    backfill = [s for s in statements(migration.sql) if "UPDATE documents SET province" in s]
    with archive.batch():
        conn.execute("UPDATE documents SET province = NULL")
        assert not search(archive, NameIndex()).facets["province"]
        conn.execute(backfill[0])
    assert dict(conn.execute("SELECT pk, province FROM documents")) == before
    assert dict(search(archive, NameIndex()).facets["province"])["Wilayat al-Marj"] == 2
    _rows_agree(archive)


def _rows_agree(archive: Archive) -> None:
    """The facet rows the triggers keep are what the tables they come from hold now."""
    conn = archive.connection
    kept = set(conn.execute(
        "SELECT f.doc_pk, v.facet, v.value FROM doc_facets f"
        " JOIN facet_values v ON v.id = f.value_id"))
    now = set(conn.execute(
        "SELECT * FROM document_facet_values WHERE value IS NOT NULL"
        " UNION SELECT doc_pk, 'flag', code FROM flags"
        " UNION SELECT doc_pk, 'check', check_name FROM flags WHERE check_name IS NOT NULL"
        " UNION SELECT doc_pk, 'entity', entity_id FROM entity_id_docs"))
    assert kept == now
    totals = dict(conn.execute("SELECT value_id, docs FROM facet_totals"))
    assert totals == dict(conn.execute(
        "SELECT value_id, count(*) FROM doc_facets GROUP BY 1"))


def _pair(archive: Archive) -> tuple[str, str]:
    """Two people named in some of the same letters: a merge must count those once."""
    docs = [{e.id for e in d.entities if e.type == "person"} for d in archive.documents()]
    every = Counter(x for ids in docs for x in ids)
    ranked = [x for x, _ in every.most_common()]
    return next((a, b) for a in ranked for b in ranked
                if a < b and any({a, b} <= ids for ids in docs))


def test_entity_facet_follows_a_merge_and_its_undo(archive: Archive) -> None:
    plain = search(archive, NameIndex()).facets["entity"]
    assert_top(plain, _effective_entities(archive))
    keep, other = _pair(archive)
    alone = _effective_entities(archive)
    edit = entity_edits.merge(archive, keep, other, author="tester")
    merged = _effective_entities(archive)
    assert other not in merged and merged[keep] < alone[keep] + alone[other]  # shared letters
    results = search(archive, NameIndex())
    assert_top(results.facets["entity"], merged)
    assert all(v != other for v, _ in results.facets["entity"])
    chosen = search(archive, NameIndex(), filters={"entity": keep})
    assert chosen.total == merged[keep]
    assert search(archive, NameIndex(), filters={"entity": other}).total == merged[keep]
    shown = entities.summary(archive, keep)
    assert shown is not None and chosen.label("entity", keep) == shown.name
    # over a few hits, and over most of the archive (its totals less the other documents)
    for query, filters in (("flour", {}), ("", {"media_type": "text/plain"})):
        ids = _hits(archive, query, filters)
        assert_top(search(archive, NameIndex(), query, filters=filters).facets["entity"],
                   _effective_entities(archive, ids))
    _rows_agree(archive)
    undo.undo(archive, "entity", edit, author="tester")
    assert _effective_entities(archive) == alone
    assert_top(search(archive, NameIndex()).facets["entity"], alone)
    assert search(archive, NameIndex(), filters={"entity": keep}).total == alone[keep]
    # re-ingest of the same files and a reprocess rewrite the machine layer under the rows
    pipeline.reprocess(archive, "entities")
    _rows_agree(archive)


def test_a_generic_office_is_one_per_group(archive: Archive) -> None:
    media = {e.id: d.issuer[0].text for d in archive.documents() for e in d.entities
             if e.name == "Media Office" and d.issuer
             and d.issuer[0].text in ("Harakat Nahr al-Fida", "Jabhat Suhul al-Qamh")}
    assert len(media) == 2  # the entity stage scopes a generic office by its group
    found = search(archive, NameIndex(), "\"price list\" OR \"clinic hours\"")
    labels = {found.label("entity", v) for v, _ in found.facets["entity"] if v in media}
    assert found.total == 2 and labels == {
        "Media Office (Harakat Nahr al-Fida)", "Media Office (Jabhat Suhul al-Qamh)"}
    for entity_id in media:
        assert search(archive, NameIndex(), filters={"entity": entity_id}).total == 1
