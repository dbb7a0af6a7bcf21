"""Stated aliases (sijill.entities.aliases): lists after a cue or in brackets, identifier
codes, descriptive words before a name, footnote numbers glued to a name or a cue.
Every example is fictional."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sijill.entities.recognize import recognize_text


def _pairs(text: str) -> set[frozenset[str]]:
    return {frozenset((e.name, a)) for e in recognize_text(text).entities for a in e.aliases}


def _aliases_of(text: str, name: str) -> set[str]:
    found = [e for e in recognize_text(text).entities if e.name == name]
    assert found, f"{name!r} not among {[e.name for e in recognize_text(text).entities]}"
    return set(found[0].aliases)


# -- lists -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "aliases"), [
    ("The Harim Bakers Union – also known as HBU, BU-Harim or Ittihad al-Khabbazin – raised "
     "the price of bread.", "Harim Bakers Union", {"HBU", "BU-Harim", "Ittihad al-Khabbazin"}),
    ("The clerk Khalid Haddad, a.k.a. Abu Nour and Abu Karim, signed the receipt.",
     "Khalid Haddad", {"Abu Nour", "Abu Karim"}),
    ("The Salqin Water Office (also called Maktab al-Miyah; Diwan al-Saqaya) repaired the "
     "pumps.", "Salqin Water Office", {"Maktab al-Miyah", "Diwan al-Saqaya"}),
    ("The clerk Khalid Haddad (Abu Nour, Abu Karim) signed the receipt.",
     "Khalid Haddad", {"Abu Nour", "Abu Karim"}),
])
def test_every_name_of_a_list_is_an_alias(text: str, name: str, aliases: set[str]) -> None:
    assert _aliases_of(text, name) == aliases


@pytest.mark.parametrize(("text", "name", "alias", "others"), [
    # Commas and a final "and" after a cue: the people who signed, not more aliases.
    ("The clerk Khalid Haddad, aka Abu Nour, Samir Qasim and Omar Said signed the receipt.",
     "Khalid Haddad", "Abu Nour", {"Samir Qasim", "Omar Said"}),
    # ", and B" after a single alias opens a new clause.
    ("The clerk Khalid Haddad, aka Abu Nour, and the driver Samir Qasim signed the receipt.",
     "Khalid Haddad", "Abu Nour", {"Samir Qasim"}),
    # A bracket that goes on with a sentence is not a list of names.
    ("The Salqin Water Office (also called Maktab al-Miyah; it opened in 2014) repaired the "
     "pumps.", "Salqin Water Office", "Maktab al-Miyah", set()),
])
def test_a_list_ends_where_the_names_stop_being_aliases(text: str, name: str, alias: str,
                                                        others: set[str]) -> None:
    assert _aliases_of(text, name) == {alias}
    names = {e.name for e in recognize_text(text).entities}
    assert others <= names


# -- identifier codes, descriptive words ---------------------------------------------------------

@pytest.mark.parametrize("code", ["ABC0014", "QDe.115", "S/2019/123", "2231"])
def test_a_bracketed_code_is_no_alias(code: str) -> None:
    text = f"Written evidence from THE VALLEY TEACHERS LEAGUE ({code})\n\nThe league pays."
    assert all(code not in pair for pair in _pairs(text))
    assert all(not e.aliases for e in recognize_text(text).entities)


@pytest.mark.parametrize("descriptor", ["Sufi-nationalist", "Sufi Nationalist",
                                        "Turkish-backed", "So-called"])
def test_descriptive_words_are_not_part_of_the_name(descriptor: str) -> None:
    text = (f"This statement by the {descriptor} Valley Teachers League "
            "[Rabitat al-Muallimin al-Wadi: VTL] asks for books.")
    assert _pairs(text) == {frozenset(("Valley Teachers League", "Rabitat al-Muallimin al-Wadi")),
                            frozenset(("Valley Teachers League", "VTL"))}


def test_a_descriptive_word_that_is_the_name_stays() -> None:
    # Two words are left at least: "Nationalist Front" is a name, not "Front".
    assert _pairs("The Nationalist Front (al-Jabha al-Qawmiyya) opened a school.") == {
        frozenset(("Nationalist Front", "al-Jabha al-Qawmiyya"))}


# -- footnote numbers ------------------------------------------------------------------------------

def test_footnote_numbers_glued_to_names_and_cues() -> None:
    text = ("The Harim Bakers Union2 (aka Ittihad al-Khabbazin) and Abu Salim al-Tayyib3 "
            "(a.k.a. Abu Yahya) met.")
    assert _pairs(text) == {frozenset(("Harim Bakers Union", "Ittihad al-Khabbazin")),
                            frozenset(("Abu Salim al-Tayyib", "Abu Yahya"))}


def test_a_cue_opening_its_line_names_the_title_above() -> None:
    text = ("Annex 4. The statutes of Rabitat Ahl al-Tin Fi Bilad al-Zaytun\n\np. 12-20\n\n"
            "1(a.k.a. Ahlul Tin)\nBroadcast on 7 March 2013\n\n"
            "2Rabitat Ahl al-Tin Fi Bilad al-Zaytun is an association of farmers.\n")
    assert _pairs(text) == {frozenset(("Rabitat Ahl al-Tin Fi Bilad al-Zaytun", "Ahlul Tin"))}


# -- more cues -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "pair"), [
    ("The clerk Khalid Haddad (also recorded in the register as Khaled Hadad) was paid.",
     ("Khalid Haddad", "Khaled Hadad")),
    ("[Comment: the Wadi Teachers Movement is the name used by most editors for Harakat "
     "Muallimi al-Wadi; the cards were green.]",
     ("Wadi Teachers Movement", "Harakat Muallimi al-Wadi")),
])
def test_further_cues(text: str, pair: tuple[str, str]) -> None:
    assert frozenset(pair) in _pairs(text)


@pytest.mark.parametrize("cue", [", also referred to as Abu Nour,", ", nicknamed Abu Nour,",
                                 " (or Abu Nour)", ", known simply as Abu Nour,",
                                 " (also written Abu Nour)",
                                 ", whose kunya is Abu Nour,", " (kunya: Abu Nour)",
                                 " (nom de guerre: Abu Nour)", ", known by the kunya Abu Nour,"])
def test_kunya_and_nickname_cues(cue: str) -> None:
    assert _pairs(f"The clerk Khalid Haddad{cue} signed the receipt.") == {
        frozenset(("Khalid Haddad", "Abu Nour"))}


@pytest.mark.parametrize(("text", "pair"), [
    ("The clerk Khalid Haddad A.K.A. Abu Nour signed the receipt.", ("Khalid Haddad", "Abu Nour")),
    ("The clerk Khalid Haddad AKA Abu Nour signed the receipt.", ("Khalid Haddad", "Abu Nour")),
    ("HARIM BAKERS UNION (A.K.A. ITTIHAD AL-KHABBAZIN) RAISES THE PRICE OF BREAD",
     ("HARIM BAKERS UNION", "ITTIHAD AL-KHABBAZIN")),
])
def test_a_cue_in_capitals_cuts_the_name(text: str, pair: tuple[str, str]) -> None:
    assert _pairs(text) == {frozenset(pair)}


@pytest.mark.parametrize("cue", ["formerly known as", "previously called", "now known as"])
def test_a_former_or_later_name_is_no_alias(cue: str) -> None:
    text = f"The Harim Bakers Union, {cue} Jabhat al-Khubz, raised the price of bread."
    assert _pairs(text) == set()
    assert {"Harim Bakers Union", "Jabhat al-Khubz"} <= {
        e.name for e in recognize_text(text).entities}


def test_a_footnote_states_an_alias_of_a_footnoted_name() -> None:
    text = ("The midwife Umm Hala'[2] of the Saqlawiya Clinic is transferred. The witness "
            "Abd al-Karim Tawil[3] signed.\n\n[2] Umm Hala' is the name by which Rima Jaber "
            "was known at the clinic.\n[3] Abd al-Karim Tawil was also known locally as "
            '"Bu Karim".')
    pairs = _pairs(text)
    assert frozenset(("Abd al-Karim Tawil", "Bu Karim")) in pairs
    assert all("[" not in name for pair in pairs for name in pair)


def test_a_translator_bracket_states_an_alias_a_quoted_gloss_does_not() -> None:
    assert _pairs('Harakat Muallimi al-Wadi [Translator: "the Wadi Teachers Movement"] – '
                  "Office of Books") == {frozenset(("Harakat Muallimi al-Wadi",
                                                    "Wadi Teachers Movement"))}
    assert _pairs("The Diwan al-Kutub ('Department of Books') opened a library.") == set()


# -- acronyms --------------------------------------------------------------------------------------

def test_an_acronym_the_text_states_joins_its_organisation() -> None:
    text = ("Ref. no.: HBU/7/1440\n\nThe Harim Bakers Union (HBU) sets the price of bread. "
            "HBU asks the bakers to comply.")
    assert _pairs(text) == {frozenset(("Harim Bakers Union", "HBU"))}


@pytest.mark.parametrize("text", [
    # A headline and a later mention give the initials, but nothing states the alias.
    "A new decision by HBU on bread\n\nThe Harim Bakers Union issued a decision on the price "
    "of bread. HBU asks the bakers to comply.",
    # Initials inside a reference number.
    "Harim Bakers Union\nRef. no.: HBU/H/1440/09\n\nThe bakers are asked to comply.",
])
def test_unstated_initials_are_no_alias(text: str) -> None:
    assert _pairs(text) == set()


# -- properties ----------------------------------------------------------------------------------

_KUNYAS = ["Abu Nour", "Abu Karim", "Abu Yahya", "Abu Hamza", "Abu Salim", "Abu Rami",
           "Abu Fadi", "Abu Zaid"]
_CUES = ["also known as", "aka", "a.k.a.", "also called", "known as"]


@st.composite
def _stated_list(draw: st.DrawFn) -> tuple[str, list[str]]:
    names = draw(st.lists(st.sampled_from(_KUNYAS), min_size=1, max_size=4, unique=True))
    cue = draw(st.sampled_from(_CUES))
    if len(names) == 1:
        listed = names[0]
    else:
        last = draw(st.sampled_from([" or ", "/"] if len(names) > 2 else [" or ", " and ", "/"]))
        listed = ", ".join(names[:-1]) + last + names[-1]
    bracket = draw(st.booleans())
    stated = f" ({cue} {listed})" if bracket else f", {cue} {listed},"
    return f"The clerk Khalid Haddad{stated} signed the receipt for the flour.", names


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_stated_list())
def test_a_list_of_k_names_gives_k_aliases(case: tuple[str, list[str]]) -> None:
    text, names = case
    assert _aliases_of(text, "Khalid Haddad") == set(names)


_PIECES = [*_KUNYAS, "Khalid Haddad", "the Harim Bakers Union", "HUM0014", "Union2", "(", ")",
           "[", "]", ",", ";", "/", "or", "and", "1(a.k.a.", "aka", "also known as", "\n",
           "Sufi-nationalist", "so-called", "-", "."]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=20))
def test_every_alias_is_a_name_of_the_text(words: list[str]) -> None:
    text = " ".join(words)
    result = recognize_text(text)
    mentions = {m.text for m in result.mentions}
    for entity in result.entities:
        for alias in entity.aliases:
            assert alias.strip() and alias in text and alias != entity.name
            assert alias in mentions
            assert any(ch.isalpha() for ch in alias)
