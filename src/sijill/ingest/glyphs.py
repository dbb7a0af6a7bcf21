"""A scan's ink: binarised, in bands (its lines), in glyphs (connected shapes).

What the number reader (`digits`) and the OCR of a page (`ocr`) cut a page image into.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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


def uncovered(image: Any, boxes: list[tuple[int, int, int, int]],
              min_height: float = 0.5) -> list[tuple[int, int, int, int]]:
    """The bands of ink (`ink_bands`) that no box (left, top, width, height) covers a third of,
    at least `min_height` of the boxes' median height: lines an OCR engine did not see."""
    if not boxes:
        return []
    median = sorted(b[3] for b in boxes)[len(boxes) // 2]
    return [(top, bottom, left, right) for top, bottom, left, right in ink_bands(image)
            if bottom - top >= min_height * median and not any(
                min(bottom, b[1] + b[3]) - max(top, b[1]) > 0.3 * (bottom - top) for b in boxes)]


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
    if np.isnan(between).all():  # one grey all over: no ink
        return 0
    return int(np.nanargmax(between)) + 1


def alone(glyph: Glyph, height: int) -> Any:
    """The glyph by itself, black on a white margin of half the line's height."""
    import numpy as np
    from PIL import Image

    margin = height // 2
    canvas = Image.new("L", (glyph.right - glyph.left + 2 * margin, height + 2 * margin), 255)
    canvas.paste(Image.fromarray(np.where(glyph.pixels, 0, 255).astype(np.uint8)),
                 (margin, glyph.top + margin))
    return canvas
