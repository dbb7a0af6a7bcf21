"""The top of a document (sijill.parse.header, read through the parser): letterhead levels,
reference number, subject and addressees, each shape a small fictional document worded
afresh, with the cases each rule must leave alone."""

from __future__ import annotations

import pytest

from sijill.parse.header import ranked_reference
from sijill.parse.lines import Line
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
    date_tuples,
    field_value,
    flour_letter,
    parse_one,
    texts,
)

# Each row: a small fictional document, the field it must give, and the value.
HEADER_SHAPES = [
    # A one-line letterhead with its levels split by slashes, long enough to be a sentence.
    pytest.param(
        "Harakat Nur al-Sanabil / Qita' al-Wadi / General Administration of Services\n\n"
        f"No.: S.W/7/12\nDate: 3 Rajab 1441\n\n{NOTEBOOKS}\n\nAbu Sami al-Khayyat\n",
        "issuer",
        ["Harakat Nur al-Sanabil", "Qita' al-Wadi", "General Administration of Services"],
        id="a-one-line-letterhead-with-its-levels-split-by"),
    # A memo header: From / To / Date / Subject, one per line.
    pytest.param(
        "From: the Office of Supplies\nTo: the Education Committee\nDate: 12/3/2020\n"
        f"Subject: notebooks for the spring term\n\n{NOTEBOOKS}\n",
        "subject",
        "notebooks for the spring term",
        id="a-memo-header-from-to-date-subject-one-per"),
    pytest.param(
        "From: the Office of Supplies\nTo: the Education Committee\nDate: 12/3/2020\n"
        f"Subject: notebooks for the spring term\n\n{NOTEBOOKS}\n",
        "addressees",
        ["Education Committee"],
        id="a-memo-header-from-to-date-subject-one-per"),
    # Labels researchers' translations use for the reference and subject.
    pytest.param(
        f"Ref. no.: T/44/9\nRegarding: repair of the clinic roof\n\n{NOTEBOOKS}\n",
        "reference_number",
        "T/44/9",
        id="labels-researchers-translations-use-for-the-reference-and-subject"),
    pytest.param(
        f"Ref. no.: T/44/9\nRegarding: repair of the clinic roof\n\n{NOTEBOOKS}\n",
        "subject",
        "repair of the clinic roof",
        id="labels-researchers-translations-use-for-the-reference-and-subject"),
    pytest.param(
        f"Outgoing no. 311\nDate: 4 Safar 1442\n\n{NOTEBOOKS}\n",
        "reference_number", "311",
        id="labels-researchers-translations-use-for-the-reference-and-subject"),
    pytest.param(
        "Court of Wadi al-Nur\n\nCase number: 77/1443\nDate: 2 Shawwal 1443\n\n"
        f"{NOTEBOOKS}\n",
        "reference_number", "77/1443",
        id="labels-researchers-translations-use-for-the-reference-and-subject"),
    # An occupation before a name is not part of it.
    pytest.param(
        f"To: the contractor Salim Yusuf Dabbagh\n\n{NOTEBOOKS}\n",
        "addressees", ["Salim Yusuf Dabbagh"],
        id="an-occupation-before-a-name-is-not-part-of"),
    pytest.param(
        f"To the pharmacist Rami Nadim Sabbagh\n\n{NOTEBOOKS}\n",
        "addressees", ["Rami Nadim Sabbagh"],
        id="an-occupation-before-a-name-is-not-part-of"),
    # A circular to all the brothers, and a statement with no addressee.
    pytest.param(
        f"Circular\n\nTo all the directors of schools in the Wadi sector\n\n{NOTEBOOKS}\n",
        "addressees",
        ["all the directors of schools in the Wadi sector"],
        id="a-circular-to-all-the-brothers-and-a-statement"),
    pytest.param(
        f"Statement\n\n{NOTEBOOKS}\n\nMedia Office of Harakat al-Sanabil\n",
        "addressees", [],
        id="a-circular-to-all-the-brothers-and-a-statement"),
    # A report's heading "Monthly report of the X Office" is a title, not a level.
    pytest.param(
        "Harakat al-Sanabil\nMedia Office\n\nMonthly report of the Media Office\n"
        f"Date: Rajab 1441\n\n{NOTEBOOKS}\n", "issuer", ["Harakat al-Sanabil", "Media Office"],
        id="a-report-s-heading-monthly-report-of-the-x"),
    # A translator's position tags before a line are not part of it.
    pytest.param(
        "[Letterhead:] Harakat al-Sanabil - Office of Education\n[Top right:] Number: "
        "E/55/3\n"
        f"[Top left:] Date: 14 Safar 1443\n\nTo the director of the Nur school\n\n{NOTEBOOKS}\n",
        "issuer", ["Harakat al-Sanabil", "Office of Education"],
        id="a-translator-s-position-tags-before-a-line-are"),
    pytest.param(
        "[Letterhead:] Harakat al-Sanabil - Office of Education\n[Top right:] Number: "
        "E/55/3\n"
        f"[Top left:] Date: 14 Safar 1443\n\nTo the director of the Nur school\n\n{NOTEBOOKS}\n",
        "reference_number", "E/55/3",
        id="a-translator-s-position-tags-before-a-line-are"),
    # A statement: one paragraph, then the issuing office; the paragraph is the body.
    pytest.param(
        f"Statement\n\n{NOTEBOOKS}\n\nMedia Office of Harakat al-Sanabil\nMuharram 1443\n",
        "issuer",
        ["Media Office of Harakat al-Sanabil"],
        id="a-statement-one-paragraph-then-the-issuing-office-the"),
    # Arabic letterhead lines, each followed by its translation in brackets.
    pytest.param(
        "هيئة الخدمات العامة\n[General Services Commission]\nمكتب المياه – قطاع الوادي\n"
        f"[Water Office – Valley Sector]\n\nNumber: 14/M\nDate: 9 Safar 1442\n\n{WATER_METERS}\n\n"
        "Nabil Haddad\n",
        "issuer",
        ["General Services Commission", "Water Office", "Valley Sector"],
        id="arabic-letterhead-lines-each-followed-by-its-translation-in"),
    # ... or in parentheses at the end of the Arabic line.
    pytest.param(
        "هيئة الخدمات العامة (General Services Commission)\n\nNumber: 14/M\n"
        f"Date: 9 Safar 1442\n\n{WATER_METERS}\n\nNabil Haddad\n",
        "issuer",
        ["General Services Commission"],
        id="or-in-parentheses-at-the-end-of-the-arabic"),
    # A bracket under an Arabic line that describes the page is no translation.
    pytest.param(
        f"هيئة الخدمات العامة\n[stamp]\n\n{WATER_HEAD}{WATER_METERS}\n\nNabil Haddad\n",
        "issuer",
        ["Valley Services Council", "Office of Water"],
        id="a-bracket-under-an-arabic-line-that-describes-the"),
    # The header given inside a translator's bracketed paragraph.
    pytest.param(
        "[Translator's note: the header says: Tajammu' Ahl al-Sahl, Office of Schools. "
        "Outgoing no. 77/T, dated 2 Shawwal 1440 (5 June 2019).]\n\n"
        f"To the headmasters of the village schools\n\n{WATER_METERS}\n\nSalma Aziz\n",
        "issuer",
        ["Tajammu' Ahl al-Sahl", "Office of Schools"],
        id="the-header-given-inside-a-translator-s-bracketed-paragraph"),
    pytest.param(
        "[Translator's note: the header says: Tajammu' Ahl al-Sahl, Office of Schools. "
        "Outgoing no. 77/T, dated 2 Shawwal 1440 (5 June 2019).]\n\n"
        f"To the headmasters of the village schools\n\n{WATER_METERS}\n\nSalma Aziz\n",
        "reference_number",
        "77/T",
        id="the-header-given-inside-a-translator-s-bracketed-paragraph"),
    # "Ref. No." inside a description is an abbreviation, not the end of a sentence.
    pytest.param(
        "[The letterhead reads: Valley Services Council. Ref. No. 12/B.]\n\n"
        f"{WATER_METERS}\n\nSalma Aziz",
        "reference_number",
        "12/B",
        id="ref-no-inside-a-description-is-an-abbreviation-not"),
    # A description that names no levels gives none.
    pytest.param(
        f"[Translator: the header is torn; only a few words remain.]\n\n{WATER_METERS}\n"
        "\nSalma Aziz\n",
        "issuer",
        [],
        id="a-description-that-names-no-levels-gives-none"),
    # Reference labels with an owner or the document's kind before them.
    pytest.param(
        f"Valley Services Council\n\nOur ref. no.: K/R/1441/3\n\n{WATER_METERS}\n",
        "reference_number",
        "K/R/1441/3",
        id="reference-labels-with-an-owner-or-the-document-s"),
    pytest.param(
        f"Valley Services Council\n\nPermit no. 45\n\n{WATER_METERS}\n",
        "reference_number", "45",
        id="reference-labels-with-an-owner-or-the-document-s"),
    pytest.param(
        f"Valley Services Council\n\nCertificate number: 7/C\n\n{WATER_METERS}\n",
        "reference_number", "7/C",
        id="reference-labels-with-an-owner-or-the-document-s"),
    pytest.param(
        f"Valley Services Council\n\nAccount number: 4411-2\n\n{WATER_METERS}\n",
        "reference_number", None,
        id="reference-labels-with-an-owner-or-the-document-s"),
    # A letterhead, a reference and a date on one line, parted by dashes.
    pytest.param(
        "Harakat Ahl al-Sahil – Office of Markets – Our no.: S/14/1442 – Date: 1442/3/9\n"
        "\n"
        f"To the brother Samir Haddad\n\n{BREAD_PRICES}\n\nNabil Aziz\n",
        "issuer",
        ["Harakat Ahl al-Sahil", "Office of Markets"],
        id="a-letterhead-a-reference-and-a-date-on-one"),
    pytest.param(
        "Harakat Ahl al-Sahil – Office of Markets – Our no.: S/14/1442 – Date: 1442/3/9\n"
        "\n"
        f"To the brother Samir Haddad\n\n{BREAD_PRICES}\n\nNabil Aziz\n",
        "reference_number",
        "S/14/1442",
        id="a-letterhead-a-reference-and-a-date-on-one"),
    # A dashed line that is no letterhead stays one line.
    pytest.param(
        f"{MARKETS_HEAD}Market days – Monday – No. 4 of the stalls\n\n{BREAD_PRICES}\n\n"
        "Nabil Aziz\n",
        "reference_number",
        "M/1442/8",
        id="a-dashed-line-that-is-no-letterhead-stays-one"),
    # A letterhead whose organisation is named with a Persian ezafe.
    pytest.param(
        f"Shura-ye Ahali-ye Baghlan\nWater Committee\n\nNo.: 12\n\n{BREAD_PRICES}\n\n"
        "Nabil Aziz\n",
        "issuer",
        ["Shura-ye Ahali-ye Baghlan", "Water Committee"],
        id="a-letterhead-whose-organisation-is-named-with-a-persian"),
    # A court's chamber under the court, and a name ending in a hamza.
    pytest.param(
        "Mahkamat al-Wadi\nChamber of Family Cases\n\nCase no.: 31/1441\n\n"
        f"{BREAD_PRICES}\n\nHadi Karam\n",
        "issuer",
        ["Mahkamat al-Wadi", "Chamber of Family Cases"],
        id="a-court-s-chamber-under-the-court-and-a"),
    pytest.param(
        f"Liwa' Nujum al-Sahil\nSupply Office\n\nNo.: 5\n\n{BREAD_PRICES}\n\nHadi Karam\n",
        "issuer",
        ["Liwa' Nujum al-Sahil", "Supply Office"],
        id="a-court-s-chamber-under-the-court-and-a"),
    # A combined position tag before a reference label.
    pytest.param(
        "[Top left, stamped:] Incoming no.: 311\n[Top left and handwritten:] x\n"
        f"{MARKETS_HEAD}{BREAD_PRICES}\n",
        "reference_number",
        "M/1442/8",
        id="a-combined-position-tag-before-a-reference-label"),
    pytest.param(
        "[Top left, handwritten:] Incoming no.: 311\nMajlis Khidmat al-Sahil\n\n"
        f"{BREAD_PRICES}\n",
        "reference_number",
        "311",
        id="a-combined-position-tag-before-a-reference-label"),
    # A code with spaces after its slashes, letters between them.
    pytest.param(
        f"Majlis Khidmat al-Sahil\n\nOur no.: M.K/ S/ 1442/ 30\n\n{BREAD_PRICES}\n",
        "reference_number",
        "M.K/ S/ 1442/ 30",
        id="a-code-with-spaces-after-its-slashes-letters-between"),
    pytest.param(
        f"Majlis Khidmat al-Sahil\n\nNo.: 4/ the stalls\n\n{BREAD_PRICES}\n",
        "reference_number", "4/",
        id="a-code-with-spaces-after-its-slashes-letters-between"),
    # A place after the last unit of a stamp is a level of its own.
    pytest.param(
        f"To the brother Samir Haddad\n\n{BREAD_PRICES}\n\nDated: 2 Safar 1442\n\n"
        "[Stamp: Harakat Ahl al-Sahil – Office of Markets – Baidoa]\n",
        "issuer",
        ["Harakat Ahl al-Sahil", "Office of Markets", "Baidoa"],
        id="a-place-after-the-last-unit-of-a-stamp"),
    pytest.param(
        f"To the brother Samir Haddad\n\n{BREAD_PRICES}\n\n[Stamp: Harakat Ahl al-Sahil, "
        "Baidoa]\n",
        "issuer",
        ["Harakat Ahl al-Sahil, Baidoa"],
        id="a-place-after-the-last-unit-of-a-stamp"),
    # A translator's remark at the end of a letterhead line is no part of the level.
    pytest.param(
        'Baghlan Elders Shura [Translator: "Shura" means the council of elders.]\n'
        f"Water Committee\n\nNo.: 12\n\n{BREAD_PRICES}\n\nNabil Aziz\n",
        "issuer",
        ["Baghlan Elders Shura", "Water Committee"],
        id="a-translator-s-remark-at-the-end-of-a"),
    # A league of charities in a letterhead after "Translation" and an introduction.
    pytest.param(
        "The merger of two bread funds\n\nIntroduction: The document translated below "
        "was shared "
        "with us by a volunteer of one of the funds, and shows how such bodies kept their "
        "accounts.\n\nTranslation\n\nRabitat al-Khubz\nDated: 8 Muharram 1440\n\n"
        f"{BREAD_PRICES}\n\nSigned for the first fund: Hadi Karam\n"
        "Signed for the second fund: Nabil Aziz\n",
        "issuer",
        ["Rabitat al-Khubz"],
        id="a-league-of-charities-in-a-letterhead-after-translation"),
    # "All the brothers in X" addresses X (round 6: hard3, hard4 and hard5 gold agree;
    # gold.md drops "the brother(s)"); "all" before any other group stays.
    pytest.param(
        f"{MARKETS_HEAD}To all the brothers in the Office of Bakeries\n\n{BREAD_PRICES}\n"
        "\nNabil Aziz\n",
        "addressees",
        ["Office of Bakeries"],
        id="all-the-brothers-in-x-addresses-x-round-6"),
    # A stiff literal translation: "The number:" with Arabic letters spaced apart, "The
    # subject:" after the greeting, "title/ the dear brother/ name", "title/ name" signing.
    pytest.param(
        LITERAL_LETTER, "reference_number", "ك ت/ 1440/ 37",
        id="a-stiff-literal-translation-the-number-with-arabic-letters"),
    pytest.param(
        LITERAL_LETTER, "subject", "request of two pumps for the station",
        id="a-stiff-literal-translation-the-number-with-arabic-letters"),
    pytest.param(
        LITERAL_LETTER, "addressees", ["Abu Harith al-Kafrzitawi"],
        id="a-stiff-literal-translation-the-number-with-arabic-letters"),
    # A code of plain letters and digits is still one token, "of 2019" is no part of it.
    pytest.param(
        f"{PUMPS_HEAD}No. 12 of 2019\n\nTo the brother Hamid Saleh\n\n{PUMP_HOURS}\n\n"
        "Nabil Aziz\n",
        "reference_number", "12",
        id="a-code-of-plain-letters-and-digits-is-still"),
    # A bracketed number after the label, the French "N°" and "Object:" labels.
    pytest.param(
        f"{PUMPS_HEAD}Notice No. (14)\n\nTo the brother Hamid Saleh\n\n{PUMP_HOURS}\n\n"
        "Nabil Aziz\n",
        "reference_number", "14",
        id="a-bracketed-number-after-the-label-the-french-n"),
    pytest.param(
        f"{PUMPS_HEAD}N°: 112/BE/2018\n\nObject: maintenance of the pumps\n\n"
        f"{PUMP_HOURS}\n\nNabil Aziz\n",
        "reference_number", "112/BE/2018",
        id="a-bracketed-number-after-the-label-the-french-n"),
    pytest.param(
        f"{PUMPS_HEAD}N°: 112/BE/2018\n\nObject: maintenance of the pumps\n\n"
        f"{PUMP_HOURS}\n\nNabil Aziz\n",
        "subject", "maintenance of the pumps",
        id="a-bracketed-number-after-the-label-the-french-n"),
    # A literal "Subject/ " label.
    pytest.param(
        f"{PUMPS_HEAD}Subject/ the register of the pumps\n\n{PUMP_HOURS}\n\nNabil Aziz\n",
        "subject", "the register of the pumps",
        id="a-literal-subject-label"),
    # A footnote marker closing the subject is the editor's.
    pytest.param(
        f"{PUMPS_HEAD}Subject: the fees of the water tankers[2]\n\n{PUMP_HOURS}\n\nNabil "
        "Aziz\n",
        "subject", "the fees of the water tankers",
        id="a-footnote-marker-closing-the-subject-is-the-editor"),
    # Honorifics of other traditions are left out of the addressee's name.
    pytest.param(
        f"{PUMPS_HEAD}To the respected Mawlawi Sahib Gul Ahmad Wardak, may God keep him\n"
        "\n"
        f"{PUMP_HOURS}\n\nNabil\n",
        "addressees", ["Gul Ahmad Wardak"],
        id="honorifics-of-other-traditions-are-left-out-of-the"),
    pytest.param(
        f"{PUMPS_HEAD}To the honourable ech-Cheikh Sidi Mohamed Ag Intalla, head of the "
        "herders\n\n"
        f"{PUMP_HOURS}\n\nNabil Aziz\n", "addressees", ["Sidi Mohamed Ag Intalla"],
        id="honorifics-of-other-traditions-are-left-out-of-the"),
    # Two addressees aligned under one "To:"; a field line under a name is not another.
    pytest.param(
        f"{PUMPS_HEAD}To: The Water Committee of Buulo Barde\n    The Committee of the "
        "Upper Wells\n\n"
        f"Re: the new pump\n\n{PUMP_HOURS}\n\nNabil Aziz\n",
        "addressees", ["Water Committee of Buulo Barde", "Committee of the Upper Wells"],
        id="two-addressees-aligned-under-one-to-a-field-line"),
    pytest.param(
        f"{PUMPS_HEAD}To: Hamid Saleh al-Rawi\nAddress: the lower quarter of Ana\n\n"
        f"{PUMP_HOURS}\n\nNabil Aziz\n",
        "addressees", ["Hamid Saleh al-Rawi"],
        id="two-addressees-aligned-under-one-to-a-field-line"),
    pytest.param(
        f"{PUMPS_HEAD}To: Hamid Saleh al-Rawi\nHead of the Pumping Station\n\n"
        f"{PUMP_HOURS}\n\nNabil Aziz\n",
        "addressees", ["Hamid Saleh al-Rawi"],
        id="two-addressees-aligned-under-one-to-a-field-line"),
    # A transcriber's page marker after the first letterhead line.
    pytest.param(
        "Rabitat Ahl al-Wadi                               [page 1]\nOffice of Water\n\n"
        f"No.: W/88\n\nTo the brother Hamid Saleh\n\n{PUMP_HOURS}\n\nNabil Aziz\n",
        "issuer", ["Rabitat Ahl al-Wadi", "Office of Water"],
        id="a-transcriber-s-page-marker-after-the-first-letterhead"),
    # "(logo)" between a bracketed introduction and the letterhead.
    pytest.param(
        "[Editor's introduction: A reader photographed this notice on the door of the "
        "water "
        "office and sent it to us; the lower edge is torn.]\n\n(logo)\n\n"
        f"Rabitat Ahl al-Wadi\nAna Sector\nOffice of Water\n\nNOTICE\n\n{PUMP_HOURS}\n",
        "issuer", ["Rabitat Ahl al-Wadi", "Ana Sector", "Office of Water"],
        id="logo-between-a-bracketed-introduction-and-the-letterhead"),
    # A marginal note with a field under it is the document's own, not an introduction.
    pytest.param(
        '[Marginal note, top: "To the accountant for payment"]\n'
        "[Top left:] Incoming no.: 508\n\n"
        f"{PUMPS_HEAD}To: Hamid Saleh\nDate: 2019/4/2\n\n{PUMP_HOURS}\n\nNabil Aziz\n",
        "reference_number", "508",
        id="a-marginal-note-with-a-field-under-it-is"),
    # A printed heading described by the transcriber gives the levels.
    pytest.param(
        "Item 4\n\n[Printed heading:] Rabitat Ahl al-Wadi – Office of Water\n\nReceipt\n"
        f"\n{PUMP_HOURS}\n\n"
        "The recipient: Hamid Saleh\n(Signature)\nThe cashier: Nabil Aziz\n(Signature)\n",
        "issuer", ["Rabitat Ahl al-Wadi", "Office of Water"],
        id="a-printed-heading-described-by-the-transcriber-gives-the"),
    # A courtesy title of learning or pilgrimage before an addressee's or signer's name.
    pytest.param(
        flour_letter(to="To the respected Mawlana Zabihullah Karimi, head of the grain "
        "store"),
        "addressees", ["Zabihullah Karimi"],
        id="a-courtesy-title-of-learning-or-pilgrimage-before-an"),
    # "all the brothers in X" addresses X; "all the schools" stays whole.
    pytest.param(
        flour_letter(to="To all the brothers in the Diwan of Health (for information)"),
        "addressees", ["Diwan of Health"],
        id="all-the-brothers-in-x-addresses-x-all-the"),
    pytest.param(
        flour_letter(to="To: all the schools of the Tall Sukkar quarter"),
        "addressees", ["all the schools of the Tall Sukkar quarter"],
        id="all-the-brothers-in-x-addresses-x-all-the"),
    # A numbered addressee list that starts on the "To:" line.
    pytest.param(
        flour_letter(to="To: 1- The Director of the Nakhil Clinic\n2- Umm Salim "
        "al-Hamdani\n"
        "3- The Official of the Water Committee"),
        "addressees", ["Director of the Nakhil Clinic", "Umm Salim al-Hamdani",
        "Official of the Water Committee"],
        id="a-numbered-addressee-list-that-starts-on-the-to"),
    # A subject wrapped onto a second line in lower case; a capitalised line is not a wrap.
    pytest.param(
        flour_letter(subject="Subject: repair of the roof of the school of\nthe Tall "
        "Sukkar quarter"),
        "subject", "repair of the roof of the school of\nthe Tall Sukkar quarter",
        id="a-subject-wrapped-onto-a-second-line-in-lower"),
    # Letterhead units of other traditions: Dari/Pashto "Jamiat-e", Somali "Ururka".
    pytest.param(
        "Jamiat-e Khidmat-e Farah\nCommission of Health\n\nDate: 5 Safar 1439\n\n"
        "To: the head of the Bala Buluk clinic\n\nSubject: the new scales\n\nPeace be upon you.\n\n"
        "The commission has sent two new scales for the weighing of children to your clinic.\n\n"
        "Wassalam\n\nAbdul Rauf Siddiqi\n",
        "issuer", ["Jamiat-e Khidmat-e Farah", "Commission of Health"],
        id="letterhead-units-of-other-traditions-dari-pashto-jamiat-e"),
    # A Latin-script letterhead line keeps its own wording over a bracketed translation.
    pytest.param(
        "Ururka Waxbarashada Gedo\n[Gedo Education Association]\nLuuq Branch\n\n"
        "Dear brother Abdirahman Yusuf Farah,\n\nPeace be upon you.\n\nThe branch thanks you for "
        "the list of the pupils of the new class and will send the chalk next week.\n\n"
        "Your brother,\nHassan Nur Gedi\n",
        "issuer", ["Ururka Waxbarashada Gedo", "Luuq Branch"],
        id="a-latin-script-letterhead-line-keeps-its-own-wording"),
]


