"""Editors' and translators' commentary (sijill.parse.notes, read through the parser), and the
document's own notes that are none, each shape a small fictional document."""

from __future__ import annotations

import pytest

from tests.parse.conftest import (
    BREAD_PRICES,
    MARKETS_HEAD,
    NOTEBOOKS,
    PUMP_HOURS,
    PUMPS_HEAD,
    WELLS,
    field_value,
    parse_one,
    text_of,
    texts,
)

# Each row: a small fictional document, the field it must give, and the value.
NOTE_SHAPES = [
    # A statement: one paragraph, then the issuing office; the paragraph is the body.
    pytest.param(
        f"Statement\n\n{NOTEBOOKS}\n\nMedia Office of Harakat al-Sanabil\nMuharram 1443\n",
        "notes", [],
        id="a-statement-one-paragraph-then-the-issuing-office-the"),
    # A translator's remark at the end of a letterhead line is no part of the level.
    pytest.param(
        'Baghlan Elders Shura [Translator: "Shura" means the council of elders.]\n'
        f"Water Committee\n\nNo.: 12\n\n{BREAD_PRICES}\n\nNabil Aziz\n",
        "has_editor_note",
        True,
        id="a-translator-s-remark-at-the-end-of-a"),
    # "Our note:" after a document is the editor's; the signature above it still signs.
    pytest.param(
        f"{MARKETS_HEAD}{BREAD_PRICES}\n\nThe official of the office\nHadi Karam\n\n"
        "Our note: the form is printed; the names were added by hand.\n",
        "has_editor_note",
        True,
        id="our-note-after-a-document-is-the-editor-s"),
    # A "Note:" saying where the ruling's copies go is the ruling's own, not commentary ...
    pytest.param(
        f"{MARKETS_HEAD}{BREAD_PRICES}\n\nThe judge\nHadi Karam\n\n"
        "Note: a copy of this ruling shall be sent to the market inspector.\n",
        "has_editor_note",
        False,
        id="a-note-saying-where-the-ruling-s-copies-go"),
    # ... while a note about the document's history is the editor's.
    pytest.param(
        f"{MARKETS_HEAD}{BREAD_PRICES}\n\nThe judge\nHadi Karam\n\n"
        "Note: a copy of this ruling was found among the papers of the market inspector.\n",
        "has_editor_note",
        True,
        id="while-a-note-about-the-document-s-history-is"),
    # "(logo)" between a bracketed introduction and the letterhead.
    pytest.param(
        "[Editor's introduction: A reader photographed this notice on the door of the "
        "water "
        "office and sent it to us; the lower edge is torn.]\n\n(logo)\n\n"
        f"Rabitat Ahl al-Wadi\nAna Sector\nOffice of Water\n\nNOTICE\n\n{PUMP_HOURS}\n",
        "has_editor_note", True,
        id="logo-between-a-bracketed-introduction-and-the-letterhead"),
    # A marginal note with a field under it is the document's own, not an introduction.
    pytest.param(
        '[Marginal note, top: "To the accountant for payment"]\n'
        "[Top left:] Incoming no.: 508\n\n"
        f"{PUMPS_HEAD}To: Hamid Saleh\nDate: 2019/4/2\n\n{PUMP_HOURS}\n\nNabil Aziz\n",
        "has_editor_note", False,
        id="a-marginal-note-with-a-field-under-it-is"),
]


@pytest.mark.parametrize(("text", "field", "expected"), NOTE_SHAPES)
def test_the_notes_are_told_apart(text: str, field: str, expected: object) -> None:
    """Each shape has (or has not) an editor's or translator's note."""
    assert field_value(parse_one(text), field) == expected


def test_numbered_footnote_is_an_editor_note() -> None:
    doc = parse_one(
        f"Sharia Court of Wadi al-Nur\n\nCase number: 118/1442\n\n{NOTEBOOKS}\n\nJudge of the "
        "court\n"
        "Abu Ali al-Qadi\n\n[1] The village is in the Wadi sector; see the other rulings of the "
        "same court in this archive.\n"
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
    doc = parse_one("NOTICE TO THE TRADERS\n\nThe traders are informed of the following:\n\n"
               f"{WELLS}\n\nIssued by the Office of Markets, on 3 Safar 1441\n")
    assert not any(n.kind in ("editor", "translator") for n in doc.notes)


def test_translators_credit_and_remarks_are_notes() -> None:
    doc = parse_one(f"Valley: Here is my rough translation of the new water law.\n\n{WELLS}\n\n"
                    f"{WELLS}\n")
    assert any(n.kind == "translator" for n in doc.notes)
    remark = parse_one(f"Office of Water\n\n{WELLS} (T.C: the keeper of the well)\n\nAbu Hamid\n")
    assert any(n.kind == "translator" for n in remark.notes)
    plain = parse_one(f"Office of Water\n\n{WELLS} (the keeper of the well)\n\nAbu Hamid\n")
    assert not any(n.kind in ("editor", "translator") for n in plain.notes)


def test_byline_run_into_the_analysis_and_a_translators_note_heading() -> None:
    doc = parse_one("Valley Army statement: translation and commentary\n\n"
               "Leadership of the Valley Army – 9 Rabi al-Thani 1437 AH\n\n"
               "by Nadia Karimi Salih • Jan 25, 2016 – This new statement by the Valley Army "
               "praises the well diggers and says nothing about the fees.\n")
    assert any(n.kind == "editor" for n in doc.notes)
    noted = parse_one(f"Annex\n\nTranslator’s Note The clerks' handbook was first drafted in 2007. "
                 f"{WELLS}\n\n{WELLS}\n")
    assert any(n.kind == "translator" for n in noted.notes)


def test_an_authority_is_no_author_and_a_charter_released_is_announced() -> None:
    doc = parse_one(
        "The valley water charter\n\nThe valley councils agreed last month on a shared body "
        "for the wells and pumps of the district.\n\nThe founding charter of the Water "
        "Authority has now been released in English:\n\nPreface\n\n" f"{WELLS}\n\n"
        "Working Principles\n\nThe Water Authority draws its budget from the member councils "
        "and reports to them every month on the state of the wells.\n"
    )
    assert any(n.kind == "editor" for n in doc.notes)
    assert doc.sender is None
