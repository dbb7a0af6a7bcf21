"""Entities in documents: people, organisations and places, across spellings.

How names are folded, keyed and compared is `sijill.names` (the lowest layer)."""
