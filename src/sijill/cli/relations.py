"""`sijill relations add|confirm|reject|list`, `sijill timeline`, `sijill network`: thin
layers over sijill.store.relations, sijill.relations.timeline and sijill.relations.network."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from sijill.cli._util import (
    ClaimAuthorOption,
    ClaimNoteOption,
    DbOption,
    JsonOption,
    author_of,
    err,
    fail,
    listing,
    open_archive,
    print_json,
    reported,
)
from sijill.names import fold_value
from sijill.relations import network as net
from sijill.relations import timeline as tl
from sijill.relations.names import display_name, names_by_id, names_of
from sijill.store import relation_claims
from sijill.store import relations as store
from sijill.store.network import Window

relations_app = typer.Typer(help="Relations between actors: list, add, confirm, reject.",
                            no_args_is_help=True)


class NetworkFormat(StrEnum):
    json = "json"
    graphml = "graphml"
    gexf = "gexf"


def _evidence(value: str) -> tuple[int, int]:
    try:
        start, end = (int(x) for x in value.split(":"))
    except ValueError:
        raise typer.BadParameter("give the evidence as START:END offsets") from None
    return start, end


def resolve_actor(table: dict[str, list[str]], value: str) -> str | None:
    """An entity id of the document, by its id or by one of its names."""
    if value in table:
        return value
    hits = [i for i in table if fold_value(value) in {fold_value(n) for n in names_of(i, table)}]
    return hits[0] if len(hits) == 1 else None


def _line(claim: store.Claim, table: dict[str, list[str]]) -> str:
    rel = claim.relation
    review = f" [{claim.review} by {claim.author}]" if claim.review else ""
    origin = " (added)" if claim.origin == "human" else ""
    return (f"[cyan]{claim.key}[/] {rel.type} {escape(display_name(rel.source, table))} → "
            f"{escape(display_name(rel.target, table))} {escape(f'[{rel.status}]')}{origin}"
            f"{escape(review)}"
            f"\n    “{escape(claim.evidence[:160])}” ({claim.doc_id} "
            f"{rel.evidence.start}:{rel.evidence.end})")


@relations_app.command("list")
def list_command(
    document: Annotated[str | None, typer.Option("--document", help="One document's.")] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="Touching an actor.")] = None,
    as_json: JsonOption = False, db: DbOption = None,
) -> None:
    """Relations with their ids (for confirm / reject), evidence and review."""
    with open_archive(db) as archive:
        if document:
            doc = archive.document(document)
            if doc is None:
                raise fail(f"no document {document}")
            items = [(doc, relation_claims.claims(archive, document))]
        else:
            items = list(relation_claims.all_claims(archive))
    rows = []
    for doc, claims in items:
        table = names_by_id(doc)
        for c in claims:
            ends = (c.relation.source, c.relation.target)
            if entity and not any(tl.matches(x, entity, table) for x in ends):
                continue
            rows.append((c, table))
    if as_json:
        print_json([{**c.to_dict(), "source_name": display_name(c.relation.source, t),
                      "target_name": display_name(c.relation.target, t)} for c, t in rows])
        return
    listing.print(f"{len(rows)} relations")
    for c, t in rows:
        listing.print(_line(c, t))


@relations_app.command("add")
def add_command(
    source: Annotated[str, typer.Argument(help="Entity id or name in the document.")],
    type_: Annotated[str, typer.Argument(metavar="TYPE", help=", ".join(store.TYPES))],
    target: Annotated[str, typer.Argument(help="Entity id or name in the document.")],
    document: Annotated[str, typer.Option("--document", help="The document's id.")],
    evidence: Annotated[str, typer.Option("--evidence", help="START:END of the words.")],
    status: Annotated[str, typer.Option("--status", help=", ".join(store.STATUSES))] = "asserted",
    author: ClaimAuthorOption = None, note: ClaimNoteOption = None, db: DbOption = None,
) -> None:
    """Add a relation by hand, with its evidence; it survives re-ingest and reprocess."""
    with open_archive(db) as archive:
        doc = archive.document(document)
        if doc is None:
            raise fail(f"no document {document}")
        table = names_by_id(doc)
        ends = [resolve_actor(table, v) for v in (source, target)]
        for value, found in zip((source, target), ends, strict=True):
            if found is None:
                known = "; ".join(f"{i} ({names_of(i, table)[0]})" for i in table)
                raise fail(f"{value!r} names no single actor of {document}; known: {known}")
        with reported():
            key = relation_claims.add_relation(
                archive, document, type_, ends[0] or "", ends[1] or "",
                evidence=_evidence(evidence), status=status, author=author_of(author), note=note)
    listing.print(f"added relation {key}")


def _judge(key: str, verdict: str, author: str | None, note: str | None,
           db: Path | None) -> None:
    with open_archive(db) as archive, reported():
        claim = relation_claims.judge(archive, key, verdict, author=author_of(author), note=note)
    listing.print(f"{claim.key} {claim.review} by {escape(claim.author or '')} at {claim.at}")


@relations_app.command("confirm")
def confirm_command(key: Annotated[str, typer.Argument(metavar="ID")],
                    author: ClaimAuthorOption = None, note: ClaimNoteOption = None,
                    db: DbOption = None) -> None:
    """Confirm a relation (machine or added): who and when are kept."""
    _judge(key, "confirm", author, note, db)


@relations_app.command("reject")
def reject_command(key: Annotated[str, typer.Argument(metavar="ID")],
                   author: ClaimAuthorOption = None, note: ClaimNoteOption = None,
                   db: DbOption = None) -> None:
    """Reject a relation: it leaves the network and timelines, and stays in the trail."""
    _judge(key, "reject", author, note, db)


def _when(value: dict[str, Any] | None) -> str:
    if not value or not value.get("iso"):
        return "undated"
    hijri = f" / {value['hijri']} AH" if value.get("hijri") else ""
    return f"{value['iso']}{hijri}"


def timeline_command(
    entity: Annotated[str, typer.Argument(help="Entity id or name.")],
    as_json: JsonOption = False, db: DbOption = None,
) -> None:
    """One actor over time: documents, roles, relations, first and last appearance."""
    with open_archive(db) as archive:
        found = tl.build(relation_claims.all_claims(archive), entity)
    if found is None:
        raise fail(f"nothing in the archive names {entity!r}")
    data = found.to_dict()
    if as_json:
        print_json(data)
        return
    listing.print(f"[bold]{escape(data['name'])}[/] ({data['entity']}): "
                  f"{len(data['documents'])} documents, first {_when(data['first'])}, "
                  f"last {_when(data['last'])}")
    for r in data["roles"]:
        listing.print(f"  role: {r['role']} of {escape(r['of'])} ({_when(r['date'])})")
    for d in data["documents"]:
        label = d["title"] or d["subject"] or ""
        listing.print(f"  {_when(d['date'])}  {d['id']}  {escape(label)}")
    for r in data["relations"]:
        status = escape(f"[{r['status']}]")
        listing.print(f"  {_when(r['date'])}  {r['type']} {r['direction']} "
                      f"{escape(r['other'])} {status}  {r['id']}")


def network_command(
    start: Annotated[str | None, typer.Option("--from", help="ISO date, inclusive.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="ISO date, inclusive.")] = None,
    types: Annotated[list[str] | None, typer.Option("--type", help="Relation types.")] = None,
    fmt: Annotated[NetworkFormat, typer.Option("--format")] = NetworkFormat.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file.")] = None,
    db: DbOption = None,
) -> None:
    """The network of actors, edges weighted by supporting documents, with their evidence."""
    bad = [t for t in types or [] if t not in store.TYPES]
    if bad:
        raise fail(f"unknown type {', '.join(bad)}; types: {', '.join(store.TYPES)}", 2)
    window = Window(start, end, frozenset(types) if types else None)
    with open_archive(db) as archive:
        graph = net.build(relation_claims.all_claims(archive), window)
    text = net.serialise(graph, fmt.value)
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"{graph.number_of_nodes()} actors, {graph.number_of_edges()} edges → {output}")
    else:
        sys.stdout.write(text + ("\n" if not text.endswith("\n") else ""))

