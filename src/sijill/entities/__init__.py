"""Entities in documents: people, organisations and places, across spellings."""

from sijill.entities.names import compare, fold, name_key

__all__ = ["compare", "fold", "name_key"]
