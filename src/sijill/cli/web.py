"""`sijill serve` and `sijill users ...`: thin layers over the web app and the accounts."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from sijill.cli._util import DbOption, console, fail, open_archive, reported
from sijill.errors import StoreError
from sijill.store import Archive, default_db_path, sessions, users
from sijill.store.sessions import HOUR, Policy
from sijill.web.offloop import THREADS
from sijill.web.readers import STALE_SECONDS


class RoleName(StrEnum):
    reader = "reader"
    editor = "editor"
    admin = "admin"


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=0, max=65535)] = 8000,
    public: Annotated[bool, typer.Option(
        "--public", help="Anyone may read without signing in (writes still need an "
        "editor).")] = False,
    secure_cookies: Annotated[bool, typer.Option(
        "--secure-cookies", help="Send the session cookie over HTTPS only (behind a "
        "TLS proxy).")] = False,
    workers: Annotated[int, typer.Option(
        help="Server processes (each serves --threads requests at once).",
        min=1, max=64)] = 1,
    threads: Annotated[int, typer.Option(
        help="Requests each process serves at once, each in its own thread with its "
        "own connections.", min=1, max=256)] = THREADS,
    session_idle: Annotated[float, typer.Option(
        "--session-idle", help="Hours a session lasts unused.", min=0.01)] = 12.0,
    session_max: Annotated[float, typer.Option(
        "--session-max", help="Days a session lasts in all.", min=0.001)] = 7.0,
    cache_lag: Annotated[float, typer.Option(
        "--cache-lag", help="Seconds cached answers (facet counts, listings, spellings) "
        "may lag a running ingest or reprocess; never a reader's own edits.",
        min=0)] = STALE_SECONDS,
    db: DbOption = None,
) -> None:
    """Serve the archive as a web app (search, reader, entities, network, curation)."""
    import uvicorn

    from sijill.web.app import ENV, create_app

    path = db or default_db_path()
    policy = {"idle": session_idle * HOUR, "absolute": session_max * 24 * HOUR}
    options = {"db": str(path), "public": public, "secure_cookies": secure_cookies,
               "threads": threads, "policy": policy, "stale": cache_lag}
    application = create_app(path, public=public, secure_cookies=secure_cookies,
                             threads=threads, policy=Policy(**policy), stale=cache_lag)
    with Archive(path) as archive:
        count = archive.stats()["documents"]
        accounts = len(users.list_users(archive))
    console.print(f"Serving {escape(str(path))} ({count} documents) at "
                  f"[bold]http://{host}:{port}/[/] with {workers} × {threads} threads "
                  "— Ctrl-C stops it")
    if not public and not accounts:
        console.print("[yellow]No accounts yet: add one with[/] sijill users add NAME "
                      "--role admin [yellow](or serve with --public to read without)[/]")
    if workers == 1:
        uvicorn.run(application, host=host, port=port, log_level="warning")
        return
    # each worker process imports the app anew: its settings go in the environment
    os.environ[ENV] = json.dumps(options)
    uvicorn.run("sijill.web.app:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level="warning")


users_app = typer.Typer(help="Accounts of the web app.", no_args_is_help=True)


def _when(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")


@users_app.command("sessions")
def users_sessions(
    user: Annotated[str | None, typer.Option(
        "--user", help="Only this account's sessions.")] = None,
    revoke: Annotated[str | None, typer.Option(
        "--revoke", help="End the session with this id; 'all' ends every session "
        "listed (with --user: that account's).")] = None,
    db: DbOption = None,
) -> None:
    """The live sessions of the web app (who, since when, from where), or end some."""
    with reported(StoreError, code=2), open_archive(db) as archive:
        if revoke is None:
            found = sessions.list_sessions(archive, user)
        elif revoke == "all":
            ended = sessions.revoke(archive, user=user) if user else sum(
                sessions.revoke(archive, user=u.name) for u in users.list_users(archive))
        elif revoke.isdigit() and len(revoke) < 19:
            ended = sessions.revoke(archive, int(revoke), user=user)
        else:
            raise StoreError("--revoke takes a session id (a number) or 'all'")
    if revoke is not None:
        if revoke != "all" and not ended:
            raise fail(f"no live session {revoke}")
        console.print(f"ended {ended} session{'s' if ended != 1 else ''}")
        return
    table = Table("id", "user", "signed in", "last seen", "expires", "address", "agent")
    for found_session in found:
        table.add_row(str(found_session.id), escape(found_session.user),
                      _when(found_session.created_at), _when(found_session.last_seen),
                      _when(found_session.expires_at), escape(found_session.address or "—"),
                      escape((found_session.agent or "—")[:40]))
    console.print(table)


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="The account's name.")],
    role: Annotated[RoleName, typer.Option("--role")] = RoleName.reader,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from standard input.")] = False,
    db: DbOption = None,
) -> None:
    """Add an account: reader (reads), editor (also corrects), admin (also accounts)."""
    password = _read_password(password_stdin)
    with reported(), open_archive(db) as archive:
        user = users.add_user(archive, name, password, role.value)
    console.print(f"added {escape(user.name)} ({user.role})")


@users_app.command("list")
def users_list(db: DbOption = None) -> None:
    """The accounts, with their roles and last sign-in."""
    with open_archive(db) as archive:
        found = users.list_users(archive)
    table = Table("name", "role", "created", "last sign-in")
    for user in found:
        table.add_row(escape(user.name), user.role, user.created_at, user.last_login or "—")
    console.print(table)


@users_app.command("role")
def users_role(name: str, role: Annotated[RoleName, typer.Argument()],
               db: DbOption = None) -> None:
    """Change an account's role."""
    _apply(db, lambda a: users.set_role(a, name, role.value), f"{name} is now {role.value}")


@users_app.command("password")
def users_password(
    name: str,
    password_stdin: Annotated[bool, typer.Option("--password-stdin")] = False,
    db: DbOption = None,
) -> None:
    """Set an account's password."""
    password = _read_password(password_stdin)
    _apply(db, lambda a: users.set_password(a, name, password), f"password of {name} set")


@users_app.command("remove")
def users_remove(name: str, db: DbOption = None) -> None:
    """Remove an account (its edits stay in the audit trail under its name)."""
    _apply(db, lambda a: users.remove_user(a, name), f"removed {name}")


def _apply(db: Path | None, action: object, done: str) -> None:
    with reported(), open_archive(db) as archive:
        action(archive)  # type: ignore[operator]
    console.print(escape(done))
