"""The checks' word lists and thresholds, read once from data/checks.yaml."""

from __future__ import annotations

from functools import cache
from typing import Any

from sijill import data

DATA = data.bundled("sijill.checks", "checks.yaml")
SHAPE = data.record(
    calendar=data.record(solar_hijri_tolerance_days=data.INT),
    anachronism=data.record(grace_days_after=data.INT, grace_days_before=data.INT,
                            fields=data.WORDS, role_window=data.INT),
    numbering=data.record(min_series=data.INT, backwards_grace_days=data.INT),
    duplicates=data.record(shingle_words=data.INT, num_perm=data.INT, lsh_rows=data.INT,
                           screen_jaccard=data.NUMBER, variant=data.NUMBER, copy=data.NUMBER,
                           min_words=data.INT),
    provenance=data.record(forgery_words=data.WORDS, negations=data.WORDS,
                           stamp_tags=data.WORDS, min_issuer_docs=data.INT,
                           unusual_share=data.NUMBER, script_share=data.NUMBER),
    health=data.record(min_body_chars=data.INT),
)


@cache
def settings() -> dict[str, Any]:
    return data.load(DATA, SHAPE)  # type: ignore[no-any-return]


def section(name: str) -> dict[str, Any]:
    return settings()[name]
