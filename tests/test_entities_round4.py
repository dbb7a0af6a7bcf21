"""Round 4 of entity recognition (issue 4): rules from the hard4 error classes.

Every example is fictional and worded unlike the held-out corpus.
"""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.entities.nlp import build
from sijill.entities.recognize import recognize, recognize_text
from sijill.model import SourceText
from sijill.parse import parse_text


def _named(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"person": set(), "organization": set(), "place": set()}
    for entity in recognize_text(text).entities:
        out[entity.type].add(entity.name)
    return out


@pytest.mark.parametrize(("text", "kind", "name"), [
    # Honorifics of other traditions stay out of the name (kept as roles).
    ("The keys are with Haji Nur Agha Stanikzai until Monday.", "person",
     "Nur Agha Stanikzai"),
    ("Please greet Mawlawi Sahib Fazl Ahmad Wardak on our behalf.", "person",
     "Fazl Ahmad Wardak"),
    ("The class is taught by Macallin Cali Xirsi Warsame.", "person", "Cali Xirsi Warsame"),
    ("Sheekh Cabdi Nuur Gurey opened the new classroom.", "person", "Cabdi Nuur Gurey"),
    # A theophoric given name written as one word opens a person's name.
    ("The list was checked by Habibullah Sarwari before noon.", "person", "Habibullah Sarwari"),
    # Occupations as cue words.
    ("The vaccinator Sadiq Nangial arrived late.", "person", "Sadiq Nangial"),
    # New unit words and a Somali school word.
    ("Sugar was lent by the Daqqaq Co-operative for a week.", "organization",
     "Daqqaq Co-operative"),
    ("The Mill of al-Baraka ground forty sacks.", "organization", "Mill of al-Baraka"),
    ("Complaints go to the Records Desk on Sundays.", "organization", "Records Desk"),
    ("The Supervision of al-Qusur sent its lists.", "organization", "Supervision of al-Qusur"),
    ("Fees were collected by the Harbour Guard at the gate.", "organization", "Harbour Guard"),
    ("The pupils of Dugsiga al-Furqan sat the exam.", "organization", "Dugsiga al-Furqan"),
    ("The Branch of Marzaq asked for ledgers.", "organization", "Branch of Marzaq"),
    ("The Pumps and Generators Office repaired the motor.", "organization",
     "Pumps and Generators Office"),
    # Curly apostrophes from HTML pages are the word lists' straight ones.
    ("A letter from Jam’iyyat al-Rifq al-Khayri about blankets.", "organization",
     "Jam’iyyat al-Rifq al-Khayri"),
    # A preposition fused to a name inside an Arabic unit name.
    ("The seal of Lajnat al-Miyah bi-Zinjibar is blue.", "organization",
     "Lajnat al-Miyah bi-Zinjibar"),
    # Places: a "Bab" gate quarter, a well's name, a table's Quarter column.
    ("The bakers of Bab al-Qasr asked for flour.", "place", "Bab al-Qasr"),
    ("The lining of the well of Tin-Ezzar has collapsed.", "place", "Tin-Ezzar"),
    ("Name | Persons | Quarter\nSalma Darwish | 4 | al-Qutayfa\n", "place", "al-Qutayfa"),
    # Somali orthography: the middle name is a given name, not a village.
    ("Receipt signed by Ismaaciil Aadan Warsame.", "person", "Ismaaciil Aadan Warsame"),
])
def test_recognised(text: str, kind: str, name: str) -> None:
    assert name in _named(text)[kind]


@pytest.mark.parametrize(("text", "kind", "name"), [
    # A role in a From line is not a place listed beside the sector.
    ("From: Abu Khalil al-Marri, Stores Official, Wadi Sector\nTo: the Office", "place",
     "Stores Official"),
    # A territorial "X Branch" level is not an organisation of its own.
    ("Diwan al-Miyah – Marzaq Branch\n", "organization", "Marzaq Branch"),
    # A teacher called by her kunya is not the village of that name.
    ("The teacher Umm Sa'd asked for leave.", "place", "Umm Sa'd"),
    # A footnote marker and a slash after a title are not parts of names.
    ("Signed by Yunus Adil Qarqash[4] on Monday.", "person", "Yunus Adil Qarqash[4"),
    ("The official of the Office of Ovens/ Abu Harb al-Qusayri", "organization",
     "Office of Ovens/ Abu Harb al-Qusayri"),
])
def test_not_recognised(text: str, kind: str, name: str) -> None:
    assert name not in _named(text)[kind]


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


def test_place_in_parentheses_after_a_person_is_not_an_alias() -> None:
    text = ("The schools of Bab al-Qasr and al-Rimali are late. The clerks are "
            "Fadi Salim Haddad ( al-Rimali ) and Nizar Ali Jabbour ( Bab al-Qasr ).")
    entities = recognize_text(text).entities
    assert all(not e.aliases for e in entities if e.type == "person")
    assert "al-Rimali" in {e.name for e in entities if e.type == "place"}


@pytest.mark.parametrize(("letterhead", "name"), [
    ("Harakat al-Nakhil – Sharia Court in Dhamar", "Sharia Court in Dhamar"),
    ("Tajammu' Ahl al-Wadi fi Hadramawt", "Tajammu' Ahl al-Wadi fi Hadramawt"),
    ("Committee of Bakers of the Old Souq", "Committee of Bakers of the Old Souq"),
])
def test_letterhead_level_is_one_organisation(letterhead: str, name: str) -> None:
    text = (f"{letterhead}\n\nNo.: 12/1440\nDate: 3 Rajab 1440\n\nTo the brother Abu Faris\n\n"
            "Please send the ledger of the flour.\n\nAbu Hamid al-Tarimi\n")
    source = SourceText(hashlib.sha256(text.encode()).hexdigest(), text, path="round4.txt")
    document = parse_text(text, source=source)[0]
    assert name in [s.text for s in document.issuer]
    orgs = {e.name for e in recognize(document).entities if e.type == "organization"}
    assert name in orgs


@pytest.mark.parametrize(("text", "tokens"), [
    ("Bakeries/ Abu", ["Bakeries", "/", "Abu"]),
    ("Nasr[2], who", ["Nasr", "[2", "]", ",", "who"]),
])
def test_tokenizer_splits_marks(text: str, tokens: list[str]) -> None:
    assert [t.text for t in build()(text)] == tokens


_WORD = st.text(alphabet=st.sampled_from("abcdhiklmnorstuxyā’'-/[]0"), min_size=1, max_size=9)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORD.map(str.capitalize), min_size=1, max_size=6),
       st.sampled_from(["(", "( ", "also written", "/ ", "of the", "and"]))
def test_every_mention_is_a_span(words: list[str], glue: str) -> None:
    text = f"The Supervision of {words[0]} {glue} " + " ".join(words) + " Office and Macallin X"
    result = recognize_text(text)
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
