"""Remove web furniture around a document: comment forms, share/like blocks, navigation.

The patterns live in data/boilerplate.yaml. Four kinds, from the boldest to the most careful:
`cut_from` ends the text, `drop` removes a line anywhere, `tail` and `head` remove lines
only outside the document (after its last line, before its first).
"""

from __future__ import annotations

import re
from functools import cache

from sijill import data

KINDS = ("cut_from", "drop", "tail", "head")
SHAPE = data.record(**{kind: data.WORDS for kind in KINDS})


@cache
def _rules() -> dict[str, re.Pattern[str]]:
    patterns = data.load(data.bundled("sijill.ingest", "boilerplate.yaml"), SHAPE)
    return {kind: _line_regex(patterns[kind]) for kind in KINDS}


def _line_regex(patterns: list[str]) -> re.Pattern[str]:
    """One regex that fully matches a line matching any of `patterns`, ignoring case."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def strip_boilerplate(text: str) -> str:
    """The text without web boilerplate; never longer than `text`, lines otherwise untouched."""
    rules = _rules()
    lines = text.split("\n")
    lines = _cut(lines, rules["cut_from"])
    lines = _drop(lines, rules["drop"])
    lines = _trim_end(lines, rules["tail"])
    lines = _trim_end(lines[::-1], rules["head"])[::-1]
    return "\n".join(lines)


def _matches(rule: re.Pattern[str], line: str) -> bool:
    return rule.fullmatch(line.strip()) is not None


def _cut(lines: list[str], rule: re.Pattern[str]) -> list[str]:
    for i, line in enumerate(lines):
        if _matches(rule, line):
            return lines[:i]
    return lines


def _drop(lines: list[str], rule: re.Pattern[str]) -> list[str]:
    kept: list[str] = []
    # After a dropped line, the blank lines that separated it go too, or they would pile up.
    skip_blank = False
    for line in lines:
        blank = not line.strip()
        if not blank and _matches(rule, line):
            skip_blank = not kept or not kept[-1].strip()
            continue
        if blank and skip_blank:
            continue
        skip_blank = False
        kept.append(line)
    return kept


def _trim_end(lines: list[str], rule: re.Pattern[str]) -> list[str]:
    end = len(lines)
    while end and (not lines[end - 1].strip() or _matches(rule, lines[end - 1])):
        end -= 1
    return lines[:end]
