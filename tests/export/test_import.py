"""Export -> import keeps every human layer, and import trusts nothing (issue 12, defects 6
and 7): field edits, entity curation, relation claims and their verdicts, each with its
author, note and time, round-trip byte for byte on hypothesis-generated archives; a file
whose hashes, fields or offsets are wrong is refused whole, with nothing written.

All sample text is fictional."""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sijill import pipeline
from sijill.errors import ImportFileError
from sijill.export import jsonio
from sijill.export.selection import Selection
from sijill.store import Archive, entity_edits, relations
from sijill.store import relation_claims as claims
from sijill.store.search import search
from tests.conftest import span_of
from tests.export.conftest import LETTER, letter_document, letter_source

SECOND = LETTER.replace("forty sacks", "sixty sacks")
WORDS = ["seed wheat", "Jarabulus granary", "Tell Shair", "granary ledger", "signed receipt"]
ENTITIES = ["per-hamza", "per-yahya", "org-zira", "org-supplies", "pla-tell-shair"]


def base(path: Path) -> Archive:
    archive = Archive(path)
    for text, name in ((LETTER, "a.txt"), (SECOND, "b.txt")):
        source = letter_source(text, path=f"fixtures/{name}")
        archive.put_source(source, [letter_document(source)], pipeline.stage_versions())
    return archive


def export_text(archive: Archive) -> str:
    out = io.StringIO()
    jsonio.write(Selection(archive), out)
    return out.getvalue()


# One researcher's action on the archive: (kind, document index, choice, author, note).
action = st.tuples(
    st.sampled_from(["edit", "rename", "merge", "add", "confirm", "reject"]),
    st.integers(0, 1), st.integers(0, 4),
    st.sampled_from(["r.haddad", "n.saleh", "o.karim"]),
    st.one_of(st.none(), st.text(alphabet="abc déf", max_size=12)))


def apply(archive: Archive, act: tuple[str, int, int, str, str | None]) -> None:
    kind, which, choice, author, note = act
    doc = sorted(archive.documents(), key=lambda d: d.source.path or "")[which]
    if kind == "edit":
        archive.edit_field(doc.id, "subject", span_of(doc.text, WORDS[choice]).to_dict(),
                           author=author, note=note)
    elif kind == "rename":
        entity_edits.rename(archive, ENTITIES[choice], f"Name {choice} {note or ''}".strip(),
                            author=author, note=note)
    elif kind == "merge" and choice:
        entity_edits.merge(archive, ENTITIES[0], ENTITIES[choice], author=author, note=note)
    elif kind == "add":
        words = span_of(doc.text, WORDS[choice])
        claims.add_relation(archive, doc.id, "support", ENTITIES[choice], ENTITIES[-1],
                            evidence=(words.start, words.end), author=author, note=note)
    elif kind in ("confirm", "reject"):
        found = claims.claims(archive, doc.id)
        if found:
            claims.judge(archive, found[choice % len(found)].key, kind, author=author,
                         note=note)


def human_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("edits", "entity_edits", "relation_claims")}


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(action, min_size=1, max_size=6))
def test_export_import_export_is_byte_identical_with_every_human_layer(
        tmp_path: Path, actions: list[Any]) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as work:
        first, second = Path(work) / "first.db", Path(work) / "second.db"
        with base(first) as archive:
            for act in actions:
                try:
                    apply(archive, act)
                except Exception as exc:  # a refused action (e.g. merge into itself) is fine
                    assert "StoreError" in type(exc).__name__ or isinstance(exc, ValueError)
            exported = export_text(archive)
            verdicts = {c.key: (c.review, c.origin) for d in archive.documents()
                        for c in claims.claims(archive, d.id)}
        with Archive(second) as target:
            jsonio.import_lines(target, exported.splitlines(keepends=True))
            assert export_text(target) == exported
            again = {c.key: (c.review, c.origin) for d in target.documents()
                     for c in claims.claims(target, d.id)}
            assert again == verdicts
        assert human_counts(second) == human_counts(first)


def test_relation_claims_and_verdicts_survive_export_and_import(tmp_path: Path) -> None:
    """The reported case: 2 claims became 0 and a rejected relation came back asserted."""
    with base(tmp_path / "a.db") as archive:
        doc = next(iter(archive.documents()))
        words = span_of(doc.text, "Tell Shair")
        added = claims.add_relation(archive, doc.id, "support", "per-yahya", "pla-tell-shair",
                                    evidence=(words.start, words.end), author="n.saleh")
        rejected = next(c for c in claims.claims(archive, doc.id) if c.origin == "machine")
        claims.judge(archive, rejected.key, "reject", author="n.saleh", note="not said")
        exported = export_text(archive)
    with Archive(tmp_path / "b.db") as target:
        report = jsonio.import_lines(target, exported.splitlines(keepends=True))
        assert not report.conflicts and report.rows_added == 2
        found = {c.key: c for c in claims.claims(target, doc.id)}
        assert found[added].origin != "machine" and found[rejected.key].review == "rejected"
        assert rejected.key not in {c.key for c in relations.effective(list(found.values()))}


# -- a file that lies is refused whole ----------------------------------------------------

@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    with base(tmp_path_factory.mktemp("src") / "a.db") as archive:
        doc = next(iter(archive.documents()))
        archive.edit_field(doc.id, "subject", span_of(doc.text, "seed wheat").to_dict(),
                           author="r.haddad")
        words = span_of(doc.text, "Tell Shair")
        claims.add_relation(archive, doc.id, "support", "per-yahya", "pla-tell-shair",
                            evidence=(words.start, words.end), author="n.saleh")
        return [json.loads(line) for line in export_text(archive).splitlines()]


