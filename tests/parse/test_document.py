"""The document-parts parser: fields table by table, splitting, the seed, and properties."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sijill import evaluate, pipeline
from sijill.parse import VERSION
from tests.conftest import SHARED
from tests.parse.conftest import assert_spans_valid
from tests.parse.conftest import parse_all as parse
from tests.parse.conftest import parse_one as one

LETTER = """\
Harakat al-Sanabil
Wilayat al-Wadi
Office of Supplies

Number: S.W/14/220
Date: 3 Rajab 1441

Subject: monthly allocation of cooking oil

To the respected brother: Abu Karim al-Tahhan official of the bakery (may God protect him)

Peace be upon you and the mercy of God and His blessings.

We inform you that the monthly allocation of cooking oil for the bakery has been approved, and the \
warehouse keeper will deliver forty tins on Saturday against a signed receipt. Please keep the \
receipt with the accounts of the month.

May God reward you best.

Official of the Office of Supplies
Abu Sami al-Khayyat

cc. Archive (for the record)
cc. Diwan al-Zakat for information

NB: the bakery of Tell Ward is mentioned in other receipts of the same office; this letter was \
shared with the archive by a former employee.
"""


def test_version_is_a_string() -> None:
    assert isinstance(VERSION, str) and VERSION


def test_version_counts_every_rule_change() -> None:
    # the parser's version went up with each change of its rules (0.7: web furniture,
    # flattened letterheads, date forms, editors' commentary; 0.7.1: ranks before an
    # addressee's name, glued PDF lines)
    assert tuple(map(int, VERSION.split("."))) >= (0, 7, 1)


def test_full_letter_fields() -> None:
    doc = one(LETTER)
    assert [s.text for s in doc.issuer] == [
        "Harakat al-Sanabil",
        "Wilayat al-Wadi",
        "Office of Supplies",
    ]
    assert doc.reference_number is not None and doc.reference_number.text == "S.W/14/220"
    assert doc.subject is not None and doc.subject.text == "monthly allocation of cooking oil"
    assert [s.text for s in doc.addressees] == ["Abu Karim al-Tahhan"]
    assert doc.sender is not None and doc.sender.text == "Abu Sami al-Khayyat"
    assert [s.text for s in doc.cc] == ["Archive", "Diwan al-Zakat"]
    kinds = [n.kind for n in doc.notes]
    assert "editor" in kinds
    editor = next(n for n in doc.notes if n.kind == "editor")
    assert editor.text.startswith("NB:")
    assert doc.body is not None
    assert doc.text[doc.body.start : doc.body.end].startswith("We inform you")
    assert_spans_valid(doc)


def _numbered(line: str) -> str:
    """A letter of the office numbered 5 with `line` after its number."""
    return (
        "Liwa al-Bustan\nOffice of Schools\n\nNumber: 5\n\n"
        + line
        + "\n\nPeace be upon you. The office has received the request of the school and will reply "
        "after the meeting of the committee next week.\n\nAbu Rami al-Naddaf\n"
    )


def _header(line: str) -> str:
    return (
        "Liwa al-Bustan\nOffice of Schools\n\n" + line + "\n\nSubject: school desks\n\n"
        "To the brother Abu Nabil al-Farran\n\n"
        "Peace be upon you. We ask you to send the twenty desks promised for the primary school "
        "before the start of the term, and to record them in the register of the office.\n\n"
        "Abu Rami al-Naddaf\n"
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Number: 968", "968"),
        ("No. 968", "968"),
        ("No.: B/77", "B/77"),
        ("Ref.: L.B/ 2019/ 41", "L.B/ 2019/ 41"),
        ("Our reference: O.S/3/12", "O.S/3/12"),
        ("Issue number: 44-b", "44-b"),
        ("Serial: L.B/9/1441-7", "L.B/9/1441-7"),
        ("m.a/08/43001", "m.a/08/43001"),
        ("ع/12/335", "ع/12/335"),
        ("Number: ......", None),
        ("Number: [illegible]", None),
        ("Tel: 0944 123 456", None),
        ("Phone: +963 944 123 456", None),
        ("Amount: $500", None),
        ("2021-12-20", None),
    ],
)
def test_reference_number(line: str, expected: str | None) -> None:
    doc = one(_header(line))
    got = doc.reference_number.text if doc.reference_number else None
    assert got == expected
    assert_spans_valid(doc)


def test_date_shaped_code_is_reference_beside_a_date_line() -> None:
    doc = one(_header("1443/8/17\nDate: 20 Sha'ban 1443"))
    assert doc.reference_number is not None and doc.reference_number.text == "1443/8/17"
    alone = one(_header("1443/8/17"))
    assert alone.reference_number is None


def test_registry_number_wins_over_serial() -> None:
    doc = one(_header("Serial: 12/4\nRegistry number: 3307"))
    assert doc.reference_number is not None and doc.reference_number.text == "3307"


def test_labelled_reference_beside_letterhead_in_columns() -> None:
    text = (
        "Liwa al-Bustan          Number: 51/c\nOffice of Schools       Date: 4 May 2019\n\n"
        "To: Abu Nabil al-Farran\n\nPlease send the desks before the term begins, as agreed.\n"
    )
    doc = one(text)
    assert doc.reference_number is not None and doc.reference_number.text == "51/c"
    assert [s.text for s in doc.issuer] == ["Liwa al-Bustan", "Office of Schools"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Subject: school desks for the new term", "school desks for the new term"),
        ("Re: your letter about the desks", "your letter about the desks"),
        ("Topic: repairs to the roof", "repairs to the roof"),
        ("Concerning: working hours in Ramadan", "working hours in Ramadan"),
        ("Notification", None),
        ("Regarding the desks, we have nothing to add", None),
    ],
)
def test_subject(line: str, expected: str | None) -> None:
    doc = one(_numbered(line))
    assert (doc.subject.text if doc.subject else None) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "To the virtuous sheikh: Abu Harith al-Qassab deputy wali of al-Wadi (may God aid him)",
            ["Abu Harith al-Qassab"],
        ),
        ("To the brother Abu Nabil al-Farran", ["Abu Nabil al-Farran"]),
        ("To: the Diwan of Education", ["Diwan of Education"]),
        ("To the honourable amir of Wilayat al-Wadi", ["amir of Wilayat al-Wadi"]),
        (
            "To the director of the al-Nur School in Kafr Sajna, Umm Yasin al-Khatib",
            ["Umm Yasin al-Khatib"],
        ),
        (
            "To the brothers in the Services Committee and the heads of the quarters",
            ["Services Committee", "heads of the quarters"],
        ),
        ("To whom it may concern", []),
        ("To the brother Abu Nabil al-Farran, may God preserve him", ["Abu Nabil al-Farran"]),
        ("To this end the office has decided the following", []),
    ],
)
def test_addressees(line: str, expected: list[str]) -> None:
    doc = one(_numbered(line))
    assert [s.text for s in doc.addressees] == expected
    assert_spans_valid(doc)


def test_addressee_list_under_bare_to_label() -> None:
    doc = one("Liwa al-Bustan\n\nTo:\n1. Diwan of Education\n2. Office of Supplies\n\n"
              "Peace be upon you. The desks will be delivered to both offices on Thursday, God "
              "willing, and each office signs the receipt.\n\nAbu Rami al-Naddaf\n")
    assert [s.text for s in doc.addressees] == ["Diwan of Education", "Office of Supplies"]


_BODY = (
    "Liwa al-Bustan\nOffice of Schools\n\nNumber: 7\n\nTo the brother Abu Nabil al-Farran\n\n"
    "Peace be upon you. The office has received the request of the school and will send the "
    "desks after the meeting of the committee next week.\n\n"
)


@pytest.mark.parametrize(
    ("foot", "expected"),
    [
        ("Abu Rami al-Naddaf\n\ncc. Archive (for the record)\n", ["Archive"]),
        ("Abu Rami al-Naddaf\n\nCopy to: Services Committee\n", ["Services Committee"]),
        (
            "Abu Rami al-Naddaf\n\nDistribution:\n1. Diwan of Education\n2. Personnel file\n"
            "3. Archive\n",
            ["Diwan of Education", "Personnel file", "Archive"],
        ),
        (
            "Abu Rami al-Naddaf\n\nCopy to:\n- Diwan of Education\n- Archive\n",
            ["Diwan of Education", "Archive"],
        ),
        (
            "Abu Rami al-Naddaf\nHead of the office\n\n1. Diwan of Education\n2. Archive\n",
            ["Diwan of Education", "Archive"],
        ),
        ("Abu Rami al-Naddaf\n", []),
    ],
)
def test_cc(foot: str, expected: list[str]) -> None:
    doc = one(_BODY + foot)
    assert [s.text for s in doc.cc] == expected
    assert_spans_valid(doc)


def test_distribution_sentence_in_body_is_no_cc() -> None:
    doc = one(
        _BODY + "Distribution will stop on Thursday after the noon prayer.\n\nAbu Rami al-Naddaf\n"
    )
    assert doc.cc == []


@pytest.mark.parametrize(
    ("foot", "expected"),
    [
        (
            "May God reward you.\n\nHead of the Office of Schools\nAbu Rami al-Naddaf\n",
            "Abu Rami al-Naddaf",
        ),
        (
            "May God reward you.\n\nThe qadi\nShaykh Abu Ayyub al-Tarrab\n",
            "Shaykh Abu Ayyub al-Tarrab",
        ),
        ("May God reward you.\n\nDeputy wali\n[signature]\n", "Deputy wali"),
        (
            "May God reward you.\n\nThe official of the Office of Schools\n",
            "official of the Office of Schools",
        ),
        ("May God reward you.\n\nLiwa al-Bustan\nOffice of Schools\n", None),
        ("May God reward you.\n\nYour brother, Abu Rami al-Naddaf\n", "Abu Rami al-Naddaf"),
        ("The accountant\nBilal al-Sarraf\n\nApproved: the head of the office\n", None),
        ("With regards,\n\nEngineer Habib Nurzai\nDirector of Roads\n", "Engineer Habib Nurzai"),
        (
            "The collector: Abu Ayman al-Dabbagh\n[Stamp of the Office of Schools]\n",
            "Abu Ayman al-Dabbagh",
        ),
        ("Abu Rami al-Naddaf\nAbu Zaid al-Khabbaz\n", None),
        ("Head of the Office of Schools - Abu Rami al-Naddaf\n", "Abu Rami al-Naddaf"),
        ("Your brother in God, Abu Rami al-Naddaf\n", "Abu Rami al-Naddaf"),
    ],
)
def test_sender(foot: str, expected: str | None) -> None:
    doc = one(_BODY + foot)
    assert (doc.sender.text if doc.sender else None) == expected
    assert_spans_valid(doc)


def test_issuer_from_stamp_when_no_letterhead() -> None:
    text = (
        "To the brothers in the Education Committee\n\nPeace be upon you. The school needs forty "
        "chairs and two blackboards before the winter term begins.\n\nDirector of the school\n"
        "Umm Yasin al-Khatib\n\n[Stamp: Hay'at al-Bustan - al-Nur School]\n"
    )
    doc = one(text)
    assert [s.text for s in doc.issuer] == ["Hay'at al-Bustan", "al-Nur School"]
    assert doc.sender is not None and doc.sender.text == "Umm Yasin al-Khatib"
    assert any(n.kind == "bracket" for n in doc.notes)


def test_issuer_after_basmala_and_motto_one_level_per_item() -> None:
    text = (
        "In the name of God, the Most Gracious, the Most Merciful\nState of the Caliphate\n"
        "Harakat al-Sanabil - Wilayat al-Wadi - Diwan al-Ta'lim\n\nNumber: 12\n\n"
        "To the brother Abu Nabil al-Farran\n\nThe lessons resume on Saturday in all schools.\n"
    )
    doc = one(text)
    assert [s.text for s in doc.issuer] == [
        "Harakat al-Sanabil",
        "Wilayat al-Wadi",
        "Diwan al-Ta'lim",
    ]


def test_issuer_from_bracketed_letterhead_description() -> None:
    text = (
        "[Letterhead: Harakat al-Sanabil - Office of Supplies]\n\nNumber: 4\n\n"
        "To the brother Abu Nabil al-Farran\n\nThe flour arrives on Monday.\n"
    )
    assert [s.text for s in one(text).issuer] == ["Harakat al-Sanabil", "Office of Supplies"]


def test_motto_with_article_is_no_level() -> None:
    text = (
        "The State of the Caliphate\nWilayat al-Wadi\nDiwan al-Ta'lim\n\nNumber: 12\n\n"
        "To the brother Abu Nabil al-Farran\n\nThe lessons resume on Saturday in all schools.\n"
    )
    assert [s.text for s in one(text).issuer] == ["Wilayat al-Wadi", "Diwan al-Ta'lim"]


def test_text_without_blank_lines_as_from_a_pdf() -> None:
    doc = one(
        "Liwa al-Bustan\nOffice of Schools\nNumber: 88/3\nSubject: repair of the school roof\n"
        "To the brother Abu Nabil al-Farran\n"
        "The roof of the primary school in the village leaks above two classrooms, and the pupils\n"
        "have been moved to the corridor until it is repaired before the winter rains begin.\n"
        "We ask you to send the builder this week.\n"
        "Head of the Office of Schools\nAbu Rami al-Naddaf\n"
        "Copy to:\n1. Services Committee\n2. Archive\n"
    )
    assert [s.text for s in doc.issuer] == ["Liwa al-Bustan", "Office of Schools"]
    assert doc.reference_number is not None and doc.reference_number.text == "88/3"
    assert doc.sender is not None and doc.sender.text == "Abu Rami al-Naddaf"
    assert [s.text for s in doc.cc] == ["Services Committee", "Archive"]


def test_notes_editor_translator_bracket() -> None:
    text = (
        _BODY + "Abu Rami al-Naddaf [signature]\n\nTranslator's note: the word rendered "
        "'desks' may also mean 'benches' in the local usage of the documents.\n"
    )
    doc = one(text)
    kinds = sorted(n.kind for n in doc.notes)
    assert kinds == ["bracket", "translator"]


def test_documents_own_note_is_no_editor_note() -> None:
    doc = one(_BODY + "Abu Rami al-Naddaf\n\nNote: the desks are collected from the warehouse.\n")
    assert not any(n.kind in ("editor", "translator") for n in doc.notes)
    assert doc.sender is not None and doc.sender.text == "Abu Rami al-Naddaf"


def test_own_nb_before_signature_is_the_documents() -> None:
    text = (
        _BODY + "NB: the desks are collected from the warehouse.\n\nHead of the office\n"
        "Abu Rami al-Naddaf\n\nComment: this letter was found in the school archive.\n"
    )
    doc = one(text)
    assert doc.sender is not None and doc.sender.text == "Abu Rami al-Naddaf"
    editor = [n.text for n in doc.notes if n.kind == "editor"]
    assert editor == ["Comment: this letter was found in the school archive."]


def test_unlabelled_commentary_after_signature_is_an_editor_note() -> None:
    text = (
        _BODY + "Abu Rami al-Naddaf\n\nThis letter appears in a set of papers shared with the "
        "archive by a teacher; the desks were delivered a month later.\n"
    )
    doc = one(text)
    assert [n.kind for n in doc.notes] == ["editor"]
    assert doc.sender is not None and doc.sender.text == "Abu Rami al-Naddaf"


def test_editor_introduction_before_letterhead() -> None:
    text = (
        "Desks for the schools of al-Wadi\n\nThe following letter was shared with us by a former "
        "teacher; it shows how the office supplied its schools.\n\n"
        + _BODY
        + "Abu Rami al-Naddaf\n"
    )
    doc = one(text)
    assert doc.title == "Desks for the schools of al-Wadi"
    assert [s.text for s in doc.issuer] == ["Liwa al-Bustan", "Office of Schools"]
    assert any(n.kind == "editor" and n.text.startswith("The following") for n in doc.notes)


ARCHIVE = """\
Papers of the Office of Schools

