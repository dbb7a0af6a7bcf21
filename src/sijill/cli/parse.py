"""`sijill train`: rebuild the parser's line labeller from gold files and an archive's edits."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sijill.cli import DbOption
from sijill.parse import learned, training
from sijill.store import Archive, default_db_path

console = Console(soft_wrap=True)
err = Console(stderr=True)


def train_command(
    pairs: Annotated[
        list[str] | None,
        typer.Argument(metavar="[GOLD CORPUS_DIR]...",
                       help="Gold files, each before its corpus folder (default: the bundled "
                            "examples/corpus gold, and ../shared/real-shapes when present)."),
    ] = None,
    db: DbOption = None,
    with_edits: Annotated[
        bool, typer.Option("--edits/--no-edits",
                           help="Learn from the archive's human field edits (--db).")] = True,
    hybrid: Annotated[
        str | None, typer.Option("--hybrid", help="Fields the labeller fills where the rules "
                                 f"found nothing, comma-separated ({', '.join(learned.FILLABLE)})"
                                 ", or 'none'; default: "
                                 f"{', '.join(learned.MEASURED_HYBRID)}, as measured "
                                 "(docs/quality.md).")] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Model file to write (default: the model the "
                                  "parser loads: $SIJILL_LINE_MODEL, else the packaged one).")
    ] = None,
) -> None:
    """Rebuild the line labeller from gold files and the archive's corrections; then
    `sijill reprocess` re-reads the archive with it."""
    values = pairs or []
    if len(values) % 2:
        err.print("[red]give a corpus folder after each gold file[/]")
        raise typer.Exit(2)
    sets = [(Path(g), Path(c)) for g, c in zip(values[::2], values[1::2], strict=True)]
    sets = sets or training.default_sets()
    chosen = ",".join(learned.MEASURED_HYBRID) if hybrid is None else hybrid
    fields = [f.strip() for f in chosen.split(",") if f.strip() and f.strip() != "none"]
    if set(fields) - set(learned.FILLABLE):
        err.print(f"[red]--hybrid takes: {', '.join(learned.FILLABLE)}[/]")
        raise typer.Exit(2)
    target = out or learned.model_path()
    where = db or default_db_path()
    archive = Archive(where) if with_edits and where.exists() else None
    try:
        gold = training.all_sequences(sets)
        edited = list(training.edited_sequences(archive)) if archive is not None else []
    finally:
        if archive is not None:
            archive.close()
    if not gold and not edited:
        err.print("[red]nothing to train on: no gold file found and no edited document[/]")
        raise typer.Exit(1)
    learned.train([*gold, *edited], target)
    n_edited = len(edited) // training.EDIT_WEIGHT
    learned.write_settings(target, fields, gold_documents=len(gold), edited_documents=n_edited,
                           gold_files=[g.name for g, _ in sets])
    console.print(f"trained on {len(gold)} gold documents and {n_edited} edited documents; "
                  f"model {target}; fills {', '.join(fields) or 'no field (rules only)'}")


def register(app: typer.Typer) -> None:
    app.command("train")(train_command)
