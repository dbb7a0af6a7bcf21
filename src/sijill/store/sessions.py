"""Server-side sessions of the web app and the sign-in rate limit, kept in the archive.

A session is a random token in the (signed) cookie; the archive keeps only its SHA-256, with
the account, when it began, when it was last used, and whether it was revoked. So signing out
ends the session for every copy of the cookie, an admin can end any session
(`sijill users sessions --revoke`), and a session lasts at most `Policy.absolute` seconds
in all and `Policy.idle` seconds unused.

Failed sign-ins are counted per account name and per client address over a sliding window:
past the limit, sign-in is refused (before any password is checked) until the window has
moved on, whatever password is given.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import time
from dataclasses import dataclass

from sijill.errors import StoreError
from sijill.store.db import Database
from sijill.store.users import User

HOUR = 3600.0
TOUCH_EVERY = 300.0  # last_seen is written at most this often per session
KEEP = 30 * 24 * HOUR  # how long an ended session's row is kept


def clock() -> float:
    """Now, in Unix seconds (one place, so tests can move time on)."""
    return time.time()


@dataclass(frozen=True, slots=True)
class Policy:
    """How long a session lasts: `idle` seconds unused, `absolute` seconds in all."""

    idle: float = 12 * HOUR
    absolute: float = 7 * 24 * HOUR


@dataclass(frozen=True, slots=True)
class Limits:
    """At most `account` failed sign-ins per account name and `address` per client address
    within `window` seconds."""

    account: int = 5
    address: int = 20
    window: float = 15 * 60.0


@dataclass(frozen=True, slots=True)
class Session:
    """A live session of the web app, as `sijill users sessions` lists it."""

    id: int
    user: str
    created_at: float
    last_seen: float
    expires_at: float
    address: str | None
    agent: str | None
    revoked_at: float | None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def create(archive: Database, user: User, *, address: str | None, agent: str | None,
           policy: Policy) -> str:
    """A new session for `user`; returns the token for the cookie (stored only hashed)."""
    token = secrets.token_urlsafe(32)
    now = clock()
    with archive.batch():
        # ended sessions are kept a month (who signed in when, from where), then forgotten
        archive.connection.execute(
            "DELETE FROM sessions WHERE expires_at < ?1 OR revoked_at < ?1", (now - KEEP,))
        changed = archive.connection.execute(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen, expires_at,"
            " address, agent) SELECT ?, id, ?, ?, ?, ?, ? FROM users WHERE name = ?",
            (_hash(token), now, now, now + policy.absolute, address, (agent or "")[:200] or None,
             user.name)).rowcount
    if not changed:
        raise StoreError(f"no user {user.name!r}")
    return token


def resolve(archive: Database, token: str, policy: Policy) -> tuple[int, str, float] | None:
    """(session id, account name, last seen) of a live session, else None. Only reads."""
    now = clock()
    row = archive.connection.execute(
        "SELECT s.id, u.name, s.last_seen FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?"
        " AND s.last_seen > ?", (_hash(token), now, now - policy.idle)).fetchone()
    return (row[0], row[1], row[2]) if row else None


def touch(archive: Database, session_id: int) -> None:
    """Mark a session used now (for the idle limit)."""
    with archive.batch():
        archive.connection.execute("UPDATE sessions SET last_seen = ? WHERE id = ?",
                                   (clock(), session_id))


def revoke_token(archive: Database, token: str) -> None:
    """End the session of this cookie token (signing out)."""
    with archive.batch():
        archive.connection.execute(
            "UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
            (clock(), _hash(token)))


def revoke(archive: Database, session_id: int | None = None, *, user: str | None = None) -> int:
    """End one session, or every live session of `user`; returns how many ended."""
    if session_id is None and user is None:
        raise StoreError("say which session (an id) or whose sessions (a user) to revoke")
    sql, params = ("UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL", [clock()])
    if session_id is not None:
        sql += " AND id = ?"
        params.append(session_id)
    if user is not None:
        sql += " AND user_id = (SELECT id FROM users WHERE name = ?)"
        params.append(user)
    with archive.batch():
        return archive.connection.execute(sql, params).rowcount


def list_sessions(archive: Database, user: str | None = None, *,
                  policy: Policy | None = None) -> list[Session]:
    """Live sessions (by `policy`, when given: else every unrevoked unexpired one), newest
    first; of one account when `user` is given."""
    now = clock()
    idle = policy.idle if policy else float("inf")
    sql = ("SELECT s.id, u.name, s.created_at, s.last_seen, s.expires_at, s.address, s.agent,"
           " s.revoked_at FROM sessions s JOIN users u ON u.id = s.user_id"
           " WHERE s.revoked_at IS NULL AND s.expires_at > ? AND s.last_seen > ?")
    params: list[object] = [now, now - idle]
    if user is not None:
        sql += " AND u.name = ?"
        params.append(user)
    rows = archive.connection.execute(sql + " ORDER BY s.created_at DESC, s.id DESC", params)
    return [Session(*row) for row in rows]


# -- the sign-in rate limit ---------------------------------------------------------------


def retry_after(archive: Database, account: str, address: str, limits: Limits) -> int | None:
    """Seconds until a sign-in as `account` from `address` may be tried again, or None when
    it may be tried now. Only reads."""
    now = clock()
    since = now - limits.window
    waits = []
    for column, most, value in (("account", limits.account, account),
                                ("address", limits.address, address)):
        rows = archive.connection.execute(
            f"SELECT at FROM login_failures WHERE {column} = ? AND at > ?"  # noqa: S608
            " ORDER BY at DESC LIMIT ?", (value, since, most)).fetchall()
        if len(rows) >= most:
            # free again when the oldest of the last `most` failures leaves the window
            waits.append(rows[-1][0] + limits.window - now)
    return max(1, math.ceil(max(waits))) if waits else None


def record_failure(archive: Database, account: str, address: str, limits: Limits) -> None:
    """Count a failed sign-in (and forget those older than the window)."""
    now = clock()
    with archive.batch():
        archive.connection.execute("DELETE FROM login_failures WHERE at <= ?",
                                   (now - limits.window,))
        archive.connection.execute(
            "INSERT INTO login_failures (account, address, at) VALUES (?, ?, ?)",
            (account[:200], address, now))


def clear_failures(archive: Database, account: str) -> None:
    """Forget an account's failed sign-ins once its owner has signed in."""
    with archive.batch():
        archive.connection.execute("DELETE FROM login_failures WHERE account = ?", (account,))