The documents below were photographed by a teacher and shared with the archive. We give them \
in the order in which they were written.

Specimen 4A: Request for desks

Liwa al-Bustan
Office of Schools

Number: 11

To the brother Abu Nabil al-Farran

The school needs twenty desks before the term begins.

Specimen 4B: Reply on desks

Liwa al-Bustan
Office of Supplies

Number: 19

To the brother Abu Rami al-Naddaf

The desks will be delivered on Thursday.
"""


def test_split_specimens_excludes_introduction() -> None:
    docs = parse(ARCHIVE)
    assert len(docs) == 2
    assert [d.source.part for d in docs] == [0, 1]
    assert [d.title for d in docs] == [
        "Specimen 4A: Request for desks",
        "Specimen 4B: Reply on desks",
    ]
    assert [d.reference_number.text for d in docs if d.reference_number] == ["11", "19"]
    assert all("photographed" not in d.text for d in docs)
    for doc in docs:
        assert_spans_valid(doc)


def test_split_separators_and_numbered_headings() -> None:
    piece = "Liwa al-Bustan\nOffice of Schools\n\nNumber: {n}\n\nThe lessons resume on Saturday.\n"
    by_sep = parse(
        "A page of notices.\n\n* * *\n\n" + piece.format(n=1) + "\n* * *\n\n" + piece.format(n=2)
    )
    assert len(by_sep) == 2
    numbered = parse(
        "Two notices\n\nNo. 1 —\n\n" + piece.format(n=31) + "\nNo. 2 —\n\n" + piece.format(n=32)
    )
    assert [d.reference_number.text for d in numbered if d.reference_number] == ["31", "32"]


def test_separator_before_comment_does_not_split() -> None:
    text = (
        "A short introduction about this letter and where it was found in the archive.\n\n"
        "* * *\n\n" + _BODY + "Abu Rami al-Naddaf\n\n* * *\n\nComment: the desks were never sent.\n"
    )
    doc = one(text)
    assert [s.text for s in doc.issuer] == ["Liwa al-Bustan", "Office of Schools"]
    assert sum(n.kind == "editor" for n in doc.notes) == 2


def test_title_falls_back_to_page_title() -> None:
    doc = parse(_BODY + "Abu Rami al-Naddaf\n", title="Page title")[0]
    assert doc.title == "Page title"


def test_blank_text_gives_no_documents() -> None:
    assert parse("") == []
    assert parse(" \n\n \t") == []


def test_seed(seed_path, validator) -> None:  # type: ignore[no-untyped-def]
    text = seed_path.read_text(encoding="utf-8").split("Leave a Reply")[0]
    doc = one(text)
    assert (
        doc.title
        == "Contact between the Ansar Abu Bakr al-Siddiq Squadron and the Islamic State (2021)"
    )
    assert [s.text for s in doc.issuer] == ["Islamic State", "Wilayat al-Sham- Idlib"]
    assert doc.reference_number is not None and doc.reference_number.text == "m.a/08/43001"
    assert doc.subject is not None and doc.subject.text == "request for a directive"
    assert doc.sender is None
    assert [s.text for s in doc.addressees] == ["al-Muthanna al-Jazrawi"]
    assert [s.text for s in doc.cc] == ["Archive"]
    assert any(n.kind == "editor" and n.text.startswith("NB:") for n in doc.notes)
    assert any(n.kind == "bracket" and n.text == "[17 August 2021 CE]" for n in doc.notes)
    assert_spans_valid(doc)
    validator.validate(doc.to_dict())


def test_seed_dates(seed_path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("sijill.parse.dates")
    doc = one(seed_path.read_text(encoding="utf-8").split("Leave a Reply")[0])
    got = [(d.calendar, d.year, d.month, d.day) for d in doc.dates]
    assert got == [("hijri", 1443, 1, 8), ("gregorian", 2021, 8, 17)]
    assert doc.date is not None and doc.date.iso == "2021-08-17" and doc.date.basis == "both"


def test_body_dates_are_not_the_documents() -> None:
    pytest.importorskip("sijill.parse.dates")
    text = (
        "Liwa al-Bustan\n\nDate: 4 May 2019\n\nTo the brother Abu Nabil al-Farran\n\n"
        "Your letter of 12 March 2019 reached us, and the desks will be sent on 20 May 2019 as "
        "the committee decided.\n\nAbu Rami al-Naddaf\n"
    )
    doc = one(text)
    assert [(d.year, d.month, d.day) for d in doc.dates] == [(2019, 5, 4)]


# Text made of the words the parser looks for, so the properties reach its branches.
_WORDS = [
    "Number:",
    "No.",
    "Ref.",
    "Date:",
    "Subject:",
    "Re:",
    "To",
    "To:",
    "the",
    "brother",
    "sheikh",
    "Dear",
    "cc.",
    "Copy to:",
    "Distribution:",
    "NB:",
    "Note:",
    "Translator's note:",
    "Comment:",
    "Islamic",
    "State",
    "Wilayat",
    "Diwan",
    "Office",
    "Committee",
    "Abu",
    "al-Hamawi",
    "Archive",
    "(for the record)",
    "[Stamp of the Office]",
    "[",
    "]",
    "(",
    ")",
    ":",
    "-",
    " - ",
    "/",
    "12/4",
    "m.a/08/43001",
    "1443",
    "Rajab",
    "May God reward you",
    "Specimen 3A:",
    "Document 2",
    "* * *",
    "No. 1 —",
    "1.",
    "2)",
    "In the name of God",
    "As for what follows:",
    "\n",
    "\n\n",
    "   ",
    "\t",
    "ع/12/335",
    "$500",
    "Tel: 0944 123 456",
    "deputy wali",
    "Praise be to God",
]
_label_text = st.lists(st.sampled_from(_WORDS), max_size=80).map(" ".join)
_any_text = st.text(max_size=400)
_mixed = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=12)), max_size=60).map(
    "".join
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_label_text, _any_text, _mixed))
def test_never_raises_and_spans_hold(text: str) -> None:
    docs = parse(text)
    for n, doc in enumerate(docs):
        assert doc.source.part == n
        assert not any(f.code == "parse-error" for f in doc.flags), doc.flags
        assert_spans_valid(doc)
        assert doc.text in text


@settings(max_examples=60, deadline=None)
@given(st.one_of(_label_text, _mixed))
def test_to_dict_validates_against_schema(validator, text: str) -> None:  # type: ignore[no-untyped-def]
    for doc in parse(text):
        validator.validate(doc.to_dict())


LETTER_PIECES = st.sampled_from([
    "Rabitat Ahl al-Wadi", "Office of Water", "The number: ك/ 12", "Subject/ pumps", "[page 2]",
    "To: The Water Committee", "    Committee of Wells", "(logo)", "N°: 4/B", "Object: x",
    "Sector Amir", "Safar al-Khayr 1441", "/ the dear brother/ Abu Hamid", "[1]", "\n", "\n\n",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(LETTER_PIECES, max_size=12).map("\n".join) | st.text(max_size=200))
def test_every_span_is_true(text: str) -> None:
    parse(text)  # every span of every document indexes its text


REAL = SHARED / "real-shapes"


# What the rules reach on ../shared/real-shapes (docs/quality.md); a regression guard.
REAL_FLOORS = {"reference_number": 0.97, "date": 0.9, "dates": 0.82, "issuer": 0.8,
               "sender": 0.9, "has_editor_note": 0.88}


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-shapes is not beside the repo")
def test_real_shapes_scores_hold() -> None:
    sets = [(gold, REAL) for gold in sorted(REAL.glob("*-gold.jsonl"))]
    fields = evaluate.evaluate(sets, pipeline.parse_file).as_dict()["fields"]
    for name, floor in REAL_FLOORS.items():
        score = fields[name].get("accuracy", fields[name].get("f1"))
        assert score >= floor, (name, score)
