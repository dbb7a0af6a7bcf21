"""One place turns a SijillError into what the researcher sees: its message and exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from sijill.cli import app
from sijill.cli._util import reported
from sijill.errors import (
    ImportFileError,
    IngestError,
    QueryError,
    QueryTooSlow,
    SijillError,
    StoreError,
)

runner = CliRunner()


@pytest.mark.parametrize(("error", "code"), [
    (StoreError("no document d-1"), 1),
    (IngestError("a.txt", "empty file"), 1),
    (ImportFileError("line 1: not JSON"), 1),
    (QueryError("the query ends where a word was expected"), 2),
    (QueryTooSlow("the query took longer than 1 s"), 2),
])
def test_an_error_becomes_its_message_and_exit_code(
        error: SijillError, code: int, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as caught, reported():
        raise error
    assert caught.value.exit_code == code
    assert str(error) in capsys.readouterr().err


def test_what_failed_comes_first_and_a_code_given_wins(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as caught, reported(what="nothing ingested", code=3):
        raise StoreError("cannot open archive x.db")
    assert caught.value.exit_code == 3
    assert capsys.readouterr().err.strip() == "nothing ingested: cannot open archive x.db"


def test_only_the_kinds_named_are_reported() -> None:
    with pytest.raises(StoreError), reported(QueryError):
        raise StoreError("not a query's fault")
    with pytest.raises(KeyError), reported():  # a bug is never dressed as a refusal
        raise KeyError("x")


@pytest.mark.parametrize("command", [["stats"], ["show", "d-1"], ["entities"], ["tag", "list"]])
def test_an_unusable_archive_is_a_message_not_a_traceback(tmp_path: Path,
                                                          command: list[str]) -> None:
    garbage = tmp_path / "notes.db"
    garbage.write_text("shopping list: flour, sugar, lamp oil\n" * 40, encoding="utf-8")
    result = runner.invoke(app, [*command, "--db", str(garbage)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "is not a usable Sijill archive" in " ".join(result.output.split())
    assert "Traceback" not in result.output
