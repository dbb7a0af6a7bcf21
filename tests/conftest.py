"""Shared test helpers: where the repo and its sibling `shared/` folder are."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from sijill.model import DateValue, Entity, Mention, Note, Range, Span

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


def note_of(text: str, words: str, kind: str) -> Note:
    """A note of `kind` (editor, translator, bracket) written as `words` in `text`."""
    s = span_of(text, words)
    return Note(s.text, s.start, s.end, kind=kind)  # type: ignore[arg-type]


def parts_of(text: str, **fields: str | list[str]) -> dict[str, Span | list[Span]]:
    """A document's span fields (issuer, reference_number, subject, sender, addressees, cc...)
    given as the words they hold in `text`: a list of words for a list field."""
    return {name: [span_of(text, w) for w in words] if isinstance(words, list)
            else span_of(text, words) for name, words in fields.items()}


def entities_of(mentions: list[Mention], aliases: dict[str, list[str]] | None = None,
                ) -> list[Entity]:
    """One entity per mentioned id, named and typed by its first mention, in that order."""
    out: dict[str, Entity] = {}
    for m in mentions:
        if m.entity not in out:
            out[m.entity] = Entity(m.entity, m.type, m.text,  # type: ignore[arg-type]
                                   list((aliases or {}).get(m.entity, [])))
    return list(out.values())


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
