"""The checks' word lists and thresholds, read once from data/checks.yaml."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).with_name("data") / "checks.yaml"


@cache
def settings() -> dict[str, Any]:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def section(name: str) -> dict[str, Any]:
    return settings()[name]
