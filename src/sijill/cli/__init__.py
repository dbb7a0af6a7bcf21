"""The `sijill` command: a thin layer over the library, one command per job."""

from __future__ import annotations

import importlib
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from sijill import evaluate as evaluation
from sijill import ingest, pipeline
from sijill.errors import IngestError, QueryError, StoreError
from sijill.model import Document
from sijill.query import search
from sijill.store import Archive, default_db_path

app = typer.Typer(
    help="Sijill: a searchable, citable register of armed groups' own documents.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err = Console(stderr=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar="SIJILL_DB", help="Archive file (default ./sijill.db)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


class ParseFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    text = "text"


class StageName(StrEnum):
    parse = "parse"
    entities = "entities"
    relations = "relations"
    checks = "checks"


def _archive(db: Path | None) -> Archive:
    return Archive(db or default_db_path())


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


# `sijill ingest` exit codes (docs/guarantees.md).
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_NOTHING_DONE = 0, 1, 2, 3


@app.command("ingest")
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
    try:
        with _archive(db) as archive, Progress(console=err, disable=not err.is_terminal) as bar:
            task = bar.add_task("ingesting", total=len(files))
            report = pipeline.ingest_paths(archive, files, root=root,
                                           on_file=lambda _: bar.advance(task))
    except StoreError as exc:
        err.print(f"[red]nothing ingested[/]: {escape(str(exc))}")
        raise typer.Exit(EXIT_NOTHING_DONE) from None
    moved = f", {len(report.moved)} moved" if report.moved else ""
    console.print(
        f"[green]{len(report.added)} added[/], {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged{moved}, [red]{len(report.failed)} failed[/] "
        f"({report.documents} documents stored)"
    )
    for path, reason in report.failed:
        console.print(f"  [red]failed[/] {escape(path)}: {escape(reason)}")
    for path, reason in report.flagged:
        console.print(f"  [yellow]stored, flagged[/] {escape(path)}: {escape(reason)}")
    if report.ok:
        raise typer.Exit(EXIT_OK)
    raise typer.Exit(EXIT_SOME_FAILED if report.stored else EXIT_NOTHING_DONE)


def _summary(doc: Document) -> str:
    def show(span: Any) -> str:
        return span.text if span is not None else "—"

    lines = [
        f"[bold]{escape(doc.id)}[/] part {doc.source.part} of {escape(doc.source.path or '')}",
        f"  title:      {escape(doc.title or '—')}",
        f"  issuer:     {escape(' / '.join(s.text for s in doc.issuer) or '—')}",
        f"  number:     {escape(show(doc.reference_number))}",
        f"  date:       {escape(doc.date.iso if doc.date else '—')}"
        f"  ({escape(', '.join(d.text for d in doc.dates))})",
        f"  subject:    {escape(show(doc.subject))}",
        f"  sender:     {escape(show(doc.sender))}",
        f"  addressees: {escape('; '.join(s.text for s in doc.addressees) or '—')}",
        f"  cc:         {escape('; '.join(s.text for s in doc.cc) or '—')}",
    ]
    lines += [f"  [yellow]{f.severity}[/] {escape(f.code)}: {escape(f.message)}" for f in doc.flags]
    return "\n".join(lines)


@app.command("parse")
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
        _print_json([d.to_dict() for d in docs])
    elif format is ParseFormat.text:
        for doc in docs:
            console.print(_summary(doc) + "\n")
    raise typer.Exit(1 if failed else 0)


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="A query: words, \"a phrase\", AND/OR/NOT, "
                                         "fields, dates (docs/query-language.md).")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 10,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Search the archive with the query language, best first (exit 2 on a query error)."""
    with _archive(db) as archive:
        try:
            results = search(archive.connection, query, limit=limit, seconds=None)
        except QueryError as exc:
            err.print(f"[red]query error:[/] {escape(str(exc))}")
            raise typer.Exit(2) from None
    if as_json:
        _print_json({
            "results": [
                {"id": h.id, "title": h.title, "snippet": h.marked("<mark>", "</mark>"),
                 "score": h.score, "date": h.date}
                for h in results.hits
            ],
            "total": results.total,
            "variants": results.variants,
        })
        return
    console.print(f"{results.total} documents match [bold]{escape(query)}[/]")
    for word, others in results.variants.items():
        console.print(f"  ({escape(word)} also as {escape(', '.join(others))})")
    for hit in results.hits:
        snippet = escape(hit.snippet).replace("\x02", "[bold yellow]")
        snippet = snippet.replace("\x03", "[/]").replace("\n", " ")
        console.print(f"\n[cyan]{escape(hit.id)}[/] {escape(hit.title)}")
        console.print(f"  {snippet}")


@app.command("show")
def show_command(
    doc_id: Annotated[str, typer.Argument(metavar="ID")],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """One document: its parts, or its contract JSON."""
    with _archive(db) as archive:
        doc = archive.document(doc_id)
    if doc is None:
        err.print(f"[red]no document {escape(doc_id)}[/]")
        raise typer.Exit(1)
    if as_json:
        _print_json(doc.to_dict())
    else:
        console.print(_summary(doc))
        console.print()
        console.print(escape(doc.text))


@app.command("stats")
def stats_command(as_json: JsonOption = False, db: DbOption = None) -> None:
    """What the archive holds."""
    with _archive(db) as archive:
        stats = archive.stats()
    if as_json:
        _print_json(stats)
        return
    table = Table("", "", show_header=False)
    for key, value in stats.items():
        if isinstance(value, dict):
            value = _top(value, ranked=not key.endswith("_year"))
        table.add_row(key, escape(str(value)))
    console.print(table)


STATS_TOP = 10


def _top(counts: dict[str, Any], ranked: bool) -> str:
    """A count table on one line: the ten largest (already in order), then how many more,
    so that a hundred issuers do not bury the rest; `--json` has them all."""
    items = list(counts.items())
    shown = ", ".join(f"{k}: {v}" for k, v in (items[:STATS_TOP] if ranked else items))
    rest = len(items) - STATS_TOP
    return shown + (f", … and {rest} more (--json lists all)" if ranked and rest > 0 else "")


@app.command("reprocess")
def reprocess_command(
    stage: Annotated[StageName, typer.Option("--stage")] = StageName.parse,
    db: DbOption = None,
) -> None:
    """Re-run a stage and those after it over the stored texts (no source is read again)."""
    with _archive(db) as archive:
        report = pipeline.reprocess(archive, stage.value)
    console.print(f"reprocessed from stage {stage.value}: {report.documents} documents "
                  f"of {report.sources} sources")
    for key, reason in report.flagged:
        console.print(f"  [yellow]flagged[/] {escape(key)}: {escape(reason)}")
    for key, reason in report.failed:
        console.print(f"  [red]failed[/] {escape(key)}: {escape(reason)}")
    raise typer.Exit(1 if report.failed else 0)


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


@app.command("evaluate")
def evaluate_command(
    pairs: Annotated[list[str], typer.Argument(metavar="GOLD CORPUS_DIR [GOLD CORPUS_DIR]...")],
    as_json: JsonOption = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every mismatch.")] = False,
) -> None:
    """Parse every file a gold file names and print per-field scores (see contracts/gold.md)."""
    if len(pairs) % 2:
        err.print("[red]give a corpus folder after each gold file[/]")
        raise typer.Exit(2)
    gold_sets = list(zip(pairs[::2], pairs[1::2], strict=True))
    result = evaluation.evaluate(gold_sets, pipeline.parse_file)
    report = result.as_dict()
    if errors:
        report["errors"] = result.errors
    if as_json:
        _print_json(report)
        return
    console.print(_score_table(report))
    for failure in report["failures"]:
        console.print(f"[red]failed[/] {escape(failure['file'])}: {escape(failure['reason'])}")
    for e in report.get("errors", []):
        console.print(f"{escape(e['doc'])} {e['field']}: gold {escape(str(e['gold']))} "
                      f"≠ {escape(str(e['predicted']))}")


def _register_areas() -> None:
    """Each area of the pipeline adds its own commands (`<area>/commands.py: register(app)`)."""
    for module in AREA_COMMANDS:
        importlib.import_module(module).register(app)


# One line per area; each module's register(app) adds its commands to `app`.
AREA_COMMANDS: list[str] = [
    "sijill.cli.checks",
    "sijill.cli.entities",
    "sijill.cli.export",
    "sijill.cli.parse",
    "sijill.cli.query",
    "sijill.cli.relations",
    "sijill.cli.web",
]

_register_areas()

if __name__ == "__main__":
    app()
