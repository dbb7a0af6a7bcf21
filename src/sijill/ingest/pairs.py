"""Which sources hold an original beside its translation: read from file names and texts.

Three shapes, each found here without the archive (`sijill.checks.pairing` stores the links
and compares the fields):

- **two files named as a pair** (`file_pairs`): `letter.ar.txt` + `letter.en.txt`,
  `letter-original.pdf` + `letter.txt`, `X (Arabic).png` + `X.txt`, or a scan and a text of
  the same stem; the endings are data (`data/pairs.yaml`);
- **one page split into an Arabic and an English document** (`page_pairs`): neighbours of
  different scripts;
- an Arabic block printed inside one document's text is found by the parser
  (`sijill.parse.bilingual`): at the start or end of a page, `split` makes it a document of
  its own (a page of two documents, as above); in the middle, it is linked to the text
  around it.

Whether a pair's two sides really are in two scripts is for the caller to check (a file
named `-original` may hold English): a pair is an original in Arabic script and its
translation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from typing import Any, Literal

from sijill import data

SHAPE = data.record(
    original_endings=data.WORDS, translation_endings=data.WORDS, scan_extensions=data.WORDS)

Role = Literal["original", "translation", "bare"]



@cache
def _config() -> dict[str, Any]:
    raw: dict[str, Any] = data.load(data.bundled("sijill.ingest", "pairs.yaml"), SHAPE)
    for name in ("original_endings", "translation_endings"):  # longest first
        raw[name] = sorted({e.casefold() for e in raw[name]}, key=len, reverse=True)
    return raw


@dataclass(frozen=True, slots=True)
class Named:
    """A source's file name as pairing reads it."""

    key: str
    folder: str
    stem: str  # the name less its extension and its ending, case-folded
    role: Role
    ending: str  # the ending that gave the role ("" for a bare name)
    scan: bool  # an image file


def named(key: str) -> Named | None:
    """The file name of a source key read for pairing; None for a URL or a bare hash."""
    if "://" in key or "/" not in key and "." not in key:
        return None
    path = PurePosixPath(key)
    config = _config()
    stem = path.stem.casefold()
    for role, endings in (("original", config["original_endings"]),
                          ("translation", config["translation_endings"])):
        ending = next((e for e in endings if stem.endswith(e) and len(stem) > len(e)), None)
        if ending is not None:
            return Named(key, str(path.parent), stem[: -len(ending)].strip(), role, ending,
                         path.suffix.lower() in config["scan_extensions"])
    return Named(key, str(path.parent), stem.strip(), "bare", "",
                 path.suffix.lower() in config["scan_extensions"])


def file_pairs(keys: Iterable[str]) -> list[tuple[str, str, str]]:
    """(original key, translation key, rule) for every two sources named as a pair.

    In a folder, files of one stem pair up: each marked original with each marked
    translation, or, when there is none, with the unmarked files; with no marked original,
    an unmarked scan with an unmarked text file."""
    groups: dict[tuple[str, str], list[Named]] = defaultdict(list)
    for key in keys:
        name = named(key)
        if name is not None and name.stem:
            groups[(name.folder, name.stem)].append(name)
    pairs = []
    for members in groups.values():
        originals = [n for n in members if n.role == "original"]
        marked = [n for n in members if n.role == "translation"]
        bare = [n for n in members if n.role == "bare"]
        if not originals:
            originals = [n for n in bare if n.scan]
            bare = [n for n in bare if not n.scan]
        for original in originals:
            for translation in marked or bare:
                pairs.append((original.key, translation.key, _rule(original, translation)))
    return sorted(pairs)


def _rule(original: Named, translation: Named) -> str:
    def side(n: Named) -> str:
        return f"NAME{n.ending}" if n.ending else ("a scan" if n.scan else "NAME")
    return f"{side(original)} + {side(translation)}"


def page_pairs(arabic: Sequence[bool]) -> list[tuple[int, int]]:
    """(original part, translation part) for the documents one page was split into, given
    which are in Arabic script: each with its neighbour in the other script, in order."""
    pairs = []
    i = 0
    while i + 1 < len(arabic):
        if arabic[i] != arabic[i + 1]:
            pairs.append((i, i + 1) if arabic[i] else (i + 1, i))
            i += 2
        else:
            i += 1
    return pairs
