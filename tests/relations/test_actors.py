"""Who acts in a sentence (sijill.relations.actors): short names, back references, places
before a head word, titles addressed. All text is fictional."""

from __future__ import annotations

import dataclasses

import pytest

from sijill.model import Entity, Mention, Span
from sijill.relations import actors as act
from sijill.relations.extract import nlp
from tests.relations.conftest import docs_of


def test_a_short_name_stands_for_the_one_organisation_it_abbreviates() -> None:
    text = ("The Water Committee of Hazano thanks the Hazano committee, the Bread Office and "
            "the Services Office.")
    doc = docs_of(text)[0]
    doc = dataclasses.replace(doc, entities=[
        Entity("org-water", "organization", "Water Committee of Hazano"),
        Entity("org-office", "organization", "Office of Relief and Services of Hazano"),
    ])
    tokens = nlp().make_doc(text)
    short = act.fallback_actors(tokens, set())
    mapped = {tokens[a.start:a.end].text: a.ids[0] for a in act.known_as(doc, tokens, short)}
    assert mapped["Hazano committee"] == "org-water"
    # another head word keeps its own name, and so does a name in capitals: it is a name
    assert mapped["Bread Office"].startswith(act.ACTOR_PREFIX)
    assert mapped["Services Office"].startswith(act.ACTOR_PREFIX)


@pytest.mark.parametrize(("text", "described"), [
    ("the director of the Anah clinic", True),
    ("the director of the Anah Clinic", False),
    ("the director of Anah district", False),
])
def test_a_place_before_a_lowercase_head_describes_an_unnamed_organisation(
        text: str, described: bool) -> None:
    tokens = nlp().make_doc(text)
    anah = next(i for i, t in enumerate(tokens) if t.text == "Anah")
    assert act.place_before_head(tokens, act.Actor(anah, anah + 1, ("plc-1",), act.PLACE)) \
        is described


def test_a_group_named_after_a_place_takes_the_place_words() -> None:
    tokens = nlp().make_doc("the Shiha Orphans' Fund and the Zakat Committee of Shiha")
    shiha = frozenset({1})  # "Shiha" recognised as a place
    found = [tokens[a.start:a.end].text for a in act.fallback_actors(tokens, set(shiha), shiha)]
    assert found == ["Shiha Orphans' Fund", "Zakat Committee of Shiha"]


@pytest.mark.parametrize(("party", "title_holder"), [
    ("Qadi of the Court of Sarmin", True),
    ("the Amir of the Relief Committee of Hish", True),
    ("the Court of Sarmin", False),
    ("Court of Sarmin", False),
])
def test_a_title_addressee_is_the_holder_not_the_organisation(party: str,
                                                              title_holder: bool) -> None:
    text = f"To: {party}\n"
    start = text.index(party)
    org = "Court of Sarmin" if "Sarmin" in party else "Relief Committee of Hish"
    at = text.index(org)
    doc = dataclasses.replace(docs_of("Notice.")[0], text=text, mentions=[
        Mention(org, at, at + len(org), type="organization", entity="org-1")])
    got = act.party_id(doc, Span(party, start, start + len(party)))
    assert got == (act.actor_id(party) if title_holder else "org-1")


# -- a head word alone refers back to its organisation -----------------------------------------

def _back_refs(text: str, entities: list[Entity]) -> dict[str, str]:
    doc = dataclasses.replace(docs_of(text)[0], entities=entities)
    tokens = nlp().make_doc(text)
    found = act.back_references(doc, tokens, set(), act.fallback_actors(tokens, set()))
    return {tokens[a.start:a.end].text: a.ids[0] for a in found}


def test_a_head_word_refers_back_only_to_the_one_organisation_with_it() -> None:
    text = "The Bureau will pay the mason; the Committee and the Committee's clerk will not."
    entities = [Entity("org-bureau", "organization", "Bureau of Social Affairs"),
                Entity("org-water", "organization", "Water Committee of Goundam"),
                Entity("org-herd", "organization", "Herders Committee of Goundam")]
    # two committees: "the Committee" could be either, so it stands for neither
    assert _back_refs(text, entities) == {"The Bureau": "org-bureau"}


def test_a_head_word_inside_a_longer_name_is_no_back_reference() -> None:
    # without the entity stage: the organisation found by its words is the one referred to
    text = "The Council of Elders of Jilib met, and then the Council thanked the teachers."
    assert _back_refs(text, []) == {"the Council": act.actor_id("Council of Elders of Jilib")}


def test_a_post_is_no_other_organisation_with_the_head_word() -> None:
    text = "The Council asks for the keys.\nChairman of the Council\n"
    entities = [Entity("org-council", "organization", "Education Council of Baidoa")]
    assert _back_refs(text, entities) == {"The Council": "org-council"}


def test_a_lowercase_head_word_is_no_back_reference() -> None:
    entities = [Entity("org-council", "organization", "Local Council of Sabha")]
    assert _back_refs("We ask the council to cancel the fees.", entities) == {}
