"""Relations, round 2: the general rules that carried the stage to documents it was not tuned
on (reach of a cue, roles only from "X, the official of Y", actors acting together, complaints,
refusals in the next sentence, receipts, appositions, short names). All text is fictional."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sijill.model import Entity, Mention, Span
from sijill.relations import actors as act
from sijill.relations import extract
from sijill.relations.extract import nlp
from tests.relations.test_extract import assert_claims, docs_of, letter_claims, named

HEADER = """\
Harakat Bayader al-Sahl
Office of Services

No.: B.S/12/1444
Date: 3 Rabi' al-Awwal 1444

To: the Bakery Committee of Tall Hadiya

Subject: {subject}

"""


def claims(body: str, subject: str = "the bakeries") -> set[tuple[str, str, str, str]]:
    return letter_claims(HEADER, body, subject)


# Each row: a body, a claim it must give, claims it must not give.
CASES = [
    pytest.param(
        "We ask the Zakat Office of Sarmin to lend us two generators for the schools.\n",
        ("request", "Harakat Bayader al-Sahl", "Zakat Office of Sarmin", "asserted"), [],
        id="ask-to-lend"),
    pytest.param(
        "The Clinic Committee of Saraqib and the Pharmacy Office of Saraqib will jointly run "
        "the vaccination tent in the market square.\n",
        ("alliance", "Clinic Committee of Saraqib", "Pharmacy Office of Saraqib", "asserted"),
        [], id="jointly"),
    pytest.param(
        "By the grace of God, the Bread Committee of Maarzaf and the Flour Office of Maarzaf "
        "have agreed to merge into a single office.\n",
        ("alliance", "Bread Committee of Maarzaf", "Flour Office of Maarzaf", "asserted"), [],
        id="agreed-to-merge"),
    pytest.param(
        "The Bakers Association of Binnish complained to our office against the Market Office "
        "of Binnish, which raised the rent of the ovens without notice.\n",
        ("hostility", "Bakers Association of Binnish", "Market Office of Binnish", "asserted"),
        [], id="complained-against"),
    pytest.param(
        "The court heard the case brought by the Drivers Association of Ariha against the "
        "Transport Office of Ariha over the price of the permits.\n",
        ("hostility", "Drivers Association of Ariha", "Transport Office of Ariha", "asserted"),
        [], id="case-brought-by-against"),
    pytest.param(
        "It is unclear whether Abu Hadi al-Jisri was the amir of the Relief Committee of Jisr "
        "or only its clerk.\n",
        ("leadership", "Abu Hadi al-Jisri", "Relief Committee of Jisr", "uncertain"), [],
        id="unclear-whether"),
    pytest.param(
        "The Relief Committee of Hish received from the Zakat Office of Hish three hundred "
        "blankets for the families of the camp.\n",
        ("support", "Zakat Office of Hish", "Relief Committee of Hish", "asserted"), [],
        id="organisation-receives"),
    pytest.param(
        "The Education Office of Kafruma and the Relief Committee of Kafruma proposed to run "
        "the school bus together. After review, the council could not accept the plan.\n",
        ("alliance", "Education Office of Kafruma", "Relief Committee of Kafruma", "rejected"),
        [("alliance", "Education Office of Kafruma", "Relief Committee of Kafruma",
          "asserted")], id="refused-in-the-next-sentence"),
    pytest.param(
        "The inspector of the Health Office of Maarat, Abu Khalil al-Maarri, will visit the "
        "pharmacies in the first week of the month.\n",
        ("membership", "Abu Khalil al-Maarri", "Health Office of Maarat", "asserted"), [],
        id="holder-after-the-organisation"),
    pytest.param(
        "The Orphans Committee of Kafranbel funded the repair of the roof of the School "
        "Committee of Kafranbel.\n",
        ("support", "Orphans Committee of Kafranbel", "School Committee of Kafranbel",
         "asserted"), [], id="target-further-on-in-the-same-phrase"),
]


@pytest.mark.parametrize(("body", "wanted", "unwanted"), CASES)
def test_a_general_rule_gives_the_claim(body: str, wanted: tuple, unwanted: list) -> None:
    assert_claims(claims(body), wanted, unwanted)


# Each row: a body and a relation type it must not give at all.
NOTHING = [
    pytest.param("We ask you to send us the list of the pupils of each class.\n", "request",
                 id="send-us-the-list-is-no-request"),
    pytest.param("We sent our clerk Abu Yusuf al-Kurdi to count the sacks, and he found the "
                 "Flour Committee of Hazano short of forty sacks.\n", "contact",
                 id="sent-to-a-verb-is-no-contact"),
    pytest.param("The Orphans Committee of Kafranbel funded the repair of the roof, and the "
                 "School Committee of Kafranbel thanked it.\n", "support",
                 id="no-target-beyond-the-clause"),
    pytest.param("I, Abu Salim al-Tahhan, received from the Water Office of Kafr Takharim the "
                 "sum of forty thousand pounds for the repair of the pump.\n", "support",
                 id="a-person-paid-is-not-supported"),
    pytest.param("Abu Nabil al-Hamawi, the official of schools in the Ghab Plain, will visit "
                 "the Education Office of Suqaylabiyah.\n", "membership",
                 id="role-target-must-follow-the-cue"),
    pytest.param("The Water Committee of Taoum and the Bread Committee of Taoum signed the "
                 "register. The two witnesses had quarrelled over the seating.\n", "hostility",
                 id="the-two-witnesses-are-no-organisations"),
    pytest.param("The Water Committee of Taoum and the Bread Committee of Taoum disagree; we "
                 "propose that the old price stays until the two committees meet in our "
                 "office.\n", "contact", id="meet-is-what-is-to-happen"),
]


@pytest.mark.parametrize(("body", "kind"), NOTHING)
def test_no_claim_of_that_type(body: str, kind: str) -> None:
    assert not [c for c in claims(body) if c[0] == kind]


SIGNED = HEADER + "The stock of flour is enough for ten days.\n\n{closing}\n"


def test_a_signature_title_on_its_own_line_is_a_role() -> None:
    # round 4: the hard4/hard5 gold reads signature titles (cues.yaml roles_from_signature_titles)
    closing = "The head of the Bakery Committee\nAbu Karim al-Suwaydi"
    found = named(docs_of(SIGNED.format(subject="flour", closing=closing))[0])
    assert ("leadership", "Abu Karim al-Suwaydi", "Bakery Committee", "asserted") in found


def test_a_name_and_title_on_one_line_is_a_role() -> None:
    closing = "Signed: Abu Karim al-Suwaydi, head of the Bakery Committee"
    found = named(docs_of(SIGNED.format(subject="flour", closing=closing))[0])
    assert ("leadership", "Abu Karim al-Suwaydi", "Bakery Committee", "asserted") in found


def test_a_pronoun_gives_way_to_the_name_beside_it() -> None:
    found = claims("We therefore ask your committee, the Fuel Committee of Binnish, to lend us "
                   "two hundred litres of diesel.\n")
    assert ("request", "Harakat Bayader al-Sahl", "Fuel Committee of Binnish",
            "asserted") in found
    assert not [c for c in found if c[0] == "request" and "Bakery" in c[2]]


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


WORDS = ["We ", "they ", "the two ", "witnesses ", "Committee ", "Office ", "Abu ", "Water ",
         "Sarmin ", "and ", "jointly ", "together ", "complained ", "against ", "by ",
         "the case ", "received ", "from ", "head of ", "the official of ", "could not accept ",
         "proposed ", ". ", ", ", "\n", "your ", "lend ", "ask "]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=40).map("".join))
def test_any_text_gives_relations_with_evidence_between_two_actors(text: str) -> None:
    for doc in docs_of(text):
        for rel in doc.relations:
            assert 0 <= rel.evidence.start < rel.evidence.end <= len(doc.text)
            assert rel.source != rel.target


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["head", "amir", "official", "director", "judge"]),
       st.sampled_from(["Bakery", "Water", "Market", "Health"]),
       st.sampled_from(["Abu Karim al-Suwaydi", "Abu Fadi al-Halabi", "Umm Zaki al-Idlibi"]))
def test_a_title_line_above_a_name_becomes_its_role(title: str, office: str, name: str) -> None:
    closing = f"The {title} of the {office} Committee\n{name}"
    doc = docs_of(SIGNED.format(subject="flour", closing=closing))[0]
    roles = [r for r in doc.relations if r.type in ("leadership", "membership")]
    assert len(roles) == 1 and roles[0].source == f"actor:{name}"


def test_reach_is_data() -> None:
    assert set(extract.reach()) >= {"target", "role", "role_target", "holder_after"}


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