@pytest.mark.parametrize(("text", "field", "expected"), HEADER_SHAPES)
def test_the_header_gives_the_field(text: str, field: str, expected: object) -> None:
    """Each shape of a letterhead, reference, subject or addressee line gives its field."""
    assert field_value(parse_one(text), field) == expected


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


WATER_CARTS_NOTICE = (
    "WATER_CARTS_NOTICE TO THE OWNERS OF THE WATER CARTS\n\n"
    "The owners of water carts of the town are informed that the carts will be weighed at the "
    "south gate on the Saturday, and that each cart must carry its numbered plate.\n\n"
    "The price of a load of water remains as it was and is posted at the office.\n\n"
    "Issued by the Office of Water and Wells in Tessit, on the 3rd day of the month of "
    "Rajab of the year 1440\n"
)


def test_issued_by_line_gives_issuer_and_date() -> None:
    doc = parse_one(WATER_CARTS_NOTICE)
    assert field_value(doc, "issuer") == ["Office of Water and Wells"]
    assert field_value(doc, "dates") == [("hijri", 1440, 7, 3)]


def test_issued_by_inside_the_body_is_not_an_issuer() -> None:
    text = WATER_CARTS_NOTICE.replace("Issued by", "As said before, the scales were issued by")
    doc = parse_one(text)
    assert field_value(doc, "issuer") == []
    assert field_value(doc, "dates") == []


