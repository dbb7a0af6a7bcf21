"""Shapes of real translated documents, table by table: each row a small fictional document
(mundane administration) and the parts it must give. Written before the rules they test."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.model import Document, SourceText
from sijill.parse import parse_text, web
from sijill.parse.lexicon import lexicon
from sijill.parse.lines import split_lines


def _parse(text: str) -> list[Document]:
    source = SourceText(hashlib.sha256(text.encode()).hexdigest(), text, path="shape.txt")
    docs = parse_text(text, source=source)
    for doc in docs:
        for name, span in doc.spans():
            assert span.is_valid_in(doc.text), (name, span)
    return docs


def _one(text: str) -> Document:
    docs = _parse(text)
    assert len(docs) == 1
    return docs[0]


def _texts(spans: list) -> list[str]:  # type: ignore[type-arg]
    return [s.text for s in spans]


def _text(span: object) -> str | None:
    return None if span is None else span.text  # type: ignore[attr-defined]


BODY = (
    "We inform you that the monthly allocation of school notebooks has been approved and will "
    "be delivered to the store on Saturday against a signed receipt."
)

# (document, field, expected): field is an attribute of Document; lists compare as texts.
SHAPES = [
    # A one-line letterhead with its levels split by slashes, long enough to be a sentence.
    (
        "Harakat Nur al-Sanabil / Qita' al-Wadi / General Administration of Services\n\n"
        f"No.: S.W/7/12\nDate: 3 Rajab 1441\n\n{BODY}\n\nAbu Sami al-Khayyat\n",
        "issuer",
        ["Harakat Nur al-Sanabil", "Qita' al-Wadi", "General Administration of Services"],
    ),
    # A memo header: From / To / Date / Subject, one per line.
    (
        "From: the Office of Supplies\nTo: the Education Committee\nDate: 12/3/2020\n"
        f"Subject: notebooks for the spring term\n\n{BODY}\n",
        "subject",
        "notebooks for the spring term",
    ),
    (
        "From: the Office of Supplies\nTo: the Education Committee\nDate: 12/3/2020\n"
        f"Subject: notebooks for the spring term\n\n{BODY}\n",
        "addressees",
        ["Education Committee"],
    ),
    # Labels researchers' translations use for the reference and subject.
    (f"Ref. no.: T/44/9\nRegarding: repair of the clinic roof\n\n{BODY}\n", "reference_number",
     "T/44/9"),
    (f"Ref. no.: T/44/9\nRegarding: repair of the clinic roof\n\n{BODY}\n", "subject",
     "repair of the clinic roof"),
    (f"Outgoing no. 311\nDate: 4 Safar 1442\n\n{BODY}\n", "reference_number", "311"),
    (f"Court of Wadi al-Nur\n\nCase number: 77/1443\nDate: 2 Shawwal 1443\n\n{BODY}\n",
     "reference_number", "77/1443"),
    # A labelled copy list: "Copies:" with items under it.
    (f"To the director of the clinic\n\n{BODY}\n\nAbu Sami al-Khayyat\n\nCopies:\n- Archive\n"
     "- Office of Supplies\n", "cc", ["Archive", "Office of Supplies"]),
    # "Signed:" gives the sender.
    (f"To the director of the clinic\n\n{BODY}\n\nSigned: Abu Sami al-Khayyat\n", "sender",
     "Abu Sami al-Khayyat"),
    # "Your brother, X" on one line.
    (f"To the director of the clinic\n\n{BODY}\n\nYour brother, Abu Sami al-Khayyat\n", "sender",
     "Abu Sami al-Khayyat"),
    # A name with "Hajj" inside it is one name.
    (f"To the director of the clinic\n\n{BODY}\n\nHead of the Education Committee\n"
     "Mustafa Hajj Ibrahim\n[Signature]\n", "sender", "Mustafa Hajj Ibrahim"),
    # An occupation before a name is not part of it.
    (f"To: the contractor Salim Yusuf Dabbagh\n\n{BODY}\n", "addressees", ["Salim Yusuf Dabbagh"]),
    (f"To the pharmacist Rami Nadim Sabbagh\n\n{BODY}\n", "addressees", ["Rami Nadim Sabbagh"]),
    # A circular to all the brothers, and a statement with no addressee.
    (f"Circular\n\nTo all the directors of schools in the Wadi sector\n\n{BODY}\n", "addressees",
     ["all the directors of schools in the Wadi sector"]),
    (f"Statement\n\n{BODY}\n\nMedia Office of Harakat al-Sanabil\n", "addressees", []),
    # The date after the signature.
    (f"To the director of the clinic\n\n{BODY}\n\nAbu Sami al-Khayyat\n"
     "Issued on 5 Ramadan 1442\n", "date", "2021-04-17"),
    # A report's heading "Monthly report of the X Office" is a title, not a level.
    ("Harakat al-Sanabil\nMedia Office\n\nMonthly report of the Media Office\n"
     f"Date: Rajab 1441\n\n{BODY}\n", "issuer", ["Harakat al-Sanabil", "Media Office"]),
    # A date the greeting mentions belongs to the body.
    ("Harakat al-Sanabil\nMedia Office\n\nDate: Rajab 1441\n\nTo: the Political Office\n\n"
     "Peace be upon you. Below is the summary of our work for the month of Jumada al-Akhira "
     f"1441:\n\n{BODY}\n", "dates", ["Rajab 1441"]),
    # An unlabelled distribution list after the signatures is a cc list.
    (f"Council of Wadi al-Nur\n\nDate: 3/2/1443 H\n\n{BODY}\n\nHead of the council: Abu Ali "
     "[Signature]\nSecretary: Yasin Darwish [Signature]\n\nServices Committee\n"
     "Education Committee\nNotice board of the council\n", "cc",
     ["Services Committee", "Education Committee", "Notice board of the council"]),
    # ... but the organisation's levels closing a letter are not.
    (f"To the director of the clinic\n\n{BODY}\n\nMay God reward you.\n\nHarakat al-Sanabil\n"
     "Wilayat al-Wadi\n", "cc", []),
    # A translator's position tags before a line are not part of it.
    ("[Letterhead:] Harakat al-Sanabil - Office of Education\n[Top right:] Number: E/55/3\n"
     f"[Top left:] Date: 14 Safar 1443\n\nTo the director of the Nur school\n\n{BODY}\n",
     "issuer", ["Harakat al-Sanabil", "Office of Education"]),
    ("[Letterhead:] Harakat al-Sanabil - Office of Education\n[Top right:] Number: E/55/3\n"
     f"[Top left:] Date: 14 Safar 1443\n\nTo the director of the Nur school\n\n{BODY}\n",
     "reference_number", "E/55/3"),
    # A court ruling with a labelled case number and a stamp under the judge's name.
    ("Sharia Court of Wadi al-Nur\n\nCase number: 118/1442\nDate of the ruling: 9 Ramadan 1442 "
     f"corresponding to 21 April 2021\n\nRuling\n\n{BODY}\n\nJudge of the court\n"
     "Abu Ali al-Qadi\n[Stamp of the Sharia Court of Wadi al-Nur]\n", "date", "2021-04-21"),
    # A statement: one paragraph, then the issuing office; the paragraph is the body.
    (f"Statement\n\n{BODY}\n\nMedia Office of Harakat al-Sanabil\nMuharram 1443\n", "issuer",
     ["Media Office of Harakat al-Sanabil"]),
    (f"Statement\n\n{BODY}\n\nMedia Office of Harakat al-Sanabil\nMuharram 1443\n", "notes", []),
    # ... nor the levels of the letterhead repeated under the signature.
    (f"Harakat al-Sanabil\nWilayat al-Wadi\nOffice of Supplies\n\n{BODY}\n\nAbu Sami al-Khayyat"
     "\n[Signature]\n\nHarakat al-Sanabil\nWilayat al-Wadi\nOffice of Supplies\n", "cc", []),
    # A footnote after the letter is an editor's note, not a cc or a sender.
    (f"To the director of the clinic\n\n{BODY}\n\nAbu Sami al-Khayyat\n\n[1] The clinic is "
     "the one in the eastern quarter mentioned in other documents of this archive.\n", "sender",
     "Abu Sami al-Khayyat"),
]


@pytest.mark.parametrize(("text", "field", "expected"), SHAPES)
def test_shape(text: str, field: str, expected: object) -> None:
    doc = _one(text)
    value = getattr(doc, field)
    if field == "dates":
        assert [d.text for d in value] == expected
    elif field == "date":
        assert value is not None and value.iso == expected
    elif isinstance(value, list):
        assert _texts(value) == expected
    else:
        assert _text(value) == expected


WEB_PAGE = f"""\
Sanabil Archive
Home | About | Documents | Contact

