"""Accounts: argon2 hashes, roles, the cookie secret, and `sijill users`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sijill.cli import app
from sijill.errors import StoreError
from sijill.store import Archive, users


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    with Archive(tmp_path / "u.db") as archive:
        yield archive


def test_add_and_authenticate(archive: Archive) -> None:
    user = users.add_user(archive, "ed", "a long password", "editor")
    assert user.can("reader") and user.can("editor") and not user.can("admin")
    assert users.authenticate(archive, "ed", "a long password").name == "ed"
    assert users.authenticate(archive, "ed", "wrong password") is None
    assert users.authenticate(archive, "nobody", "a long password") is None
    stored = archive.connection.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2id$") and "a long password" not in stored
    assert users.get_user(archive, "ed").last_login is not None


def test_refusals(archive: Archive) -> None:
    users.add_user(archive, "ed", "a long password")
    with pytest.raises(StoreError, match="exists"):
        users.add_user(archive, "ED", "another password")
    with pytest.raises(StoreError, match="at least"):
        users.add_user(archive, "short", "1234")
    with pytest.raises(StoreError, match="role"):
        users.add_user(archive, "x", "a long password", "owner")  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="spaces"):
        users.add_user(archive, "two words", "a long password")
    with pytest.raises(StoreError, match="no user"):
        users.set_role(archive, "nobody", "admin")


def test_role_password_remove(archive: Archive) -> None:
    users.add_user(archive, "reg", "a long password")
    users.set_role(archive, "reg", "admin")
    users.set_password(archive, "reg", "a new long password")
    assert users.authenticate(archive, "reg", "a new long password").role == "admin"
    users.remove_user(archive, "reg")
    assert users.list_users(archive) == []


def test_secret_is_kept(tmp_path: Path) -> None:
    with Archive(tmp_path / "s.db") as archive:
        first = users.secret(archive)
    with Archive(tmp_path / "s.db") as archive:
        assert users.secret(archive) == first and len(first) >= 32


def test_cli_users(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    r = runner.invoke(app, ["users", "add", "ed", "--role", "editor", "--password-stdin",
                            "--db", db], input="a long password\n")
    assert r.exit_code == 0 and "added ed (editor)" in r.output
    r = runner.invoke(app, ["users", "add", "ed", "--password-stdin", "--db", db],
                      input="a long password\n")
    assert r.exit_code == 1
    r = runner.invoke(app, ["users", "list", "--db", db])
    assert "ed" in r.output and "editor" in r.output