# -- flattened and closing letterheads -------------------------------------------------------


def test_general_command_of_a_movement_is_two_levels_at_the_foot() -> None:
    doc = parse_one(f"Statement on the wells\n\n{WELLS}\n\nGeneral Command of the Valley Defence "
               "Units, VDU\n\nJuly 4, 2017\n")
    assert sorted(texts(doc.issuer)) == ["General Command", "Valley Defence Units"]
    assert doc.sender is None
    assert doc.date.iso == "2017-07-04"


def test_a_council_of_a_place_stays_one_level() -> None:
    doc = parse_one(f"Shura Council of Tall Hamid\n\n{WELLS}\n\nAbu Hamid al-Sabbagh\n")
    assert texts(doc.issuer) == ["Shura Council of Tall Hamid"]


def test_issuer_from_a_signers_title_and_the_gregorian_of_a_three_calendar_footer() -> None:
    doc = parse_one(
        f"A statement on the transit fees\n\n{WELLS}\n\n{WELLS}\n\n"
        "Spokesperson of Harakat al-Wadi’s Political Office\n\nSalim Yasin Barakat\n\n"
        "14/06/1439 Hijri Lunar\n\n03/03/2018 Gregorian                    \n"
    )
    assert texts(doc.issuer) == ["Harakat al-Wadi", "Political Office"]
    assert doc.sender.text == "Salim Yasin Barakat"
    assert doc.date.iso == "2018-03-03"


