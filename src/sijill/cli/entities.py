"""`sijill names ...`, `sijill entities ...` and `sijill entity ID`: thin layers over
sijill.names and sijill.store.entities."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.markup import escape

from sijill.cli._util import (
    DbOption,
    EditAuthorOption,
    EditNoteOption,
    JsonOption,
    author_of,
    fail,
    listing,
    open_archive,
    print_json,
    reported,
)
from sijill.names import compare, name_key
from sijill.store import DatedMention, entity_edits
from sijill.store import entities as store

# -- names ----------------------------------------------------------------------------------

names_app = typer.Typer(help="Name keys and matching of transliteration variants.",
                        no_args_is_help=True)


@names_app.command("key")
def key_command(name: Annotated[str, typer.Argument(help="A name in any spelling.")]) -> None:
    """Print the name's key: the form its spelling variants share."""
    sys.stdout.write(name_key(name) + "\n")


@names_app.command("compare")
def compare_command(name1: str, name2: str, as_json: JsonOption = False) -> None:
    """Whether two spellings are one name, with a score in [0, 1]."""
    same, score = compare(name1, name2)
    key1, key2 = name_key(name1), name_key(name2)
    if as_json:
        sys.stdout.write(json.dumps(
            {"same": same, "score": score, "key1": key1, "key2": key2}, ensure_ascii=False)
            + "\n")
        return
    verdict = "[green]same name[/]" if same else "[yellow]different names[/]"
    listing.print(f"{verdict} (score {score:.3f})")
    listing.print(f"  {escape(name1)}: {escape(key1)}\n  {escape(name2)}: {escape(key2)}")


# -- entities -------------------------------------------------------------------------------

entities_app = typer.Typer(help="Entities across the archive, and their curation.")


def _aliases(summary: store.EntitySummary, limit: int = 4) -> str:
    shown = [f"{a.name} ({a.count})" for a in summary.aliases[:limit]]
    more = len(summary.aliases) - limit
    return ", ".join(shown) + (f", +{more}" if more > 0 else "")


@entities_app.callback(invoke_without_command=True)
def entities_command(
    ctx: typer.Context,
    type_: Annotated[str | None, typer.Option("--type", help="person, organization or place.")]
    = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Names containing this, "
                                              "or spelling the same name.")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List the archive's entities, most mentioned first; or curate them (see commands)."""
    if ctx.invoked_subcommand is not None:
        return
    with open_archive(db) as archive:
        found = store.list_entities(archive, type=type_, query=query)
    if as_json:
        print_json({"entities": [s.to_dict() for s in found], "total": len(found)})
        return
    listing.print(f"{len(found)} {'entity' if len(found) == 1 else 'entities'}")
    for s in found:
        dates = f"{s.first_date} – {s.last_date}" if s.first_date else "undated"
        also = f"; also {escape(_aliases(s))}" if s.aliases else ""
        listing.print(f"[cyan]{s.id}[/]  {s.type}  [bold]{escape(s.name)}[/]\n"
                      f"    {s.documents} docs, {s.mentions} mentions, {dates}{also}",
                      soft_wrap=True)


def _edit(db: Any, action: Any) -> Any:
    with reported(), open_archive(db) as archive:
        return action(archive)


@entities_app.command("merge")
def merge_command(
    keep: Annotated[str, typer.Argument(help="The entity to keep (its id and name stay).")],
    other: Annotated[str, typer.Argument(help="The entity merged into it.")],
    author: EditAuthorOption = None, note: EditNoteOption = None, db: DbOption = None,
) -> None:
    """Make OTHER part of KEEP: one entity, with both names and documents."""
    edit_id = _edit(db, lambda a: entity_edits.merge(a, keep, other, author=author_of(author),
                                                     note=note))
    listing.print(f"merged {escape(other)} into {escape(keep)} (edit {edit_id})")


@entities_app.command("split")
def split_command(
    entity_id: Annotated[str, typer.Argument(metavar="ID")],
    mention: Annotated[str, typer.Option("--mention", "-m", help="DOCID:START-END, as "
                                         "`sijill entity ID` lists them.")],
    author: EditAuthorOption = None, note: EditNoteOption = None, db: DbOption = None,
) -> None:
    """Move one mention of an entity to a new entity of its own; prints the new id."""
    new_id = _edit(db, lambda a: entity_edits.split(a, entity_id, mention,
                                                    author=author_of(author), note=note))
    listing.print(f"split {escape(mention)} out of {escape(entity_id)} as {escape(new_id)}")


@entities_app.command("rename")
def rename_command(
    entity_id: Annotated[str, typer.Argument(metavar="ID")],
    name: Annotated[str, typer.Argument(metavar="NAME")],
    author: EditAuthorOption = None, note: EditNoteOption = None, db: DbOption = None,
) -> None:
    """Give an entity the name it should be shown by (the old one stays an alias)."""
    edit_id = _edit(db, lambda a: entity_edits.rename(a, entity_id, name,
                                                      author=author_of(author), note=note))
    listing.print(f"renamed {escape(entity_id)} to {escape(name)} (edit {edit_id})")


def _date_line(label: str, m: DatedMention | None) -> str:
    if m is None:
        return f"  {label}: —"
    hijri = m.hijri or {}
    h = hijri.get("text") or (f"{hijri['day']}/{hijri['month']}/{hijri['year']} AH"
                             if hijri.get("year") else "")
    return f"  {label}: {m.iso} ({escape(h) or 'no Hijri date'}) in {m.doc}"


def _what(e: dict[str, Any]) -> str:
    if e["kind"] == "split":
        return f" {e['mention_now'] or e['mention']['text']} → {e['other']}"
    if e["kind"] == "merge":
        return f" {e['other']} into {e['entity']}"
    return f" {e['entity']} → {e['name']}"


def _print_detail(d: store.EntityDetail) -> None:
    listing.print(f"[bold]{escape(d.name)}[/]  {d.id}  {d.type}")
    listing.print("  names: " + escape(", ".join(f"{n.name} ({n.count})" for n in d.names)))
    listing.print("  roles: " + (", ".join(f"{r.name} ({r.count})" for r in d.roles) or "—"))
    listing.print(_date_line("first dated mention", d.first_mention))
    listing.print(_date_line("last dated mention", d.last_mention))
    listing.print(f"  documents ({len(d.documents)}):")
    for doc in d.documents:
        listing.print(f"    {doc.id}  {doc.date or '—'}  {escape(doc.title or '(untitled)')}")
    listing.print(f"  mentions ({len(d.mentions)}):")
    for m in d.mentions:
        roles = f"  [{', '.join(m.roles)}]" if m.roles else ""
        listing.print(f"    {m.ref}  {escape(m.text)}{escape(roles)}")
    for e in d.edits:
        where = _what(e)
        status = "" if e["status"] != "unanchored" else " [red]UNANCHORED[/]"
        listing.print(f"  edit {e['id']}: {e['kind']}{escape(where)} by {escape(e['author'])}"
                      f" {e['created_at']}{status}" + (f" — {escape(e['note'])}"
                                                       if e["note"] else ""))


def entity_command(
    entity_id: Annotated[str, typer.Argument(metavar="ID")],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """One entity: its names with counts, roles, documents, mentions, dates and edits."""
    with open_archive(db) as archive:
        detail = store.get_entity(archive, entity_id)
    if detail is None:
        raise fail(f"no entity {entity_id}")
    if as_json:
        print_json(detail.to_dict())
    else:
        _print_detail(detail)
