"""The SQLite archive: sources, parsed documents, search, and the human layer of edits."""

from sijill.store.archive import Archive, SearchHit, SearchResults, default_db_path
from sijill.store.errors import StoreError

__all__ = ["Archive", "SearchHit", "SearchResults", "StoreError", "default_db_path"]
