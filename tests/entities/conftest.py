"""Shared by the entity tests: the names recognised in a text, a fictional letter parsed."""

from __future__ import annotations

import yaml

from sijill.entities.recognize import recognize_text
from sijill.model import Document, SourceText, sha256_hex
from sijill.parse import parse_text
from tests.conftest import DATA


def names(text: str, kind: str) -> set[str]:
    """The names of the entities of type `kind` recognised in `text`."""
    return {e.name for e in recognize_text(text).entities if e.type == kind}


def parsed(text: str) -> Document:
    """The first document the parser reads in `text`."""
    source = SourceText(sha256_hex(text.encode()), text, path="letter.txt")
    return parse_text(text, source=source)[0]


def recognition(part: str) -> list[tuple[str, str, str]]:
    """The (text, type, name) cases of tests/data/entities/recognition.yaml under `part`."""
    data = yaml.safe_load((DATA / "entities" / "recognition.yaml").read_text(encoding="utf-8"))
    return [(case["text"], case["type"], case["name"]) for case in data[part]]


def named_cases() -> list[tuple[str, str, set[str]]]:
    """The (text, type, every name of that type) cases of tests/data/entities/recognition.yaml."""
    data = yaml.safe_load((DATA / "entities" / "recognition.yaml").read_text(encoding="utf-8"))
    return [(case["text"], case["type"], set(case["names"])) for case in data["named"]]
