"""Shared builders for the export tests: a fictional letter with every part filled in (parties,
dates, notes, mentions, entities, relations), and archives holding it beside the sample corpus
and the seed, with field edits and entity edits on top."""

from __future__ import annotations

from pathlib import Path

from sijill import pipeline
from sijill.model import DocDate, Document, Range, Relation, SourceText, sha256_hex
from sijill.store import Archive
from tests.conftest import (
    CORPUS,
    SHARED,
    date_of,
    entities_of,
    mention_of,
    note_of,
    parts_of,
    span_of,
)

SCHEMAS = SHARED / "schemas"
SEEDS = SHARED / "seeds"

LETTER = """Tanzim Ansar al-Haqq
Wilayat Halab
Diwan al-Zira'a

No. 27/1442
Date: 3 Rajab 1442 AH [15 February 2021]

Subject: delivery of seed wheat

To the brother Abu Yahya al-Halabi, official of the Jarabulus granary

Greetings. Please hand forty sacks of seed wheat to the farmers' committee of Tell Shair, \
against a signed receipt, and record the delivery in the granary ledger.

Official of the Diwan
Abu Hamza al-Idlibi

cc. Office of Supplies

Translator's note: the stamp of Diwan al-Zira'a is at the foot of the page.
"""

AUTHORITY_YAML = """entities:
  - id: ansar-al-haqq-test
    type: organization
    name: Tanzim Ansar al-Haqq
    identifiers: {wikidata: Q4242424242}
"""
AUTHORITY_ENTITY = "auth-ansar-al-haqq-test"
AUTHORITY_QID = "Q4242424242"


def letter_source(text: str = LETTER, path: str = "fixtures/seed-wheat.txt") -> SourceText:
    return SourceText(sha256_hex(text.encode()), text, path=path, media_type="text/plain",
                      title="Letters of the Diwan al-Zira'a (fictional)",
                      url="https://example.org/diwan-al-zira-a/letter-27")


def letter_document(source: SourceText) -> Document:
    t = source.text
    sender_block = span_of(t, "Official of the Diwan\nAbu Hamza al-Idlibi")
    mentions = [
        mention_of(t, "Tanzim Ansar al-Haqq", "organization", AUTHORITY_ENTITY),
        mention_of(t, "Wilayat Halab", "place", "pla-halab"),
        mention_of(t, "Diwan al-Zira'a", "organization", "org-zira"),
        mention_of(t, "Abu Yahya al-Halabi", "person", "per-yahya"),
        mention_of(t, "Jarabulus", "place", "pla-jarabulus"),
        mention_of(t, "Tell Shair", "place", "pla-tell-shair"),
        mention_of(t, "Abu Hamza al-Idlibi", "person", "per-hamza"),
        mention_of(t, "Office of Supplies", "organization", "org-supplies"),
        mention_of(t, "Diwan al-Zira'a", "organization", "org-zira", nth=1),
    ]
    return Document(
        source=source.source(0), text=t, title=source.title, language="en",
        **parts_of(t, issuer=["Tanzim Ansar al-Haqq", "Wilayat Halab", "Diwan al-Zira'a"],
                   reference_number="27/1442", subject="delivery of seed wheat",
                   sender="Abu Hamza al-Idlibi", addressees=["Abu Yahya al-Halabi"],
                   cc=["Office of Supplies"]),
        dates=[date_of(t, "3 Rajab 1442 AH", "hijri", (1442, 7, 3), "2021-02-15"),
               date_of(t, "15 February 2021", "gregorian", (2021, 2, 15), "2021-02-15")],
        date=DocDate("2021-02-15", "day", "both"),
        body=Range(span_of(t, "Greetings").start, sender_block.start),
        notes=[note_of(t, "Translator's note: the stamp of Diwan al-Zira'a is at the foot of the "
                       "page.", "translator"),
               note_of(t, "[15 February 2021]", "bracket")],
        mentions=mentions,
        entities=entities_of(mentions, {AUTHORITY_ENTITY: ["Ansar al-Haqq"],
                                        "org-zira": ["Diwan of Agriculture"]}),
        relations=[
            Relation("membership", "per-hamza", "org-zira", "asserted",
                     Range(sender_block.start, sender_block.end)),
            Relation("correspondence", "per-hamza", "per-yahya", "asserted",
                     Range(0, len(t))),
            Relation("copied", "org-zira", "org-supplies", "asserted",
                     Range(span_of(t, "cc. Office of Supplies").start, span_of(t, "Supplies").end)),
            Relation("request", "org-zira", "pla-tell-shair", "proposed",
                     Range(span_of(t, "Please hand").start, span_of(t, "granary ledger").end)),
        ],
    )


def build_archive(path: Path, *, with_corpus: bool = True) -> Archive:
    """An archive with the sample corpus, the seed, and the fictional letter, plus a field
    edit and an entity edit (when the entity layer is there)."""
    archive = Archive(path)
    if with_corpus:
        paths = [CORPUS] + ([SEEDS] if SEEDS.exists() else [])
        report = pipeline.ingest_paths(archive, paths)
        assert report.ok, report.failed
    source = letter_source()
    doc = letter_document(source)
    archive.put_source(source, [doc], pipeline.stage_versions())
    archive.edit_field(doc.id, "subject", span_of(LETTER, "seed wheat").to_dict(),
                       author="r.haddad", note="the label is not part of the subject")
    try:
        from sijill.store import entity_edits
    except ImportError:
        return archive
    entity_edits.rename(archive, "per-yahya", "Abu Yahya al-Halabi (granary official)",
                        author="r.haddad")
    return archive
