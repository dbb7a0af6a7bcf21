"""Entity ids from names: the one formula the entities stage gives ids by and the store
re-derives an Arabic-script entity's own id with (store/cross_script.py), which loads nothing
of the entities stage. How ids are chosen (identity keys, generic offices, authority ids) is
told in entities/ids.py.
"""

from __future__ import annotations

from hashlib import blake2b

from sijill.names.folding import fold, fold_arabic
from sijill.names.key import identity_key


def entity_id(type: str, name: str, exact: bool = False,  # noqa: A002 - the agreed signature
              scope: str = "") -> str:
    key = f"={fold(name)}" if exact else identity_key(name)
    scoped = f"{scope}/{key}" if scope else key
    digest = blake2b(f"{type}:{scoped}".encode(), digest_size=6).hexdigest()
    return f"{type[:3]}-{digest}"


def script_id(type: str, name: str, scope: str = "") -> str:  # noqa: A002 - as entity_id
    """An Arabic-script name's own id: its exact spelling's, folded as the script varies
    (alif forms, ى, ة, harakat, tatweel). Not the identity key's, which would give an
    unvowelled name a Latin look-alike's id (محمود as Muhammad) with no comparison at all:
    the store joins it to its transliteration after comparing."""
    return entity_id(type, fold_arabic(name), exact=True, scope=scope)
