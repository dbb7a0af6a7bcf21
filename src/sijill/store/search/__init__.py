"""Searching the archive: the one engine the CLI, the web pages, the JSON API and alerts run.

    from sijill.store.search import search
    results = search(archive.connection, 'from:"Abu Yahya" flour OR sugar date:2015')

The query language (parsing text to a tree, no SQL) is `sijill.query`; this package compiles
that tree to SQL (`compile`), runs it under a time budget (`engine`), knows the archive's
names and their spellings (`words`) and finds saved searches' new matches (`alerts`).
See docs/query-language.md for the language and docs/query-engine.md for the layout.
"""

from sijill.store.search.alerts import Alert, alerts, mark_all_seen
from sijill.store.search.engine import (
    BUDGET,
    CLOSE,
    OPEN,
    SORTS,
    Hit,
    Plan,
    Results,
    budget,
    matching_ids,
    plan,
    search,
)
from sijill.store.search.words import NameIndex

__all__ = ["BUDGET", "CLOSE", "OPEN", "SORTS", "Alert", "Hit", "NameIndex", "Plan", "Results",
           "alerts", "budget", "mark_all_seen", "matching_ids", "plan", "search"]
