"""Every flag in the archive, for `sijill check`'s report: the stored flags with their
documents, and how many have been dismissed. Read-only."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any


def every_flag(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    """Each stored flag with its document's id, in document then flag order."""
    rows = conn.execute(
        "SELECT d.id, g.code, g.check_name, g.severity, g.message, g.spans, g.flag_key"
        " FROM flags g JOIN documents d ON d.pk = g.doc_pk ORDER BY d.pk, g.id")
    for doc_id, code, check, severity, message, spans, key in rows:
        yield {"document": doc_id, "check": check, "code": code, "severity": severity,
               "message": message, "spans": json.loads(spans) if spans else [], "key": key}


def dismissed_count(conn: sqlite3.Connection) -> int:
    """How many flags researchers have dismissed."""
    return int(conn.execute("SELECT count(*) FROM flag_edits").fetchone()[0])
