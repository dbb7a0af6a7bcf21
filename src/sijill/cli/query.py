"""`sijill searches ...`, `sijill alerts` and `sijill tag ...`: thin layers over saved
searches, their alerts, and a researcher's tags and notes."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from sijill.cli import DbOption  # cli imports this module after defining it
from sijill.cli.entities import AuthorOption
from sijill.cli.entities import _author as author_of
from sijill.errors import QueryError, StoreError
from sijill.query import parse
from sijill.query.alerts import alerts, mark_all_seen
from sijill.store import Archive, default_db_path
from sijill.store import labels as store_labels
from sijill.store import saved as store_saved

console = Console(soft_wrap=True)
err = Console(stderr=True)

UserOption = Annotated[str, typer.Option(
    "--user", envvar="SIJILL_USER", help="Whose saved searches (default: $SIJILL_USER or "
    "'local'; the web app's are its account names).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
EntityOption = Annotated[bool, typer.Option(
    "--entity", help="The target is an entity id (default: a document id).")]


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]{escape(message)}[/]")
    return typer.Exit(code)


def _open(db: Any) -> Archive:
    return Archive(db or default_db_path())


def _target(target: str, entity: bool) -> dict[str, str]:
    return {"entity_id": target} if entity else {"doc_id": target}


def register(app: typer.Typer) -> None:
    searches = typer.Typer(help="Saved searches (see `sijill alerts`).", no_args_is_help=True)
    tags = typer.Typer(help="Your own tags and notes on documents and entities.",
                       no_args_is_help=True)
    app.add_typer(searches, name="searches")
    app.add_typer(tags, name="tag")

    @searches.command("save")
    def save_command(name: str, query: str, user: UserOption = "local",
                     db: DbOption = None) -> None:
        """Save QUERY under NAME; `sijill alerts` then lists what new documents match it."""
        try:
            parse(query)
            with _open(db) as archive:
                found = store_saved.save(archive, user, name, query)
        except (QueryError, StoreError) as exc:
            raise _fail(str(exc), 2 if isinstance(exc, QueryError) else 1) from None
        console.print(f"saved [bold]{escape(found.name)}[/]: {escape(found.query)}")

    @searches.command("list")
    def list_command(user: UserOption = "local", as_json: JsonOption = False,
                     db: DbOption = None) -> None:
        """The saved searches."""
        with _open(db) as archive:
            found = store_saved.saved(archive, user)
        if as_json:
            _print_json([{"id": s.id, "name": s.name, "query": s.query, "seen_at": s.seen_at}
                         for s in found])
            return
        for s in found:
            console.print(f"{s.id}  [bold]{escape(s.name)}[/]  {escape(s.query)}")

    @searches.command("delete")
    def delete_command(name: str, user: UserOption = "local", db: DbOption = None) -> None:
        """Delete a saved search (by name or id)."""
        try:
            with _open(db) as archive:
                store_saved.delete(archive, user, name)
        except StoreError as exc:
            raise _fail(str(exc)) from None

    @app.command("alerts")
    def alerts_command(user: UserOption = "local", seen: Annotated[bool, typer.Option(
            "--mark-seen", help="Then mark them seen: the next run lists only newer ones.")]
            = False, as_json: JsonOption = False, db: DbOption = None) -> None:
        """What new documents match each saved search since it was last seen."""
        with _open(db) as archive:
            upto = store_saved.last_source(archive)
            found = alerts(archive, user)
            if seen:
                mark_all_seen(archive, user, upto)
        if as_json:
            _print_json([{"name": a.search.name, "query": a.search.query, "new": a.total,
                          "error": a.error, "documents": [
                              {"id": h.id, "title": h.title, "date": h.date} for h in a.hits]}
                         for a in found])
            return
        for a in found:
            head = f"[bold]{escape(a.search.name)}[/] ({escape(a.search.query)})"
            if a.error:
                console.print(f"{head}: [red]{escape(a.error)}[/]")
                continue
            console.print(f"{head}: {a.total} new")
            for h in a.hits:
                console.print(f"  [cyan]{escape(h.id)}[/] {escape(h.date or 'undated')} "
                              f"{escape(h.title)}")

    @tags.command("add")
    def tag_add(target: str, names: list[str], entity: EntityOption = False,
                author: AuthorOption = None, db: DbOption = None) -> None:
        """Put tags on a document (or, with --entity, an entity)."""
        _tag(db, target, names, entity, author, on=True)

    @tags.command("remove")
    def tag_remove(target: str, names: list[str], entity: EntityOption = False,
                   author: AuthorOption = None, db: DbOption = None) -> None:
        """Take tags off a document (or, with --entity, an entity)."""
        _tag(db, target, names, entity, author, on=False)

    @tags.command("note")
    def tag_note(target: str, text: str, entity: EntityOption = False,
                 author: AuthorOption = None, db: DbOption = None) -> None:
        """Set the note of a document or entity (an empty TEXT removes it)."""
        try:
            with _open(db) as archive:
                store_labels.set_note(archive, text, author=author_of(author),
                                      **_target(target, entity))
        except StoreError as exc:
            raise _fail(str(exc)) from None

    @tags.command("list")
    def tag_list(target: Annotated[str | None, typer.Argument()] = None,
                 entity: EntityOption = False, as_json: JsonOption = False,
                 db: DbOption = None) -> None:
        """Every tag with its document count, or one target's tags and note."""
        try:
            with _open(db) as archive:
                if target is None:
                    every = store_labels.all_tags(archive)
                    out: Any = [{"tag": t, "documents": n} for t, n in every]
                else:
                    found = store_labels.labels(archive, **_target(target, entity))
                    out = {"tags": found.tags, "note": found.note}
        except StoreError as exc:
            raise _fail(str(exc)) from None
        if as_json:
            _print_json(out)
        elif target is None:
            for row in out:
                console.print(f"{escape(row['tag'])}  {row['documents']}")
        else:
            console.print(", ".join(out["tags"]) or "(no tags)")
            if out["note"]:
                console.print(f"note: {escape(out['note'])}")


def _tag(db: Any, target: str, names: list[str], entity: bool, author: str | None, *,
         on: bool) -> None:
    try:
        with _open(db) as archive, archive.batch():
            done = [store_labels.set_tag(archive, name, on=on, author=author_of(author),
                                         **_target(target, entity)) for name in names]
    except StoreError as exc:
        raise _fail(str(exc)) from None
    console.print(("tagged " if on else "untagged ") + ", ".join(map(escape, done)))
