"""The checks on fictional documents that must, and must not, trigger each of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from sijill import checks
from sijill.checks import anachronism, calendar, health, provenance, series, unusual
from sijill.entities import authority
from sijill.model import (
    DateValue,
    DocDate,
    Document,
    Mention,
    Note,
    Range,
    Source,
    SourceText,
    sha256_hex,
)
from sijill.pipeline import process
from tests.conftest import span_of


def _source(text: str, name: str = "doc.txt") -> SourceText:
    return SourceText(sha256_hex((name + text).encode()), text, path=name)


def parsed(text: str) -> Document:
    return process(_source(text))[0]


def codes(doc: Document) -> set[str]:
    return {f.code for f in doc.flags}


def doc_of(text: str, *, issuer: list[str] = (), ref: str | None = None,  # type: ignore[assignment]
           iso: str | None = None, name: str = "doc.txt", **kw: object) -> Document:
    return Document(
        source=Source(sha256_hex((name + text).encode()), 0, name), text=text,
        issuer=[span_of(text, w) for w in issuer],
        reference_number=span_of(text, ref) if ref else None,
        date=DocDate(iso, "day" if len(iso) == 10 else "year", "gregorian") if iso else None,
        **kw)  # type: ignore[arg-type]


# ------------------------------------------------------------------------- 1 calendar

LETTER = """Harakat al-Sanabil
Office of Education

No. 12/A
Date: {date}

To: the schools of the Wadi sector
Subject: end-of-year certificates

Peace be upon you. Please send the lists of pupils who passed the year, with their marks,
to the office before the end of the month so that the certificates can be printed.

Abu Hasan al-Wadi
"""


def test_calendar_flags_a_weekday_the_date_does_not_fall_on() -> None:
    doc = parsed(LETTER.format(date="Sunday 12 March 2019"))  # a Tuesday
    flag = next(f for f in doc.flags if f.code == "calendar-weekday")
    assert "Tuesday" in flag.message and [s.text for s in flag.spans] == ["12 March 2019"]
    assert all(s.is_valid_in(doc.text) for s in flag.spans)
    assert "calendar-weekday" not in codes(parsed(LETTER.format(date="Tuesday 12 March 2019")))


def test_calendar_gives_spans_to_a_hijri_gregorian_mismatch_and_keeps_agreeing_pairs() -> None:
    doc = parsed(LETTER.format(date="5 Rabi' al-Thani 1443 (10 December 2021)"))
    flag = next(f for f in doc.flags if f.code == "date-mismatch")
    assert len(flag.spans) == 2 and "wrong month" in flag.message
    assert len([f for f in doc.flags if f.code == "date-mismatch"]) == 1  # not twice
    ok = parsed(LETTER.format(date="8 Muharram 1443 AH [17 August 2021 CE]"))
    assert not {"date-mismatch", "date-offset", "calendar-weekday"} & codes(ok)


def test_calendar_tolerates_a_local_sighting_offset_but_not_more() -> None:
    # Umm al-Qura: 1 Ramadan 1440 = 6 May 2019; sighting may start it a day or two later
    assert "date-mismatch" not in codes(parsed(LETTER.format(date="1 Ramadan 1440 (7 May 2019)")))
    assert "date-mismatch" in codes(parsed(LETTER.format(date="1 Ramadan 1440 (16 May 2019)")))


def test_calendar_flags_an_impossible_day() -> None:
    doc = parsed(LETTER.format(date="31 Ramadan 1440"))
    flag = next(f for f in doc.flags if f.code == "date-invalid")
    assert [s.text for s in flag.spans] == ["31 Ramadan 1440"]
    assert "date-invalid" not in codes(parsed(LETTER.format(date="29 Ramadan 1440")))


def _solar(iso: str) -> Document:
    text = "Dated 1 Hamal 1400 SH, that is 21 March 2021."
    s, g = span_of(text, "1 Hamal 1400 SH"), span_of(text, "21 March 2021")
    return doc_of(text, dates=[
        DateValue(s.text, s.start, s.end, calendar="solar_hijri", year=1400, month=1, day=1,  # type: ignore[arg-type]
                  iso=iso),
        DateValue(g.text, g.start, g.end, calendar="gregorian", year=2021, month=3, day=21,
                  iso="2021-03-21")])


def test_calendar_flags_a_solar_hijri_date_that_disagrees() -> None:
    assert not calendar.check(_solar("2021-03-21"))
    flag = calendar.check(_solar("2021-03-11"))[0]
    assert flag.code == "calendar-solar-hijri" and "+10 days" in flag.message
    assert [s.text for s in flag.spans] == ["1 Hamal 1400 SH", "21 March 2021"]


# ---------------------------------------------------------------------- 2 anachronism

AUTHORITY = """
entities:
  - id: jabhat-al-waha
    type: organization
    name: Jabhat al-Waha
    founded: "2015-03"
    dissolved: "2018-06-30"
  - id: abu-salim
    type: person
    name: Abu Salim al-Qurashi
    roles:
      - {role: governor, of: Wilayat al-Sahil, from: "2016-01", to: "2017-12"}