Letter from the Education Committee on notebooks (2021)

Posted on 14 February 2021 by Sanabil Archive Editor

Introduction: the letter below was sent by the Education Committee to a school director. \
The translation keeps the bracketed remarks of the transcriber, and the original is in the archive.

Harakat al-Sanabil
Education Committee

Ref: E.C/ 2021/ 07
Date: 17 Jumada al-Ula 1442 [1 January 2021]

To the honourable brother, director of the Nur school, Abu Hasan al-Wadi (may God preserve him)

Subject: notebooks for the spring term

{BODY}

Official of the Education Committee
Abu Sami al-Khayyat
[Signature]

Share this:
Twitter
Facebook
Like this:
Like Loading...

Related
Harakat al-Sanabil: the bread prices of the eastern quarter (2022)

Leave a Reply
"""


def test_web_page_boilerplate_is_not_the_document() -> None:
    doc = _one(WEB_PAGE)
    assert _texts(doc.issuer) == ["Harakat al-Sanabil", "Education Committee"]
    assert _text(doc.reference_number) == "E.C/ 2021/ 07"
    assert _texts(doc.addressees) == ["Abu Hasan al-Wadi"]
    assert _text(doc.sender) == "Abu Sami al-Khayyat"
    assert doc.date is not None and doc.date.iso == "2021-01-01"
    assert any(n.kind == "editor" for n in doc.notes)


BYLINE_PAGE = f"""\
Complaint to the Services Committee about a clinic, 4 Dhul-Hijjah 1444 (22 June 2023)

