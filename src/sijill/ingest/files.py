"""Which files a list of paths names: files as given, folders walked."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from fnmatch import fnmatch
from pathlib import Path

from sijill import data

SHAPE = data.record(skip_suffixes=data.WORDS)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given and folders recursively, sorted; a missing path is yielded as is.

    Inside folders, hidden files and folders (".git"), our own archive files and whatever a
    folder's `.sijillignore` names (glob patterns, one a line, relative to that folder, e.g.
    gold annotations and READMEs beside a corpus) are skipped; a file named directly, and a
    folder that cannot be listed, are always yielded, so that load() can say what is wrong.
    Each file comes once, however many of the paths lead to it.
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        for found in _walk(path) if path.is_dir() else [path]:
            key = found.resolve() if found.exists() else found.absolute()
            if key not in seen:
                seen.add(key)
                yield found


def _walk(root: Path) -> list[Path]:
    skip = tuple(data.load(data.bundled("sijill.ingest", "files.yaml"), SHAPE)["skip_suffixes"])
    found: list[Path] = []
    ignored: list[tuple[Path, str]] = []
    # A folder that cannot be listed is yielded as itself: load() then reports why, instead
    # of its files vanishing from the batch without a word.
    unreadable: list[Path] = []

    def report(error: OSError) -> None:
        if error.filename is not None:
            unreadable.append(Path(error.filename))

    for folder, dirs, names in os.walk(root, onerror=report):
        here = Path(folder)
        ignored += [(here, pattern) for pattern in _ignore_patterns(here)]
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            here / name for name in names
            if not name.startswith(".") and not name.lower().endswith(skip)
            and not _is_ignored(here / name, ignored)
        )
    return sorted([*found, *unreadable], key=lambda p: p.relative_to(root).parts)


IGNORE_FILE = ".sijillignore"


def _ignore_patterns(folder: Path) -> list[str]:
    path = folder / IGNORE_FILE
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _is_ignored(path: Path, ignored: list[tuple[Path, str]]) -> bool:
    """A pattern matches the path relative to the folder of the ignore file that holds it."""
    for base, pattern in ignored:
        if path.is_relative_to(base) and fnmatch(path.relative_to(base).as_posix(), pattern):
            return True
    return False
