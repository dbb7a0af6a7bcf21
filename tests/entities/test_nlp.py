"""The spaCy pipeline of the entity stage (sijill.entities.nlp): loose keys and the tokenizer."""

from __future__ import annotations

import pytest

from sijill.entities.nlp import build, loose


@pytest.mark.parametrize(("a", "b"), [
    ("Hawija", "Hawijah"), ("Raqqa", "Raqqah"), ("Ja'ar", "Ja‘ār"), ("Sabkha", "Sabkhah")])
def test_loose_keys_meet(a: str, b: str) -> None:
    assert loose(a) == loose(b)


def test_short_names_keep_their_h() -> None:
    assert loose("Rida") != loose("Ridah")


@pytest.mark.parametrize(("text", "tokens"), [
    ("Bakeries/ Abu", ["Bakeries", "/", "Abu"]),
    ("Nasr[2], who", ["Nasr", "[2", "]", ",", "who"]),
])
def test_tokenizer_splits_marks(text: str, tokens: list[str]) -> None:
    assert [t.text for t in build()(text)] == tokens
