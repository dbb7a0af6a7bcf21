"""The calendar module: one conversion API and one declared range for every caller."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import jdatetime
import pytest
from convertdate import islamic
from hypothesis import given
from hypothesis import strategies as st

from sijill import calendar

FIRST = date(622, 7, 19)  # 1 Muharram 1 AH by the tabular calendar


def test_range_ends_are_the_declared_ones() -> None:
    assert calendar.HIJRI_FIRST == FIRST == calendar.hijri_to_gregorian(1, 1, 1)
    assert calendar.gregorian_to_hijri(FIRST) == (1, 1, 1)
    assert calendar.gregorian_to_hijri(date.max) == (calendar.HIJRI_YEARS[1], 4, 2)
    assert calendar.SOLAR_YEARS == (jdatetime.MINYEAR, jdatetime.MAXYEAR)


@pytest.mark.parametrize("convert", [
    lambda: calendar.gregorian_to_hijri(FIRST - timedelta(days=1)),
    lambda: calendar.hijri_to_gregorian(0, 12, 29),
    lambda: calendar.hijri_to_gregorian(calendar.HIJRI_YEARS[1] + 1, 1, 1),
    lambda: calendar.hijri_to_gregorian(calendar.HIJRI_YEARS[1], 4, 3),  # after 31 Dec 9999
    lambda: calendar.hijri_to_gregorian(1443, 13, 1),
    lambda: calendar.hijri_to_gregorian(1443, 1, 31),
    lambda: calendar.solar_to_gregorian(calendar.SOLAR_YEARS[1] + 1, 1, 1),
    lambda: calendar.solar_to_gregorian(1400, 12, 31),
])
def test_outside_the_range_is_a_value_error(convert) -> None:
    with pytest.raises(ValueError):
        convert()


@given(st.dates(min_value=FIRST, max_value=date.max))
def test_every_day_in_range_converts_there_and_back(day: date) -> None:
    assert calendar.hijri_to_gregorian(*calendar.gregorian_to_hijri(day)) == day


@given(st.integers(1, 1342) | st.integers(1501, 9665), st.integers(1, 12), st.integers(1, 29))
def test_outside_umm_al_qura_the_tabular_calendar(y: int, m: int, d: int) -> None:
    assert calendar.hijri_to_gregorian(y, m, d) == date(*islamic.to_gregorian(y, m, d))
    assert not calendar.hijri_month_length(y, m).umm_al_qura


def test_labels_for_the_reader_page() -> None:
    assert calendar.hijri_label("2021-08-17") == "9 Muharram 1443 AH"  # Umm al-Qura
    assert calendar.hijri_label("1900-01-01") == "28 Sha'ban 1317 AH"  # tabular, before 1924
    assert calendar.hijri_label("0600-01-01") is None
    assert calendar.hijri_label("2021-02-30") is None


def test_dates_as_precise_as_written() -> None:
    assert calendar.iso("gregorian", 2021, 8, None) == "2021-08"
    assert calendar.iso("hijri", 1443, None, None) == "2022"  # the year holding its middle
    assert calendar.iso("hijri", 1443, 1, None) == "2021"  # Muharram 1443 spans two months
    assert calendar.day_span("hijri", 1443, 1, None) == (date(2021, 8, 9), date(2021, 9, 7))
    assert calendar.day_span("gregorian", 2020, 2, None) == (date(2020, 2, 1), date(2020, 2, 29))
    assert calendar.solar_to_gregorian(1399, 1, 1) == date(2020, 3, 20)  # Nowruz 1399


def test_the_calendar_module_loads_no_stage() -> None:
    code = ("import sys, sijill.calendar; "
            "print(sorted(m for m in sys.modules if m.startswith('sijill.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "['sijill.calendar']"
