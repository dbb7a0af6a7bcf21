"""Relations: cue patterns, extraction and status on fictional letters and on the seed, gold
scoring of relations. All sample text except the seed is fictional."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sijill import evaluate, parse, pipeline, relations
from sijill.model import SourceText, sha256_hex
from sijill.relations import extract_relations, relation_key
from sijill.relations.cues import token_patterns
from sijill.relations.names import display_name, names_by_id
from tests.conftest import REPO


def docs_of(text: str) -> list:
    """Parsed and related, without the entity stage: the actors are the relation stage's own
    (names found by their words), so these tests measure this stage alone."""
    source = SourceText(sha256_hex(text.encode()), text, path="letter.txt")
    return relations.stage(source, parse.parse_text(text, source=source))


def named(doc) -> set[tuple[str, str, str, str]]:
    table = names_by_id(doc)
    return {(r.type, display_name(r.source, table), display_name(r.target, table), r.status)
            for r in doc.relations}


def letter_claims(header: str, body: str, subject: str) -> set[tuple[str, str, str, str]]:
    """The named relations of a fictional letter: a header with a {subject} slot, a body."""
    return named(docs_of(header.format(subject=subject) + body)[0])


def assert_claims(found: set[tuple[str, str, str, str]], wanted: tuple,
                  unwanted: list) -> None:
    assert wanted in found
    for claim in unwanted:
        assert claim not in found


# -- cue patterns ----------------------------------------------------------------------------

def test_phrase_syntax_compiles_to_matcher_tokens() -> None:
    pattern = token_patterns("(asked|asks) * for support?", gap=4)
    assert pattern == [
        {"LOWER": {"IN": ["asked", "asks"]}},
        {"IS_SPACE": False, "OP": "{0,4}"},
        {"LOWER": "for"},
        {"LOWER": "support", "OP": "?"},
    ]


def test_a_choice_with_a_space_is_refused() -> None:
    with pytest.raises(ValueError, match="one word"):
        token_patterns("(was|has been) reached", gap=4)


@given(st.lists(st.from_regex(r"[a-z]{1,8}", fullmatch=True), min_size=1, max_size=6))
def test_every_plain_word_is_one_lower_token(words: list[str]) -> None:
    pattern = token_patterns(" ".join(words), gap=3)
    assert [p["LOWER"] for p in pattern] == words


# -- extraction --------------------------------------------------------------------------------

LETTER = """\
Harakat Nur al-Wadi
Office of Supplies

No.: N.W/77/1443-3
Date: 14 March 2022

Subject: flour for the bakeries

To: the Relief Committee of Kafr Nabl

We ask the Relief Committee of Kafr Nabl for support with twenty sacks of flour.
The Water Committee of Binnish has merged with the Water Committee of Taftanaz.
According to the clerk, the Transport Committee of Sarmin met with the Market Committee of Sarmin.
The Bakers Association of Ariha reportedly supplied the Orphans Committee of Ariha with bread.
The Market Committee of Idlib denied any contact with the Transport Committee of Sarmin.
The Zakat Committee of Binnish suggested an alliance with the Charity Committee of Binnish, but no agreement was reached.
The Clinic Committee of Atarib asked the Health Office of Atarib for support, and the office refused.
The salaries of the Schools Committee of Sarmin were funded by the Education Committee of Sarmin.

Abu Hamza al-Saraqibi