"""


@pytest.fixture()
def fictional_authority(tmp_path: Path) -> authority.Authority:
    path = tmp_path / "authority.yaml"
    path.write_text(AUTHORITY, encoding="utf-8")
    return authority.load([path], shipped=False)


def _letter(iso: str, body: str = "") -> Document:
    text = f"Jabhat al-Waha\nOffice of Services\n\nAbout the wells.\n{body}"
    return doc_of(text, issuer=["Jabhat al-Waha", "Office of Services"], iso=iso)


def test_anachronism_flags_a_letterhead_dated_after_the_group_ceased(
        fictional_authority: authority.Authority) -> None:
    flags = anachronism.check(_letter("2020-02-01"), fictional_authority)
    assert [f.code for f in flags] == ["anachronism-name"]
    assert "until 2018-06-30" in flags[0].message and flags[0].spans[0].text == "Jabhat al-Waha"
    before = anachronism.check(_letter("2014-01-01"), fictional_authority)
    assert before and "before it existed" in before[0].message


def test_anachronism_leaves_dates_within_the_years_and_the_grace(
        fictional_authority: authority.Authority) -> None:
    assert not anachronism.check(_letter("2017-05-01"), fictional_authority)
    assert not anachronism.check(_letter("2018-08-15"), fictional_authority)  # old paper
    assert not anachronism.check(_letter("2015"), fictional_authority)  # a year: may overlap


def test_anachronism_does_not_read_history_in_the_body(
        fictional_authority: authority.Authority) -> None:
    text = "Majlis al-Qura\n\nThe wells dug under Jabhat al-Waha in 2016 need repair.\n"
    m = span_of(text, "Jabhat al-Waha")
    doc = doc_of(text, issuer=["Majlis al-Qura"], iso="2021-04-01",
                 mentions=[Mention(m.text, m.start, m.end, type="organization")])
    assert not anachronism.check(doc, fictional_authority)


def test_anachronism_flags_a_title_outside_a_known_tenure(
        fictional_authority: authority.Authority) -> None:
    def signed(iso: str) -> Document:
        text = "Jabhat al-Waha\n\nThe wells.\n\nThe governor, Abu Salim al-Qurashi\n"
        m = span_of(text, "Abu Salim al-Qurashi")
        return doc_of(text, iso=iso, mentions=[Mention(m.text, m.start, m.end, type="person")])
    flags = [f for f in anachronism.check(signed("2019-03-01"), fictional_authority)
             if f.code == "anachronism-tenure"]
    assert flags and "governor" in flags[0].message
    assert not [f for f in anachronism.check(signed("2016-06-01"), fictional_authority)
                if f.code == "anachronism-tenure"]


# ------------------------------------------------------------------------- 3 numbering


def _numbered(ref: str, iso: str, n: int, body: str = "") -> Document:
    text = (f"Liwa al-Nakhil\nOffice of Supplies\nNo. {ref}\n\nFlour for bakery {n}. "
            f"{body or 'The usual quota.'}")
    return doc_of(text, issuer=["Liwa al-Nakhil", "Office of Supplies"], ref=ref, iso=iso,
                  name=f"n{n}.txt")


def test_numbering_flags_the_one_number_out_of_order() -> None:
    docs = [_numbered("S/1440/10", "2019-01-10", 1), _numbered("S/1440/20", "2019-02-10", 2),
            _numbered("S/1440/5", "2019-03-15", 3), _numbered("S/1440/30", "2019-04-02", 4)]
    found = list(series.check(docs, set()))
    assert [(i, f.code) for i, f in found] == [(2, "numbering-backwards")]
    assert found[0][1].spans[0].text == "S/1440/5"


def test_numbering_reads_the_year_first_and_allows_filing_slack() -> None:
    docs = [_numbered("N/11/1442-62", "2021-06-13", 1), _numbered("N/3/1443-15", "2021-10-15", 2),
            _numbered("N/4/1443-21", "2021-11-20", 3),
            _numbered("N/4/1443-20", "2021-11-23", 4)]  # three days late: filing order
    assert not list(series.check(docs, set()))


def test_numbering_flags_a_repeated_number_but_not_a_copy() -> None:
    docs = [_numbered("S/7", "2019-01-10", 1, "Flour."), _numbered("S/7", "2019-05-10", 2, "Oil.")]
    assert sorted(i for i, f in series.check(docs, set()) if f.code == "numbering-repeat") == [0, 1]
    assert not [f for _, f in series.check(docs, {(0, 1)}) if f.code == "numbering-repeat"]


def test_numbering_flags_a_number_breaking_the_series_pattern() -> None:
    docs = [_numbered(f"S/1440/{n}", f"2019-0{n}-01", n) for n in range(1, 6)]
    docs.append(_numbered("S-1440-77", "2019-07-01", 7))
    found = [(i, f.code) for i, f in series.check(docs, set())]
    assert found == [(5, "numbering-pattern")]
    # a bare number (a receipt's, a bulletin issue's) is another register, not a break
    docs[5] = _numbered("77", "2019-07-01", 7)
    assert not list(series.check(docs, set()))


# -------------------------------------------------------------------- 5 provenance


def _noted(note: str) -> Document:
    text = f"Jaysh al-Sahil\n\nSalaries of the teachers for May.\n\nEditor's note: {note}"
    n = span_of(text, f"Editor's note: {note}")
    return doc_of(text, issuer=["Jaysh al-Sahil"], notes=[Note(n.text, n.start, n.end)])


def test_provenance_flags_an_editor_calling_the_document_a_forgery() -> None:
    flags = provenance.check(_noted("Several researchers consider this letter a forgery."))
    assert [f.code for f in flags] == ["provenance-editor-note"]
    assert flags[0].spans[0].text == "forgery" and "fake" not in flags[0].message
    assert provenance.check(_noted("It was later shown to be fabricated by a rival page."))


def test_provenance_leaves_notes_that_deny_a_forgery_or_say_nothing_of_it() -> None:
    assert not provenance.check(_noted("There is no sign of forgery in the stamp."))
    assert not provenance.check(_noted("The letter was published on a local news page."))


def _stamped(stamp: str, org: str) -> Document:
    text = f"Jaysh al-Sahil\nOffice of Relief\n\nBlankets for the camp.\n\n[Stamp: {stamp}]\n"
    m = span_of(text, org, after=text.index("[Stamp"))
    return doc_of(text, issuer=["Jaysh al-Sahil", "Office of Relief"],
                  mentions=[Mention(m.text, m.start, m.end, type="organization")])


def test_provenance_flags_a_stamp_of_another_organisation_as_unusual() -> None:
    flags = provenance.check(_stamped("Liwa al-Waha - Office of Relief", "Liwa al-Waha"))
    assert [f.code for f in flags] == ["provenance-stamp"]
    assert flags[0].message.startswith("unusual") and "Liwa al-Waha" in flags[0].spans[0].text
    assert not provenance.check(_stamped("Jaysh al-Sahil - Office of Relief", "Jaysh al-Sahil"))


def test_provenance_flags_a_template_and_a_script_the_issuer_never_uses() -> None:
    usual = [doc_of(f"Liwa al-Nakhil\nNo. {n}\nBread for the bakery, as every month.",
                    issuer=["Liwa al-Nakhil"], ref=str(n), name=f"u{n}.txt") for n in range(12)]
    odd_text = "رقم 99\nLiwa al-Nakhil\nالخبز للمخبز كما في كل شهر والسلام عليكم ورحمة الله"
    odd = doc_of(odd_text, issuer=["Liwa al-Nakhil"], ref="99", name="odd.txt")
    found = sorted((i, f.code) for i, f in unusual.check([*usual, odd]))
    assert found == [(12, "provenance-unusual-script"), (12, "provenance-unusual-template")]
    assert not list(unusual.check(usual))
    # an issuer read only at the foot (a stamp, a signature) is no letterhead to compare
    stamped_text = "No. 98\nBread for the bakery, as every month.\n[Stamp: Liwa al-Nakhil]"
    stamped = doc_of(stamped_text, issuer=["Liwa al-Nakhil"], ref="98", name="stamped.txt",
                     body=Range(7, 46))
    assert unusual.template(stamped) is None
    assert not list(unusual.check([*usual, stamped]))


# ---------------------------------------------------------------------------- 6 health


def test_health_flags_missing_parts_and_an_empty_body() -> None:
    bare = doc_of("Receipt.")
    assert {f.code for f in health.check(bare)} == {
        "health-no-date", "health-no-issuer", "health-empty-body"}
    full = parsed(LETTER.format(date="Tuesday 12 March 2019"))
    assert not {"health-no-date", "health-no-issuer", "health-empty-body"} & codes(full)


def test_a_rerun_of_the_stage_replaces_its_findings() -> None:
    doc = parsed(LETTER.format(date="Sunday 12 March 2019"))
    again = checks.stage(_source(doc.text), [doc])[0]
    assert sorted(f.code for f in again.flags) == sorted(f.code for f in doc.flags)
