"""The foot of a document (sijill.parse.closing, read through the parser): the sender of a
signature block and the cc list, each shape a small fictional document."""

from __future__ import annotations

import pytest

from tests.parse.conftest import (
    BREAD_PRICES,
    LITERAL_LETTER,
    MARKETS_HEAD,
    NOTEBOOKS,
    PUMP_HOURS,
    PUMPS_HEAD,
    WATER_HEAD,
    WATER_METERS,
    WELLS,
    field_value,
    flour_letter,
    parse_one,
    texts,
)

# Each row: a small fictional document, the field it must give, and the value.
CLOSING_SHAPES = [
    # A labelled copy list: "Copies:" with items under it.
    pytest.param(
        f"To the director of the clinic\n\n{NOTEBOOKS}\n\nAbu Sami al-Khayyat\n\n"
        "Copies:\n- Archive\n"
        "- Office of Supplies\n", "cc", ["Archive", "Office of Supplies"],
        id="a-labelled-copy-list-copies-with-items-under-it"),
    # "Signed:" gives the sender.
    pytest.param(
        f"To the director of the clinic\n\n{NOTEBOOKS}\n\nSigned: Abu Sami al-Khayyat\n",
        "sender",
        "Abu Sami al-Khayyat",
        id="signed-gives-the-sender"),
    # "Your brother, X" on one line.
    pytest.param(
        f"To the director of the clinic\n\n{NOTEBOOKS}\n\nYour brother, Abu Sami "
        "al-Khayyat\n", "sender",
        "Abu Sami al-Khayyat",
        id="your-brother-x-on-one-line"),
    # A name with "Hajj" inside it is one name.
    pytest.param(
        f"To the director of the clinic\n\n{NOTEBOOKS}\n\nHead of the Education "
        "Committee\n"
        "Mustafa Hajj Ibrahim\n[Signature]\n", "sender", "Mustafa Hajj Ibrahim",
        id="a-name-with-hajj-inside-it-is-one-name"),
    # An unlabelled distribution list after the signatures is a cc list.
    pytest.param(
        f"Council of Wadi al-Nur\n\nDate: 3/2/1443 H\n\n{NOTEBOOKS}\n\nHead of the "
        "council: Abu Ali "
        "[Signature]\nSecretary: Yasin Darwish [Signature]\n\nServices Committee\n"
        "Education Committee\nNotice board of the council\n", "cc",
        ["Services Committee", "Education Committee", "Notice board of the council"],
        id="an-unlabelled-distribution-list-after-the-signatures-is-a"),
    # ... but the organisation's levels closing a letter are not.
    pytest.param(
        f"To the director of the clinic\n\n{NOTEBOOKS}\n\nMay God reward you.\n\nHarakat "
        "al-Sanabil\n"
        "Wilayat al-Wadi\n", "cc", [],
        id="but-the-organisation-s-levels-closing-a-letter-are"),
    # ... nor the levels of the letterhead repeated under the signature.
    pytest.param(
        f"Harakat al-Sanabil\nWilayat al-Wadi\nOffice of Supplies\n\n{NOTEBOOKS}\n\nAbu "
        "Sami al-Khayyat"
        "\n[Signature]\n\nHarakat al-Sanabil\nWilayat al-Wadi\nOffice of Supplies\n", "cc", [],
        id="nor-the-levels-of-the-letterhead-repeated-under-the"),
    # A footnote after the letter is an editor's note, not a cc or a sender.
    pytest.param(
        f"To the director of the clinic\n\n{NOTEBOOKS}\n\nAbu Sami al-Khayyat\n\n[1] The "
        "clinic is "
        "the one in the eastern quarter mentioned in other documents of this archive.\n", "sender",
        "Abu Sami al-Khayyat",
        id="a-footnote-after-the-letter-is-an-editor-s"),
    # cc recipients on one line, parted by slashes; a code's slashes part nothing.
    pytest.param(
        f"{WATER_HEAD}{WATER_METERS}\n\nNabil Haddad\n\nCopies to: Office of Schools / "
        "the accountant / Archive",
        "cc",
        ["Office of Schools", "accountant", "Archive"],
        id="cc-recipients-on-one-line-parted-by-slashes-a"),
    pytest.param(
        f"{WATER_HEAD}{WATER_METERS}\n\nNabil Haddad\n\ncc: Registry W/1441/5\n",
        "cc", ["Registry W/1441/5"],
        id="cc-recipients-on-one-line-parted-by-slashes-a"),
    # A receipt signed with a label.
    pytest.param(
        f"{WATER_HEAD}{WATER_METERS}\n\nReceived by: Abu Jamil, collector of the market\n",
        "sender", "Abu Jamil",
        id="a-receipt-signed-with-a-label"),
    pytest.param(
        f"{WATER_HEAD}{WATER_METERS}\n\nSigned: [signature] Hadi Karam\n",
        "sender", "Hadi Karam",
        id="a-receipt-signed-with-a-label"),
    pytest.param(
        f"{WATER_HEAD}{WATER_METERS}\n\nSigned: [illegible]\n", "sender", None,
        id="a-receipt-signed-with-a-label"),
    pytest.param(
        f"{WATER_HEAD}{WATER_METERS}\n\nReceived by: Hadi Karam\nThe payer: Samir Nadim\n",
        "sender", None,
        id="a-receipt-signed-with-a-label"),
    # A name, then the title of its office: signed by the name, not closed by the office.
    pytest.param(
        f"{WATER_HEAD}{WATER_METERS}\n\nSalma Aziz, head of the Office of Water\n",
        "sender", "Salma Aziz",
        id="a-name-then-the-title-of-its-office-signed"),
    pytest.param(
        f"{WATER_HEAD}{WATER_METERS}\n\nOffice of Water, Valley Sector\n", "sender", None,
        id="a-name-then-the-title-of-its-office-signed"),
    # Several signatories, each "For <unit>: <name>": no single sender.
    pytest.param(
        f"{MARKETS_HEAD}{BREAD_PRICES}\n\nSigned:\nFor the council: Hadi Karam\n"
        "For Liwa' Nujum al-Sahil: Samir Haddad\n",
        "sender",
        None,
        id="several-signatories-each-for-unit-name-no-single-sender"),
    pytest.param(
        f"{MARKETS_HEAD}{BREAD_PRICES}\n\nFor the Office of Markets: Hadi Karam\n",
        "sender", "Hadi Karam",
        id="several-signatories-each-for-unit-name-no-single-sender"),
    # "Our note:" after a document is the editor's; the signature above it still signs.
    pytest.param(
        f"{MARKETS_HEAD}{BREAD_PRICES}\n\nThe official of the office\nHadi Karam\n\n"
        "Our note: the form is printed; the names were added by hand.\n",
        "sender",
        "Hadi Karam",
        id="our-note-after-a-document-is-the-editor-s"),
    # A stiff literal translation: "The number:" with Arabic letters spaced apart, "The
    # subject:" after the greeting, "title/ the dear brother/ name", "title/ name" signing.
    pytest.param(
        LITERAL_LETTER, "sender", "Abu Marwan al-Lataminy",
        id="a-stiff-literal-translation-the-number-with-arabic-letters"),
    # A unit followed by a title is a title, in a cc list.
    pytest.param(
        f"{PUMPS_HEAD}{PUMP_HOURS}\n\nNabil Aziz\n\nCC: Archive; District Director\n",
        "cc", ["Archive", "District Director"],
        id="a-unit-followed-by-a-title-is-a-title"),
    # An office signing over the organisation's name; the levels alone name no sender.
    pytest.param(
        f"Rabitat Ahl al-Wadi\n\n{PUMP_HOURS}\n\nIssued in Ana, 3 May 2019\n\nThe "
        "Information Office\n"
        "Rabitat Ahl al-Wadi\n", "sender", "Information Office",
        id="an-office-signing-over-the-organisation-s-name-the"),
    pytest.param(
        f"{PUMPS_HEAD}No.: W/12\n\n{PUMP_HOURS}\n\nRabitat Ahl al-Wadi\nOffice of Water\n",
        "sender", None,
        id="an-office-signing-over-the-organisation-s-name-the"),
    # A courtesy title of learning or pilgrimage before an addressee's or signer's name.
    pytest.param(
        flour_letter(foot="Haji Gul Mohammad Sherzad"), "sender", "Gul Mohammad Sherzad",
        id="a-courtesy-title-of-learning-or-pilgrimage-before-an"),
    pytest.param(
        flour_letter(foot="Qari Ahmad Shah Noori"), "sender", "Ahmad Shah Noori",
        id="a-courtesy-title-of-learning-or-pilgrimage-before-an"),
    # "Dr." and "Shaykh" stay on a signature line, as the earlier sets give them.
    pytest.param(
        flour_letter(foot="Dr. Walid Sami al-Hassun"), "sender", "Dr. Walid Sami "
        "al-Hassun",
        id="dr-and-shaykh-stay-on-a-signature-line-as"),
    pytest.param(
        flour_letter(foot="Shaykh Abu Ilyas al-Qasimi"), "sender", "Shaykh Abu Ilyas "
        "al-Qasimi",
        id="dr-and-shaykh-stay-on-a-signature-line-as"),
    # "Copy with respect to:" labels a cc list.
    pytest.param(
        flour_letter(cc="Copy with respect to: the Office of Mills; the file"),
        "cc", ["Office of Mills", "file"],
        id="copy-with-respect-to-labels-a-cc-list"),
    # A capitalised occupation after a unit adjective names a body, not a person's title.
    pytest.param(
        flour_letter(cc="CC: Archive; Municipal Guard"), "cc", ["Archive", "Municipal "
        "Guard"],
        id="a-capitalised-occupation-after-a-unit-adjective-names-a"),
]


@pytest.mark.parametrize(("text", "field", "expected"), CLOSING_SHAPES)
def test_the_closing_gives_the_field(text: str, field: str, expected: object) -> None:
    """Each shape of a signature block or copy list gives its sender or cc."""
    assert field_value(parse_one(text), field) == expected


def test_bare_kunya_signs_with_the_real_name_in_brackets() -> None:
    doc = parse_one(f"Office of Water\n\n{WELLS}\n\nEmir of the Valley Emirate,\n"
               "Abu Nasr (Karim Haddad)\n")
    assert doc.sender.text == "Abu Nasr (Karim Haddad)"
    assert texts(doc.issuer) == ["Office of Water"]


def test_full_name_with_a_bracket_keeps_the_name_alone() -> None:
    doc = parse_one(f"Office of Water\n\n{WELLS}\n\nAbu Nasr al-Wadi (Karim Haddad)\n")
    assert doc.sender.text == "Abu Nasr al-Wadi"
