"""The foot of a document (sijill.parse.closing, read through the parser): the sender of a
signature block and the cc list, each shape a small fictional document."""

from __future__ import annotations

import pytest

from tests.parse.conftest import WELLS, field_value, parse_one, shapes, texts


def test_bare_kunya_signs_with_the_real_name_in_brackets() -> None:
    doc = parse_one(
        f"Office of Water\n\n{WELLS}\n\nEmir of the Valley Emirate,\nAbu Nasr (Karim Haddad)\n"
    )
    assert doc.sender.text == "Abu Nasr (Karim Haddad)"
    assert texts(doc.issuer) == ["Office of Water"]


def test_full_name_with_a_bracket_keeps_the_name_alone() -> None:
    doc = parse_one(f"Office of Water\n\n{WELLS}\n\nAbu Nasr al-Wadi (Karim Haddad)\n")
    assert doc.sender.text == "Abu Nasr al-Wadi"


# The cases: tests/data/parse/closing.yaml.
@pytest.mark.parametrize(("text", "field", "expected"), shapes("closing"))
def test_the_closing_gives_the_field(text: str, field: str, expected: object) -> None:
    """Each shape of a signature block or copy list gives its sender or cc."""
    assert field_value(parse_one(text), field) == expected
