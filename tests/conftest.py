"""Shared test helpers: where the repo and its sibling `shared/` folder are."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_3a6a8c333062382b.txt"
SCHEMA_PATH = REPO / "src" / "sijill" / "schema" / "document.schema.json"
CORPUS = REPO / "examples" / "corpus"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared/seeds is not beside the repo")
    return SEED


@pytest.fixture(scope="session")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)
