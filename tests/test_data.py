"""Data files: every bundled YAML file has the shape its user declares, and a file that does not
fails at load with the file, the key and what was expected (sijill.data)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from sijill import data
from sijill.checks import config
from sijill.entities import authority, gazetteer, nlp
from sijill.errors import AuthorityError, DataFileError
from sijill.export import selection
from sijill.ingest import boilerplate, decode, digits, files, pairs
from sijill.ingest import lexicon as ocr_lexicon
from sijill.names import folding as names
from sijill.names import script as arabic_script
from sijill.names import words as lexicon
from sijill.parse import arabic, datewords, solar
from sijill.parse import lexicon as parse_lexicon
from sijill.relations import cues
from sijill.synth import arabic as synth_arabic
from sijill.web import api
from tests.conftest import REPO

SRC = REPO / "src" / "sijill"

# Every bundled YAML file and the shape its user declares.
SHAPES: dict[str, data.Shape] = {
    "checks/data/checks.yaml": config.SHAPE,
    "entities/data/admin_places.yaml": gazetteer.ADMIN,
    "entities/data/aliases.yaml": nlp.ALIASES_SHAPE,
    "names/data/arabic_script.yaml": arabic_script.SHAPE,
    "entities/data/authority.yaml": authority.SHAPE,
    "names/data/lexicon.yaml": lexicon.SHAPE,
    "names/data/names.yaml": names.SHAPE,
    "entities/data/places.yaml": gazetteer.PLACES,
    "export/data/export.yaml": selection.SHAPE,
    "ingest/data/boilerplate.yaml": boilerplate.SHAPE,
    "ingest/data/digits.yaml": digits.SHAPE,
    "ingest/data/encodings.yaml": decode.SHAPE,
    "ingest/data/files.yaml": files.SHAPE,
    "ingest/data/lexicon.yaml": ocr_lexicon.SHAPE,
    "ingest/data/pairs.yaml": pairs.SHAPE,
    "parse/data/arabic.yaml": arabic._SHAPE,
    "parse/data/date_words.yaml": datewords.DATE_WORDS_SHAPE,
    "parse/data/months.yaml": datewords.MONTHS_SHAPE,
    "parse/data/solar_months.yaml": solar.SHAPE,
    **{f"parse/data/{name}": shape for name, shape in parse_lexicon.SHAPES.items()},
    "relations/data/cues.yaml": cues.SHAPE,
    "synth/data/arabic_letters.yaml": synth_arabic.SHAPE,
    "web/data/openapi.yaml": api.OPENAPI_SHAPE,
}


def test_every_bundled_yaml_file_has_a_declared_shape() -> None:
    bundled = {p.relative_to(SRC).as_posix() for p in SRC.glob("*/data/*.yaml")}
    assert bundled == set(SHAPES)


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_each_bundled_file_has_its_shape(name: str) -> None:
    data.check(yaml.safe_load((SRC / name).read_text(encoding="utf-8")), SHAPES[name], name)


def _copy(tmp_path: Path, name: str) -> tuple[Path, dict]:
    path = tmp_path / Path(name).name
    shutil.copy(SRC / name, path)
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def _rewrite(path: Path, content: object) -> None:
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")


def test_a_misspelt_key_fails_at_load_naming_file_and_key(tmp_path: Path) -> None:
    path, content = _copy(tmp_path, "names/data/lexicon.yaml")
    content["persons"]["kunyas"] = content["persons"].pop("kunya")
    _rewrite(path, content)
    with pytest.raises(DataFileError) as caught:
        data.load(path, lexicon.SHAPE)
    assert caught.value.file == str(path) and caught.value.key == "persons.kunya"
    assert str(caught.value) == f"{path} at `persons.kunya`: is missing"


def test_an_unknown_key_is_named_with_the_keys_expected(tmp_path: Path) -> None:
    path, content = _copy(tmp_path, "checks/data/checks.yaml")
    content["health"]["min_body_char"] = 3
    _rewrite(path, content)
    with pytest.raises(DataFileError, match=r"at `health.min_body_char`: is not a known "
                                                 r"key \(expected one of: min_body_chars\)"):
        data.load(path, config.SHAPE)


def test_a_value_of_the_wrong_kind_names_its_place_in_a_list(tmp_path: Path) -> None:
    path, content = _copy(tmp_path, "relations/data/cues.yaml")
    content["relations"]["contact"][1]["phrase"] = ["contact", "with"]
    _rewrite(path, content)
    with pytest.raises(DataFileError) as caught:
        data.load(path, cues.SHAPE)
    assert caught.value.key == "relations.contact.1.phrase"
    assert caught.value.expected == "expected text, found ['contact', 'with']"


def test_an_unquoted_colon_in_a_word_list_is_caught(tmp_path: Path) -> None:
    """`re:` inside a flow list is a mapping in YAML, not the word: the shape says so."""
    path = tmp_path / "boilerplate.yaml"
    path.write_text("cut_from: [a]\ndrop: [b, re:]\ntail: []\nhead: []\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"at `drop.1`: expected text"):
        data.load(path, boilerplate.SHAPE)


def test_broken_yaml_and_a_missing_file_are_data_file_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("legacy: [cp1252\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"broken.yaml: is not valid YAML: .*line 2"):
        data.load(broken, decode.SHAPE)
    with pytest.raises(DataFileError, match=r"absent.yaml: cannot be read"):
        data.load(tmp_path / "absent.yaml", decode.SHAPE)


def test_a_file_is_read_once_and_again_when_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "encodings.yaml"
    path.write_text("legacy: [cp1252]\nmax_control_share: 0.05\n", encoding="utf-8")
    first = data.load(path, decode.SHAPE)
    assert data.load(path, decode.SHAPE) is first
    path.write_text("legacy: [cp1256, latin_1]\nmax_control_share: 0.05\n", encoding="utf-8")
    assert data.load(path, decode.SHAPE)["legacy"] == ["cp1256", "latin_1"]


def test_a_researchers_authority_file_with_a_misspelt_key_names_the_entry(
        tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("entities:\n  - {id: green-valley-council, type: organization,\n"
                    "     name: Green Valley Council, alias: [GVC]}\n", encoding="utf-8")
    with pytest.raises(AuthorityError, match=r"mine.yaml at `entities.0.alias`: "
                                           r"is not a known key"):
        authority.load([path], shipped=False)
