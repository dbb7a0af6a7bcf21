"""Server-side sessions and the sign-in rate limit (issue 12, defect 9): a cookie copied
before sign-out is dead after it; an admin ends sessions with `sijill users sessions`;
sessions expire idle and absolutely; failed sign-ins are limited per account and address."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sijill.cli import app as cli
from sijill.store import Archive, sessions, users
from sijill.store.sessions import Limits, Policy
from sijill.web.app import SESSION_COOKIE, create_app
from tests.web.conftest import CSRF, PASSWORDS, TestClient, build_archive

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("sessions") / "s.db", corpus=False)


class Clock:
    """Time that the test moves on."""

    def __init__(self) -> None:
        self.now = 2_000_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(sessions, "clock", fake)
    return fake


def _client(db: Path, **options: object) -> Iterator[TestClient]:
    with TestClient(create_app(db, **options), follow_redirects=False) as client:  # type: ignore[arg-type]
        yield client


@pytest.fixture
def client(db: Path, clock: Clock) -> Iterator[TestClient]:
    with Archive(db) as archive:  # each test starts with no failures and no sessions
        archive.connection.execute("DELETE FROM login_failures")
        archive.connection.execute("DELETE FROM sessions")
    yield from _client(db)


def _token(client: TestClient, path: str = "/login") -> str:
    match = CSRF.search(client.get(path).text)
    assert match, path
    return html.unescape(match[1])


def _login(client: TestClient, name: str, password: str | None = None) -> int:
    r = client.post("/login", data={"name": name, "password": password or PASSWORDS[name],
                                    "csrf_token": _token(client), "next": "/"})
    return r.status_code


def _signed_in(client: TestClient) -> bool:
    return client.get("/search").status_code == 200


def test_logout_ends_every_copy_of_the_cookie(client: TestClient, db: Path) -> None:
    assert _login(client, "reg") == 303 and _signed_in(client)
    copied = client.cookies.get(SESSION_COOKIE)
    r = client.post("/logout", data={"csrf_token": _token(client, "/")})
    assert r.status_code == 303 and not _signed_in(client)
    for other in _client(db):  # another browser presenting the copied cookie
        other.cookies.set(SESSION_COOKIE, copied)
        r = other.get("/search")
        assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_admin_lists_and_revokes_sessions(client: TestClient, db: Path) -> None:
    assert _login(client, "ed") == 303 and _signed_in(client)
    runner = CliRunner()
    r = runner.invoke(cli, ["users", "sessions", "--db", str(db)])
    assert r.exit_code == 0 and "ed" in r.output and "testclient" in r.output
    with Archive(db) as archive:
        (live,) = sessions.list_sessions(archive, "ed")
    r = runner.invoke(cli, ["users", "sessions", "--revoke", str(live.id), "--db", str(db)])
    assert r.exit_code == 0 and "ended 1 session" in r.output
    assert not _signed_in(client)
    r = runner.invoke(cli, ["users", "sessions", "--revoke", str(live.id), "--db", str(db)])
    assert r.exit_code == 1  # already ended
    assert _login(client, "ed") == 303 and _signed_in(client)
    r = runner.invoke(cli, ["users", "sessions", "--user", "ed", "--revoke", "all",
                            "--db", str(db)])
    assert r.exit_code == 0 and "ended 1 session" in r.output and not _signed_in(client)
    r = runner.invoke(cli, ["users", "sessions", "--revoke", "nonsense", "--db", str(db)])
    assert r.exit_code == 2


def test_sessions_expire_idle_and_absolutely(db: Path, clock: Clock) -> None:
    policy = Policy(idle=3600, absolute=3 * 3600)
    for client in _client(db, policy=policy):
        assert _login(client, "reg") == 303
        clock.now += 3000  # used within the hour: stays, and its use is noted
        assert _signed_in(client)
        clock.now += 3000
        assert _signed_in(client)
        clock.now += 3700  # an hour unused: over
        assert not _signed_in(client)
        assert _login(client, "reg") == 303
        for _ in range(7):  # used every half hour, it still ends three hours after sign-in
            clock.now += 1800
            assert _signed_in(client) == (_ < 5)


def test_a_new_password_ends_the_sessions(client: TestClient, db: Path) -> None:
    assert _login(client, "reg") == 303 and _signed_in(client)
    with Archive(db) as archive:
        users.set_password(archive, "reg", PASSWORDS["reg"])
    assert not _signed_in(client)


def test_forty_wrong_passwords_then_the_right_one_is_refused(client: TestClient,
                                                              clock: Clock) -> None:
    codes = [_login(client, "ed", f"wrong password {i}") for i in range(40)]
    assert codes[:5] == [401] * 5 and set(codes[5:]) == {429}
    r = client.post("/login", data={"name": "ed", "password": PASSWORDS["ed"],
                                    "csrf_token": _token(client)})
    assert r.status_code == 429 and "too many" in r.text
    assert 0 < int(r.headers["retry-after"]) <= 15 * 60
    assert not _signed_in(client)
    clock.now += 14 * 60  # still inside the window
    assert _login(client, "ed") == 429
    clock.now += 2 * 60  # the window has passed
    assert _login(client, "ed") == 303 and _signed_in(client)


def test_failures_are_limited_per_address_too(client: TestClient) -> None:
    limits = Limits()
    names = [f"guess{i}" for i in range(limits.address)]  # one try at each of many names
    assert {_login(client, name, "wrong password") for name in names} == {401}
    assert _login(client, "root") == 429  # a real account, from the same address


def test_failures_do_not_lock_other_accounts_elsewhere(db: Path, clock: Clock) -> None:
    with Archive(db) as archive:
        limits = Limits()
        for _ in range(limits.account):
            sessions.record_failure(archive, "reg", "192.0.2.7", limits)
        assert sessions.retry_after(archive, "reg", "198.51.100.1", limits) is not None
        assert sessions.retry_after(archive, "root", "198.51.100.1", limits) is None
        assert sessions.retry_after(archive, "REG", "198.51.100.1", limits) is not None


def test_ended_sessions_are_forgotten_after_a_month(db: Path, clock: Clock) -> None:
    policy = Policy()
    with Archive(db) as archive:
        archive.connection.execute("DELETE FROM sessions")
        user = users.get_user(archive, "reg")
        old = sessions.create(archive, user, address="192.0.2.1", agent=None, policy=policy)
        sessions.revoke_token(archive, old)
        clock.now += 29 * 24 * 3600
        sessions.create(archive, user, address="192.0.2.1", agent=None, policy=policy)
        assert archive.connection.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2
        clock.now += 2 * 24 * 3600
        sessions.create(archive, user, address="192.0.2.1", agent=None, policy=policy)
        assert archive.connection.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2
