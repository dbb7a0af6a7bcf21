"""The SQLite archive: sources, parsed documents, and the human layer of edits over them.

The public API is what `__all__` names: the `Archive` (a `Database` with the documents'
methods), the result types, and the modules by idea, whose functions take an archive
first (`entity_edits.merge(archive, ...)`, `users.add_user(archive, ...)`). The other
modules of the package are its internals. Searching it is `sijill.store.search`'s work.
See docs/store.md.
"""

from sijill.store import (
    connection,
    curation,
    document_context,
    entities,
    entity_edits,
    entity_layer,
    entity_mentions,
    entity_relations,
    entity_trail,
    facets,
    flag_edits,
    flag_report,
    flags,
    io,
    labels,
    layers,
    migrate,
    network,
    pairs,
    relation_claims,
    relations,
    saved,
    sessions,
    timeline,
    undo,
    users,
)
from sijill.store.archive import Archive, Status
from sijill.store.curation import Curation
from sijill.store.db import Database, default_db_path
from sijill.store.entities import EntityDetail, EntitySummary
from sijill.store.entity_mentions import DatedMention, DocRef, MentionRef, NameCount
from sijill.store.flag_edits import Dismissal
from sijill.store.labels import Labels
from sijill.store.relations import Claim
from sijill.store.saved import SavedSearch
from sijill.store.sessions import Limits, Policy, Session
from sijill.store.users import Role, User

__all__ = [
    "Archive", "Claim", "Curation", "Database", "DatedMention", "Dismissal", "DocRef",
    "EntityDetail", "EntitySummary", "Labels", "Limits", "MentionRef", "NameCount", "Policy",
    "Role", "SavedSearch", "Session", "Status", "User",
    "connection", "curation", "default_db_path", "document_context", "entities",
    "entity_edits", "entity_layer", "entity_mentions", "entity_relations", "entity_trail",
    "facets", "flag_edits", "flag_report", "flags", "io", "labels", "layers", "migrate",
    "network", "pairs", "relation_claims", "relations", "saved", "sessions", "timeline", "undo",
    "users",
]
