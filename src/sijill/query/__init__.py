"""The query language and its one engine, used by `sijill search`, the web pages and the API.

    from sijill.query import search
    results = search(archive.connection, 'from:"Abu Yahya" flour OR sugar date:2015')

See docs/query-language.md for the language.
"""

from sijill.query.engine import Hit, Plan, Results, budget, matching_ids, plan, search
from sijill.query.language import parse
from sijill.query.words import NameIndex

__all__ = ["Hit", "NameIndex", "Plan", "Results", "budget",
           "matching_ids", "parse", "plan", "search"]
