"""Relations, round 3: the general rules taken from the errors of a set the stage was not tuned
on (a head word alone that refers back to its organisation, more verbs of a request, an
agreement with another body to merge, a proposal that governs every clause of its sentence).
All text is fictional."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sijill.model import Entity
from sijill.relations import actors as act
from sijill.relations.extract import nlp
from tests.relations.test_extract import assert_claims, docs_of, letter_claims

HEADER = """\
Tajammu' Ahl al-Marj
Office of Services

No.: T.M/40/1445
Date: 9 Safar 1445

To: the Water Committee of Kafr Laha

Subject: {subject}

"""


def claims(body: str, subject: str = "the wells") -> set[tuple[str, str, str, str]]:
    return letter_claims(HEADER, body, subject)


# Each row: a body, a claim it must give, claims it must not give.
CASES = [
    pytest.param(
        "The Schools Council of Taldou met the parents last week. The Council asks the Bread "
        "Office of Taldou to cancel the extra fee on the school bakery.\n",
        ("request", "Schools Council of Taldou", "Bread Office of Taldou", "asserted"), [],
        id="the-council-refers-back"),
    pytest.param(
        "We request the Herders Association of Tumbuktu to contribute ten sacks of cement to "
        "the repair of the village well.\n",
        ("request", "Tajammu' Ahl al-Marj", "Herders Association of Tumbuktu", "asserted"), [],
        id="request-to-contribute"),
    pytest.param(
        "The Orphans Committee of Tarim has agreed with the Relief Office of Seiyun to merge "
        "their two sponsorship lists.\n",
        ("alliance", "Orphans Committee of Tarim", "Relief Office of Seiyun", "asserted"), [],
        id="agreed-with-to-merge"),
    pytest.param(
        "We propose that the fee be paid once only, at our gate, and that the Drivers "
        "Association of Houla receive a share from the Transport Office of Houla.\n",
        ("support", "Transport Office of Houla", "Drivers Association of Houla", "proposed"),
        [("support", "Transport Office of Houla", "Drivers Association of Houla", "asserted")],
        id="propose-that-governs-every-clause"),
]


@pytest.mark.parametrize(("body", "wanted", "unwanted"), CASES)
def test_a_general_rule_gives_the_claim(body: str, wanted: tuple, unwanted: list) -> None:
    assert_claims(claims(body), wanted, unwanted)


# Each row: a body and a relation type it must not give at all.
NOTHING = [
    pytest.param("We ask you to return the ledger to the clerk before the end of the week.\n",
                 "request", id="return-paperwork-is-no-request"),
    pytest.param("We ask the brothers of the Hisba Office of Houla not to stop the bread vans "
                 "at the bridge.\n", "request", id="not-to-stop-is-no-request-for-help"),
]


@pytest.mark.parametrize(("body", "kind"), NOTHING)
def test_no_claim_of_that_type(body: str, kind: str) -> None:
    assert not [c for c in claims(body) if c[0] == kind]


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


WORDS = ["We ", "the Council ", "the Bureau ", "Council of Jilib ", "Bureau of Goundam ",
         "request ", "to contribute ", "agreed with ", "to merge ", "propose that ", "and that ",
         "receive ", "from ", ". ", ", ", "\n", "your "]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=40).map("".join))
def test_any_text_gives_relations_between_two_different_actors(text: str) -> None:
    for doc in docs_of(text):
        for rel in doc.relations:
            assert rel.source != rel.target
            assert 0 <= rel.evidence.start < rel.evidence.end <= len(doc.text)
