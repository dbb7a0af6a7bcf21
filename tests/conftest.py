"""Shared test helpers: where the repo and its sibling `shared/` folder are."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from sijill.model import DateValue, Mention, Range, Span

REPO = Path(__file__).resolve().parents[1]
# SIJILL_SHARED names the shared folder when it is not beside the repo (a git worktree).
SHARED = Path(os.environ.get("SIJILL_SHARED") or REPO.parent / "shared")
SEED = SHARED / "seeds" / "000_3a6a8c333062382b.txt"
SCHEMA_PATH = REPO / "src" / "sijill" / "schema" / "document.schema.json"
CORPUS = REPO / "examples" / "corpus"
DATA = REPO / "tests" / "data"
CHROMIUM = Path("/usr/bin/chromium")


def span_of(text: str, words: str, nth: int = 0, *, after: int = 0) -> Span:
    """The span of the `nth` occurrence of `words` in `text` at or after offset `after`."""
    start = after - 1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Span(words, start, start + len(words))


def mention_of(text: str, words: str, type_: str, entity: str, nth: int = 0) -> Mention:
    """A mention of `entity` at the `nth` occurrence of `words` in `text`."""
    s = span_of(text, words, nth)
    return Mention(s.text, s.start, s.end, type=type_, entity=entity)  # type: ignore[arg-type]


def range_of(text: str, words: str) -> Range:
    s = span_of(text, words)
    return Range(s.start, s.end)


def date_of(text: str, words: str, calendar: str, ymd: tuple[int, int, int],
            iso: str) -> DateValue:
    """A date written as `words` in `text`: its calendar's (year, month, day) and ISO day."""
    s = span_of(text, words)
    year, month, day = ymd
    return DateValue(s.text, s.start, s.end, calendar=calendar, year=year,  # type: ignore[arg-type]
                     month=month, day=day, iso=iso)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared/seeds is not beside the repo")
    return SEED


@pytest.fixture(scope="session")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A browser test (marker `browser`) skips where Playwright or Debian's Chromium is missing
    (scripts/setup-browser.sh installs both), before its fixtures build anything."""
    if item.get_closest_marker("browser") is None:
        return
    pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: run scripts/setup-browser.sh")
