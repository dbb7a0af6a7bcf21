"""Entity ids: stable across documents, so the archive can meet one entity everywhere.

A recognised entity's id hangs on its type and the identity key of its name
(`names.identity_key`: the transliteration key plus each token's first vowel class), so
"Abu Mohammed al-Jolani" and "Abu Muhammad al-Julani" get the same id while "Muhammad Hamid
al-Issa" and "Mahmud Hamad al-Issa", whose consonants are the same, do not. An authority-file
entity's id is its entry's slug.

Two different names can still share the identity key (Hamid / Hamad). When one document names
both and `names.compare` calls them different, the one whose folded name sorts first keeps the
key's id and each other one gets the id of its exact folded name (`entity_id(type, name,
exact=True)`): ids depend only on the names, never on the order of a document or a counter.
Identity across documents beyond that is the researcher's: merge and split curate it.
"""

from __future__ import annotations

from hashlib import blake2b

from sijill.entities.names import fold, identity_key


def entity_id(type: str, name: str, exact: bool = False) -> str:  # noqa: A002 - the agreed signature
    key = f"={fold(name)}" if exact else identity_key(name)
    digest = blake2b(f"{type}:{key}".encode(), digest_size=6).hexdigest()
    return f"{type[:3]}-{digest}"


def authority_id(entry_id: str) -> str:
    return f"auth-{entry_id}"
