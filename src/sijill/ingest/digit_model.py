"""The glyph classifier of the number reader (`digits`): a small neural network trained on
digits drawn from other fonts, as scans and photocopies show them.

Each line of `data/digits.yaml` is drawn in each of its fonts at each size, then again with
what a phone photo or a photocopy does to it: a slight turn, a narrower or wider letter, a
thicker or thinner stroke, blur, noise, JPEG. Each glyph is described by the directions of
its edges (a histogram of gradients on a grid: "٢" and "٣" differ by a tooth on top, which a
coarse grey image smooths away), its ink stretched into a square, and where it stands on the
line. A network of one hidden layer learns the labels from those (numpy, plain gradient
descent: a few seconds a training epoch). Training takes about a minute, so the model is
kept on disk (`SIJILL_CACHE`, by default ~/.cache/sijill) under a key of what it was trained
from, and trained again only when that changes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sijill.ingest import glyphs

# Bumped when features, augmentation or training change: the cached model is then stale.
VERSION = "2"
# Eastern Arabic-Indic digits drawn like their Arabic-Indic twins are one class: a glyph
# cannot tell them apart (only ۴ ۵ ۶ differ); the number's script is chosen afterwards.
_SAME_SHAPE = str.maketrans("۰۱۲۳۷۸۹", "٠١٢٣٧٨٩")
_HIDDEN = 128
_EPOCHS = 20
_BATCH = 128


@dataclass(frozen=True)
class Model:
    """A trained network: standardisation, two layers, the class labels."""

    mean: Any
    scale: Any
    weights: tuple[Any, Any, Any, Any]
    labels: list[str]

    def probabilities(self, found: Sequence[glyphs.Glyph]) -> Any:
        """One row per glyph: the probability of each label (`labels`)."""
        import numpy as np

        w1, b1, w2, b2 = self.weights
        z = np.maximum(((features(found) - self.mean) / self.scale) @ w1 + b1, 0) @ w2 + b2
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)


# ------------------------------------------------------------------ features

def geometry(found: Sequence[glyphs.Glyph]) -> Any:
    """Per glyph: height, width, bottom and top above the baseline, in the height of the
    line's tall glyphs (digits, letters' stems)."""
    import numpy as np

    heights = [g.bottom - g.top for g in found]
    tall = [g for g in found if g.bottom - g.top >= 0.55 * max(heights)]
    unit = float(np.median([g.bottom - g.top for g in tall]))
    base = float(np.median([g.bottom for g in tall]))
    return np.array([[(g.bottom - g.top) / unit, (g.right - g.left) / unit,
                      (base - g.bottom) / unit, (base - g.top) / unit] for g in found])


def features(found: Sequence[glyphs.Glyph]) -> Any:
    """One row per glyph: edge directions of its shape (aspect kept, 4x4 cells) and of its ink
    stretched to a square (2x2 cells), the stretched ink on a 12x12 grid, its geometry."""
    import numpy as np

    rows = []
    for g, place in zip(found, geometry(found), strict=True):
        aspect = np.log((g.right - g.left + 1) / (g.bottom - g.top + 1))
        rows.append(np.concatenate([
            _edges(_square(g, 24, keep_aspect=True), 4),
            _edges(_square(g, 16, keep_aspect=False), 2),
            0.3 * _square(g, 12, keep_aspect=False).ravel(), place, [aspect]]))
    return np.array(rows)


def _square(g: glyphs.Glyph, side: int, keep_aspect: bool) -> Any:
    import numpy as np
    from PIL import Image

    h, w = g.pixels.shape
    ink = (g.pixels * 255).astype(np.uint8)
    if keep_aspect:
        big = max(h, w)
        square = np.zeros((big, big), dtype=np.uint8)
        square[(big - h) // 2:(big - h) // 2 + h, (big - w) // 2:(big - w) // 2 + w] = ink
        ink = square
    method = Image.Resampling.BOX if min(ink.shape) >= side else Image.Resampling.BILINEAR
    return np.asarray(Image.fromarray(ink).resize((side, side), method), dtype=float) / 255


def _edges(image: Any, cells: int, bins: int = 8) -> Any:
    """A histogram of gradient directions (signed, `bins`) per cell, weighted by strength,
    each direction shared between its two nearest bins; normalised to length 1."""
    import numpy as np
    from scipy import ndimage

    gy, gx = np.gradient(ndimage.gaussian_filter(image, 0.8))
    strength = np.hypot(gx, gy)
    angle = (np.arctan2(gy, gx) + np.pi) / (2 * np.pi) * bins
    low = np.floor(angle).astype(int) % bins
    share = angle - np.floor(angle)
    cell = image.shape[0] // cells
    ys, xs = np.indices(image.shape) // cell
    where = (np.minimum(ys, cells - 1) * cells + np.minimum(xs, cells - 1)) * bins
    out = np.zeros(cells * cells * bins)
    np.add.at(out, (where + low).ravel(), (strength * (1 - share)).ravel())
    np.add.at(out, (where + (low + 1) % bins).ravel(), (strength * share).ravel())
    return out / (np.linalg.norm(out) + 1e-6)


# ------------------------------------------------------------------ training data

def _degraded(page: Any, rnd: random.Random, noise: Any) -> Any:
    """A drawing as a scan or photocopy shows it: turned, narrower or wider, a thicker or
    thinner stroke, blurred, noisy, JPEG'd (each at random, within what a readable page
    has)."""
    import numpy as np
    from PIL import Image, ImageFilter

    img = page
    if rnd.random() < 0.5:
        img = img.rotate(rnd.uniform(-1.5, 1.5), resample=Image.Resampling.BICUBIC,
                         expand=True, fillcolor=255)
    img = img.resize((max(1, int(img.width * rnd.uniform(0.85, 1.2))), img.height),
                     Image.Resampling.BICUBIC)
    stroke = rnd.random()
    if stroke < 0.2:
        img = img.filter(ImageFilter.MinFilter(3))  # ink spreads
    elif stroke < 0.35:
        img = img.filter(ImageFilter.MaxFilter(3))  # ink fades
    blur = rnd.uniform(0, 1.2)
    if blur > 0.2:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    sigma = rnd.choice([0, 0, 8, 15, 25])
    if sigma:
        grey = np.asarray(img, dtype=float)
        grey = 0.75 * grey + 0.25 * (128 + noise.normal(0, sigma, grey.shape))
        img = Image.fromarray(np.clip(grey * 1.25, 0, 255).astype(np.uint8))
    quality = rnd.choice([None, None, 50, 75, 90])
    if quality:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality)
        img = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    return img


def _drawings(spec: dict[str, Any], fonts: list[str]) -> tuple[Any, list[str]]:
    """Feature rows and labels of every line of `spec` in every font and size, drawn clean
    and `spec["degraded"]` times degraded."""
    import numpy as np
    from PIL import ImageFont

    rnd, noise = random.Random(0), np.random.default_rng(0)
    rows, labels = [], []
    for path in fonts:
        for size in spec["sizes"]:
            face = ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)
            for line in spec["lines"]:
                if not _draws(face, line["labels"]):
                    continue
                page = draw_line(face, line["text"], size, line.get("language"))
                for n in range(1 + spec["degraded"]):
                    found = glyphs.glyphs(page if n == 0 else _degraded(page, rnd, noise))
                    if len(found) != len(line["labels"]):
                        continue  # the font joins or splits shapes: not a usable drawing
                    rows.append(features(found))
                    labels.extend(ch.translate(_SAME_SHAPE) for ch in line["labels"])
    return np.vstack(rows), labels


def draw_line(face: Any, text: str, size: int, language: str | None = None) -> Any:
    """The characters drawn one by one left to right (no bidi reordering, no joining), in
    the forms the font has for `language` ("ur": the Urdu ۴ ۶ ۷)."""
    from PIL import Image, ImageDraw

    chars = [ch for ch in text if not ch.isspace()]
    gap = size // 4
    width = int(sum(face.getlength(ch, language=language) for ch in chars)
                ) + gap * len(chars) + 2 * size
    page = Image.new("L", (width, 3 * size), 255)
    draw = ImageDraw.Draw(page)
    x = float(size)
    for ch in chars:
        draw.text((x, size), ch, font=face, fill=0, language=language)
        x += face.getlength(ch, language=language) + gap
    return page


def _draws(face: Any, text: str) -> bool:
    """Whether the font has a glyph for every character (no "missing glyph" boxes)."""
    missing = face.getmask("\uffff").getbbox()
    return all(face.getmask(ch).getbbox() != missing for ch in set(text) if not ch.isspace())


# ------------------------------------------------------------------ the network

def train(rows: Any, labels: list[str], seed: int = 0) -> Model:
    """A one-hidden-layer network fitted by Adam with a cosine schedule, inputs jittered."""
    import numpy as np

    rng = np.random.default_rng(seed)
    names = sorted(set(labels))
    target = np.array([names.index(label) for label in labels])
    mean, scale = rows.mean(axis=0), rows.std(axis=0) + 1e-6
    x = (rows - mean) / scale
    params = [rng.normal(0, np.sqrt(2 / x.shape[1]), (x.shape[1], _HIDDEN)), np.zeros(_HIDDEN),
              rng.normal(0, np.sqrt(1 / _HIDDEN), (_HIDDEN, len(names))), np.zeros(len(names))]
    moments = [[np.zeros_like(p), np.zeros_like(p)] for p in params]
    step = 0
    for epoch in range(_EPOCHS):
        rate = 1e-3 * (1 + np.cos(np.pi * epoch / _EPOCHS))
        order = rng.permutation(len(x))
        for start in range(0, len(x), _BATCH):
            batch = order[start:start + _BATCH]
            grads = _gradients(params, x[batch] + rng.normal(0, 0.1, (len(batch), x.shape[1])),
                               target[batch])
            step += 1
            for p, g, (m, v) in zip(params, grads, moments, strict=True):
                m *= 0.9
                m += 0.1 * g
                v *= 0.999
                v += 0.001 * g * g
                p -= rate * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return Model(mean, scale, (params[0], params[1], params[2], params[3]), names)


def _gradients(params: list[Any], x: Any, target: Any, decay: float = 1e-4) -> list[Any]:
    import numpy as np

    w1, b1, w2, b2 = params
    hidden = x @ w1 + b1
    active = np.maximum(hidden, 0)
    z = active @ w2 + b2
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(target)), target] -= 1
    p /= len(target)
    back = (p @ w2.T) * (hidden > 0)
    return [x.T @ back + decay * w1, back.sum(axis=0), active.T @ p + decay * w2, p.sum(axis=0)]


# ------------------------------------------------------------------ kept on disk

def load(spec: dict[str, Any], fonts: list[str]) -> Model:
    """The model for `spec` and the fonts installed: read from the cache, or trained and
    written there (atomically: two processes may train at once)."""
    import numpy as np

    path = _cache() / f"digits-{_key(spec, fonts)}.npz"
    if path.exists():
        try:
            with np.load(path) as saved:
                return Model(saved["mean"], saved["scale"],
                             (saved["w1"], saved["b1"], saved["w2"], saved["b2"]),
                             [str(label) for label in saved["labels"]])
        except (OSError, ValueError, KeyError):  # a damaged file: train again
            pass
    model = train(*_drawings(spec, fonts))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp.npz")
        w1, b1, w2, b2 = model.weights
        np.savez(partial, mean=model.mean, scale=model.scale, w1=w1, b1=b1, w2=w2, b2=b2,
                 labels=np.array(model.labels))
        os.replace(partial, path)
    except OSError:  # a read-only home: the model lives for this process only
        pass
    return model


def _cache() -> Path:
    if os.environ.get("SIJILL_CACHE"):
        return Path(os.environ["SIJILL_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sijill"


def _key(spec: dict[str, Any], fonts: list[str]) -> str:
    stamp = [(f, os.path.getsize(f)) for f in fonts]
    text = json.dumps([VERSION, spec, stamp], sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(text.encode()).hexdigest()[:16]
