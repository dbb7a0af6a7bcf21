"""The shipped authority file: its shape, its links, and what recognition does with it."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from sijill.entities import authority
from sijill.entities.authority import SHIPPED, is_acronym, read_raw
from sijill.entities.recognize import recognize_text
from sijill.names import fold
from sijill.pipeline import parse_file

ARMED = {"jihadist", "islamist", "insurgent", "rebel", "militia", "state-aligned",
         "state-armed-force", "separatist", "leftist", "coalition"}
CATEGORIES = ARMED | {"political", "administration", "media", "humanitarian", "ngo",
                      "international", "peacekeeping", "foreign-force", "government",
                      "civil-defence", "country", "territory", "region", "river", "city",
                      "province"}
DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
KEYS = {"id", "type", "name", "aliases", "pejoratives", "category", "countries", "founded",
        "dissolved", "parent", "successor", "roles", "identifiers", "sources"}


@pytest.fixture(scope="module")
def raw() -> dict:
    return read_raw(SHIPPED)


@pytest.fixture(scope="module")
def shipped() -> authority.Authority:
    return authority.load()


def test_every_entry_has_its_keys_and_well_formed_values(raw: dict) -> None:
    for item in raw["entities"]:
        assert {"id", "type", "name"} <= set(item), item
        assert set(item) <= KEYS, (item["id"], set(item) - KEYS)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item["id"]), item["id"]
        assert item["type"] in authority.TYPES
        assert item.get("category") is None or item["category"] in CATEGORIES, item["id"]
        assert all(re.fullmatch(r"[A-Z]{2}", c) for c in item.get("countries") or []), item
        for key in ("founded", "dissolved"):
            assert item.get(key) is None or DATE.match(str(item[key])), (item["id"], key)
        qid = (item.get("identifiers") or {}).get("wikidata")
        assert qid is None or re.fullmatch(r"Q[1-9][0-9]*", qid), item["id"]


def test_ids_are_unique(raw: dict) -> None:
    ids = [item["id"] for item in raw["entities"]]
    assert len(ids) == len(set(ids)), {i for i in ids if ids.count(i) > 1}


def test_every_name_belongs_to_one_entry_unless_declared_shared(raw: dict) -> None:
    shared = {fold(n) for n in raw.get("shared_names") or []}
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in raw["entities"]:
        names = [item["name"], *(item.get("aliases") or []), *(item.get("pejoratives") or [])]
        keys = [n if is_acronym(n) else fold(n) for n in names]
        assert len(keys) == len(set(keys)), (item["id"], "a name listed twice")
        for key in keys:
            owners[(item["type"], key)].add(item["id"])
    clashes = {k: v for k, v in owners.items() if len(v) > 1 and k[1] not in shared}
    assert not clashes


def test_links_resolve_and_years_are_in_order(shipped: authority.Authority) -> None:
    entries = shipped.entries
    for entry in entries.values():
        assert entry.parent is None or entry.parent in entries, entry.id
        assert all(s in entries for s in entry.successors), entry.id
        assert all(role.of is None or role.of in entries for role in entry.roles), entry.id
        if entry.from_year and entry.until_year:
            assert entry.from_year <= entry.until_year, entry.id
        assert entry.id not in entry.successors and entry.parent != entry.id


def test_the_file_covers_armed_groups_figures_and_places(shipped: authority.Authority) -> None:
    entries = list(shipped.entries.values())
    armed = [e for e in entries if e.type == "organization" and e.category in ARMED]
    assert len(armed) >= 300
    regions = {c for e in armed for c in e.countries}
    assert {"SY", "IQ", "AF", "PK", "YE", "SO", "ML", "NG", "LY", "LB", "PS", "RU", "PH"} <= regions
    assert sum(e.type == "person" for e in entries) >= 100
    assert sum(e.category == "country" for e in entries) >= 50
    assert all(e.sources for e in entries)


def test_existence_years_read_from_founded_and_dissolved(shipped: authority.Authority) -> None:
    nusra = shipped.entries["jabhat-al-nusra"]
    assert (nusra.from_year, nusra.until_year) == (2012, 2016)
    assert shipped.entries["jabhat-fath-al-sham"].successors == ("hts",)
    assert shipped.entries["aqap"].parent == "al-qaeda"
    assert shipped.entries["hts"].until_year == 2025


def test_lookup_by_spelling_keeps_different_names_apart(shipped: authority.Authority) -> None:
    assert shipped.lookup("Hayat Tahrir ash-Sham").id == "hts"
    assert shipped.lookup("Hizballah").id == "hezbollah"
    assert shipped.lookup("Qassem Soleimani", "person").id == "qasem-soleimani"
    assert shipped.lookup("Sweden").id == "sweden"
    assert shipped.lookup("Sudan").id == "sudan"
    assert shipped.lookup("ISIS").id == "islamic-state"
    assert shipped.lookup("isis") != shipped.entries["islamic-state"]  # acronyms as written


def _entities(text: str) -> dict[str, tuple[str, list[str]]]:
    result = recognize_text(text)
    return {e.name: (e.type, e.aliases) for e in result.entities}


def test_public_groups_places_and_figures_are_recognised() -> None:
    found = _entities(
        "The clinic in Doha received a letter from the Houthis about vaccines. Talks in "
        "Astana were chaired by Zabihullah Mujahid, and the Palestinian territories were "
        "discussed. The water grant came from Germany and Sweden.")
    assert found["Houthis"][0] == "organization"
    for place in ("Doha", "Astana", "Palestinian territories", "Germany", "Sweden"):
        assert found[place][0] == "place", place
    assert found["Zabihullah Mujahid"][0] == "person"


def test_names_split_by_the_tokenizer_stay_whole() -> None:
    found = _entities("We, People’s Protection Units (YPG), repaired the pumps for the "
                      "farmers. The former Kabul administration kept the old tariff.")
    assert found["People’s Protection Units"] == ("organization", ["YPG"])
    assert found["Kabul administration"][0] == "organization"
    assert "Kabul" not in found


def test_bracketed_names_and_possessives() -> None:
    found = _entities(
        "The statement by the Naqshbandi Army [Jaysh Rijal al-Tariqa al-Naqshbandia: JRTN] "
        "thanks the Islamic State [IS] neighbours for the wheat. The Islamic State's "
        "Administration in Yemen repaired a school.")
    assert set(found["Jaysh Rijal al-Tariqa al-Naqshbandia"][1]) == {"Naqshbandi Army", "JRTN"}
    assert "IS" in found["Islamic State"][1]
    assert "Islamic State's Administration" not in found


def test_organisation_names_are_not_cut_at_for() -> None:
    found = _entities("The General Administration for Education sent the exam forms to "
                      "the Central Committee for Public Procurement.")
    assert found["General Administration for Education"][0] == "organization"
    assert found["Central Committee for Public Procurement"][0] == "organization"


def _letter(folder: Path, name: str, group: str, number: str) -> Path:
    path = folder / name
    path.write_text(f"{group}\nMedia Office\n\nNo.: {number}\nDate: 3 March 2019\n\n"
                    "To: the Relief Committee of Kafr Nabl\n\nThe Media Office announces the "
                    "new timetable for the bakeries.\n", encoding="utf-8")
    return path


def _office_id(path: Path) -> str:
    doc = parse_file(path)[0]
    return next(e.id for e in doc.entities if e.name == "Media Office")


def test_a_generic_office_is_scoped_by_its_group(tmp_path: Path) -> None:
    a = _office_id(_letter(tmp_path, "a.txt", "Harakat Nur al-Wadi", "12/A"))
    b = _office_id(_letter(tmp_path, "b.txt", "Harakat Nur al-Wadi", "19/A"))
    c = _office_id(_letter(tmp_path, "c.txt", "Jabhat Rayat al-Fajr", "4"))
    assert a == b  # one group's office keeps one id across its documents
    assert a != c  # two groups' offices never share one


def test_an_unscoped_generic_office_stays_in_its_document() -> None:
    one = recognize_text("The Office of Supplies sent flour to the bakery.")
    two = recognize_text("The Office of Supplies sent rice to the school.")
    ids = [next(e.id for e in r.entities if e.name == "Office of Supplies") for r in (one, two)]
    assert ids[0] != ids[1]
    named = recognize_text("The Relief Committee of Kafr Nabl thanked the donors.")
    again = recognize_text("The Relief Committee of Kafr Nabl opened a bakery.")
    assert named.entities[0].id == again.entities[0].id  # specific names keep their ids


def test_a_credit_line_names_a_person() -> None:
    found = _entities("The report on bakeries, an article by Farida Haddad, was translated "
                      "from Arabic by Claire Martin. The forms were sent by the Sariya.")
    assert found["Farida Haddad"][0] == "person"
    assert found["Claire Martin"][0] == "person"
    assert "Sariya" not in found or found["Sariya"][0] != "person"
