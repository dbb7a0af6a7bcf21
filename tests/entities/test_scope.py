"""Web furniture is out of a document's scope: its names are not the document's entities."""

from __future__ import annotations

from sijill.entities.recognize import recognize_text
from sijill.entities.scope import furniture

PAGE = """Water rota for the eastern quarter
By Nadia Karimi
07 April 2015

The committee of the well asks the farmers of Saraqib to keep to the new rota.

Related posts
Bread prices rise again in Ariha
"""


def _names(text: str, kind: str) -> set[str]:
    return {e.name for e in recognize_text(text).entities if e.type == kind}


def test_byline_post_date_and_related_posts_are_furniture() -> None:
    pieces = [PAGE[a:b] for a, b in furniture(PAGE)]
    assert "By Nadia Karimi" in pieces and "07 April 2015" in pieces
    assert "Bread prices rise again in Ariha" in pieces
    assert not any("Saraqib" in p for p in pieces)


def test_names_in_furniture_are_not_entities() -> None:
    assert "Nadia Karimi" not in _names(PAGE, "person")
    assert "Ariha" not in _names(PAGE, "place")
    assert "Saraqib" in _names(PAGE, "place")


def test_a_byline_opening_the_first_paragraph_is_cut_at_its_bullet() -> None:
    text = ("by Omar Haddad • Jan 25, 2016 – The statement thanks the teacher Salma Nouri "
            "for the new classes.\n")
    (start, end), = furniture(text)
    assert text[start:end] == "by Omar Haddad"
    assert _names(text, "person") == {"Salma Nouri"}


def test_a_plain_letter_has_no_furniture() -> None:
    assert furniture("To the brother Abu Malik\nPeace be upon you.\n") == []
