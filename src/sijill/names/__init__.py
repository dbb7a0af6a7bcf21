"""Names as Sijill compares them: the lowest layer every stage, the store and the web share.

    from sijill.names import compare, fold, fold_value, identity_key, name_key

`fold` (names: letters only), `fold_value` (written values, gold.md's folding) and
`fold_arabic` (Arabic script's letter variants) are in `folding`; the keys and the
comparison of transliteration variants in `key`; names written in Arabic script romanised
in `script`; the words names are made of (kunya, titles, cues) in `words`. Nothing here
imports a stage, the store, the web app or the CLI (only the lowest layer's data loader).
"""

from sijill.names.folding import fold, fold_arabic, fold_value
from sijill.names.key import compare, identity_key, name_key

__all__ = ["compare", "fold", "fold_arabic", "fold_value", "identity_key", "name_key"]
