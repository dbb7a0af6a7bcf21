"""`sijill pairs list|link|unlink`: originals and their translations, a thin layer over
sijill.store.pairs and sijill.checks.pairing."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from sijill.checks import pairing
from sijill.cli._util import (
    ClaimAuthorOption,
    ClaimNoteOption,
    DbOption,
    JsonOption,
    author_of,
    listing,
    open_archive,
    print_json,
    reported,
)
from sijill.store import pairs

pairs_app = typer.Typer(help="Originals and their translations: list the links, link two "
                             "documents, take a link away.", no_args_is_help=True)
Original = Annotated[str, typer.Argument(help="The original's document id.")]
Translation = Annotated[str, typer.Argument(help="The translation's document id.")]


@pairs_app.command("list")
def list_command(doc_id: Annotated[str | None, typer.Argument(help="Only this document's.")]
                 = None, as_json: JsonOption = False, db: DbOption = None) -> None:
    """Every standing link (or one document's), with how it was found."""
    with open_archive(db) as archive:
        links = [p.to_dict() for p in pairs.effective(archive)
                 if doc_id is None or doc_id in (p.original_id, p.translation_id)]
    if as_json:
        print_json({"pairs": links})
        return
    for p in links:
        by = f", linked by {p['linked_by']}" if p["linked_by"] else ""
        listing.print(f"{p['original']} original of {p['translation']} "
                      f"({p['basis']}{by})")


@pairs_app.command("link")
def link_command(original: Original, translation: Translation, author: ClaimAuthorOption = None,
                 note: ClaimNoteOption = None, db: DbOption = None) -> None:
    """Link two documents as an original and its translation (a human edit, kept through
    re-ingest, reprocess and export)."""
    with reported(), open_archive(db) as archive:
        number = pairs.link(archive, original, translation, author=author_of(author), note=note)
        pairing.refresh(archive, (), touched=(original, translation))
    listing.print(f"link {number} recorded")


@pairs_app.command("unlink")
def unlink_command(original: Original, translation: Translation,
                   author: ClaimAuthorOption = None, note: ClaimNoteOption = None,
                   db: DbOption = None) -> None:
    """Take a link away, found at ingest or made by a researcher (a human edit)."""
    with reported(), open_archive(db) as archive:
        number = pairs.unlink(archive, original, translation, author=author_of(author),
                              note=note)
        pairing.refresh(archive, (), touched=(original, translation))
    listing.print(f"unlink {number} recorded: {escape(original)} and {escape(translation)}")
