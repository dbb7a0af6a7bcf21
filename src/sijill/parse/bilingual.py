"""An original in Arabic script printed with its translation in one text: where it stands.

A page that prints the Arabic original above (or below) its English translation holds two
documents: `split` cuts such a block at the start or end of a part into a document of its
own, and `sijill.checks.pairing` links the two as original and translation. A block in the
middle of a text (an introduction, the original, its translation) stays in its document and
is linked to the text around it. Thresholds: `script_block` in data/split.yaml.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Literal

from sijill import data
from sijill.parse.lexicon import SHAPES

_ARABIC = re.compile(r"[\u0620-\u064A\u066E-\u06D3\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFF"
                     r"\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]{3,}")


@cache
def _config() -> dict[str, Any]:
    split: dict[str, Any] = data.load(data.bundled("sijill.parse", "split.yaml"),
                                      SHAPES["split.yaml"])
    return split["script_block"]  # type: ignore[no-any-return]


def _script(line: str, share: float) -> str:
    arabic, latin = len(_ARABIC.findall(line)), len(_LATIN.findall(line))
    if arabic and arabic >= share * (arabic + latin):
        return "ar"
    if latin and latin >= share * (arabic + latin):
        return "latin"
    return ""  # blank, digits, punctuation, mixed: neither breaks nor makes a block


def block(text: str) -> tuple[int, int] | None:
    """The range of an original in Arabic script written inside a text in Latin letters:
    the longest run of Arabic lines (no Latin line among them), when it and the rest are
    long enough (data/pairs.yaml `block`); None when the text holds no such block."""
    config = _config()
    if len(_ARABIC.findall(text)) < config["min_letters"]:  # most texts: no Arabic at all
        return None
    lines = [(m.start(), m.end(), _script(m.group(), config["min_arabic_share"]))
             for m in re.finditer(r"[^\n]+", text)]
    # Prose, not a few letters OCR made of a stamp or a smudge: three words a line.
    latin = sum(1 for start, end, s in lines
                if s == "latin" and len(_WORD.findall(text, start, end)) >= 3)
    if latin < config["min_lines"]:
        return None
    best: tuple[int, int, int] | None = None  # (arabic lines, start, end)
    run: list[tuple[int, int]] = []
    for start, end, script in [*lines, (len(text), len(text), "latin")]:
        if script == "latin":
            if run and (best is None or len(run) > best[0]):
                best = (len(run), run[0][0], run[-1][1])
            run = []
        elif script == "ar":
            run.append((start, end))
    if best is None or best[0] < config["min_lines"]:
        return None
    _, start, end = best
    if len(_ARABIC.findall(text, start, end)) < config["min_letters"]:
        return None
    return start, end


def at_an_end(text: str, span: tuple[int, int]) -> Literal["start", "end"] | None:
    """Where a block of `text` stands when nothing in Latin letters precedes it ("start") or
    follows it ("end"): an original printed above or below its translation; None when it
    stands in the middle."""
    share = _config()["min_arabic_share"]
    if all(_script(line, share) != "latin" for line in text[:span[0]].splitlines()):
        return "start"
    if all(_script(line, share) != "latin" for line in text[span[1]:].splitlines()):
        return "end"
    return None
