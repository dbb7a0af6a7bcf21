"""The store is a library below the stages' upper layers: each of its modules imports on its
own, importing it loads nothing of the stages above it, the web app or the CLI, its modules
import each other without a cycle, none reaches into another's private names, and none is
over 400 lines."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest

from tests.conftest import REPO

STORE = REPO / "src" / "sijill" / "store"
MODULES = sorted(p.stem for p in STORE.glob("*.py") if p.stem != "__init__")
ABOVE = ("sijill.relations", "sijill.web", "sijill.cli")
MAX_LINES = 400


def _loaded_after(statement: str) -> list[str]:
    """The sijill modules a fresh interpreter has loaded after running `statement`."""
    code = (f"import sys, json; {statement}; "
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('sijill'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("module", MODULES)
def test_each_store_module_imports_first_in_a_fresh_interpreter(module: str) -> None:
    loaded = _loaded_after(f"import sijill.store.{module}")
    assert f"sijill.store.{module}" in loaded


def _under(loaded: list[str], package: str) -> list[str]:
    return [m for m in loaded if m == package or m.startswith(package + ".")]


def test_importing_the_store_loads_nothing_of_relations_web_or_cli() -> None:
    loaded = _loaded_after("import sijill.store")
    assert [m for package in ABOVE for m in _under(loaded, package)] == []


def test_importing_the_store_loads_nothing_of_the_entities_stage() -> None:
    assert _under(_loaded_after("import sijill.store"), "sijill.entities") == []


def _store_imports(module: str) -> list[tuple[str, list[str]]]:
    """(store module imported, names taken from it) for every import in `module`, those
    under `if TYPE_CHECKING:` included."""
    tree = ast.parse((STORE / f"{module}.py").read_text(encoding="utf-8"))
    out: list[tuple[str, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "sijill.store":
            out += [(alias.name, []) for alias in node.names if alias.name in MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sijill.store."):
            out.append((node.module.rsplit(".", 1)[1], [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out += [(a.name.rsplit(".", 1)[1], []) for a in node.names
                    if a.name.startswith("sijill.store.")]
    return out


def test_store_modules_import_each_other_without_a_cycle() -> None:
    graph = {m: {dep for dep, _ in _store_imports(m)} for m in MODULES}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        assert module not in path, " -> ".join([*path, module])
        if module in done:
            return
        for dep in sorted(graph.get(module, ())):
            visit(dep, [*path, module])
        done.add(module)

    for module in MODULES:
        visit(module, [])


def test_no_store_module_takes_another_modules_private_names() -> None:
    taken = [f"{m}: from {dep} import {name}" for m in MODULES
             for dep, names in _store_imports(m) for name in names if name.startswith("_")]
    assert taken == []


def test_no_store_module_reaches_into_private_attributes_of_another() -> None:
    """`x._name` only on `self` or `cls`: what objects share is public and documented."""
    found = []
    for module in MODULES:
        tree = ast.parse((STORE / f"{module}.py").read_text(encoding="utf-8"))
        found += [f"{module}:{node.lineno}: .{node.attr}" for node in ast.walk(tree)
                  if isinstance(node, ast.Attribute) and node.attr.startswith("_")
                  and not node.attr.startswith("__")
                  and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))]
    assert found == []


def test_no_store_module_is_over_400_lines() -> None:
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines())
             for p in STORE.glob("*.py")}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_the_public_api_names_only_what_the_package_holds() -> None:
    import sijill.store as store

    missing = [name for name in store.__all__ if not hasattr(store, name)]
    assert missing == []
    assert json.dumps(sorted(store.__all__)) == json.dumps(sorted(set(store.__all__)))
