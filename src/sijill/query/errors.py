"""What a query can go wrong with: the researcher's mistake (400) or the server's budget (503)."""

from __future__ import annotations


class QueryError(ValueError):
    """A query that cannot be run as written; the message says what to change."""

    status = 400


class QueryTooSlow(QueryError):
    """A query that ran over its time budget and was stopped."""

    status = 503
