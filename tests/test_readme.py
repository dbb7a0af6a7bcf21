"""The README and docs/*.md name only what exists.

Every `sijill COMMAND [--option]` a code span or block shows is a command and an option of the
typer app; every relative link points to a file of the repository (and a heading of it when it
names one); every repository path, test name and `sijill.module.attribute` a code span names
exists. So a command, a file or a function that is renamed or moved makes these pages fail
here, not a reader.
"""

from __future__ import annotations

import glob
import importlib
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer

from sijill.cli import app

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

FENCE = re.compile(r"^(```|~~~)[^\n]*\n(.*?)^\1[ \t]*$", re.S | re.M)
SPAN = re.compile(r"(`+)(.+?)\1", re.S)
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
COMMAND_WORD = re.compile(r"^[a-z][a-z0-9_-]*(?:\|[a-z][a-z0-9_-]*)*$")
PLACEHOLDER = re.compile(r"^[A-Z][A-Z0-9_.:/-]*$|[<{]")
# what may stand before `sijill` in a command: a prompt, variables, python -m
LAUNCHER = re.compile(r"^(?:\$|[A-Z_][A-Z0-9_]*=\S*|(?:\S*/)?python3?|-m|time|exec)$")
SHELL_END = {"|", "||", "&&", ";", ">", ">>", "2>", "<", "&", ")", "#"}
REPO_PATH = re.compile(r"^(?:src|tests|bench|scripts|examples|docs|sijill)/[\w./*-]*$")
DOTTED = re.compile(r"^sijill(?:\.\w+)+")
# `sijill.store.Archive` (`put_source`, `document`, ...): a name, then some of its attributes
WITH_ATTRIBUTES = re.compile(r"`(sijill(?:\.\w+)+)`\s+\(((?:`\w+`,?\s*(?:and\s+)?)+)\)")


def _page_id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _code(text: str) -> tuple[list[str], list[str]]:
    """The lines of code blocks (fenced or indented) and the inline code spans of a text."""
    blocks = [m.group(2) for m in FENCE.finditer(text)]
    prose = FENCE.sub("", text)
    indented, previous_blank, in_block = [], True, False
    for line in prose.splitlines():
        in_block = line.startswith("    ") and (previous_blank or in_block)
        if in_block:
            indented.append(line)
        previous_blank = not line.strip()
    spans = [m.group(2).strip() for m in SPAN.finditer(prose)]
    return [line for block in blocks for line in block.splitlines()] + indented, spans


def _prose(text: str) -> str:
    return SPAN.sub("", FENCE.sub("", text))


def _tokens(line: str) -> list[str]:
    line = line.replace("\\|", "|")
    try:
        return shlex.split(line, posix=True)
    except ValueError:  # an apostrophe in a name: whitespace is good enough
        return line.split()


def invocations(text: str) -> list[list[str]]:
    """Every `sijill ...` shown in code: the words after `sijill`, up to a shell operator."""
    lines, spans = _code(text)
    found = []
    for line in lines + spans:
        words = _tokens(line)
        start = 0  # where the current shell command began
        for i, word in enumerate(words):
            if word in SHELL_END or word == "$(" or word.endswith(";"):
                start = i + 1
            elif (word == "sijill" or word.endswith("/bin/sijill")) and all(
                    LAUNCHER.match(w) for w in words[start:i]):
                rest = []
                for w in words[i + 1:]:
                    if w in SHELL_END or w.startswith("#"):
                        break
                    rest.append(w.strip("[]"))
                if rest:
                    found.append([w for w in rest if w])
    return found


# typer builds click objects (its own copy of click in recent versions): known by their shape.
def _is_group(command: Any) -> bool:
    return isinstance(getattr(command, "commands", None), dict)


def _options(command: Any) -> dict[str, Any]:
    names: dict[str, Any] = {}
    for param in command.params:
        if param.param_type_name == "option":
            for opt in (*param.opts, *param.secondary_opts):
                names[opt] = param
    return names


def check_invocation(command: Any, words: list[str], shown: str) -> list[str]:
    """What in `sijill <words>` the command tree lacks (empty: it all exists)."""
    path = ["sijill"]
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            break
        if word.startswith("-") and len(word) > 1:
            name = word.split("=", 1)[0]
            if name == "--help":
                i += 1
                continue
            param = _options(command).get(name)
            if param is None:
                return [f"{' '.join(path)} has no option {name} (in `sijill {shown}`)"]
            takes = 0 if (param.is_flag or param.count or "=" in word) else param.nargs
            i += 1 + max(takes, 0)
            continue
        if _is_group(command):
            if PLACEHOLDER.search(word) or not COMMAND_WORD.match(word):
                return []  # a placeholder, or no command (`sijill = ...`): nothing to check
            alternatives = word.split("|")
            missing = [w for w in alternatives if w not in command.commands]
            if missing:
                takes_args = any(p.param_type_name == "argument" for p in command.params)
                if takes_args:
                    i += 1
                    continue
                return [f"{' '.join(path)} has no command {m} (in `sijill {shown}`)"
                        for m in missing]
            if len(alternatives) > 1:
                return [problem for w in alternatives
                        for problem in check_invocation(command.commands[w], words[i + 1:],
                                                        shown)]
            command = command.commands[word]
            path.append(word)
        i += 1
    return []


