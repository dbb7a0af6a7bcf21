"""Exports and interchange: the archive, or a selection of it, as TEI, CMIF, FollowTheMoney,
CSV, XLSX, CSL-JSON or Sijill's own JSON (which `sijill import` reads back)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sijill.export import cmif, csl, ftm, jsonio, tables, tei, xlsx
from sijill.export.jsonio import ImportReport, import_file, import_lines
from sijill.export.selection import Selection
from sijill.store import Archive


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    write: Callable[[Selection, Path], int]  # returns the documents exported
    folder: bool  # whether OUT is a folder of files rather than one file
    description: str


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("tei", tei.export, True, "TEI P5, one <id>.tei.xml per document"),
    Format("cmif", cmif.export, False, "CMIF: every letter's correspondence metadata"),
    Format("ftm", ftm.export, False, "FollowTheMoney entities, JSON lines (Aleph)"),
    Format("csv", tables.export, True, "documents, entities, mentions, relations .csv"),
    Format("xlsx", xlsx.export, False, "the five CSV tables as sheets of one workbook"),
    Format("json", jsonio.export, False, "sijill.export/1 JSON lines; `sijill import` reads it"),
    Format("csl", csl.export, False, "CSL-JSON citations, one per document"),
)}


def export(archive: Archive, fmt: str, out: Path, *, query: str | None = None,
           entity: str | None = None, bom: bool = False) -> int:
    """Export the archive (or the documents matching `query` / naming `entity`) in format
    `fmt` to `out`; returns the documents exported. `bom`: CSV files start with a
    byte-order mark (for spreadsheet programs)."""
    try:
        chosen = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}") from None
    if bom and fmt != "csv":
        raise ValueError("--bom is for the csv format")
    selection = Selection.of(archive, query=query, entity=entity)
    if bom:
        return tables.export(selection, out, bom=True)
    return chosen.write(selection, out)


__all__ = ["FORMATS", "Format", "ImportReport", "Selection",
           "export", "import_file", "import_lines"]