cc. Archive
"""  # noqa: E501


@pytest.fixture(scope="module")
def letter():
    return docs_of(LETTER)[0]


def test_correspondence_goes_from_the_sender_to_each_addressee_and_cc(letter) -> None:
    found = named(letter)
    assert ("correspondence", "Abu Hamza al-Saraqibi", "Relief Committee of Kafr Nabl",
            "asserted") in found
    assert ("copied", "Abu Hamza al-Saraqibi", "Archive", "asserted") in found


@pytest.mark.parametrize("claim", [
    ("request", "Harakat Nur al-Wadi", "Relief Committee of Kafr Nabl", "asserted"),
    ("alliance", "Water Committee of Binnish", "Water Committee of Taftanaz", "asserted"),
    ("contact", "Transport Committee of Sarmin", "Market Committee of Sarmin", "reported"),
    ("contact", "Market Committee of Idlib", "Transport Committee of Sarmin", "denied"),
    ("alliance", "Zakat Committee of Binnish", "Charity Committee of Binnish", "proposed"),
    ("alliance", "Zakat Committee of Binnish", "Charity Committee of Binnish", "rejected"),
    ("request", "Clinic Committee of Atarib", "Health Office of Atarib", "rejected"),
])
def test_typed_relations_and_their_status(letter, claim) -> None:
    assert claim in named(letter)


def test_reportedly_makes_a_claim_uncertain(letter) -> None:
    assert ("support", "Bakers Association of Ariha", "Orphans Committee of Ariha",
            "uncertain") in named(letter)


def test_the_writer_speaks_as_we_and_no_status_leaks_to_other_sentences(letter) -> None:
    found = named(letter)
    assert ("request", "Harakat Nur al-Wadi", "Relief Committee of Kafr Nabl",
            "asserted") in found
    assert not any(r[0] == "alliance" and r[3] == "reported" for r in found)


def test_a_passive_cue_turns_the_relation_round(letter) -> None:
    funded = [r for r in named(letter) if r[0] == "support" and "Education" in r[1]]
    assert funded and funded[0][1:3] == ("Education Committee of Sarmin",
                                         "Schools Committee of Sarmin")


def test_every_relation_has_evidence_in_the_text(letter) -> None:
    for rel in letter.relations:
        assert 0 <= rel.evidence.start < rel.evidence.end <= len(letter.text)
        assert letter.text[rel.evidence.start : rel.evidence.end].strip()


def test_each_claim_is_kept_once(letter) -> None:
    keys = [relation_key(r) for r in letter.relations]
    assert len(keys) == len(set(keys))


def test_the_document_json_carries_the_relations(letter, validator) -> None:
    data = letter.to_dict()
    assert data["relations"] and not list(validator.iter_errors(data))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(
    ["We ", "they ", "met with ", "Committee ", "Abu ", "the two ", "between ", "of ", "Water ",
     "Sarmin ", ". ", "\n", "and ", "asked ", "for support ", "according to ", "refused "]),
    max_size=40).map("".join))
def test_any_text_gives_valid_evidence(text: str) -> None:
    for doc in docs_of(text):
        for rel in extract_relations(doc):
            assert 0 <= rel.evidence.start <= rel.evidence.end <= len(doc.text)
            assert rel.source != rel.target


# -- the seed ----------------------------------------------------------------------------------

def test_the_seed_meets_the_quality_bar(seed_path: Path) -> None:
    doc = pipeline.parse_file(seed_path)[0]
    found = named(doc)
    squadron, state = "Ansar Abu Bakr al-Siddiq Squadron", "Islamic State"
    pairs = {(t, frozenset((s, g)), st_) for t, s, g, st_ in found}
    assert ("contact", frozenset((state, squadron)), "asserted") in pairs
    assert ("request", squadron, state, "asserted") in found
    targets = {g for t, s, g, _ in found if t == "hostility" and s == squadron}
    assert "Sahwa forces" in targets
    assert any("Tahrir al-Sham" in g for g in targets)  # the "Jowlani Commission", resolved
    assert {st_ for t, _, _, st_ in found if t == "alliance"} == {"proposed", "rejected"}
    assert ("correspondence", state, "al-Muthanna al-Jazrawi", "asserted") in found
    assert ("copied", state, "Archive", "asserted") in found


# -- scoring -----------------------------------------------------------------------------------

def _pred(type_, source, target, status, names=None):
    return {"type": type_, "source": source, "target": target, "status": status,
            "source_names": names or [source], "target_names": [target]}


def test_relations_score_only_where_gold_has_them() -> None:
    result = evaluate.Evaluation()
    result.score({"file": "a"}, {"relations": [_pred("contact", "A", "B", "asserted")]})
    assert result.as_dict()["relations"]["documents"] == 0


def test_symmetric_relations_match_either_way_and_status_counts() -> None:
    result = evaluate.Evaluation()
    gold = {"file": "a", "relations": [
        {"type": "contact", "source": "Water Committee", "target": "Market Office",
         "status": "asserted"},
        {"type": "request", "source": "Market Office", "target": "Water Committee",
         "status": "rejected"},
    ]}
    pred = {"relations": [_pred("contact", "Market Office", "Water Committee", "asserted"),
                          _pred("request", "Water Committee", "Market Office", "rejected")]}
    result.score(gold, pred)
    strict = result.as_dict()["relations"]["strict"]
    assert (strict["precision"], strict["recall"]) == (0.5, 0.5)


def test_lenient_relations_match_names_at_word_boundaries() -> None:
    result = evaluate.Evaluation()
    gold = {"file": "a", "relations": [{"type": "support", "source": "Relief Committee of Kafr "
            "Nabl", "target": "Atarib Clinic", "status": "asserted"}]}
    result.score(gold, {"relations": [_pred("support", "Relief Committee", "the Atarib Clinic",
                                            "asserted")]})
    scores = result.as_dict()["relations"]
    assert scores["strict"]["recall"] == 0.0 and scores["lenient"]["recall"] == 1.0


def test_the_relation_corpus_meets_the_bar() -> None:
    gold = REPO / "examples" / "corpus" / "gold-relations.jsonl"
    result = evaluate.evaluate([(gold, REPO / "examples" / "corpus")], pipeline.parse_file)
    lenient = result.as_dict()["relations"]["lenient"]
    assert lenient["precision"] >= 0.85 and lenient["recall"] >= 0.75, lenient
    lines = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines()]
    assert len(lines) >= 15 and all("relations" in x for x in lines)