def _all_invocations() -> list[tuple[str, list[str]]]:
    return [(_page_id(page), words) for page in PAGES
            for words in invocations(page.read_text(encoding="utf-8"))]


def test_the_readme_stays_short() -> None:
    """What Sijill is, the two commands, a session and links; the rest lives in docs/."""
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 150


def test_the_pages_show_commands_to_check() -> None:
    assert (ROOT / "README.md").exists()
    shown = {words[0] for _, words in _all_invocations()}
    assert {"ingest", "search", "serve", "export"} <= shown


def test_every_command_and_option_shown_exists() -> None:
    tree = typer.main.get_command(app)
    problems = [f"{page}: {problem}" for page, words in _all_invocations()
                for problem in check_invocation(tree, words, " ".join(words))]
    assert problems == []


def test_the_checker_catches_what_does_not_exist() -> None:
    tree = typer.main.get_command(app)
    assert check_invocation(tree, ["search", "flour", "--json", "-n", "2"], "") == []
    assert check_invocation(tree, ["search", "flour", "--jsn"], "")
    assert check_invocation(tree, ["serch", "flour"], "")
    assert check_invocation(tree, ["users", "add|list|frobnicate"], "")
    assert check_invocation(tree, ["=", "sijill.cli:app"], "") == []
    assert invocations("Run `sijill ingest PATH [--root DIR]` then\n\n```console\n"
                       "$ .venv/bin/sijill search x -n 2 | head\n"
                       "$ SIJILL_DB=a.db python -m sijill stats && sijill show X\n"
                       "  cli.py   the sijill command, a thin layer\n```\n") == [
        ["search", "x", "-n", "2"], ["stats"], ["show", "X"],
        ["ingest", "PATH", "--root", "DIR"]]
    assert _resolves("sijill.store.Archive.put_source")
    assert not _resolves("sijill.store.Archive.no_such_method")
    assert not _resolves("sijill.no_such_module")


def _anchors(path: Path) -> set[str]:
    """GitHub's heading anchors (lower case, punctuation dropped, spaces to hyphens) and
    explicit `<a id>` ones."""
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    slugs = set(re.findall(r"<a\s+(?:id|name)=\"([^\"]+)\"", text))
    for line in text.splitlines():
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading:
            slug = re.sub(r"[^\w\- ]", "", heading.group(1).lower()).replace(" ", "-")
            n = 0
            while (slug if n == 0 else f"{slug}-{n}") in slugs:
                n += 1
            slugs.add(slug if n == 0 else f"{slug}-{n}")
    return slugs


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_every_relative_link_points_to_a_file_of_the_repository(page: Path) -> None:
    problems = []
    for target in LINK.findall(_prose(page.read_text(encoding="utf-8"))):
        if re.match(r"^[a-z][a-z+.-]*:", target):
            continue  # http:, https:, mailto:
        file, _, anchor = target.partition("#")
        where = (page.parent / file).resolve() if file else page
        if ROOT not in where.parents and where != ROOT:
            problems.append(f"{target}: outside the repository")
        elif not where.exists():
            problems.append(f"{target}: no such file")
        elif anchor and where.suffix == ".md" and anchor not in _anchors(where):
            problems.append(f"{target}: no heading #{anchor} in {where.name}")
    assert problems == []


def _named_paths(page: Path) -> list[str]:
    _, spans = _code(page.read_text(encoding="utf-8"))
    return [s.split()[0] for s in spans if s and REPO_PATH.match(s.split()[0].split("::")[0])]


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_every_repository_path_and_test_named_exists(page: Path) -> None:
    problems = []
    for named in _named_paths(page):
        name, _, test = named.partition("::")
        under = ROOT / "src" if name.startswith("sijill/") else ROOT
        if not glob.glob(str(under / name)):
            problems.append(f"{named}: no such file")
        elif test and not re.search(rf"^\s*(?:async\s+)?def {re.escape(test)}\(",
                                    (under / name).read_text(encoding="utf-8"), re.M):
            problems.append(f"{named}: no such test")
    assert problems == []


def _defined_tests() -> set[str]:
    return {m for path in (ROOT / "tests").rglob("*.py")
            for m in re.findall(r"^\s*(?:async\s+)?def (test_\w+)\(",
                                path.read_text(encoding="utf-8"), re.M)}


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_every_test_named_alone_exists(page: Path) -> None:
    """`::test_x` after its file (named just before it) is still a test; so is every `test_x`
    a guarantee rests on (other pages may name tests that are gone, as history)."""
    _, spans = _code(page.read_text(encoding="utf-8"))
    alone = r"(?:::)?test_\w+" if page.name == "guarantees.md" else r"::test_\w+"
    named = {s.removeprefix("::") for s in spans if re.fullmatch(alone, s)}
    assert sorted(named - _defined_tests()) == []


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            if not hasattr(value, attr):
                return False
            value = getattr(value, attr)
        return True
    return False


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_every_library_name_named_exists(page: Path) -> None:
    _, spans = _code(page.read_text(encoding="utf-8"))
    names = {m.group(0) for s in spans if (m := DOTTED.match(s))
             and not s[m.end():].startswith("/")}
    for m in WITH_ATTRIBUTES.finditer(FENCE.sub("", page.read_text(encoding="utf-8"))):
        names |= {f"{m.group(1)}.{attr}" for attr in re.findall(r"`(\w+)`", m.group(2))}
    assert [n for n in sorted(names) if not _resolves(n)] == []
