"""`sijill export` and `sijill import`: thin layers over `sijill.export`."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from sijill import export as exporting
from sijill.cli._util import DbOption, console, open_archive, print_json, reported
from sijill.errors import ImportFileError, SijillError, StoreError

ExportFormat = StrEnum("ExportFormat", {name: name for name in exporting.FORMATS})  # type: ignore[misc]


def export_command(
    out: Annotated[Path, typer.Argument(
        metavar="OUT", help="A folder for tei and csv, a file for the others.")],
    format: Annotated[ExportFormat, typer.Option(  # type: ignore[valid-type]
        "--format", "-f", help="; ".join(f"{f.name}: {f.description}"
                                         for f in exporting.FORMATS.values()))] = "json",
    query: Annotated[str | None, typer.Option(
        "--query", "-q", help="Only the documents this search finds.")] = None,
    entity: Annotated[str | None, typer.Option(
        "--entity", help="Only the documents that name this entity id.")] = None,
    bom: Annotated[bool, typer.Option(
        "--bom", help="csv: start each file with a UTF-8 byte-order mark, so that Excel"
                      " and LibreOffice read Arabic names correctly.")] = False,
    db: DbOption = None,
) -> None:
    """Export the archive, or a selection of it, to an interchange format."""
    name = format.value if isinstance(format, StrEnum) else str(format)
    started = time.perf_counter()
    with reported(SijillError, ValueError, RuntimeError, OSError, what="export failed", code=1), \
            open_archive(db) as archive:
        count = exporting.export(archive, name, out, query=query, entity=entity, bom=bom)
    seconds = time.perf_counter() - started
    kind = "folder" if exporting.FORMATS[name].folder else "file"
    console.print(f"exported {count} documents as {name} to {kind} {escape(str(out))} "
                  f"in {seconds:.2f} s")


def import_command(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A `sijill export -f json` file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Import Sijill's own JSON export: restores an archive, human edits included; into a
    non-empty archive it merges by content hash and reports conflicts without overwriting."""
    with reported(ImportFileError, StoreError, OSError, what="import failed, nothing imported"), \
            open_archive(db) as archive:
        report = exporting.import_file(archive, file)
    if as_json:
        print_json(report.as_dict())
    else:
        console.print(
            f"{report.sources_added} sources added ({report.documents_added} documents), "
            f"{report.sources_unchanged} already held; {report.edits_added} edits added, "
            f"{report.edits_unchanged} already held; {len(report.conflicts)} conflicts")
        for conflict in report.conflicts:
            console.print(f"  [yellow]conflict[/] {escape(conflict)}")
    raise typer.Exit(1 if report.conflicts else 0)

