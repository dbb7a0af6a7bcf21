"""Entity mentions: recognition cases, span invariants, authority files, the pipeline stage."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sijill.entities import authority
from sijill.entities.ids import entity_id
from sijill.entities.recognize import recognize, recognize_text
from sijill.errors import AuthorityError
from sijill.pipeline import parse_file
from tests.conftest import DATA, SEED
from tests.entities.conftest import named_cases, names, parsed, recognition


@pytest.mark.parametrize(("text", "kind", "expected"), named_cases())
def test_recognition_cases(text: str, kind: str, expected: set[str]) -> None:
    assert names(text, kind) == expected


ALIASES = [
    ("The collector Khalid al-Tayyib (aka Abu Mus'ab al-Tayyibi) left.",
     "Khalid al-Tayyib", {"Abu Mus'ab al-Tayyibi"}),
    ("Khaled al-Tayeb, also known as Abu Musab al-Tayyibi, left.",
     "Khaled al-Tayeb", {"Abu Musab al-Tayyibi"}),
    ("The bakeries of Qita' al-Sahil (Coastal Sector) opened.", "Qita' al-Sahil",
     {"Coastal Sector"}),
    ("according to 'Khayal al-Manhaj' (aka Wadah al-Hamawi/Abu Aqlama) who spoke",
     "Khayal al-Manhaj", {"Wadah al-Hamawi", "Abu Aqlama"}),
    ("Abu Dharr al-Iraqi, the nom de guerre of Saad Mahmoud al-Jubouri, came.",
     "Abu Dharr al-Iraqi", {"Saad Mahmoud al-Jubouri"}),
    ("Signed by Abu Bakr al-Shami [real name: Bakri Adnan Sabbagh] today.",
     "Abu Bakr al-Shami", {"Bakri Adnan Sabbagh"}),
]


@pytest.mark.parametrize(("text", "name", "aliases"), ALIASES)
def test_stated_aliases_join_one_entity(text: str, name: str, aliases: set[str]) -> None:
    entity = next(e for e in recognize_text(text).entities if e.name == name)
    assert set(entity.aliases) == aliases


def test_titles_are_roles_not_names() -> None:
    result = recognize_text("To the virtuous sheikh: al-Muthanna al-Jazrawi deputy wali of al-Sham")
    index = next(i for i, m in enumerate(result.mentions) if m.type == "person")
    assert result.mentions[index].text == "al-Muthanna al-Jazrawi"
    assert result.roles[index].text == "sheikh"


def test_signature_role_from_line_above() -> None:
    result = recognize_text("Thanks.\n\nDeputy wali\nFawaz Jassem al-Hamad\n")
    index = next(i for i, m in enumerate(result.mentions) if m.type == "person")
    assert result.roles[index].text.casefold() == "deputy wali"


def test_spelling_variants_are_one_entity_and_different_men_two() -> None:
    text = ("The pharmacist Mahmud Hamad al-Issa and the head Muhammad Hamid al-Issa met "
            "Abu Yahya al-Qadiri, whom the stamp calls Abu Yahya al-Kadiri.")
    people = [e for e in recognize_text(text).entities if e.type == "person"]
    assert len(people) == 3
    assert len({e.id for e in people}) == 3


def test_acronym_joins_its_organisation() -> None:
    text = "Hay'at al-Islah al-Madani\n\nThe Civil Reform Commission, or HIM, paid."
    orgs = [e for e in recognize_text(text).entities if e.type == "organization"]
    assert len(orgs) == 1
    assert set(orgs[0].aliases) == {"Civil Reform Commission", "HIM"}


def test_authority_resolves_pejorative_label() -> None:
    text = "They declare takfir on the Jowlani Commission. Hay'at Tahrir al-Sham replied."
    result = recognize_text(text)
    hts = [e for e in result.entities if e.id == "auth-hts"]
    assert len(hts) == 1 and hts[0].name == "Hay'at Tahrir al-Sham"
    assert "Jowlani Commission" not in hts[0].aliases
    assert any(m.text == "Jowlani Commission" and m.entity == "auth-hts" for m in result.mentions)


def test_entity_id_scheme() -> None:
    assert entity_id("person", "Abu Mohammed al-Jolani") == entity_id("person",
                                                                       "Abu Muhammad al-Julani")
    assert entity_id("organization", "X").startswith("org-")


def test_shipped_authority_facts_have_sources() -> None:
    shipped = authority.load()
    assert {"islamic-state", "hts", "jabhat-al-nusra", "ahrar-al-sham", "sdf"} <= set(
        shipped.entries)
    for entry in shipped.entries.values():
        assert entry.sources, entry.id
        assert all(claim and source for claim, source in entry.sources)
        assert all(role.source for role in entry.roles)
    assert shipped.lookup("Hayat Tahrir ash-Sham").id == "hts"


def test_user_authority_file_loads_beside_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    path = DATA / "authority-user.yaml"
    loaded = authority.load([path])
    assert loaded.lookup("Ansar al-Haqq Organisation").id == "ansar-al-haqq"
    assert "hts" in loaded.entries


def test_bad_authority_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - {id: x, type: galaxy, name: Y}\n", encoding="utf-8")
    with pytest.raises(AuthorityError, match="bad.yaml"):
        authority.load([bad])


WORDS = st.sampled_from([
    "Abu", "Umm", "bin", "al-Hamawi", "Office", "of", "Supplies", "Idlib", "the", "brother",
    "called", "aka", "(", ")", "/", ",", "Wilayat", "Sector", "HIM", "Jabhat", "Shaddad",
    "\n", "'", "’", "Qita'", "Of", "sheikh", "Abd", "al-Karim", "Committee", ".", "-",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=40).map(" ".join) | st.text(max_size=200))
def test_never_raises_and_spans_are_exact(text: str) -> None:
    result = recognize_text(text)
    ids = {e.id for e in result.entities}
    assert len(ids) == len(result.entities)
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.entity in ids
    for index, role in result.roles.items():
        assert 0 <= index < len(result.mentions)
        assert text[role.start : role.end] == role.text




@pytest.mark.parametrize(("text", "kind", "name"), recognition("recognised"))
def test_recognised(text: str, kind: str, name: str) -> None:
    assert name in names(text, kind)




@pytest.mark.parametrize(("text", "kind", "name"), recognition("not_recognised"))
def test_not_recognised(text: str, kind: str, name: str) -> None:
    assert name not in names(text, kind)


@pytest.mark.parametrize(("text", "kind", "name"), [
    # A quarter named by its settlement word before a lower-case unit is the place.
    ("Take the syringes to the Hayy al-Zuhur pharmacy tomorrow.", "place", "Hayy al-Zuhur"),
])
def test_place_before_lower_unit(text: str, kind: str, name: str) -> None:
    assert name in names(text, kind)
    assert not any(name in org for org in names(text, "organization"))


@pytest.mark.parametrize(("letterhead", "name"), [
    ("Harakat al-Nakhil – Sharia Court in Dhamar", "Sharia Court in Dhamar"),
    ("Tajammu' Ahl al-Wadi fi Hadramawt", "Tajammu' Ahl al-Wadi fi Hadramawt"),
    ("Committee of Bakers of the Old Souq", "Committee of Bakers of the Old Souq"),
])
def test_letterhead_level_is_one_organisation(letterhead: str, name: str) -> None:
    text = (f"{letterhead}\n\nNo.: 12/1440\nDate: 3 Rajab 1440\n\nTo the brother Abu Faris\n\n"
            "Please send the ledger of the flour.\n\nAbu Hamid al-Tarimi\n")
    document = parsed(text)
    assert name in [s.text for s in document.issuer]
    orgs = {e.name for e in recognize(document).entities if e.type == "organization"}
    assert name in orgs


SALAD = st.sampled_from([
    "the", "villages", "of", "and", "district", "neighbourhood", "is", "a", "village",
    "Tell", "Qamar", "al-Ramla", "Jumada", "al-Ula", "Ramadan", "Salim", "al-Kuni", "'s",
    "Association", "Sector", "Northern", "known", "in", "as", "Abu", "Fathi", ",", "Office",
    "Radio", "sons", "Umm", "Rima", "\n", "(", ")",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SALAD, max_size=30))
def test_spans_stay_exact_on_word_salad(words: list[str]) -> None:
    text = " ".join(words)
    result = recognize_text(text)
    for m in result.mentions:
        assert text[m.start : m.end] == m.text
    ids = [e.id for e in result.entities]
    assert len(ids) == len(set(ids))


# Each row: an alphabet of words, the glue between the first and the rest, and the sentence.
MENTION_SALADS = [
    pytest.param("abdehiklmnorstuwyzāīū‘'-", ["in", "at", "near", "the village of", "and", "|"],
                 "The clerk went {glue} {words} with Hawa Abdi Nur | Village\n", id="places"),
    pytest.param("abcdhiklmnorstuxyā’'-/[]0", ["(", "( ", "also written", "/ ", "of the", "and"],
                 "The Supervision of {first} {glue} {words} Office and Macallin X",
                 id="aliases-and-marks"),
]


@pytest.mark.parametrize(("alphabet", "glues", "template"), MENTION_SALADS)
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_every_mention_is_a_span(alphabet: str, glues: list[str], template: str,
                                 data: st.DataObject) -> None:
    word = st.text(alphabet=st.sampled_from(alphabet), min_size=1, max_size=9)
    words = data.draw(st.lists(word.map(str.capitalize), min_size=1, max_size=6))
    glue = data.draw(st.sampled_from(glues))
    text = template.format(first=words[0], glue=glue, words=" ".join(words))
    result = recognize_text(text)
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Qari", "Mawlawi", "Haji"]),
       st.sampled_from(["Nasrullah Wardak", "Gul Ahmad Stanikzai", "Zabih Karimi"]))
def test_honorific_then_name(title: str, name: str) -> None:
    text = f"The register was signed by {title} {name} at the school."
    result = recognize_text(text)
    assert name in {e.name for e in result.entities if e.type == "person"}
    for mention in result.mentions:
        assert text[mention.start:mention.end] == mention.text


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not present")
def test_pipeline_stage_on_the_seed() -> None:
    (doc,) = parse_file(SEED)
    by_type = {t: {e.name for e in doc.entities if e.type == t}
               for t in ("person", "organization", "place")}
    assert {"Abu Malik", "Shaddad", "al-Muthanna al-Jazrawi", "Abu Osama al-Azeri",
            "Khayal al-Manhaj"} <= by_type["person"]
    assert {"Islamic State", "Ansar Abu Bakr al-Siddiq Squadron", "Hay’at Tahrir al-Sham",
            "Abdullah bin Unais Group"} <= by_type["organization"]
    assert "Idlib" in by_type["place"]
    khayal = next(e for e in doc.entities if e.name == "Khayal al-Manhaj")
    assert set(khayal.aliases) == {"Wadah al-Hamawi", "Abu Aqlama"}
    jowlani = next(m for m in doc.mentions if m.text == "Jowlani Commission")
    assert jowlani.entity == "auth-hts"
    assert all(span.is_valid_in(doc.text) for span in doc.mentions)
    assert {m.entity for m in doc.mentions} == {e.id for e in doc.entities}
