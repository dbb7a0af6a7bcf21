"""Entity ids: stable across documents, so the archive can meet one entity everywhere.

A recognised entity's id hangs on its type and the transliteration key of its name, so
"Abu Mohammed al-Jolani" and "Abu Muhammad al-Julani" get the same id; an authority-file
entity's id is its entry's slug.
"""

from __future__ import annotations

from hashlib import blake2b

from sijill.entities.names import name_key


def entity_id(type: str, name: str) -> str:  # noqa: A002 - the agreed signature
    digest = blake2b(f"{type}:{name_key(name)}".encode(), digest_size=6).hexdigest()
    return f"{type[:3]}-{digest}"


def authority_id(entry_id: str) -> str:
    return f"auth-{entry_id}"
