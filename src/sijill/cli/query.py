"""`sijill search`, `sijill searches ...`, `sijill alerts` and `sijill tag ...`: thin layers
over the query language, saved searches, their alerts, and a researcher's tags and notes."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from sijill.cli._util import (
    DbOption,
    EditAuthorOption,
    JsonOption,
    author_of,
    console,
    listing,
    open_archive,
    print_json,
    reported,
)
from sijill.errors import QueryError
from sijill.query import parse
from sijill.store import labels as store_labels
from sijill.store import saved as store_saved
from sijill.store.search import alerts, mark_all_seen, search

UserOption = Annotated[str, typer.Option(
    "--user", envvar="SIJILL_USER", help="Whose saved searches (default: $SIJILL_USER or "
    "'local'; the web app's are its account names).")]
EntityOption = Annotated[bool, typer.Option(
    "--entity", help="The target is an entity id (default: a document id).")]


def search_command(
    query: Annotated[str, typer.Argument(help="A query: words, \"a phrase\", AND/OR/NOT, "
                                         "fields, dates (docs/query-language.md).")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 10,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Search the archive with the query language, best first (exit 2 on a query error)."""
    with open_archive(db) as archive, reported(QueryError, what="query error"):
        results = search(archive.connection, query, limit=limit, seconds=None)
    if as_json:
        print_json({
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


# -- saved searches and their alerts --------------------------------------------------------

searches_app = typer.Typer(help="Saved searches (see `sijill alerts`).", no_args_is_help=True)


@searches_app.command("save")
def save_command(name: str, query: str, user: UserOption = "local",
                 db: DbOption = None) -> None:
    """Save QUERY under NAME; `sijill alerts` then lists what new documents match it."""
    with reported():
        parse(query)
        with open_archive(db) as archive:
            found = store_saved.save(archive, user, name, query)
    listing.print(f"saved [bold]{escape(found.name)}[/]: {escape(found.query)}")


@searches_app.command("list")
def list_command(user: UserOption = "local", as_json: JsonOption = False,
                 db: DbOption = None) -> None:
    """The saved searches."""
    with open_archive(db) as archive:
        found = store_saved.saved(archive, user)
    if as_json:
        print_json([{"id": s.id, "name": s.name, "query": s.query, "seen_at": s.seen_at}
                    for s in found])
        return
    for s in found:
        listing.print(f"{s.id}  [bold]{escape(s.name)}[/]  {escape(s.query)}")


@searches_app.command("delete")
def delete_command(name: str, user: UserOption = "local", db: DbOption = None) -> None:
    """Delete a saved search (by name or id)."""
    with reported(), open_archive(db) as archive:
        store_saved.delete(archive, user, name)


def alerts_command(user: UserOption = "local", seen: Annotated[bool, typer.Option(
        "--mark-seen", help="Then mark them seen: the next run lists only newer ones.")]
        = False, as_json: JsonOption = False, db: DbOption = None) -> None:
    """What new documents match each saved search since it was last seen."""
    with open_archive(db) as archive:
        upto = store_saved.last_source(archive)
        found = alerts(archive, user)
        if seen:
            mark_all_seen(archive, user, upto)
    if as_json:
        print_json([{"name": a.search.name, "query": a.search.query, "new": a.total,
                     "error": a.error, "documents": [
                         {"id": h.id, "title": h.title, "date": h.date} for h in a.hits]}
                    for a in found])
        return
    for a in found:
        head = f"[bold]{escape(a.search.name)}[/] ({escape(a.search.query)})"
        if a.error:
            listing.print(f"{head}: [red]{escape(a.error)}[/]")
            continue
        listing.print(f"{head}: {a.total} new")
        for h in a.hits:
            listing.print(f"  [cyan]{escape(h.id)}[/] {escape(h.date or 'undated')} "
                          f"{escape(h.title)}")


# -- tags and notes -------------------------------------------------------------------------

tags_app = typer.Typer(help="Your own tags and notes on documents and entities.",
                       no_args_is_help=True)


def _target(target: str, entity: bool) -> dict[str, str]:
    return {"entity_id": target} if entity else {"doc_id": target}


@tags_app.command("add")
def tag_add(target: str, names: list[str], entity: EntityOption = False,
            author: EditAuthorOption = None, db: DbOption = None) -> None:
    """Put tags on a document (or, with --entity, an entity)."""
    _tag(db, target, names, entity, author, on=True)


@tags_app.command("remove")
def tag_remove(target: str, names: list[str], entity: EntityOption = False,
               author: EditAuthorOption = None, db: DbOption = None) -> None:
    """Take tags off a document (or, with --entity, an entity)."""
    _tag(db, target, names, entity, author, on=False)


@tags_app.command("note")
def tag_note(target: str, text: str, entity: EntityOption = False,
             author: EditAuthorOption = None, db: DbOption = None) -> None:
    """Set the note of a document or entity (an empty TEXT removes it)."""
    with reported(), open_archive(db) as archive:
        store_labels.set_note(archive, text, author=author_of(author),
                              **_target(target, entity))


@tags_app.command("list")
def tag_list(target: Annotated[str | None, typer.Argument()] = None,
             entity: EntityOption = False, as_json: JsonOption = False,
             db: DbOption = None) -> None:
    """Every tag with its document count, or one target's tags and note."""
    with reported(), open_archive(db) as archive:
        if target is None:
            every = store_labels.all_tags(archive)
            out: Any = [{"tag": t, "documents": n} for t, n in every]
        else:
            found = store_labels.labels(archive, **_target(target, entity))
            out = {"tags": found.tags, "note": found.note}
    if as_json:
        print_json(out)
    elif target is None:
        for row in out:
            listing.print(f"{escape(row['tag'])}  {row['documents']}")
    else:
        listing.print(", ".join(out["tags"]) or "(no tags)")
        if out["note"]:
            listing.print(f"note: {escape(out['note'])}")


def _tag(db: Any, target: str, names: list[str], entity: bool, author: str | None, *,
         on: bool) -> None:
    with reported(), open_archive(db) as archive, archive.batch():
        done = [store_labels.set_tag(archive, name, on=on, author=author_of(author),
                                     **_target(target, entity)) for name in names]
    listing.print(("tagged " if on else "untagged ") + ", ".join(map(escape, done)))