def test_headline_naming_the_kind_is_a_title_not_a_letterhead() -> None:
    doc = parse_one(f"VDU Statement Regarding Pumps For The Valley Wells\n\n{WELLS}\n\n{WELLS}\n")
    assert doc.issuer == []


def test_issuer_level_drops_a_leading_the_and_a_dated_dash() -> None:
    doc = parse_one(f"The Valley Defence Army\n\n{WELLS}\n\n{WELLS}\n")
    assert texts(doc.issuer) == ["Valley Defence Army"]
    heading = parse_one(f"Leadership of the Valley Army – 9 Rabi al-Thani 1437 AH\n\n{WELLS}\n\n"
                        f"{WELLS}\n")
    assert sorted(texts(heading.issuer)) == ["Leadership", "Valley Army"]
    assert date_tuples(heading) == [("hijri", 1437, 4, 9)]


def test_a_heading_ending_in_the_documents_kind_is_no_letterhead() -> None:
    doc = parse_one(f"In the name of God\n\nServices Covenant\n\n{WELLS}\n\n{WELLS}\n")
    assert doc.issuer == []
    unit = parse_one(f"Office of Schools and Instruction\n\n{WELLS}\n\nAbu Hamid al-Sabbagh\n")
    assert texts(unit.issuer) == ["Office of Schools and Instruction"]


