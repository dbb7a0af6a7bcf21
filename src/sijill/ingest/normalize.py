"""The one text form every reader hands on: what downstream offsets are counted in."""

from __future__ import annotations

import re
import unicodedata

# Form feeds and vertical tabs separate pages or lines in PDFs and old text files.
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff]")
_TRAILING = re.compile(r"[^\S\n]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{4,}")


def normalize(text: str) -> str:
    """Newlines to "\\n", control characters gone, no trailing spaces, NFC, <= 2 blank lines."""
    text = _NEWLINES.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = _TRAILING.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _BLANK_RUNS.sub("\n\n\n", text)
    return text.strip("\n")
