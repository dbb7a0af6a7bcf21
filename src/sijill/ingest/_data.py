"""The YAML data files beside this package, read once."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from typing import Any

import yaml


@cache
def load(name: str) -> dict[str, Any]:
    text = (files("sijill.ingest") / "data" / f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def line_regex(patterns: list[str]) -> re.Pattern[str]:
    """One regex that fully matches a line matching any of `patterns`, ignoring case."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
