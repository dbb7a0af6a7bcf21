"""The CLI is the top layer: no stage package imports it, and it builds every command."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import sijill

STAGES = ["ingest", "parse", "entities", "relations", "checks", "store", "export", "web",
          "query", "pipeline", "errors", "model"]

# Run in a fresh interpreter: this test process has imported sijill.cli already.
PROBE = """
import importlib, json, sys
pulled = {}
for name in sys.argv[1:]:
    importlib.import_module("sijill." + name)
    pulled[name] = sorted(m for m in sys.modules if m.split(".")[:2] == ["sijill", "cli"])
print(json.dumps(pulled))
"""


def test_no_stage_package_imports_the_cli() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, *STAGES], capture_output=True,
                          text=True, check=True, timeout=300)
    pulled = json.loads(done.stdout)
    assert list(pulled) == STAGES
    assert {name: mods for name, mods in pulled.items() if mods} == {}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
    return found


def test_no_module_outside_the_cli_imports_it() -> None:
    """Only `python -m sijill` (__main__) starts the CLI."""
    root = Path(sijill.__file__).parent
    importing = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                       if "cli" not in p.relative_to(root).parts[:-1]
                       and any(m == "sijill.cli" or m.startswith("sijill.cli.")
                               for m in _imports(p)))
    assert importing == ["__main__.py"]


def test_the_probe_would_see_the_cli() -> None:
    """The first test can fail: importing the CLI is seen."""
    done = subprocess.run([sys.executable, "-c", PROBE, "cli"], capture_output=True, text=True,
                          check=True, timeout=300)
    assert "sijill.cli" in json.loads(done.stdout)["cli"]