Posted on July 3, 2023 by Sanabil Archive Editor

The following complaint, written by residents of a quarter and addressed to the Services \
Committee, is undated in itself, but the registry stamp on its back gives the date in the title.

To the brothers in the Services Committee, may God grant you success

{BODY}

The residents of the quarter
"""


def test_byline_date_is_not_the_documents() -> None:
    doc = _one(BYLINE_PAGE)
    assert doc.date is not None and doc.date.iso == "2023-06-22"
    assert _texts(doc.addressees) == ["Services Committee"]
    assert any(n.kind == "editor" for n in doc.notes)


PAPERS = f"""\
Jabhat al-Sanabil / Office of Supplies

No.: S/ 12
Date: 2 August 2020

To the official of the stores

{BODY}

Abu Sami al-Khayyat

———

Salary list of the staff of the Office of Supplies
Date: 20/08/2020

1. Khalid Numan, guard: 110 dollars
2. Yasin Darwish, driver: 90 dollars

Accountant: Abu Hamza al-Wadi [Signature]
[Stamp: Jabhat al-Sanabil - Office of Supplies]

———

Jabhat al-Sanabil - Office of Supplies

No.: S/ 30
Date: 20 September 2020

To the official of the clinic

{BODY}

Abu Sami al-Khayyat
"""


def test_em_dash_rules_split_documents_and_a_stamp_is_a_document_signal() -> None:
    docs = _parse(PAPERS)
    assert [_text(d.reference_number) for d in docs] == ["S/ 12", None, "S/ 30"]
    assert [d.date.iso if d.date else None for d in docs] == [
        "2020-08-02", "2020-08-20", "2020-09-20"
    ]
    assert _texts(docs[1].issuer) == ["Jabhat al-Sanabil", "Office of Supplies"]


def test_numbered_footnote_is_an_editor_note() -> None:
    doc = _one(
        f"Sharia Court of Wadi al-Nur\n\nCase number: 118/1442\n\n{BODY}\n\nJudge of the court\n"
        "Abu Ali al-Qadi\n\n[1] The village is in the Wadi sector; see the other rulings of the "
        "same court in this archive.\n"
    )
    assert _text(doc.sender) == "Abu Ali al-Qadi"
    assert [n.text[:3] for n in doc.notes if n.kind == "editor"] == ["[1]"]


@pytest.mark.parametrize(
    "line",
    [
        "Posted on 14 February 2021 by Sanabil Archive Editor",
        "Posted on July 3, 2023",
        "By Sanabil Archive Editor | 3 March 2021",
        "Published on 2 May 2022 in Documents",
    ],
)
def test_bylines_do_not_date_the_document(line: str) -> None:
    doc = _one(f"Circular of the Education Committee\n\n{line}\n\nDate: 3 Rajab 1441\n\n{BODY}\n")
    assert [d.text for d in doc.dates] == ["3 Rajab 1441"]


def test_a_dated_line_beginning_with_by_is_kept() -> None:
    doc = _one(f"By order of the amir, 3 Rajab 1441\n\n{BODY}\n")
    assert [d.text for d in doc.dates] == ["3 Rajab 1441"]


_WEBBY = st.lists(
    st.sampled_from(
        [
            "Home | About | Contact",
            "Posted on 3 March 2021 by Sanabil Editor",
            "Share this:",
            "Related",
            "Harakat al-Sanabil",
            "Date: 3 Rajab 1441",
            "[Top right:] Number: 12",
            "[1] A note on the clinic of the quarter in this archive.",
            "———",
            BODY,
            "",
        ]
    ),
    max_size=25,
).map("\n".join)


@settings(max_examples=150, deadline=None)
@given(_WEBBY)
def test_furniture_keeps_a_subsequence_and_spans_hold(text: str) -> None:
    lines = split_lines(text)
    kept = web.without_furniture(lines, lexicon())
    positions = [lines.index(x) for x in kept]
    assert positions == sorted(positions)
    _parse(text)  # every span checked there
