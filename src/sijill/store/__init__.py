"""The SQLite archive: sources, parsed documents, and the human layer of edits over them.

The public API is what `__all__` names: the `Archive` (a `Database` with the documents'
methods), the result types, and the modules by idea, whose functions take an archive
first (`entity_edits.merge(archive, ...)`, `users.add_user(archive, ...)`). The other
modules of the package are its internals. Searching it is `sijill.query`'s work.
See docs/store.md.
"""

from sijill.store.archive import Archive, default_db_path

__all__ = ["Archive", "default_db_path"]
