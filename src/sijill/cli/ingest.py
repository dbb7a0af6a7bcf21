"""`sijill ingest` and `sijill reprocess`: thin layers over sijill.pipeline's jobs."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import Progress

from sijill import ingest, pipeline
from sijill.cli._util import DbOption, console, err, open_archive, reported
from sijill.errors import StoreError


class StageName(StrEnum):
    parse = "parse"
    entities = "entities"
    relations = "relations"
    checks = "checks"


# `sijill ingest` exit codes (docs/guarantees.md).
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_NOTHING_DONE = 0, 1, 2, 3


def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (read recursively).")],
    db: DbOption = None,
    root: Annotated[Path | None, typer.Option(
        "--root", envvar="SIJILL_ROOT", file_okay=False,
        help="Collection root: sources under it are keyed by their path relative to it, so "
             "the collection can move (default: keyed by absolute path).")] = None,
) -> None:
    """Add documents to the archive; unchanged files are skipped, changed ones updated.

    Exit 0: every file stored; 1: some files failed, the rest stored; 2: usage error;
    3: nothing could be done (no file could be stored, or the archive cannot be opened).
    """
    files = list(ingest.iter_files(paths))
    if not files:
        err.print("[red]no files to ingest[/] under " + escape(", ".join(map(str, paths))))
        raise typer.Exit(EXIT_NOTHING_DONE)
    with reported(StoreError, what="nothing ingested", code=EXIT_NOTHING_DONE), \
            open_archive(db) as archive, \
            Progress(console=err, disable=not err.is_terminal) as bar:
        task = bar.add_task("ingesting", total=len(files))
        report = pipeline.ingest_paths(archive, files, root=root,
                                       on_file=lambda _: bar.advance(task))
    moved = f", {len(report.moved)} moved" if report.moved else ""
    console.print(
        f"[green]{len(report.added)} added[/], {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged{moved}, [red]{len(report.failed)} failed[/] "
        f"({report.documents} documents stored)"
    )
    if report.pairs:
        linked = "1 original" if report.pairs == 1 else f"{report.pairs} originals"
        console.print(f"{linked} linked to a translation in the archive (sijill pairs list)")
    for path, reason in report.failed:
        console.print(f"  [red]failed[/] {escape(path)}: {escape(reason)}")
    for path, reason in report.flagged:
        console.print(f"  [yellow]stored, flagged[/] {escape(path)}: {escape(reason)}")
    if report.ok:
        raise typer.Exit(EXIT_OK)
    raise typer.Exit(EXIT_SOME_FAILED if report.stored else EXIT_NOTHING_DONE)


def reprocess_command(
    stage: Annotated[StageName, typer.Option("--stage")] = StageName.parse,
    db: DbOption = None,
) -> None:
    """Re-run a stage and those after it over the stored texts (no source is read again)."""
    with open_archive(db) as archive:
        report = pipeline.reprocess(archive, stage.value)
    console.print(f"reprocessed from stage {stage.value}: {report.documents} documents "
                  f"of {report.sources} sources")
    for key, reason in report.flagged:
        console.print(f"  [yellow]flagged[/] {escape(key)}: {escape(reason)}")
    for key, reason in report.failed:
        console.print(f"  [red]failed[/] {escape(key)}: {escape(reason)}")
    raise typer.Exit(1 if report.failed else 0)
