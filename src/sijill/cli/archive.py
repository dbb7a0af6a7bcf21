"""`sijill show` and `sijill stats`: one document, and what the archive holds."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from sijill.checks import pairing
from sijill.cli._util import DbOption, JsonOption, console, fail, open_archive, print_json
from sijill.model import Document


def summary(doc: Document) -> str:
    """A document's parts, one per line, and its flags."""
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


def _pair_line(doc_id: str, pair: dict[str, Any]) -> str:
    """One link of `sijill show`: what the document is, of what, and the fields checked."""
    if pair["original"] == pair["translation"]:
        role, other = "translation", "the Arabic block in its text"
    elif pair["original"] == doc_id:
        role, other = "original", pair["translation"]
    else:
        role, other = "translation", pair["original"]
    checked = ", ".join(f"{f['field']} {f['verdict']}" for f in pair["fields"]
                        if f["verdict"] in ("agree", "differ"))
    return f"  {role} of:  {other} ({pair['basis']}){'; ' + checked if checked else ''}"


def show_command(
    doc_id: Annotated[str, typer.Argument(metavar="ID")],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """One document: its parts, or its contract JSON."""
    with open_archive(db) as archive:
        doc = archive.document(doc_id)
        linked = pairing.of_document(archive, doc_id) if doc is not None else []
    if doc is None:
        raise fail(f"no document {doc_id}")
    if as_json:
        print_json({**doc.to_dict(), "pairs": linked})
    else:
        console.print(summary(doc))
        for pair in linked:
            console.print(escape(_pair_line(doc.id, pair)))
        console.print()
        console.print(escape(doc.text))


def stats_command(as_json: JsonOption = False, db: DbOption = None) -> None:
    """What the archive holds."""
    with open_archive(db) as archive:
        stats = archive.stats()
    if as_json:
        print_json(stats)
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
