"""`sijill export` and `sijill import`: thin layers over `sijill.export`."""

from __future__ import annotations

import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from sijill import export as exporting
from sijill.cli import DbOption
from sijill.errors import ImportFileError, SelectionError, StoreError
from sijill.store import Archive, default_db_path

ExportFormat = StrEnum("ExportFormat", {name: name for name in exporting.FORMATS})  # type: ignore[misc]

console = Console()
err = Console(stderr=True)


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
    try:
        with Archive(db or default_db_path()) as archive:
            count = exporting.export(archive, name, out, query=query, entity=entity,
                                     bom=bom)
    except (SelectionError, ValueError, RuntimeError, StoreError, OSError) as exc:
        err.print(f"[red]export failed:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
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
    try:
        with Archive(db or default_db_path()) as archive:
            report = exporting.import_file(archive, file)
    except (ImportFileError, StoreError, OSError) as exc:
        err.print(f"[red]import failed, nothing imported:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        console.print(
            f"{report.sources_added} sources added ({report.documents_added} documents), "
            f"{report.sources_unchanged} already held; {report.edits_added} edits added, "
            f"{report.edits_unchanged} already held; {len(report.conflicts)} conflicts")
        for conflict in report.conflicts:
            console.print(f"  [yellow]conflict[/] {escape(conflict)}")
    raise typer.Exit(1 if report.conflicts else 0)


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
    app.command("import")(import_command)
