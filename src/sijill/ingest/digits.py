"""Numbers on a scan read again, glyph by glyph.

Tesseract's Arabic models (Debian ships the "fast" ones) read a run of Arabic-Indic digits
badly: a digit dropped or added, the run turned round ("١٤٤٠" as "٠٤٤١"), a date read as
Latin letters. Digits, unlike Arabic letters, stand apart on the page: each is one connected
shape. So the region of a line that Tesseract read as a number is cut into glyphs, each glyph
is matched to the nearest of glyphs drawn from other fonts (data/digits.yaml), and the glyphs,
left to right as they stand, are put back in reading order by the Unicode bidirectional rules
run backwards (`logical`). A glyph that is no digit nor separator (the letter of "٤٠٣/خ/١٤٤٠")
keeps Tesseract's reading.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sijill import data

_SHAPE = data.record(
    fonts=data.WORDS, sizes=data.listof(data.INT), blurs=data.listof(data.NUMBER),
    lines=data.listof(data.record(text=data.TEXT, labels=data.TEXT)),
)
OTHER = "~"  # a glyph that is not a digit or separator
_GRID = 14  # a glyph's shape is compared as a _GRID x _GRID grey image
_GEOMETRY_WEIGHT = 10.0  # how much size and height on the line count against the shape
_SMOOTH = 1.0  # blur (pixels of the doubled grid) before a shape is compared
# Separators that join digits into one left-to-right number in a right-to-left line (Unicode
# bidi class CS); "-" (ES) does not join Arabic digits, so "٨٩٠-م-١٤٣٩" turns at each "-".
_JOINERS = frozenset("/.,:")
# A glyph under this share of the line's digit height is a speck: zero, point or dash; a
# zero's middle stands at least this high above the baseline (a point's sits on it).
_SPECK = 0.5
_ZERO_ABOVE = 0.22
_DOTS = frozenset("٠۰.")
# A glyph read as a digit is taken for a letter Tesseract saw when no more than this much
# farther from the nearest drawn letter than from its digit.
_LETTER_RATIO = 1.4
# A digit Tesseract read wins over a nearer drawn glyph within this share of its distance.
_HINT = float(os.environ.get("SIJILL_DIGIT_HINT", "0.15"))
DIGITS = frozenset("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
_lock = threading.Lock()


@dataclass(frozen=True)
class Glyph:
    """One shape on the line: its box in the crop and its features."""

    left: int
    right: int
    top: int
    bottom: int
    pixels: Any  # bool array of the box


def glyphs(crop: Any) -> list[Glyph]:
    """The crop's glyphs, left to right: ink binarised (Otsu), connected shapes, shapes above
    one another (a letter's dots, a colon) merged, specks dropped."""
    import numpy as np
    from scipy import ndimage

    grey = np.asarray(crop.convert("L"), dtype=np.uint8)
    if grey.size == 0:
        return []
    ink = grey < _otsu(grey)
    labels, count = ndimage.label(ink, structure=np.ones((3, 3), dtype=bool))
    boxes = ndimage.find_objects(labels)
    height = grey.shape[0]
    parts = []
    for index, box in enumerate(boxes, start=1):
        if box is None:
            continue
        ys, xs = box
        area = int((labels[box] == index).sum())
        if area < max(4, (height / 12) ** 2 / 4):  # noise, not a zero's dot
            continue
        parts.append([xs.start, xs.stop, ys.start, ys.stop, {index}])
    parts.sort(key=lambda p: p[0])
    merged: list[list[Any]] = []
    for part in parts:
        if merged and _overlap(merged[-1], part):
            last = merged[-1]
            last[:4] = [min(last[0], part[0]), max(last[1], part[1]),
                        min(last[2], part[2]), max(last[3], part[3])]
            last[4] |= part[4]
        else:
            merged.append(part)
    return [Glyph(x0, x1, y0, y1, np.isin(labels[y0:y1, x0:x1], list(ids)))
            for x0, x1, y0, y1, ids in merged]


def binarised(image: Any) -> Any:
    """Black ink on white, cut halfway between the ink's core (the darkest tenth of what is
    darker than Otsu's threshold) and the paper's commonest grey: Otsu's own threshold sits
    high on a noisy page and glues specks to the letters. (Tesseract binarises a page itself,
    but a short line it missed in the page's layout it often reads only once binarised.)"""
    import numpy as np

    grey = image.convert("L")
    values = np.asarray(grey, dtype=np.uint8)
    otsu = _otsu(values)
    dark = values[values < otsu]
    if not dark.size:
        return grey
    paper = int(np.bincount(values[values >= otsu].ravel(), minlength=256).argmax())
    cut = (float(np.percentile(dark, 10)) + paper) / 2
    return grey.point(lambda v: 255 if v >= cut else 0)


def ink_bands(image: Any) -> list[tuple[int, int, int, int]]:
    """Horizontal bands of a page that hold ink, as (top, bottom, left, right): the rows
    where at least 1 % of the page's width is ink (Otsu), runs closer than 1/250 of the page's
    height joined (a letter's dots to its line)."""
    import numpy as np

    grey = np.asarray(image.convert("L"), dtype=np.uint8)
    if grey.size == 0:
        return []
    ink = grey < _otsu(grey)
    rows = ink.sum(axis=1) >= 0.01 * grey.shape[1]
    bands: list[tuple[int, int, int, int]] = []
    start = None
    for y, on in enumerate([*rows.tolist(), False]):
        if on and start is None:
            start = y
        elif not on and start is not None:
            if bands and start - bands[-1][1] < max(3, grey.shape[0] // 250):
                start = bands.pop()[0]
            cols = np.flatnonzero(ink[start:y].any(axis=0))
            bands.append((start, y, int(cols[0]), int(cols[-1]) + 1))
            start = None
    return bands


def _overlap(a: list[Any], b: list[Any]) -> bool:
    """Shapes one above the other: they share most of the narrower one's width."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0.5 * min(a[1] - a[0], b[1] - b[0])


def _otsu(grey: Any) -> int:
    import numpy as np

    hist = np.bincount(grey.ravel(), minlength=256).astype(float)
    levels = np.arange(256)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    total, total_mean = weight[-1], mean[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mean * weight - mean * total) ** 2 / (weight * (total - weight))
    return int(np.nanargmax(between)) + 1


def features(found: Sequence[Glyph]) -> Any:
    """One row per glyph: its shape scaled into a square (aspect kept) and where it sits on
    the line, measured in the height of the line's tall glyphs (digits, letters' stems)."""
    import numpy as np
    from PIL import Image, ImageFilter

    heights = [g.bottom - g.top for g in found]
    tall = [g for g in found if g.bottom - g.top >= 0.55 * max(heights)]
    unit = float(np.median([g.bottom - g.top for g in tall]))
    base = float(np.median([g.bottom for g in tall]))
    rows = []
    for g in found:
        h, w = g.pixels.shape
        side = max(h, w)
        square = np.zeros((side, side), dtype=np.uint8)
        square[(side - h) // 2:(side - h) // 2 + h, (side - w) // 2:(side - w) // 2 + w] = (
            g.pixels * 255)
        shape = Image.fromarray(square).resize((2 * _GRID, 2 * _GRID), Image.Resampling.BOX)
        if _SMOOTH:  # strokes of other weights and a pixel's shift still overlap
            shape = shape.filter(ImageFilter.GaussianBlur(_SMOOTH))
        small = np.asarray(shape.resize((_GRID, _GRID), Image.Resampling.BOX), dtype=float) / 255
        geometry = [h / unit, w / unit, (base - g.bottom) / unit, (base - g.top) / unit]
        rows.append(np.concatenate([small.ravel(), _GEOMETRY_WEIGHT * np.array(geometry)]))
    return np.array(rows)


@dataclass(frozen=True)
class Matcher:
    vectors: Any
    labels: list[str]

    def classify(self, rows: Any, hint: str = "", letters: int | None = None) -> list[str]:
        """Each row's label: the nearest drawn glyph's, a label Tesseract also read (`hint`,
        its text of the region, counted once per digit it read) winning when it is within
        `_HINT` of the nearest. A speck (under half the line's digit height) is a zero when it
        stands at mid-height, a point when it sits on the baseline, a dash when it is long:
        Arabic-Indic zero and the point are the same dot, told apart only by where they stand.
        With `letters` (how many letters Tesseract read there), as many glyphs as that at
        least are letters: the most letter-like of those read as digits become letters."""
        import numpy as np

        if not len(rows) or not self.labels:
            return [OTHER] * len(rows)
        names = sorted(set(self.labels))
        index = np.array([names.index(label) for label in self.labels])
        d = np.sqrt(((rows[:, None, :] - self.vectors[None, :, :]) ** 2).sum(axis=2))
        nearest = np.full((len(rows), len(names)), np.inf)
        for k in range(len(names)):
            nearest[:, k] = d[:, index == k].min(axis=1)
        read = [_value(ch) for ch in hint if ch in DIGITS]
        out, best = [], []
        dots = np.array([name in _DOTS for name in names])
        for i in range(len(rows)):
            score = nearest[i].copy()
            if rows[i, -4] / _GEOMETRY_WEIGHT >= _SPECK:
                score[dots] = np.inf  # a tall glyph is no zero: the Arabic zero is a dot
            for k, name in enumerate(names):
                if name in DIGITS and _value(name) in read:
                    score[k] *= 1 - _HINT
            label = names[int(score.argmin())]
            best.append(float(score.min()))
            if label in DIGITS and _value(label) in read:
                read.remove(_value(label))
            h, w, low, high = rows[i, -4:] / _GEOMETRY_WEIGHT
            if h < _SPECK and w > 1.8 * h:
                label = "-"
            elif h < _SPECK and w < _SPECK:
                label = "." if (low + high) / 2 < _ZERO_ABOVE else "٠"
            out.append(label)
        if letters is not None and OTHER in names and out.count(OTHER) < letters:
            other = nearest[:, names.index(OTHER)]
            likely = sorted((other[i] / max(best[i], 1e-6), i) for i, label in enumerate(out)
                            if label != OTHER and rows[i, -4] / _GEOMETRY_WEIGHT >= _SPECK)
            for ratio, i in likely[:letters - out.count(OTHER)]:
                if ratio < _LETTER_RATIO:
                    out[i] = OTHER
        return out


def matcher() -> Matcher:
    """The drawn glyphs, made once per process (about a second)."""
    with _lock:
        return _matcher()


@cache
def _matcher() -> Matcher:
    import numpy as np
    from PIL import ImageFilter, ImageFont

    spec = data.load(data.bundled("sijill.ingest", "digits.yaml"), _SHAPE)
    vectors, labels = [], []
    for path in spec["fonts"]:
        if not Path(path).exists():
            continue
        for size in spec["sizes"]:
            face = ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)
            for line in spec["lines"]:
                if not _draws(face, line["labels"]):
                    continue
                page = _draw(face, line["text"], size)
                for blur in spec["blurs"]:
                    image = page.filter(ImageFilter.GaussianBlur(blur)) if blur else page
                    found = glyphs(image)
                    if len(found) != len(line["labels"]):
                        continue  # the font joins or splits shapes: not a usable drawing
                    vectors.extend(features(found))
                    labels.extend(line["labels"])
    return Matcher(np.array(vectors), labels)


def _draw(face: Any, text: str, size: int) -> Any:
    """The characters drawn one by one left to right (no bidi reordering, no joining)."""
    from PIL import Image, ImageDraw

    chars = [ch for ch in text if not ch.isspace()]
    gap = size // 4
    width = int(sum(face.getlength(ch) for ch in chars)) + gap * len(chars) + 2 * size
    page = Image.new("L", (width, 3 * size), 255)
    draw = ImageDraw.Draw(page)
    x = float(size)
    for ch in chars:
        draw.text((x, size), ch, font=face, fill=0)
        x += face.getlength(ch) + gap
    return page


def _draws(face: Any, text: str) -> bool:
    """Whether the font has a glyph for every character (no "missing glyph" boxes)."""
    missing = face.getmask("\uffff").getbbox()
    return all(face.getmask(ch).getbbox() != missing for ch in set(text) if not ch.isspace())


def logical(visual: Sequence[str]) -> list[int]:
    """The reading order of glyphs seen left to right on a right-to-left line: read from the
    right, except that a number (digits, with separators that join them) reads left to right.
    Returns indexes into `visual`."""
    order = list(range(len(visual)))[::-1]
    out: list[int] = []
    i = 0
    while i < len(order):
        j = i
        if visual[order[i]] in DIGITS:
            while j + 1 < len(order) and (
                    visual[order[j + 1]] in DIGITS
                    or (visual[order[j]] in DIGITS and visual[order[j + 1]] in _JOINERS
                        and j + 2 < len(order) and visual[order[j + 2]] in DIGITS)):
                j += 1
        out.extend(reversed(order[i:j + 1]))
        i = j + 1
    return out


_SCRIPTS = ("0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")
# The digits whose shapes tell the scripts apart (a stroke is 1, ١ or ۱; ٤٥٦ and ۴۵۶ differ).
_TELLING = (frozenset("023456789"), frozenset("٤٥٦"), frozenset("۴۵۶"))


def one_script(labels: Sequence[str], hint: str = "") -> list[str]:
    """The digits of a number in one script: the one most of its telling shapes are in, with
    `hint` (Tesseract's reading) as a tie-breaker; Arabic-Indic when nothing tells."""
    votes = [2 * sum(label in telling for label in labels) + sum(ch in telling for ch in hint)
             for telling in _TELLING]
    script = _SCRIPTS[max(range(3), key=lambda k: (votes[k], k == 1))]
    return [script[_value(label)] if label in DIGITS else label for label in labels]


def _value(digit: str) -> int:
    return next(s.index(digit) for s in _SCRIPTS if digit in s)


# ------------------------------------------------------------------ a line's numbers

# A word of an OCR'd line: its text, box (left, top, width, height) and confidence.
Word = tuple[str, tuple[int, int, int, int], float]
_PAD = 3  # pixels above and below a number's words that are cut with it


def _is_arabic(ch: str) -> bool:
    return "\u0620" <= ch <= "\u064a" or "\u066e" <= ch <= "\u06d3"


def _candidate(word: str) -> bool:
    """A word that may be (part of) a number: it has a digit, or no Arabic letter at all (a
    date Tesseract read as Latin letters, a lone separator), or is a short piece between
    separators (the "/خ/" of "٤٠٣/خ/١٤٤٠")."""
    return (any(ch in DIGITS for ch in word) or not any(_is_arabic(ch) for ch in word)
            or (len(word) <= 4 and any(ch in "/-." for ch in word)))


def reread(image: Any, words: list[Word],
           read_letter: Callable[[Any], str] | None = None) -> list[Word]:
    """A right-to-left line's words (in Tesseract's order) with each number read again from
    the page image: the words of one number become one word, its box their boxes' union.
    `read_letter` reads one glyph's image as text (Tesseract, one character): for a letter
    inside a number that Tesseract's reading of the line took for a digit."""
    runs: list[list[int]] = []
    open_run = False
    for i in sorted(range(len(words)), key=lambda i: words[i][1][0]):  # left to right
        if _candidate(words[i][0]):
            if open_run:
                runs[-1].append(i)
            else:
                runs.append([i])
            open_run = True
        else:
            open_run = False
    replaced: dict[int, Word | None] = {}
    for run in runs:
        word = _reread_run(image, [words[i] for i in sorted(run)], read_letter)
        if word is not None:
            first = min(run)
            replaced.update({i: None for i in run})
            replaced[first] = word
    out = []
    for i, word in enumerate(words):
        new = replaced.get(i, word)
        if new is not None:
            out.append(new)
    return out


def _reread_run(image: Any, run: list[Word],
                read_letter: Callable[[Any], str] | None = None) -> Word | None:
    """One number's words read glyph by glyph, or None to keep Tesseract's reading: when
    the glyphs are not all digits, separators and the letters Tesseract saw there (or, with
    `read_letter`, letters it reads)."""
    left = min(b[0] for _, b, _ in run)
    top = max(0, min(b[1] for _, b, _ in run) - _PAD)
    right = max(b[0] + b[2] for _, b, _ in run)
    bottom = max(b[1] + b[3] for _, b, _ in run) + _PAD
    crop = image.crop((left, top, right, bottom))
    found = glyphs(crop)
    if not found:
        return None
    hint = "".join(text for text, _, _ in run)
    letters = [ch for text, _, _ in run for ch in text if _is_arabic(ch)]
    labels = one_script(matcher().classify(features(found), hint, len(letters)), hint)
    if sum(label in DIGITS for label in labels) < (1 if any(ch in DIGITS for ch in hint) else 2):
        return None
    missing = labels.count(OTHER) - len(letters)
    if missing < 0 or (missing and read_letter is None):
        return None
    if missing:  # letters Tesseract read as digits: each read on its own, the last ones first
        extra = [i for i, label in enumerate(labels) if label == OTHER][-missing:]
        for i in extra:
            letter = [ch for ch in read_letter(_alone(found[i], crop.height)) if _is_arabic(ch)]
            if len(letter) != 1:
                return None
            labels[i] = letter[0]
    fill = iter(letters)
    text = "".join(next(fill) if labels[i] == OTHER else labels[i] for i in logical(labels))
    conf = sum(c for _, _, c in run) / len(run)
    return text, (left, top + _PAD, right - left, bottom - top - 2 * _PAD), conf


def _alone(glyph: Glyph, height: int) -> Any:
    """The glyph by itself, black on a white margin of half the line's height."""
    import numpy as np
    from PIL import Image

    margin = height // 2
    canvas = Image.new("L", (glyph.right - glyph.left + 2 * margin, height + 2 * margin), 255)
    canvas.paste(Image.fromarray(np.where(glyph.pixels, 0, 255).astype(np.uint8)),
                 (margin, glyph.top + margin))
    return canvas
