"""XLSX: the five CSV tables (documents, entities, mentions, relations, flags) as the sheets
of one workbook, written by openpyxl in its streaming mode, with a frozen, bold header row.
Text that Excel would read as a formula (starting with =, +, - or @) is kept as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from sijill.export.selection import Selection
from sijill.export.tables import TABLES, tables

_BOLD = Font(bold=True)
_FORMULA = ("=", "+", "-", "@")
_MAX_CELL = 32767  # Excel's limit on a cell's characters


def _value(value: Any) -> Any:
    if isinstance(value, str):
        value = value[:_MAX_CELL]
        # openpyxl writes a string starting with "=" as a formula: keep it text
        return "'" + value if value.startswith(_FORMULA) else value
    return value


def export(selection: Selection, out: Path) -> int:
    """One workbook at `out`; returns the documents exported."""
    book = Workbook(write_only=True)
    sheets = {}
    for name, columns in TABLES.items():
        sheet = book.create_sheet(name)
        sheet.freeze_panes = "A2"
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=column)
            cell.font = _BOLD
            header.append(cell)
        sheet.append(header)
        sheets[name] = sheet
    count = [0]
    for name, row in tables(selection, count):
        sheets[name].append([_value(row.get(c)) for c in TABLES[name]])
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return count[0]
