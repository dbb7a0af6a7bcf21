"""Names across scripts (store/cross_script.py): an Arabic-script person and its one Latin
transliteration are one entity with both spellings, in either ingest order; names that
share a consonant skeleton but not their written vowels stay apart, as do names with two
Latin candidates; a researcher's split of the joined entity survives reprocess; the entity
facet follows the joined id."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sijill import pipeline
from sijill.entities.ids import entity_id
from sijill.model import Document, Entity, Mention, SourceText, sha256_hex
from sijill.store import Archive, entities, entity_edits
from sijill.store.search import NameIndex
from sijill.web.search import search
from tests.store.test_facets import _rows_agree

PAIRS = Path(__file__).resolve().parents[1] / "data" / "pairs"
# A fictional official whose Arabic spelling cannot give the id of its transliteration (the
# short vowels are unwritten), so only the store's resolution joins them.
ARABIC, LATIN = "يوسف المرواني", "Yusuf al-Marwani"
STAGES = {"ingest": "1", "parse": "1", "entities": "1"}


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "archive.db") as a:
        yield a


def _write_pair(folder: Path) -> tuple[Path, Path]:
    """The test pair of letters, signed by the official, each in its own folder."""
    out = []
    for lang, old, new in (("ar", "أبو يوسف الشامي", ARABIC), ("en", "Abu Yusuf al-Shami", LATIN)):
        text = (PAIRS / f"clinic-supplies.{lang}.txt").read_text(encoding="utf-8")
        assert old in text
        (folder / lang).mkdir()
        (folder / lang / f"supplies.{lang}.txt").write_text(text.replace(old, new),
                                                            encoding="utf-8")
        out.append(folder / lang)
    return out[0], out[1]


def _people(archive: Archive) -> dict[str, set[str]]:
    """Each person entity's id -> every name it goes by."""
    return {s.id: {s.name, *(a.name for a in s.aliases)}
            for s in entities.list_entities(archive, type="person")}


@pytest.mark.parametrize("arabic_first", [True, False])
def test_an_original_and_its_translation_share_the_sender(
        archive: Archive, tmp_path: Path, arabic_first: bool) -> None:
    assert entity_id("person", ARABIC) != entity_id("person", LATIN)
    ar, en = _write_pair(tmp_path)
    for folder in ([ar, en] if arabic_first else [en, ar]):
        pipeline.ingest_paths(archive, [folder])
    joined = entity_id("person", LATIN)
    assert _people(archive)[joined] == {ARABIC, LATIN}
    assert entity_id("person", ARABIC) not in _people(archive)
    summary = entities.summary(archive, joined)
    assert summary is not None and summary.name == LATIN and summary.documents == 2
    facet = dict(search(archive, NameIndex()).facets["entity"])
    assert facet[joined] == 2 and entity_id("person", ARABIC) not in facet
    _rows_agree(archive)


def _letter(archive: Archive, name: str, people: list[str]) -> None:
    """A stored one-line letter naming `people` (entity ids as the entities stage gives)."""
    text = f"Letter {name}: the salaries of the clinic staff are paid by " + ", ".join(people)
    source = SourceText(sha256_hex(text.encode()), text, path=f"{name}.txt",
                        media_type="text/plain")
    mentions = [Mention(p, text.index(p), text.index(p) + len(p), type="person",
                        entity=entity_id("person", p)) for p in people]
    doc = Document(source=source.source(0), text=text, mentions=mentions,
                   entities=[Entity(entity_id("person", p), "person", p) for p in people])
    archive.put_source(source, [doc], STAGES)


def test_a_name_whose_written_vowels_differ_stays_apart(archive: Archive) -> None:
    # the same consonants, but the Arabic writes a long i the Latin "Hamad" has not
    _letter(archive, "a", ["Hamad Taleb"])
    _letter(archive, "b", ["حميد طالب"])
    assert len(_people(archive)) == 2
    assert entity_id("person", "حميد طالب") in _people(archive)


def test_the_same_name_in_its_own_transliteration_joins(archive: Archive) -> None:
    _letter(archive, "b", ["حميد طالب"])
    _letter(archive, "c", ["Hamid Taleb"])
    assert list(_people(archive).values()) == [{"Hamid Taleb", "حميد طالب"}]


def test_two_latin_candidates_leave_the_arabic_name_alone(archive: Archive) -> None:
    # محمد is both Muhammad and (unvowelled) Mahmud: two Latin ids, so neither is taken
    assert entity_id("person", "Muhammad Taleb") != entity_id("person", "Mahmud Taleb")
    _letter(archive, "a", ["Muhammad Taleb"])
    _letter(archive, "b", ["Mahmud Taleb"])
    _letter(archive, "c", ["محمد طالب"])
    assert sorted(map(sorted, _people(archive).values())) == [
        ["Mahmud Taleb"], ["Muhammad Taleb"], ["محمد طالب"]]


def test_one_document_naming_both_spellings_has_one_entity(archive: Archive) -> None:
    _letter(archive, "a", [LATIN, ARABIC])
    [doc] = list(archive.documents())
    assert [(e.id, e.name, e.aliases) for e in doc.entities] == [
        (entity_id("person", LATIN), LATIN, [ARABIC])]
    assert {m.entity for m in doc.mentions} == {entity_id("person", LATIN)}


def test_a_split_of_the_joined_entity_survives_reprocess(
        archive: Archive, tmp_path: Path) -> None:
    ar, en = _write_pair(tmp_path)
    pipeline.ingest_paths(archive, [ar, en])
    joined = entity_id("person", LATIN)
    [arabic_doc] = [d for d in archive.documents() if d.language == "ar"]
    [m] = [m for m in arabic_doc.mentions if m.text == ARABIC]
    new_id = entity_edits.split(archive, joined, f"{arabic_doc.id}:{m.start}-{m.end}",
                                author="rania")
    before = _people(archive)
    assert before[joined] == {LATIN} and before[new_id] == {ARABIC}
    pipeline.reprocess(archive, stage="entities")
    assert _people(archive) == before
    _rows_agree(archive)
