"""Sijill: a register of armed groups' own records, parsed, searchable and citable."""

__version__ = "0.1.0"
