"""The SQLite archive: sources, parsed documents, and the human layer of edits.

Searching it is `sijill.query`'s work."""

from sijill.store.archive import Archive, default_db_path
from sijill.store.errors import StoreError

__all__ = ["Archive", "StoreError", "default_db_path"]
