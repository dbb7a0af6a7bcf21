"""Solar Hijri dates: recognised, converted, kept out of the contract's dates, cross-checked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import jdatetime
from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.parse import docdates, solar
from sijill.pipeline import parse_file


def _one(text: str) -> solar.SolarDate:
    found = solar.find(text)
    assert len(found) == 1, found
    return found[0]


def test_numeric_dates_with_solar_markers() -> None:
    for text in ("22/12/1398 Hijri Solar", "17/11/1392 A.H. (solar)", "12/12/1396 SH",
                 "1399/01/03 Hijri Shamsi", "3/1/1399 solar Hijri"):
        found = _one(f"Kabul, {text}\n")
        assert found.text.startswith(text.split()[0])
    assert _one("22/12/1398 Hijri Solar").gregorian() == date(2020, 3, 12)
    assert _one("17/11/1392 A.H. (solar)").gregorian() == date(2014, 2, 6)
    assert _one("12/12/1396 Hijri Solar").gregorian() == date(2018, 3, 3)


def test_month_names_afghan_and_iranian() -> None:
    assert (_one("1 Hamal 1399").gregorian()) == date(2020, 3, 20)
    assert (_one("12 Farvardin 1403").gregorian()) == date(2024, 3, 31)
    assert _one("the 5th of Sonbola 1400").month == 6
    assert _one("9 Jadi 1401 SH").month == 10


def test_lunar_and_gregorian_dates_and_names_are_not_solar() -> None:
    assert solar.find("17/07/1441 Hijri Lunar 12/03/2020 Gregorian") == []
    assert solar.find("Bashar al-Asad met 12 traders in 1399.") == []
    assert solar.find("12 Asad") == []  # no year: a name or a word, not a date
    assert solar.find("31/13/1399 SH") == []


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1925, 1, 1), max_value=date(2080, 12, 31)))
def test_conversion_round_trips(day: date) -> None:
    j = jdatetime.date.fromgregorian(date=day)
    found = _one(f"Date: {j.day}/{j.month}/{j.year} Hijri Solar")
    assert (found.year, found.month, found.day) == (j.year, j.month, j.day)
    assert found.gregorian() == day


def _statement(tmp_path: Path, footer: str) -> Path:
    path = tmp_path / "statement.txt"
    path.write_text(
        "Statement of the Agriculture Commission about seed distribution\n\n"
        "The handing out of certified wheat seed to registered farmers will begin next "
        "week in every district.\n\nSpokesman of the Agriculture Commission\nNasir Hamdan\n"
        + footer, encoding="utf-8")
    return path


def test_a_three_calendar_footer_keeps_two_dates_and_checks_the_third(tmp_path: Path) -> None:
    doc = parse_file(_statement(
        tmp_path, "17/07/1441 Hijri Lunar\n22/12/1398 Hijri Solar 12/03/2020 Gregorian\n"))[0]
    assert sorted(d.calendar for d in doc.dates) == ["gregorian", "hijri"]
    assert doc.date is not None and doc.date.iso == "2020-03-12"
    codes = {f.code: f for f in doc.flags}
    assert "2020-03-12" in codes["solar-hijri-date"].message
    assert "date-mismatch" not in codes


def test_a_solar_date_that_disagrees_is_flagged(tmp_path: Path) -> None:
    doc = parse_file(_statement(
        tmp_path, "17/07/1441 Hijri Lunar\n22/11/1398 Hijri Solar 12/03/2020 Gregorian\n"))[0]
    # the checks stage re-runs the calendar check: the disagreement is calendar-solar-hijri
    mismatch = [f for f in doc.flags if f.code == "calendar-solar-hijri"]
    assert mismatch and "22/11/1398 Hijri Solar" in mismatch[0].message
    assert "2020-02-11" in mismatch[0].message


def test_the_parse_stage_cross_checks_a_solar_date() -> None:
    text = "Agriculture Commission\n22/11/1398 Hijri Solar 12/03/2020 Gregorian\n"
    assert len(solar.find(text)) == 1
    found = docdates.find_in(text, [(0, len(text))])
    assert [d.calendar for d in found] == ["gregorian"]
    _, _, flags = docdates.finish(text, found)
    codes = [f.code for f in flags]
    assert "solar-hijri-date" in codes and "date-mismatch" in codes
