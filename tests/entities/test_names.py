"""Name keys and matching of transliteration variants (sijill.names)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from sijill.names import compare, fold, fold_arabic, fold_value, name_key
from tests.conftest import DATA

PAIRS = yaml.safe_load((DATA / "name_pairs.yaml").read_text("utf-8"))
SAME = [tuple(p) for section in PAIRS.values() for p in section["same"]]
DIFFERENT = [tuple(p) for section in PAIRS.values() for p in section["different"]]
# The pairs the issue listed: spellings of one name, and look-alikes.
ISSUE = yaml.safe_load((DATA / "issue_name_pairs.yaml").read_text("utf-8"))
ISSUE_VARIANTS = [tuple(p) for p in ISSUE["same"]]
LOOK_ALIKES = [tuple(p) for p in ISSUE["different"]]


def _precision_recall(same: list, different: list) -> tuple[float, float]:
    tp = sum(compare(a, b)[0] for a, b in same)
    fp = sum(compare(a, b)[0] for a, b in different)
    return tp / max(tp + fp, 1), tp / len(same)


def test_pair_list_is_large_enough_and_has_a_held_out_third() -> None:
    assert len(SAME) >= 80 and len(DIFFERENT) >= 80
    held = PAIRS["heldout"]
    assert len(held["same"]) >= len(SAME) // 3 - 1
    assert len(held["different"]) >= len(DIFFERENT) // 3 - 1


def test_precision_and_recall_on_the_whole_list() -> None:
    precision, recall = _precision_recall(SAME, DIFFERENT)
    assert precision >= 0.98
    assert recall >= 0.92


def test_precision_and_recall_on_the_held_out_third() -> None:
    held = PAIRS["heldout"]
    precision, recall = _precision_recall(held["same"], held["different"])
    assert precision >= 0.95
    assert recall >= 0.90


@pytest.mark.parametrize(("a", "b"), SAME + DIFFERENT)
def test_same_implies_equal_keys(a: str, b: str) -> None:
    same, _ = compare(a, b)
    assert not same or name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), ISSUE_VARIANTS)
def test_variants_from_the_issue_match(a: str, b: str) -> None:
    same, score = compare(a, b)
    assert same
    assert 0.8 <= score <= 1.0
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), LOOK_ALIKES)
def test_look_alike_names_differ(a: str, b: str) -> None:
    same, score = compare(a, b)
    assert not same
    assert 0.0 <= score < 0.8


def test_fold_deletes_marks_and_splits_on_other_non_letters() -> None:
    assert fold("Hayʾat") == fold("Hay'at") == fold("Hay’at") == "hayat"
    assert fold("Dhū al-Qaʿdah") == "dhu al qadah"
    assert fold("  ʿAbd-al  Raḥmān (2) ") == "abd al rahman"


def test_key_keeps_particles_and_drops_articles() -> None:
    assert name_key("Abu Mohammed al-Jolani") == "abu mhmT jln"
    assert name_key("Umm Ahmad bint Khalil") == name_key("Om Ahmed bent Khaleel")
    assert name_key("Abdullah") == name_key("Abd Allah") == "abd allah"


def test_arabic_script_identical_names_match() -> None:
    assert compare("أبو محمد الجولاني", "أبو محمد الجولاني")[0]
    assert compare("حسين", "حسين") == (True, 1.0)
    assert not compare("حسين", "حسن")[0]


def test_names_without_letters_never_match() -> None:
    assert compare("", "") == (False, 0.0)
    assert compare("12 / 34", "12 / 34") == (False, 0.0)
    assert name_key("-- 7 --") == ""


@given(st.text(), st.text())
def test_compare_never_raises_and_is_symmetric(a: str, b: str) -> None:
    same, score = compare(a, b)
    assert 0.0 <= score <= 1.0
    assert compare(b, a) == (same, score)
    if same:
        assert name_key(a) == name_key(b)


@given(st.text())
def test_a_name_matches_itself(name: str) -> None:
    assume(fold(name))
    assert compare(name, name) == (True, 1.0)


@given(st.text())
def test_key_is_idempotent_under_fold(name: str) -> None:
    assert fold(fold(name)) == fold(name)
    assert name_key(fold(name)) == name_key(name)


NAME_PARTS = st.sampled_from(
    ["Abu", "Abou", "al-", "ash-", "Abdul", "Umm", "bin", "Mohammed", "Husayn", "Hay'at", "ee"]
)


@given(st.lists(NAME_PARTS | st.text(alphabet="aeiouyw'hdtszkqgjlmnr -", max_size=8)))
def test_name_like_strings_are_symmetric_and_self_equal(parts: list[str]) -> None:
    name = " ".join(parts)
    other = name.upper()
    assert compare(name, other) == compare(other, name)
    if fold(name):
        assert compare(name, other)[0]


def test_names_layer_loads_no_stage_store_web_or_cli() -> None:
    """sijill.names is the lowest layer: the store and every stage may import it. It loads
    only the lowest layer's data loader and errors besides itself."""
    code = ("import json, sys, sijill.names, sijill.names.words; "
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('sijill.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    loaded = json.loads(out)
    lowest = ("sijill.names", "sijill.data", "sijill.errors")
    assert "sijill.names.words" in loaded and all(m.startswith(lowest) for m in loaded), loaded


def test_the_folds_differ_where_they_are_meant_to() -> None:
    # A name keeps letters only; a written value keeps its digits and inner punctuation.
    assert fold("Brigade 7") == fold("Brigade 8") == "brigade"
    assert fold_value("Brigade 7") != fold_value("Brigade 8")
    assert fold_value(" (Ref. 12/345?) ") == "ref. 12/345"
    # The line labeller trims only spaces and the punctuation around a value.
    assert fold_value(" (Ref. 12/345?) ", ".,;:()[]") == "ref. 12/345?"
    assert fold("Hay’at al-Sham") == fold_value("Hay’at al Sham") == "hayat al sham"


def test_fold_arabic_unifies_letter_forms_and_drops_marks() -> None:
    assert fold_arabic("إدارةُ الأمـــن") == fold_arabic("ادارة الامن") == "اداره الامن"


@pytest.mark.parametrize(("dotted", "plain"), [
    ("Faḍl al-Rahman", "Fazl al-Rahman"),   # ḍ is z in Persian and Pashto
    ("Faḍl al-Rahman", "Fadl al-Rahman"),
    ("Ẓahir Shah", "Zahir Shah"),
    ("Ẓahir Shah", "Dhahir Shah"),
])
def test_dotted_letters_meet_their_plain_spellings(dotted: str, plain: str) -> None:
    assert compare(dotted, plain)[0]
    assert name_key(dotted) == name_key(plain)


def test_dotted_letters_do_not_join_other_names() -> None:
    assert not compare("Faḍl", "Fakhr")[0]
    assert not compare("Ẓahir", "Tahir al-Din")[0]
