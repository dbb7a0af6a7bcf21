"""Accounts of the web app: names, roles and argon2 password hashes, kept in the archive.

Roles are ordered: a reader reads, an editor also writes to the human layer, an admin also
manages accounts. Passwords are never stored, only argon2id hashes (argon2-cffi's defaults,
re-hashed on login when those defaults grow stronger).
"""

from __future__ import annotations

import secrets as _secrets
import sqlite3
from dataclasses import dataclass
from typing import Literal, cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from sijill.errors import StoreError
from sijill.store.db import Database, now

Role = Literal["reader", "editor", "admin"]
ROLES: tuple[Role, ...] = ("reader", "editor", "admin")
MIN_PASSWORD = 8

_hasher = PasswordHasher()
# Verified against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


@dataclass(frozen=True, slots=True)
class User:
    """An account of the web app: its name, role and sign-in times."""

    name: str
    role: Role
    created_at: str
    last_login: str | None = None

    def can(self, role: Role) -> bool:
        """Whether this user has `role` or a higher one."""
        return ROLES.index(self.role) >= ROLES.index(role)


def _check(name: str, password: str | None, role: str | None) -> None:
    if not name or name != name.strip() or len(name) > 64 or any(c.isspace() for c in name):
        raise StoreError("a user name is 1 to 64 characters without spaces")
    if password is not None and len(password) < MIN_PASSWORD:
        raise StoreError(f"a password has at least {MIN_PASSWORD} characters")
    if role is not None and role not in ROLES:
        raise StoreError(f"role must be one of {', '.join(ROLES)}")


_COLUMNS = "name, role, created_at, last_login"


def _user(row: tuple[str, str, str, str | None]) -> User:
    return User(row[0], cast(Role, row[1]), row[2], row[3])


def add_user(archive: Database, name: str, password: str, role: Role = "reader") -> User:
    """A new account; refuses a name that exists (in any letter case)."""
    _check(name, password, role)
    digest = _hasher.hash(password)
    with archive.batch():
        try:
            archive.connection.execute(
                "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                (name, role, digest, now()),
            )
        except sqlite3.IntegrityError:
            raise StoreError(f"user {name!r} exists") from None
    user = get_user(archive, name)
    assert user is not None
    return user


def get_user(archive: Database, name: str) -> User | None:
    """The account with this name, or None."""
    row = archive.connection.execute(
        f"SELECT {_COLUMNS} FROM users WHERE name = ?", (name,)).fetchone()
    return _user(row) if row else None


def list_users(archive: Database) -> list[User]:
    """Every account, by name."""
    rows = archive.connection.execute(f"SELECT {_COLUMNS} FROM users ORDER BY name")
    return [_user(row) for row in rows]


def _update(archive: Database, name: str, sql: str, params: tuple[str, ...]) -> None:
    with archive.batch():
        changed = archive.connection.execute(sql, (*params, name)).rowcount
    if not changed:
        raise StoreError(f"no user {name!r}")


def set_role(archive: Database, name: str, role: Role) -> None:
    """Give an account another role."""
    _check(name, None, role)
    _update(archive, name, "UPDATE users SET role = ? WHERE name = ?", (role,))


def set_password(archive: Database, name: str, password: str) -> None:
    """Give an account a new password; its sessions end."""
    _check(name, password, None)
    digest = _hasher.hash(password)
    with archive.batch():  # a new password ends every session signed in with the old one
        _update(archive, name, "UPDATE users SET password_hash = ? WHERE name = ?", (digest,))
        archive.connection.execute(
            "UPDATE sessions SET revoked_at = strftime('%s', 'now') WHERE revoked_at IS NULL"
            " AND user_id = (SELECT id FROM users WHERE name = ?)", (name,))


def remove_user(archive: Database, name: str) -> None:
    """Delete an account."""
    _update(archive, name, "DELETE FROM users WHERE name = ?", ())


def authenticate(archive: Database, name: str, password: str) -> User | None:
    """The user whose name and password these are, else None."""
    row = archive.connection.execute(
        "SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()
    digest = row[0] if row else _DUMMY_HASH
    try:
        _hasher.verify(digest, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    updates = {"last_login": now()}
    if _hasher.check_needs_rehash(digest):
        updates["password_hash"] = _hasher.hash(password)
    sets = ", ".join(f"{column} = ?" for column in updates)
    _update(archive, name, f"UPDATE users SET {sets} WHERE name = ?", tuple(updates.values()))
    return get_user(archive, name)


def secret(archive: Database, name: str = "session") -> str:
    """A random secret kept in the archive (made on first use), e.g. to sign cookies with,
    so sessions outlive a restart of the server."""
    conn = archive.connection
    row = conn.execute("SELECT value FROM app_secrets WHERE name = ?", (name,)).fetchone()
    if row:
        return str(row[0])
    with archive.batch():
        conn.execute(
            "INSERT OR IGNORE INTO app_secrets (name, value, created_at) VALUES (?, ?, ?)",
            (name, _secrets.token_urlsafe(32), now()),
        )
    return str(conn.execute("SELECT value FROM app_secrets WHERE name = ?", (name,)).fetchone()[0])
