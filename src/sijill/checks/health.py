"""Check 6, archive health of one document: no date, no issuer, an empty body. (Parse flags
are already flags; entity type conflicts need the whole archive: see `archive`.)"""

from __future__ import annotations

from sijill.checks.config import section
from sijill.model import Document, Flag


def check(doc: Document) -> list[Flag]:
    out = []
    if doc.date is None:
        out.append(Flag("health-no-date", "info", "no date was found in the document"))
    if not doc.issuer:
        out.append(Flag("health-no-issuer", "info", "no issuer (letterhead) was found"))
    # no body range found is the parser's miss, not an empty document: measure the text then
    body = (doc.text[doc.body.start:doc.body.end] if doc.body else doc.text).strip()
    if len(body) < section("health")["min_body_chars"]:
        out.append(Flag("health-empty-body", "warning",
                        "the document has no body text" if not body
                        else f"the body is only {len(body)} characters long"))
    return out
