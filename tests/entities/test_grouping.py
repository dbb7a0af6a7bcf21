"""Stated aliases, and the grouping of a document's mentions into entities
(sijill.entities.grouping). Every example is fictional."""

from __future__ import annotations

import pytest

from sijill.entities.ids import entity_id
from sijill.entities.recognize import recognize, recognize_text
from sijill.model import Span
from sijill.names import name_key
from tests.entities.conftest import parsed


def _aliases(text: str) -> set[frozenset[str]]:
    return {frozenset((e.name, a)) for e in recognize_text(text).entities for a in e.aliases}


def _persons(text: str) -> list:
    return [e for e in recognize_text(text).entities if e.type == "person"]


# -- joins -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "full", "short"), [
    # The same person without the father's name, in another spelling.
    ("The baker Yusuf Khalil Haddad was paid. Then Yousef Hadad signed the receipt.",
     "Yusuf Khalil Haddad", "Yousef Hadad"),
    ("Abdullahi Omar Gelle leads the committee. The court summoned Abdallah Omar Gelle.",
     "Abdullahi Omar Gelle", "Abdallah Omar Gelle"),
])
def test_person_variants_join(text: str, full: str, short: str) -> None:
    assert [e.name for e in _persons(text)] == [full]
    mentions = [m.text for m in recognize_text(text).mentions if m.type == "person"]
    assert short in mentions


def test_unit_named_by_its_place_joins() -> None:
    text = ("The Water Committee of Qarwashan met the well diggers. "
            "The Qarwashan committee asked for more flour.")
    orgs = [e for e in recognize_text(text).entities if e.type == "organization"]
    assert [e.name for e in orgs] == ["Water Committee of Qarwashan"]
    assert orgs[0].aliases == []


def test_middle_name_join_keeps_kunyas_apart() -> None:
    text = "Abu Salim Khalid Nasser sent the list. Abu Nasser sent another."
    assert "Abu Nasser" in {e.name for e in _persons(text)}


def test_middle_name_short_form_is_not_an_alias() -> None:
    text = "Hamid Salih Qadur paid the rent. The landlord thanked Hamid Qadur."
    assert [(e.name, e.aliases) for e in _persons(text)] == [("Hamid Salih Qadur", [])]


def test_unstated_second_spelling_is_no_alias() -> None:
    text = ("The tenant Jamal Absalem al-Warfali paid the rent. Later the tenant, "
            "Jamal Absalim al-Warfali, asked for a receipt.")
    entities = _persons(text)
    assert [e.name for e in entities] == ["Jamal Absalem al-Warfali"]
    assert entities[0].aliases == []


def test_an_accented_transliteration_joins_the_plain_name_and_yields_to_it() -> None:
    text = ("Remarks of Faḍl Aḥmad Ḥamīdī on the school fees.\n\nThe office asks the parents "
            "to pay by Thursday.\n\nFazl Ahmad Hamidi\n")
    assert [(e.name, e.aliases) for e in _persons(text)] == [("Fazl Ahmad Hamidi", [])]


def test_namesakes_get_ids_that_do_not_depend_on_the_document() -> None:
    """Two men whose names share a blocking key keep distinct ids, the same in every document."""
    a, b = "Muhammad Said al-Kurdi", "Mahmud Said al-Kurdi"
    assert name_key(a) == name_key(b)
    assert entity_id("person", a) != entity_id("person", b)  # their vowels tell them apart
    one = recognize_text(f"The driver {a} and the guard {b} signed the register.")
    two = recognize_text(f"The guard {b} signed; the driver {a} was absent.")
    ids_one = {e.name: e.id for e in one.entities if e.type == "person"}
    ids_two = {e.name: e.id for e in two.entities if e.type == "person"}
    assert ids_one == ids_two
    assert len(set(ids_one.values())) == 2
    assert not any(i.endswith("-2") for i in ids_one.values())
    for name in (a, b):  # alone, each has the id it has beside its namesake
        alone = recognize_text(f"The guard {name} signed.").entities
        assert [e.id for e in alone] == [ids_one[name]] == [entity_id("person", name)]


# -- stated aliases ----------------------------------------------------------------------------

KNOWN_AS = [
    ("The late Ramzi Fathi al-Kuni, known in the market as Abu Fathi, owned the stall.",
     "Ramzi Fathi al-Kuni", "Abu Fathi"),
    ("The nurse Hala Anwar Saad, known among the patients as Umm Jalal, was moved.",
     "Hala Anwar Saad", "Umm Jalal"),
]


@pytest.mark.parametrize(("text", "name", "alias"), KNOWN_AS)
def test_aliases_with_words_inside_the_cue(text: str, name: str, alias: str) -> None:
    people = {e.name: e.aliases for e in recognize_text(text).entities if e.type == "person"}
    assert alias in people[name]


@pytest.mark.parametrize(("text", "name", "alias"), [
    ("The storekeeper Cabdullaahi Xasan Jaamac (also written Abdullahi Hassan Jama) signed.",
     "Cabdullaahi Xasan Jaamac", "Abdullahi Hassan Jama"),
    ("The Market Guard (al-Haras al-Suqi) closed the gate.", "Market Guard",
     "al-Haras al-Suqi"),
    ("The cook Umm Rabab' (Layla Hamid Sabri) left early.", "Umm Rabab", "Layla Hamid Sabri"),
])
def test_stated_aliases(text: str, name: str, alias: str) -> None:
    found = {(e.name.rstrip("'"), tuple(e.aliases)) for e in recognize_text(text).entities}
    assert (name, (alias,)) in found


@pytest.mark.parametrize(("text", "pair"), [
    # "Y is the name by which X was known" states an alias.
    ("The storeman left. [3] Abu Jabir is the name by which Rafiq Haddad was known.",
     ("Abu Jabir", "Rafiq Haddad")),
    # A translator quoting both spellings states them.
    ("Paid to Nabil Omar Bin Sulaym. Signed: Nabil Omar Bin Suleim. [Translator: the "
     "original has “Bin Sulaym” here and “Bin Suleim” below.]",
     ("Nabil Omar Bin Sulaym", "Nabil Omar Bin Suleim")),
    # Slash-joined names of one person.
    ("The clerk Abu Hamza al-Ruqi/Abu Hamzah al-Ruqy keeps the ledger.",
     ("Abu Hamza al-Ruqi", "Abu Hamzah al-Ruqy")),
])
def test_stated_alias(text: str, pair: tuple[str, str]) -> None:
    assert frozenset(pair) in _aliases(text)


def test_place_in_parentheses_after_a_person_is_not_an_alias() -> None:
    text = ("The schools of Bab al-Qasr and al-Rimali are late. The clerks are "
            "Fadi Salim Haddad ( al-Rimali ) and Nizar Ali Jabbour ( Bab al-Qasr ).")
    entities = recognize_text(text).entities
    assert all(not e.aliases for e in entities if e.type == "person")
    assert "al-Rimali" in {e.name for e in entities if e.type == "place"}


def test_translated_letterhead_level_is_alias() -> None:
    text = ("Gudiga Biyaha Gobolka\n[Regional Water Board]\n\n"
            "Dear brother Cabdi Nuur,\nThe board asks for two new pumps.\n")
    document = parsed(text)
    level = "Gudiga Biyaha Gobolka"
    # The level as the parser reads such a letterhead (the parser is another stage's work).
    document.issuer = [Span(level, text.index(level), text.index(level) + len(level))]
    orgs = {e.name: e.aliases for e in recognize(document).entities if e.type == "organization"}
    assert orgs.get(level) == ["Regional Water Board"]
