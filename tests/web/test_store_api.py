"""The web app reads and writes the archive through the store's functions only: no SQL in
its modules (nor in the archive-wide checks), and the store's modules it uses import nothing
from the stages above the store or from the web."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

import pytest

from sijill.store.connection import DATA_VERSION, EpochConnection, change_stamp
from tests.conftest import REPO

SRC = REPO / "src" / "sijill"
NO_SQL = [*sorted((SRC / "web").glob("*.py")), SRC / "checks" / "archive.py"]
SQL_WORDS = ("SELECT ", "INSERT ", "UPDATE ", "DELETE ", "PRAGMA ", "CREATE ")


@pytest.mark.parametrize("path", NO_SQL, ids=lambda p: p.name)
def test_no_sql_outside_the_store(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Attribute) and n.func.attr in ("execute", "executemany")]
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and n.body and isinstance(n.body[0], ast.Expr)}
    sql = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Constant)
           and isinstance(n.value, str) and id(n) not in docs
           and n.value.lstrip().startswith(SQL_WORDS)]
    assert not calls and not sql, f"{path.name}: SQL at lines {calls + sql}"


@pytest.mark.parametrize("name", ["network", "facets", "document_context", "timeline",
                                  "entity_relations", "flag_report", "connection"])
def test_the_stores_modules_for_the_web_import_nothing_above_the_store(name: str) -> None:
    tree = ast.parse((SRC / "store" / f"{name}.py").read_text(encoding="utf-8"))
    imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    above = ("sijill.web", "sijill.relations", "sijill.entities", "sijill.cli")
    assert not {m for m in imported if m.startswith(above)}


class _Epoch:
    def __init__(self) -> None:
        self.value = 7
        self.moves = 0

    def changed(self) -> bool:
        self.moves += 1
        self.value += 1
        return True


def test_an_epoch_connection_reports_its_epoch_once_it_has_one(tmp_path: Path) -> None:
    writer = sqlite3.connect(tmp_path / "a.db")
    writer.execute("CREATE TABLE t (x)")
    writer.commit()
    reader = sqlite3.connect(tmp_path / "a.db", factory=EpochConnection)
    assert isinstance(reader.execute(DATA_VERSION).fetchone()[0], int)  # SQLite's own
    epoch = _Epoch()
    reader.epoch = epoch  # type: ignore[attr-defined]
    assert change_stamp(reader)[0] == 7  # first sight: no move
    writer.execute("INSERT INTO t VALUES (1)")
    writer.commit()
    assert change_stamp(reader)[0] == 8 and epoch.moves == 1  # a commit seen moves it once
    assert change_stamp(reader)[0] == 8 and epoch.moves == 1
