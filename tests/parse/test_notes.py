"""Editors' and translators' commentary (sijill.parse.notes, read through the parser), and the
document's own notes that are none, each shape a small fictional document."""

from __future__ import annotations

import pytest

from tests.parse.conftest import NOTEBOOKS, WELLS, field_value, parse_one, shapes, text_of, texts


def test_numbered_footnote_is_an_editor_note() -> None:
    doc = parse_one(
        f"Sharia Court of Wadi al-Nur\n\nCase number: 118/1442\n\n{NOTEBOOKS}\n\n"
        "Judge of the court\nAbu Ali al-Qadi\n\n[1] The village is in the Wadi sector; see the "
        "other rulings of the same court in this archive.\n"
    )
    assert text_of(doc.sender) == "Abu Ali al-Qadi"
    assert [n.text[:3] for n in doc.notes if n.kind == "editor"] == ["[1]"]


def test_news_lead_announcing_the_statement_is_the_editors() -> None:
    doc = parse_one(
        "Council decides on plates\n\nVALLEY - The council of the valley issued a decision on "
        "the plates of tractors, which its deputy read out on Monday to the farmers.\n\n"
        "The statement is:\n\nAll owners of tractors without plates are to bring them to the "
        "traffic office within thirty days, and no fine will be charged.\n\n"
        "The general command of the Valley Military Council\n"
    )
    assert any(n.kind == "editor" for n in doc.notes)
    assert sorted(texts(doc.issuer)) == ["Valley Military Council", "general command"]


def test_a_documents_own_following_is_no_announcement() -> None:
    doc = parse_one(
        "NOTICE TO THE TRADERS\n\nThe traders are informed of the following:\n\n"
        f"{WELLS}\n\nIssued by the Office of Markets, on 3 Safar 1441\n"
    )
    assert not any(n.kind in ("editor", "translator") for n in doc.notes)


def test_translators_credit_and_remarks_are_notes() -> None:
    doc = parse_one(
        f"Valley: Here is my rough translation of the new water law.\n\n{WELLS}\n\n{WELLS}\n"
    )
    assert any(n.kind == "translator" for n in doc.notes)
    remark = parse_one(f"Office of Water\n\n{WELLS} (T.C: the keeper of the well)\n\nAbu Hamid\n")
    assert any(n.kind == "translator" for n in remark.notes)
    plain = parse_one(f"Office of Water\n\n{WELLS} (the keeper of the well)\n\nAbu Hamid\n")
    assert not any(n.kind in ("editor", "translator") for n in plain.notes)


def test_byline_run_into_the_analysis_and_a_translators_note_heading() -> None:
    doc = parse_one(
        "Valley Army statement: translation and commentary\n\n"
        "Leadership of the Valley Army – 9 Rabi al-Thani 1437 AH\n\n"
        "by Nadia Karimi Salih • Jan 25, 2016 – This new statement by the Valley Army "
        "praises the well diggers and says nothing about the fees.\n"
    )
    assert any(n.kind == "editor" for n in doc.notes)
    noted = parse_one(
        f"Annex\n\nTranslator’s Note The clerks' handbook was first drafted in 2007. "
        f"{WELLS}\n\n{WELLS}\n"
    )
    assert any(n.kind == "translator" for n in noted.notes)


def test_an_authority_is_no_author_and_a_charter_released_is_announced() -> None:
    doc = parse_one(
        "The valley water charter\n\nThe valley councils agreed last month on a shared body "
        "for the wells and pumps of the district.\n\nThe founding charter of the Water "
        "Authority has now been released in English:\n\nPreface\n\n"
        f"{WELLS}\n\n"
        "Working Principles\n\nThe Water Authority draws its budget from the member councils "
        "and reports to them every month on the state of the wells.\n"
    )
    assert any(n.kind == "editor" for n in doc.notes)
    assert doc.sender is None


# The cases: tests/data/parse/notes.yaml.
@pytest.mark.parametrize(("text", "field", "expected"), shapes("notes"))
def test_the_notes_are_told_apart(text: str, field: str, expected: object) -> None:
    """Each shape has (or has not) an editor's or translator's note."""
    assert field_value(parse_one(text), field) == expected