def _first(records: list[dict[str, Any]], kind: str, **match: Any) -> dict[str, Any]:
    return next(r for r in records if r.get("kind") == kind
                and all(r.get(k) == v for k, v in match.items()))


def _edit_after(records: list[dict[str, Any]], change: Callable[[dict[str, Any]], None]) -> None:
    change(_first(records, "edit")["after"])


HOSTILE: dict[str, tuple[Callable[[list[dict[str, Any]]], None], str]] = {
    "text under another hash": (
        lambda r: _first(r, "source").update(text=_first(r, "source")["text"] + " planted"),
        "text_sha256 is not the hash of its text"),
    "a document not of its source's text": (
        lambda r: _first(r, "document")["document"].update(text="A planted notice."),
        "spans of|not in its text"),
    "edit of an unknown field": (
        lambda r: _first(r, "edit").update(field="password"), "unknown field 'password'"),
    "edit offsets outside the text": (
        lambda r: _edit_after(r, lambda a: a.update(start=10**6, end=10**6 + 10)),
        "is not text"),
    "edit offsets that cannot hold its words": (
        lambda r: _edit_after(r, lambda a: a.update(start=5, end=2)), "cannot be text"),
    "edit words not at its offsets": (
        lambda r: _edit_after(r, lambda a: a.update(text="forty sack")), "is not text"),
    "edit with no author": (
        lambda r: _first(r, "edit").update(author=""), "author must be"),
    "claim evidence not the text": (
        lambda r: _first(r, "table_row", table="relation_claims")["row"].update(
            evidence_text="seed wheat"), "is not text"),
    "claim of an unknown type": (
        lambda r: _first(r, "table_row", table="relation_claims")["row"].update(type="owns"),
        "unknown type"),
    "a row with a column its table lacks": (
        lambda r: _first(r, "table_row", table="relation_claims")["row"].update(admin=1),
        "has no column admin"),
    "a row for a table that is not human": (
        lambda r: _first(r, "table_row", table="relation_claims").update(table="users"),
        "no human-layer table 'users'"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_lying_import_is_refused_whole(exported: list[dict[str, Any]], tmp_path: Path,
                                         case: str) -> None:
    records = json.loads(json.dumps(exported))
    change, reason = HOSTILE[case]
    change(records)
    lines = [json.dumps(r) + "\n" for r in records]
    with Archive(tmp_path / "t.db") as target:
        with pytest.raises(ImportFileError, match=reason):
            jsonio.import_lines(target, lines)
        assert target.stats()["sources"] == 0 and target.stats()["edits"] == 0
        assert not target.connection.execute("SELECT 1 FROM relation_claims").fetchone()


def test_a_planted_text_does_not_make_the_genuine_file_unchanged(tmp_path: Path) -> None:
    """The crafted export claims the genuine file's hash for a fake text (with a matching
    text_sha256, which anyone can compute): ingesting the genuine file replaces it."""
    genuine = tmp_path / "notice.txt"
    genuine.write_text("Notice: the clinic of Saraqib opens at eight from Sunday.\n", "utf-8")
    with Archive(tmp_path / "real.db") as real:
        pipeline.ingest_paths(real, [genuine])
        records = [json.loads(line) for line in export_text(real).splitlines()]
    fake = "Notice: the clinic of Saraqib is closed for good.\n"
    source, doc = _first(records, "source"), _first(records, "document")
    from sijill.model import sha256_hex
    source.update(text=fake, text_sha256=sha256_hex(fake.encode()))
    doc["document"] = letter_free_document(doc["document"], fake)
    with Archive(tmp_path / "t.db") as target:
        jsonio.import_lines(target, [json.dumps(r) + "\n" for r in records])
        assert search(target.connection, "closed").total == 1
        report = pipeline.ingest_paths(target, [genuine])
        assert len(report.updated) == 1 and not report.unchanged
        assert search(target.connection, "closed").total == 0
        assert search(target.connection, "eight").total == 1
        again = pipeline.ingest_paths(target, [genuine])
        assert len(again.unchanged) == 1


def letter_free_document(data: dict[str, Any], text: str) -> dict[str, Any]:
    """A contract document over `text` with no spans (what a forger would write)."""
    return {**data, "text": text, "issuer": [], "reference_number": None, "dates": [],
            "date": None, "subject": None, "sender": None, "addressees": [], "cc": [],
            "body": None, "notes": [], "mentions": [], "entities": [], "relations": []}


def test_two_identical_claims_in_the_same_second_stay_two(tmp_path: Path) -> None:
    """Found by the hypothesis round trip: restoring must not fold equal rows together."""
    with base(tmp_path / "a.db") as archive:
        doc = next(iter(archive.documents()))
        words = span_of(doc.text, "Tell Shair")
        for _ in range(2):
            claims.add_relation(archive, doc.id, "support", "per-yahya", "pla-tell-shair",
                                evidence=(words.start, words.end), author="n.saleh")
        archive.connection.execute("UPDATE relation_claims SET created_at = '2021-02-15T08:00'")
        exported = export_text(archive)
    with Archive(tmp_path / "b.db") as target:
        jsonio.import_lines(target, exported.splitlines(keepends=True))
        assert export_text(target) == exported
    assert human_counts(tmp_path / "b.db")["relation_claims"] == 2
