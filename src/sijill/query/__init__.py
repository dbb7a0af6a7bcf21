"""The query language: text to a tree, pure (no SQL), with errors that say what to change.

    from sijill.query import parse
    tree = parse('from:"Abu Yahya" flour OR sugar date:2015')

A query that cannot be run as written raises `sijill.errors.QueryError`. Running a query
(compiling the tree to SQL, the time budget, hits and snippets) is the store's work:
`sijill.store.search.search`. See docs/query-language.md for the language.
"""

from sijill.query.language import parse

__all__ = ["parse"]
