"""Shared test helpers: where the repo and its sibling `shared/` folder are."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[1]
# SIJILL_SHARED names the shared folder when it is not beside the repo (a git worktree).
SHARED = Path(os.environ.get("SIJILL_SHARED") or REPO.parent / "shared")
SEED = SHARED / "seeds" / "000_3a6a8c333062382b.txt"
SCHEMA_PATH = REPO / "src" / "sijill" / "schema" / "document.schema.json"
CORPUS = REPO / "examples" / "corpus"
DATA = REPO / "tests" / "data"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared/seeds is not beside the repo")
    return SEED


@pytest.fixture(scope="session")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)
