"""Entity ids: stable across documents, so the archive can meet one entity everywhere.

A recognised entity's id hangs on its type and the transliteration key of its name, so
"Abu Mohammed al-Jolani" and "Abu Muhammad al-Julani" get the same id; an authority-file
entity's id is its entry's slug.

The key is a blocking key: two different names can share it ("Muhammad" and "Mahmud" both
key to m-h-m-d) while `names.compare` calls them different people. When one document names
both, the one whose folded name sorts first keeps the key's id and each other one gets the
id of its exact folded name (`entity_id(type, name, exact=True)`). Both ids depend only on
the names, never on the order of the document or a counter, so "Mahmud Hamad al-Issa" gets
the same exact id in every document where he meets his namesake; where he is alone he gets
the key's id, which is also the id of every spelling variant of his name.
"""

from __future__ import annotations

from hashlib import blake2b

from sijill.entities.names import fold, name_key


def entity_id(type: str, name: str, exact: bool = False) -> str:  # noqa: A002 - the agreed signature
    key = f"={fold(name)}" if exact else name_key(name)
    digest = blake2b(f"{type}:{key}".encode(), digest_size=6).hexdigest()
    return f"{type[:3]}-{digest}"


def authority_id(entry_id: str) -> str:
    return f"auth-{entry_id}"
