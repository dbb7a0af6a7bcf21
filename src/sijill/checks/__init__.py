"""Checks: which documents disagree with themselves, with the record, or with each other.

The pipeline stage (`stage`, after relations) runs the checks one document can answer:
calendar, anachronism, provenance signals, health. The checks that need the whole archive
(numbering series, duplicates and variants, unusual templates and scripts, entity type
conflicts) run in `sijill.checks.archive` (`sijill check`). Every finding is a `Flag` with a
code, a severity, a plain-language message and the spans it rests on; word lists and
thresholds are in data/checks.yaml.
"""

from __future__ import annotations

import dataclasses
import logging

from sijill.checks import anachronism, calendar, health, provenance
from sijill.model import Document, Flag, SourceText
from sijill.store.flags import check_name

VERSION = "1"

__all__ = ["VERSION", "check_document", "stage"]

log = logging.getLogger(__name__)


def check_document(doc: Document) -> list[Flag]:
    """The document's flags: those of the stages before, less earlier check findings, plus
    this run's (parse's date flags come back with their spans from the calendar check)."""
    kept = [f for f in doc.flags if check_name(f.code) is None]
    found = [*calendar.check(doc), *anachronism.check(doc), *provenance.check(doc),
             *health.check(doc)]
    return kept + found


def stage(_: SourceText, docs: list[Document]) -> list[Document]:
    out = []
    for doc in docs:
        try:
            out.append(dataclasses.replace(doc, flags=check_document(doc)))
        except Exception as exc:  # a bug in a check must not lose the document
            log.exception("checks failed on %s", doc.id)
            flag = Flag("checks-failed", "warning", f"checks not run: {exc}")
            out.append(dataclasses.replace(doc, flags=[*doc.flags, flag]))
    return out
