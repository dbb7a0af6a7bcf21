"""`sijill parse`, `sijill evaluate` and `sijill train`: the parser run over files without an
archive, scored against gold files, and its line labeller rebuilt."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from sijill import evaluate as evaluation
from sijill import ingest, pipeline
from sijill.cli._util import (
    DbOption,
    JsonOption,
    console,
    err,
    fail,
    listing,
    print_json,
)
from sijill.cli.archive import summary
from sijill.errors import IngestError
from sijill.model import Document
from sijill.parse import learned, training
from sijill.store import Archive, default_db_path


class ParseFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    text = "text"


def parse_command(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders to parse.")],
    format: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.jsonl,
) -> None:
    """Parse files without an archive and print the documents."""
    failed = False
    docs: list[Document] = []
    for path in ingest.iter_files(paths):
        try:
            found = pipeline.parse_file(path)
        except IngestError as exc:
            err.print(f"[red]failed[/] {escape(str(exc))}")
            failed = True
            continue
        if format is ParseFormat.jsonl:
            for doc in found:
                sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        docs.extend(found)
    if format is ParseFormat.json:
        print_json([d.to_dict() for d in docs])
    elif format is ParseFormat.text:
        for doc in docs:
            console.print(summary(doc) + "\n")
    raise typer.Exit(1 if failed else 0)


def _score_table(report: dict[str, Any]) -> Table:
    table = Table("field", "score", "detail", title=f"{report['documents']} documents")
    for name, s in report["fields"].items():
        if "accuracy" in s:
            table.add_row(name, f"{s['accuracy']:.3f}", f"exact {s['correct']}/{s['total']}")
        else:
            table.add_row(name, f"F1 {s['f1']:.3f}",
                          f"P {s['precision']:.3f} R {s['recall']:.3f} "
                          f"({s['predicted']} predicted, {s['gold']} gold)")
    for name, both in report["entities"].items():
        for mode in ("strict", "lenient"):
            s = both[mode]
            table.add_row(f"{name} ({mode})", f"F1 {s['f1']:.3f}",
                          f"P {s['precision']:.3f} R {s['recall']:.3f}")
    relations = report.get("relations") or {}
    if relations.get("documents"):
        for mode in ("strict", "lenient"):
            s = relations[mode]
            table.add_row(f"relations ({mode})", f"F1 {s['f1']:.3f}",
                          f"P {s['precision']:.3f} R {s['recall']:.3f} "
                          f"({s['predicted']} predicted, {s['gold']} gold)")
    split = report["split"]
    table.add_row("split", f"{split['accuracy']:.3f}", f"files {split['correct']}/{split['total']}")
    return table


def evaluate_command(
    pairs: Annotated[list[str], typer.Argument(metavar="GOLD CORPUS_DIR [GOLD CORPUS_DIR]...")],
    as_json: JsonOption = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every mismatch.")] = False,
) -> None:
    """Parse every file a gold file names and print per-field scores (see contracts/gold.md)."""
    if len(pairs) % 2:
        raise fail("give a corpus folder after each gold file", 2)
    gold_sets = list(zip(pairs[::2], pairs[1::2], strict=True))
    result = evaluation.evaluate(gold_sets, pipeline.parse_file)
    report = result.as_dict()
    if errors:
        report["errors"] = result.errors
    if as_json:
        print_json(report)
        return
    console.print(_score_table(report))
    for failure in report["failures"]:
        console.print(f"[red]failed[/] {escape(failure['file'])}: {escape(failure['reason'])}")
    for e in report.get("errors", []):
        console.print(f"{escape(e['doc'])} {e['field']}: gold {escape(str(e['gold']))} "
                      f"≠ {escape(str(e['predicted']))}")


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
        raise fail("give a corpus folder after each gold file", 2)
    sets = [(Path(g), Path(c)) for g, c in zip(values[::2], values[1::2], strict=True)]
    sets = sets or training.default_sets()
    chosen = ",".join(learned.MEASURED_HYBRID) if hybrid is None else hybrid
    fields = [f.strip() for f in chosen.split(",") if f.strip() and f.strip() != "none"]
    if set(fields) - set(learned.FILLABLE):
        raise fail(f"--hybrid takes: {', '.join(learned.FILLABLE)}", 2)
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
        raise fail("nothing to train on: no gold file found and no edited document")
    learned.train([*gold, *edited], target)
    n_edited = len(edited) // training.EDIT_WEIGHT
    learned.write_settings(target, fields, gold_documents=len(gold), edited_documents=n_edited,
                           gold_files=[g.name for g, _ in sets])
    listing.print(f"trained on {len(gold)} gold documents and {n_edited} edited documents; "
                       f"model {target}; fills {', '.join(fields) or 'no field (rules only)'}")

