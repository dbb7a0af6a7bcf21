"""Dump every `sijill` help screen and parameter to a file, to diff the CLI before and after
a change that must keep it the same:

    .venv/bin/python scripts/dump_cli_help.py /tmp/before.txt   # on the old commit
    .venv/bin/python scripts/dump_cli_help.py /tmp/after.txt    # on the new one
    diff /tmp/before.txt /tmp/after.txt
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.testing import CliRunner

from sijill.cli import app

ENV = {"COLUMNS": "120", "TERM": "dumb", "NO_COLOR": "1"}


def walk(command: Any, path: list[str], runner: CliRunner, out: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"], env=ENV)
    out.append(f"===== sijill {' '.join(path)} (exit {result.exit_code})\n{result.output}")
    if hasattr(command, "commands"):
        for name in sorted(command.commands):
            walk(command.commands[name], [*path, name], runner, out)
        return
    for p in command.params:
        fields = {k: getattr(p, k, None) for k in ("opts", "secondary_opts", "default",
                                                    "required", "envvar", "help", "nargs",
                                                    "metavar")}
        out.append(f"  param {p.name} {type(p).__name__} {fields!r}")


def main() -> None:
    out: list[str] = []
    walk(typer.main.get_command(app), [], CliRunner(), out)
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
