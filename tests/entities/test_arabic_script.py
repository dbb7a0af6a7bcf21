"""Names in Arabic script meet their English transliterations (names.script, names.key)."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from sijill.names import compare, name_key
from sijill.names.script import arabic_unit, has_arabic, romanise
from tests.conftest import DATA

PAIRS = yaml.safe_load(
    (DATA / "arabic_name_pairs.yaml").read_text("utf-8"))


def _precision_recall(part: dict[str, list[list[str]]]) -> tuple[float, float]:
    tp = sum(compare(a, b)[0] for a, b in part["same"])
    fp = sum(compare(a, b)[0] for a, b in part["different"])
    return tp / max(tp + fp, 1), tp / len(part["same"])


def test_the_pair_list_has_at_least_100_pairs_in_each_class() -> None:
    assert sum(len(p["same"]) for p in PAIRS.values()) >= 100
    assert sum(len(p["different"]) for p in PAIRS.values()) >= 100
    assert all(has_arabic(a) and not has_arabic(b)
               for part in PAIRS.values() for kind in part.values() for a, b in kind)


@pytest.mark.parametrize("part", ["dev", "heldout"])
def test_precision_and_recall(part: str) -> None:
    precision, recall = _precision_recall(PAIRS[part])
    assert precision >= 0.95 if part == "dev" else precision >= 0.9
    assert recall >= 0.85


def test_precision_and_recall_on_the_whole_list() -> None:
    whole = {k: PAIRS["dev"][k] + PAIRS["heldout"][k] for k in ("same", "different")}
    precision, recall = _precision_recall(whole)
    assert precision >= 0.95 and recall >= 0.85


@pytest.mark.parametrize(("arabic", "latin"), [
    ("أبو مالك التلي", "Abu Malik al-Talli"),
    ("أبـو مَالِك التّلّي", "Abou Malek at-Talli"),   # harakat, shadda, tatweel
    ("ابو مالك التلي", "Abu Malik al-Tali"),           # hamza-less alif
    ("حمزه الوادي", "Hamza al-Wadi"),                  # ta marbuta without its dots
    ("عبد الرحمن الرملي", "Abdulrahman ar-Ramli"),
    ("أسامة", "Usama"),
    ("يوسف", "Youssef"),
    ("صهيب", "Suhaib"),                               # ص + ه is not ش
    ("عيسى", "Eissa"),                                # alif maqsura
    ("مؤمن", "Mumin"),                                # hamza on waw
    ("عمرو", "Amr"),
])
def test_one_person_in_two_scripts(arabic: str, latin: str) -> None:
    assert name_key(arabic) == name_key(latin)
    assert compare(arabic, latin)[0] and compare(latin, arabic)[0]


@pytest.mark.parametrize(("arabic", "latin"), [
    ("محمود", "Muhammad"),   # a long vowel the Latin lacks
    ("محمد", "Mahmoud"),     # a long vowel the Arabic lacks
    ("حسن", "Husayn"),
    ("سعد", "Said"),
    ("عمر", "Amr"),          # Amr is written with a silent waw
    ("ناصر", "Nasr"),        # no long vowel before two consonants
    ("عادل", "Adl"),
    ("حسين", "Hassan"),
])
def test_look_alikes_stay_apart(arabic: str, latin: str) -> None:
    assert not compare(arabic, latin)[0]


def test_romanisation_keeps_particles_and_the_article() -> None:
    assert romanise("أبو مالك التلي") == "abu malk al-tli"
    assert romanise("عبد الله") == "abd allah"
    assert romanise("Abu Malik") == "Abu Malik"  # Latin passes through


arabic_letters = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهوىيةأإآؤئء"))


@given(st.lists(st.text(arabic_letters, min_size=1, max_size=8), min_size=1, max_size=4))
def test_any_arabic_name_compares_with_itself_and_is_keyed_in_latin(words: list[str]) -> None:
    name = " ".join(words)
    assert not has_arabic(romanise(name))
    assert not has_arabic(name_key(name))
    if name_key(name):
        assert compare(name, name)[0]


@pytest.mark.parametrize(("name", "unit"), [
    ("حركة البيارق", "group"), ("جبهة الينابيع", "group"), ("ديوان المالية", "office"),
    ("المكتب الإعلامي", "office"), ("ولاية السهل", "territory"), ("مسؤول المستودع الطبي", "post"),
    ("المعلم خالد الرملي", "post"), ("للحفظ", "post"), ("أبو مالك التلي", "person"),
    ("يوسف المرواني", "person"), ("الحسن البصري", "person"), ("خالد", None),
    ("Abu Malik al-Talli", None), ("مكتب ٣", None),
])
def test_what_an_arabic_letterhead_level_or_party_names(name: str, unit: str | None) -> None:
    assert arabic_unit(name) == unit
