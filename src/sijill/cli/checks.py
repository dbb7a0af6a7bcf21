"""`sijill check [--json]` and `sijill flags list|dismiss`: thin layers over
sijill.checks.archive and sijill.store.flags."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from sijill.checks.archive import report, run_checks
from sijill.cli._util import (
    ClaimAuthorOption,
    DbOption,
    JsonOption,
    author_of,
    fail,
    listing,
    open_archive,
    print_json,
    reported,
)
from sijill.store import flag_edits, flags

flags_app = typer.Typer(help="Flags on documents: list them, dismiss one with a reason.",
                        no_args_is_help=True)


def check_command(as_json: JsonOption = False, db: DbOption = None) -> None:
    """Run the archive-wide checks (numbering, duplicates, unusual templates, entity types)
    and report every flag in the archive by check."""
    with open_archive(db) as archive:
        result = report(archive, run_checks(archive))
    if as_json:
        print_json(result)
        return
    table = Table("check", "flags", "documents", "codes",
                  title=f"{result['flagged_documents']} of {result['documents']} documents "
                        f"flagged; {result['dismissed']} flag(s) dismissed")
    for name, c in result["checks"].items():
        table.add_row(name, str(c["flags"]), str(c["documents"]),
                      ", ".join(f"{k} {n}" for k, n in c["codes"].items()))
    listing.print(table)
    for link in result["links"]:
        a, b = link["documents"]
        listing.print(f"{link['kind']}: {a} ~ {b} ({link['similarity']:.0%})")


@flags_app.command("list")
def list_command(doc_id: Annotated[str, typer.Argument(help="Document id.")],
                 as_json: JsonOption = False, db: DbOption = None) -> None:
    """A document's flags (with the key that names each) and its dismissed ones."""
    with open_archive(db) as archive:
        doc = archive.document(doc_id, claims=False)
        if doc is None:
            raise fail(f"no document {doc_id}")
        shown = [{**f.to_dict(), "key": flags.flag_key(f)} for f in doc.flags]
        gone = [d.to_dict() for d in flag_edits.dismissals(archive, doc_id)]
    if as_json:
        print_json({"flags": shown, "dismissed": gone})
        return
    for f in shown:
        listing.print(f"{f['key']} {f['severity']} {escape(f['code'])}: {escape(f['message'])}")
    for d in gone:
        listing.print(f"[dim]dismissed {d['flag_key']} {escape(d['code'])} by "
                      f"{escape(d['author'])}: {escape(d['reason'])}[/]")


@flags_app.command("dismiss")
def dismiss_command(
    doc_id: Annotated[str, typer.Argument(help="Document id.")],
    flag: Annotated[str, typer.Argument(help="The flag's key (see `flags list`) or code.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the flag does not hold.")],
    author: ClaimAuthorOption = None,
    db: DbOption = None,
) -> None:
    """Dismiss a flag as a human edit with a reason (kept through reprocess and export)."""
    with reported(), open_archive(db) as archive:
        number = flag_edits.dismiss(archive, doc_id, flag, reason=reason,
                                    author=author_of(author))
    listing.print(f"dismissal {number} recorded")

