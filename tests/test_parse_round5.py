"""Round 5 of the parser (issue 3): shapes a fifth unseen set showed, each as a small
fictional document worded afresh, with the cases each rule must leave alone."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.model import Document, SourceText
from sijill.parse import VERSION, parse_text
from sijill.parse.labelled import ranked_reference
from sijill.parse.lines import Line


def _parse(text: str) -> list[Document]:
    source = SourceText(hashlib.sha256(text.encode()).hexdigest(), text, path="round5.txt")
    docs = parse_text(text, source=source)
    for doc in docs:
        for name, span in doc.spans():
            assert span.is_valid_in(doc.text), (name, span)
    return docs


def _one(text: str) -> Document:
    docs = _parse(text)
    assert len(docs) == 1
    return docs[0]


def _value(doc: Document, field: str) -> object:
    if field == "has_editor_note":
        return any(n.kind in ("editor", "translator") for n in doc.notes)
    value = getattr(doc, field)
    if isinstance(value, list):
        if field == "dates":
            return [(d.calendar, d.year, d.month, d.day) for d in value]
        return [s.text for s in value]
    return None if value is None else value.text


BODY = (
    "The committee asks the keepers of the two pumping stations to write the hours of each "
    "pump in the register and to send the register to the office at the end of the month."
)
HEAD = "Rabitat Ahl al-Wadi\nOffice of Water\n\n"
LITERAL = (
    "Rabitat Ahl al-Wadi\nThe Office of Water\n\n"
    "The number: ك ت/ 1440/ 37\nThe date: 4/7/1440 H\n\n"
    "To the brother the official of the Store of al-Nur in Kafr Zita/ the dear brother/ "
    "Abu Harith al-Kafrzitawi may Allah protect him\n\n"
    "Peace upon you and mercy of Allah , and after:\n\n"
    "The subject: request of two pumps for the station\n\n"
    f"{BODY}\n\nThe official of the Office of Water/ Abu Marwan al-Lataminy\n(Signature)\n"
)

# (document, field, expected)
SHAPES = [
    # A stiff literal translation: "The number:" with Arabic letters spaced apart, "The
    # subject:" after the greeting, "title/ the dear brother/ name", "title/ name" signing.
    (LITERAL, "reference_number", "ك ت/ 1440/ 37"),
    (LITERAL, "subject", "request of two pumps for the station"),
    (LITERAL, "addressees", ["Abu Harith al-Kafrzitawi"]),
    (LITERAL, "sender", "Abu Marwan al-Lataminy"),
    # A code of plain letters and digits is still one token, "of 2019" is no part of it.
    (f"{HEAD}No. 12 of 2019\n\nTo the brother Hamid Saleh\n\n{BODY}\n\nNabil Aziz\n",
     "reference_number", "12"),
    # A bracketed number after the label, the French "N°" and "Object:" labels.
    (f"{HEAD}Notice No. (14)\n\nTo the brother Hamid Saleh\n\n{BODY}\n\nNabil Aziz\n",
     "reference_number", "14"),
    (f"{HEAD}N°: 112/BE/2018\n\nObject: maintenance of the pumps\n\n{BODY}\n\nNabil Aziz\n",
     "reference_number", "112/BE/2018"),
    (f"{HEAD}N°: 112/BE/2018\n\nObject: maintenance of the pumps\n\n{BODY}\n\nNabil Aziz\n",
     "subject", "maintenance of the pumps"),
    # A literal "Subject/ " label.
    (f"{HEAD}Subject/ the register of the pumps\n\n{BODY}\n\nNabil Aziz\n",
     "subject", "the register of the pumps"),
    # A footnote marker closing the subject is the editor's.
    (f"{HEAD}Subject: the fees of the water tankers[2]\n\n{BODY}\n\nNabil Aziz\n",
     "subject", "the fees of the water tankers"),
    # Month names with their customary epithets, and a French transliteration.
    (f"{HEAD}Date: 9 Safar al-Khayr 1441 AH\n\n{BODY}\n\nNabil Aziz\n",
     "dates", [("hijri", 1441, 2, 9)]),
    (f"{HEAD}Date: 3 Ramadan al-Mubarak 1440\n\n{BODY}\n\nNabil Aziz\n",
     "dates", [("hijri", 1440, 9, 3)]),
    (f"{HEAD}Tessalit, 2 Joumada el-Oula 1439\n\n{BODY}\n\nNabil Aziz\n",
     "dates", [("hijri", 1439, 5, 2)]),
    # Honorifics of other traditions are left out of the addressee's name.
    (f"{HEAD}To the respected Mawlawi Sahib Gul Ahmad Wardak, may God keep him\n\n"
     f"{BODY}\n\nNabil\n",
     "addressees", ["Gul Ahmad Wardak"]),
    (f"{HEAD}To the honourable ech-Cheikh Sidi Mohamed Ag Intalla, head of the herders\n\n"
     f"{BODY}\n\nNabil Aziz\n", "addressees", ["Sidi Mohamed Ag Intalla"]),
    # Two addressees aligned under one "To:"; a field line under a name is not another.
    (f"{HEAD}To: The Water Committee of Buulo Barde\n    The Committee of the Upper Wells\n\n"
     f"Re: the new pump\n\n{BODY}\n\nNabil Aziz\n",
     "addressees", ["Water Committee of Buulo Barde", "Committee of the Upper Wells"]),
    (f"{HEAD}To: Hamid Saleh al-Rawi\nAddress: the lower quarter of Ana\n\n{BODY}\n\nNabil Aziz\n",
     "addressees", ["Hamid Saleh al-Rawi"]),
    (f"{HEAD}To: Hamid Saleh al-Rawi\nHead of the Pumping Station\n\n{BODY}\n\nNabil Aziz\n",
     "addressees", ["Hamid Saleh al-Rawi"]),
    # A unit followed by a title is a title, in a cc list.
    (f"{HEAD}{BODY}\n\nNabil Aziz\n\nCC: Archive; District Director\n",
     "cc", ["Archive", "District Director"]),
    # A transcriber's page marker after the first letterhead line.
    ("Rabitat Ahl al-Wadi                               [page 1]\nOffice of Water\n\n"
     f"No.: W/88\n\nTo the brother Hamid Saleh\n\n{BODY}\n\nNabil Aziz\n",
     "issuer", ["Rabitat Ahl al-Wadi", "Office of Water"]),
    # "(logo)" between a bracketed introduction and the letterhead.
    ("[Editor's introduction: A reader photographed this notice on the door of the water "
     "office and sent it to us; the lower edge is torn.]\n\n(logo)\n\n"
     f"Rabitat Ahl al-Wadi\nAna Sector\nOffice of Water\n\nNOTICE\n\n{BODY}\n",
     "issuer", ["Rabitat Ahl al-Wadi", "Ana Sector", "Office of Water"]),
    ("[Editor's introduction: A reader photographed this notice on the door of the water "
     "office and sent it to us; the lower edge is torn.]\n\n(logo)\n\n"
     f"Rabitat Ahl al-Wadi\nAna Sector\nOffice of Water\n\nNOTICE\n\n{BODY}\n",
     "has_editor_note", True),
    # A marginal note with a field under it is the document's own, not an introduction.
    ('[Marginal note, top: "To the accountant for payment"]\n[Top left:] Incoming no.: 508\n\n'
     f"{HEAD}To: Hamid Saleh\nDate: 2019/4/2\n\n{BODY}\n\nNabil Aziz\n",
     "reference_number", "508"),
    ('[Marginal note, top: "To the accountant for payment"]\n[Top left:] Incoming no.: 508\n\n'
     f"{HEAD}To: Hamid Saleh\nDate: 2019/4/2\n\n{BODY}\n\nNabil Aziz\n",
     "has_editor_note", False),
    # A printed heading described by the transcriber gives the levels.
    (f"Item 4\n\n[Printed heading:] Rabitat Ahl al-Wadi – Office of Water\n\nReceipt\n\n{BODY}\n\n"
     "The recipient: Hamid Saleh\n(Signature)\nThe cashier: Nabil Aziz\n(Signature)\n",
     "issuer", ["Rabitat Ahl al-Wadi", "Office of Water"]),
    # An office signing over the organisation's name; the levels alone name no sender.
    (f"Rabitat Ahl al-Wadi\n\n{BODY}\n\nIssued in Ana, 3 May 2019\n\nThe Information Office\n"
     "Rabitat Ahl al-Wadi\n", "sender", "Information Office"),
    (f"{HEAD}No.: W/12\n\n{BODY}\n\nRabitat Ahl al-Wadi\nOffice of Water\n", "sender", None),
]


@pytest.mark.parametrize(("text", "field", "expected"), SHAPES)
def test_shape(text: str, field: str, expected: object) -> None:
    assert _value(_one(text), field) == expected


def test_version_is_round_five_or_later() -> None:
    assert tuple(int(x) for x in VERSION.split(".")) >= (0, 5, 0)


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("The number: ن س/ 1439/ 88", "ن س/ 1439/ 88"),
        ("Circular No. (7)", "7"),
        ("No. 31 of 2018", "31"),
        ("Number: (illegible)", None),
    ],
)
def test_reference_values(line: str, value: str | None) -> None:
    found = ranked_reference(Line(line, 0, len(line)))
    assert found is not None
    assert (found[1].text if found[1] else None) == value
    if found[1]:
        assert line[found[1].start : found[1].end] == value


_PIECES = st.sampled_from([
    "Rabitat Ahl al-Wadi", "Office of Water", "The number: ك/ 12", "Subject/ pumps", "[page 2]",
    "To: The Water Committee", "    Committee of Wells", "(logo)", "N°: 4/B", "Object: x",
    "Sector Amir", "Safar al-Khayr 1441", "/ the dear brother/ Abu Hamid", "[1]", "\n", "\n\n",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("\n".join) | st.text(max_size=200))
def test_every_span_is_true(text: str) -> None:
    _parse(text)  # every span of every document indexes its text
