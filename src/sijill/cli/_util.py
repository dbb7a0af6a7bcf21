"""What every `sijill` command shares: its options, consoles, the archive opener, and the one
place that turns a `SijillError` into the message and exit code the researcher sees."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from sijill.errors import QueryError, SijillError
from sijill.store import Archive, default_db_path

console = Console()
# listings whose lines stay whole (ids, evidence, names) so that they can be grepped
listing = Console(soft_wrap=True)
err = Console(stderr=True)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar="SIJILL_DB", help="Archive file (default ./sijill.db)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]

# Who makes a change and why. Edits (entities, tags) go to the audit trail; claims (relations,
# flag dismissals) stay with the claim: the same options, told apart in their help.
EditAuthorOption = Annotated[
    str | None, typer.Option("--author", help="Who makes the edit (default: $USER).")]
EditNoteOption = Annotated[str | None, typer.Option("--note", help="Why: kept in the audit trail.")]
ClaimAuthorOption = Annotated[
    str | None, typer.Option("--author", help="Who makes the claim (default: $USER).")]
ClaimNoteOption = Annotated[str | None, typer.Option("--note", help="Why: kept with the claim.")]

# A query the researcher can correct is a usage error; anything else refused is 1.
EXIT_CODES: dict[type[SijillError], int] = {QueryError: 2}


def open_archive(db: Path | None) -> Archive:
    return Archive(db or default_db_path())


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def author_of(author: str | None) -> str:
    """Who makes an edit or claim: `--author`, else the login name."""
    if author:
        return author
    try:
        return os.environ.get("USER") or getpass.getuser()
    except (KeyError, OSError):  # no user name to be found: the store refuses the edit
        return ""


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `message` on stderr; returns the Exit to raise with `code`."""
    err.print(f"[red]{escape(message)}[/]")
    return typer.Exit(code)


def exit_code(exc: Exception) -> int:
    return next((code for kind, code in EXIT_CODES.items() if isinstance(exc, kind)), 1)


def failure(exc: Exception, what: str = "", code: int | None = None) -> typer.Exit:
    """An error as the researcher sees it: its message on stderr, after `what` failed when
    given; returns the Exit to raise, with `code` or the error's own exit code."""
    if what:
        err.print(f"[red]{escape(what)}:[/] {escape(str(exc))}")
    else:
        err.print(f"[red]{escape(str(exc))}[/]")
    return typer.Exit(exit_code(exc) if code is None else code)


@contextmanager
def reported(*kinds: type[Exception], what: str = "", code: int | None = None) -> Iterator[None]:
    """Turn an error of `kinds` (default: any SijillError) raised inside into `failure`."""
    caught = kinds or (SijillError,)
    try:
        yield
    except caught as exc:
        raise failure(exc, what, code) from None


class Group(TyperGroup):
    """The `sijill` command group: a SijillError no command reported itself still ends as
    its message and exit code, never as a traceback."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SijillError as exc:
            raise failure(exc) from None