# -- addressees and references --------------------------------------------------------------


def test_addressee_ends_where_the_request_begins() -> None:
    doc = parse_one("Office of Water\n\nNo.: 12\n\nTo our brothers in the Valley Office, you are "
                    "to "
               "return the borrowed pumps to the stores before Friday.\n\nAbu Hamid al-Sabbagh\n")
    assert texts(doc.addressees) == ["our brothers in the Valley Office"]


def test_letter_directed_to_its_addressees() -> None:
    doc = parse_one("Office of Water\n\nDecision: 2841\n\nLetter directed to the teachers of the "
                    "valley "
               f"schools. {WELLS}\n\nAbu Hamid al-Sabbagh\n")
    assert texts(doc.addressees) == ["teachers of the valley schools"]
    assert doc.reference_number.text == "2841"


def test_the_public_is_no_addressee() -> None:
    doc = parse_one(f"Office of Water\n\nTo Media Outlets and the General Public,\n\n{WELLS}\n")
    assert doc.addressees == []


def test_numero_sign_labels_the_reference() -> None:
    doc = parse_one(f"Omra № 34\nOn the wells of the valley\n\n{WELLS}\n\nAbu Hamid al-Sabbagh\n")
    assert doc.reference_number.text == "34"


def test_a_form_filled_in_by_hand_names_its_addressee() -> None:
    doc = parse_one("Office of Water\nNo. 73\n\nTo the one called….son of…born in…. "
               "[in handwriting: Salim [Nouri?] Salim]\n\n" f"{WELLS}\n\nAbu Hamid al-Sabbagh\n")
    assert texts(doc.addressees) == ["Salim [Nouri?] Salim"]
