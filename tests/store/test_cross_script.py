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
from sijill.entities.ids import entity_id, script_id
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


# -- addressees, cc and letterhead groups -----------------------------------------------

# The test pair rewritten: a group named by its transliteration, a person as addressee and
# one in the cc, beside the office (Diwan of Finance) every group has.
PARTIES = [("حركة الوادي الأخضر", "Green Valley Movement",
            "حركة الزيتون الأخضر", "Harakat al-Zaytun al-Akhdar"),
           ("الأخ مسؤول المستودع الطبي المحترم",
            "the brother in charge of the medical store, may God preserve him",
            "الأخ زياد الرملي المحترم", "the brother Ziyad al-Ramli, may God preserve him"),
           ("نسخة إلى: ديوان المالية", "Copy to: Diwan of Finance",
            "نسخة إلى: ديوان المالية، صالح الجسري", "Copy to: Diwan al-Maliyya, Salih al-Jisri")]


def _write_parties(folder: Path, group: str = "Harakat al-Zaytun al-Akhdar") -> list[Path]:
    out = []
    for lang in ("ar", "en"):
        text = (PAIRS / f"clinic-supplies.{lang}.txt").read_text(encoding="utf-8")
        for old_ar, old_en, new_ar, new_en in PARTIES:
            old, new = (old_ar, new_ar) if lang == "ar" else (old_en, new_en)
            assert old in text
            text = text.replace(old, new.replace("Harakat al-Zaytun al-Akhdar", group))
        (folder / lang).mkdir(parents=True)
        (folder / lang / f"parties.{lang}.txt").write_text(text, encoding="utf-8")
        out.append(folder / lang)
    return out


def _names(archive: Archive, type_: str) -> dict[str, set[str]]:
    return {s.id: {s.name, *(a.name for a in s.aliases)}
            for s in entities.list_entities(archive, type=type_)}


@pytest.mark.parametrize("arabic_first", [True, False])
def test_addressee_cc_and_group_join_their_transliterations(
        archive: Archive, tmp_path: Path, arabic_first: bool) -> None:
    ar, en = _write_parties(tmp_path)
    for folder in ([ar, en] if arabic_first else [en, ar]):
        pipeline.ingest_paths(archive, [folder])
    people = _people(archive)
    assert people[entity_id("person", "Ziyad al-Ramli")] == {"Ziyad al-Ramli", "زياد الرملي"}
    assert people[entity_id("person", "Salih al-Jisri")] == {"Salih al-Jisri", "صالح الجسري"}
    orgs = _names(archive, "organization")
    group = entity_id("organization", "Harakat al-Zaytun al-Akhdar")
    assert orgs[group] == {"Harakat al-Zaytun al-Akhdar", "حركة الزيتون الأخضر"}
    # an office is its group's: ديوان المالية stays apart from Diwan al-Maliyya, as do the
    # letterhead's translated levels and the addressee's post, which is no entity
    assert not [n for n in orgs.values() if {"ديوان المالية", "Diwan al-Maliyya"} <= n]
    assert any(n == {"ديوان المالية"} for n in orgs.values())
    assert not any("مسؤول المستودع الطبي" in n for n in people.values())
    _rows_agree(archive)


def test_an_office_is_one_per_group(archive: Archive, tmp_path: Path) -> None:
    ar, _ = _write_parties(tmp_path / "a")
    pipeline.ingest_paths(archive, [ar])
    other = tmp_path / "b" / "other.ar.txt"
    other.parent.mkdir()
    other.write_text((ar / "parties.ar.txt").read_text(encoding="utf-8").replace(
        "حركة الزيتون الأخضر", "جماعة الفجر الجديد").replace("٣١٤", "٢٢٠"), encoding="utf-8")
    pipeline.ingest_paths(archive, [other.parent])
    offices = [s for s in entities.list_entities(archive, type="organization")
               if s.name == "ديوان المالية"]
    assert len(offices) == 2 and all(s.documents == 1 for s in offices)


def test_a_group_with_two_latin_candidates_stays_apart(archive: Archive, tmp_path: Path) -> None:
    # حركة السنابل writes no short vowel: Sanabil and Sunabil may both transliterate it (and
    # its own id is not Sanabil's, though their identity keys are the same)
    ar, _ = _write_parties(tmp_path / "one")
    _, en = _write_parties(tmp_path / "two", group="Harakat al-Sanabil")
    _, en2 = _write_parties(tmp_path / "three", group="Harakat al-Sunabil")
    arabic = (ar / "parties.ar.txt")
    arabic.write_text(arabic.read_text(encoding="utf-8").replace(
        "حركة الزيتون الأخضر", "حركة السنابل"), encoding="utf-8")
    pipeline.ingest_paths(archive, [en, en2, ar])
    orgs = _names(archive, "organization")
    assert [n for n in orgs.values() if "حركة السنابل" in n] == [{"حركة السنابل"}]
    assert orgs[entity_id("organization", "Harakat al-Sanabil")] == {"Harakat al-Sanabil"}
    assert orgs[entity_id("organization", "Harakat al-Sunabil")] == {"Harakat al-Sunabil"}


def test_a_latin_id_that_also_holds_a_look_alike_is_no_candidate(archive: Archive) -> None:
    # Jamal and Jamil share an identity key, so the entities stage gives them one id; جميل
    # is Jamil, not Jamal: joining that id would join it to Jamal too
    assert entity_id("person", "Jamal Taleb") == entity_id("person", "Jamil Taleb")
    _letter(archive, "a", ["Jamal Taleb"])
    _letter(archive, "b", ["Jamil Taleb"])
    _letter(archive, "c", ["جميل طالب"])
    assert sorted(map(sorted, _people(archive).values())) == [
        ["Jamal Taleb", "Jamil Taleb"], ["جميل طالب"]]


@pytest.mark.parametrize("second", ["Mahmud Taleb", "Jamal Taleb"])
def test_a_join_is_undone_when_a_second_candidate_or_a_look_alike_arrives(
        archive: Archive, second: str) -> None:
    # محمد طالب joins Muhammad until Mahmud (a second candidate) comes; جميل طالب joins
    # Jamil until Jamal (a look-alike under Jamil's id) comes
    arabic, first = ("محمد طالب", "Muhammad Taleb") if second.startswith("Mahmud") \
        else ("جميل طالب", "Jamil Taleb")
    _letter(archive, "a", [arabic])
    _letter(archive, "b", [first])
    assert [sorted(n) for n in _people(archive).values()] == [sorted([first, arabic])]
    _letter(archive, "c", [second])
    people = _people(archive)
    assert people[script_id("person", arabic)] == {arabic}
    assert all(arabic not in names for id_, names in people.items()
               if id_ != script_id("person", arabic))
    _rows_agree(archive)
