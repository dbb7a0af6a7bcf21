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

A generic office ("Media Office", "Office of Supplies", "Diwan al-Zakat"; names made only of
unit words and fields, `generic_office`) is a different office in every group: its id also
hangs on a scope, the id of the group that issued the document (its first letterhead level
that is not itself generic), or the document's own id when no group is named. So each
group's Media Office keeps one id across its documents, and two groups' never share one.
"""

from __future__ import annotations

from sijill.names import fold
from sijill.names.ids import entity_id, script_id
from sijill.names.words import lexicon

__all__ = ["authority_id", "entity_id", "generic_office", "script_id"]


def generic_office(name: str) -> bool:
    """An organisation named only by unit words and its field ("Media Office", "Office of
    Supplies", "General Command"), which many groups have, so the name alone is no identity."""
    lex = lexicon()
    words = [w for w in fold(name).split() if not w.isdigit()]
    generic = lex.generic_fields | lex.org_suffix | lex.org_prefix | lex.org_of_suffix
    return bool(words) and all(w in generic for w in words)


def authority_id(entry_id: str) -> str:
    return f"auth-{entry_id}"
