"""The one exception the archive raises for the caller's mistakes and unusable files."""

from __future__ import annotations


class StoreError(Exception):
    """An archive operation that cannot be done: unknown id, bad edit, too-new schema."""
