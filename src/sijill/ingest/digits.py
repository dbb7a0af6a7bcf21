"""Numbers on a scan read again, glyph by glyph.

Tesseract's Arabic models (Debian ships the "fast" ones) read a run of Arabic-Indic digits
badly: a digit dropped or added, the run turned round ("١٤٤٠" as "٠٤٤١"), a date read as
Latin letters. Digits, unlike Arabic letters, stand apart on the page: each is one connected
shape. So the region of a line that Tesseract read as a number is cut into glyphs, each glyph
is told by a small network trained on digits drawn from other fonts (`digit_model`,
data/digits.yaml), and the glyphs, left to right as they stand, are put back in reading order
by the Unicode bidirectional rules run backwards (`logical`). A glyph that is a letter (the
letter of "٤٠٣/خ/١٤٤٠") takes the letter Tesseract read there, or one read alone.
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
from sijill.ingest import digit_model, glyphs

SHAPE = data.record(
    fonts=data.WORDS, sizes=data.listof(data.INT), degraded=data.INT,
    lines=data.listof(data.record(text=data.TEXT, labels=data.TEXT,
                                  language=data.optional(data.TEXT))),
)
OTHER = "~"  # a glyph that is not a digit or separator
# Separators that join digits into one left-to-right number in a right-to-left line (Unicode
# bidi class CS); "-" (ES) does not join Arabic digits, so "٨٩٠-م-١٤٣٩" turns at each "-".
_JOINERS = frozenset("/.,:")
# A glyph under this share of the line's digit height is a speck: zero, point or dash; a
# zero's middle stands at least this high above the baseline (a point's sits on it).
_SPECK = 0.5
_ZERO_ABOVE = 0.22
_DOTS = frozenset("٠۰.")
# A glyph read as a digit is taken for a letter Tesseract saw when the network finds the
# letter at least 1/_LETTER_ODDS as likely as the digit.
_LETTER_ODDS = 20.0
# A digit Tesseract read there counts this many times its probability.
_HINT = float(os.environ.get("SIJILL_DIGIT_HINT", "2.0"))
DIGITS = frozenset("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
_lock = threading.Lock()


@dataclass(frozen=True)
class Matcher:
    model: digit_model.Model | None

    def classify(self, found: Sequence[glyphs.Glyph], hint: str = "",
                 letters: int | None = None) -> list[str]:
        """Each glyph's label: the network's likeliest, a digit Tesseract also read there
        (`hint`, its text of the region, counted once per digit it read) counting `_HINT`
        times. A speck (under half the line's digit height) is a zero when it stands at
        mid-height, a point when it sits on the baseline, a dash when it is long: Arabic-Indic
        zero and the point are the same dot, told apart only by where they stand; a tall
        glyph at either end is no "/". With `letters` (how many letters Tesseract read
        there), as many glyphs are letters as that (`_as_many_letters`)."""
        import numpy as np

        if not found or self.model is None:
            return [OTHER] * len(found)
        names, probs = self._classes(found)
        place = digit_model.geometry(found)
        read = [_value(ch) for ch in hint if ch in DIGITS]
        dots = np.array([name in _DOTS for name in names])
        joins = np.array([name in _JOINERS for name in names])
        out = []
        for i in range(len(found)):
            score = probs[i].copy()
            if place[i, 0] >= _SPECK:
                score[dots] = 0  # a tall glyph is no zero: the Arabic zero is a dot
                if i in (0, len(found) - 1):
                    score[joins] = 0  # a number neither starts nor ends with "/"
            for k, name in enumerate(names):
                if name in DIGITS and _value(name) in read:
                    score[k] *= _HINT
            label = names[int(score.argmax())]
            if label in DIGITS and _value(label) in read:
                read.remove(_value(label))
            h, w, low, high = place[i]
            if h < _SPECK and w > 1.8 * h and not (label in DIGITS and probs[i].max() > 0.5):
                label = "-"  # unless the network is sure of a digit (a ٦ whose stem faded)
            elif h < _SPECK and w < _SPECK:
                label = "." if (low + high) / 2 < _ZERO_ABOVE else "٠"
            out.append(label)
        if letters is not None and OTHER in names:
            _as_many_letters(out, names, probs, place[:, 0], letters)
        return out

    def _classes(self, found: Sequence[glyphs.Glyph]) -> tuple[list[str], Any]:
        """The labels, letters summed into OTHER, and each glyph's probabilities of them."""
        import numpy as np

        assert self.model is not None
        probs = self.model.probabilities(found)
        letter = np.array([_letter(name) for name in self.model.labels])
        names = [name for name in self.model.labels if not _letter(name)] + [OTHER]
        return names, np.hstack([probs[:, ~letter], probs[:, letter].sum(axis=1, keepdims=True)])

    def letters(self, found: Sequence[glyphs.Glyph], among: Sequence[str] = ()) -> list[str]:
        """Each glyph's likeliest letter (of the letters drawn in data/digits.yaml; of those
        in `among`, Tesseract's reading there, when it has any)."""
        if not found or self.model is None:
            return [""] * len(found)
        probs = self.model.probabilities(found)
        letters = [k for k, name in enumerate(self.model.labels) if _letter(name)]
        if any(self.model.labels[k] in among for k in letters):
            letters = [k for k in letters if self.model.labels[k] in among]
        if not letters:
            return [""] * len(found)
        return [self.model.labels[letters[int(row[letters].argmax())]] for row in probs]


def _as_many_letters(out: list[str], names: list[str], probs: Any, heights: Any,
                     letters: int) -> None:
    """Glyphs turned letters (or, when Tesseract read a letter there but fewer than the
    network found, digits) so that as many are letters as Tesseract read: the likeliest of
    the change first, and only when the network found it at least 1/_LETTER_ODDS as likely."""
    other = names.index(OTHER)
    tall = heights >= _SPECK
    if out.count(OTHER) < letters:
        likely = sorted((probs[i, names.index(label)] / max(probs[i, other], 1e-12), i)
                        for i, label in enumerate(out) if label != OTHER and tall[i])
        for odds, i in likely[:letters - out.count(OTHER)]:
            if odds < _LETTER_ODDS:
                out[i] = OTHER
    elif 0 < letters < out.count(OTHER):
        digit = [k for k, name in enumerate(names) if name in DIGITS and name not in _DOTS]
        likely = sorted((probs[i, other] / max(probs[i, digit].max(), 1e-12), i)
                        for i, label in enumerate(out) if label == OTHER and tall[i])
        for odds, i in likely[:out.count(OTHER) - letters]:
            if odds < _LETTER_ODDS:
                out[i] = names[digit[int(probs[i, digit].argmax())]]


def _letter(label: str) -> bool:
    return label not in DIGITS and label not in "/.-:"


def matcher() -> Matcher:
    """The glyph classifier, loaded or trained once per process (digit_model)."""
    with _lock:
        return _matcher()


@cache
def _matcher() -> Matcher:
    spec = data.load(data.bundled("sijill.ingest", "digits.yaml"), SHAPE)
    fonts = [path for path in spec["fonts"] if Path(path).exists()]
    return Matcher(digit_model.load(spec, fonts) if fonts else None)


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
_SIDE = float(os.environ.get("SIJILL_DIGIT_SIDE", "0.2"))  # and left and right, in their height


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
    ordered = sorted(range(len(words)), key=lambda i: words[i][1][0])  # left to right
    candidate = [_candidate(words[i][0]) for i in ordered]
    for k in range(1, len(ordered) - 1):  # a lone letter between numbers: "٨٦٠. ت .١٤٣٨"
        if candidate[k - 1] and candidate[k + 1] and len(words[ordered[k]][0]) <= 2:
            candidate[k] = True
    for k, i in enumerate(ordered):
        if candidate[k]:
            if open_run:
                runs[-1].append(i)
            else:
                runs.append([i])
            open_run = True
        else:
            open_run = False
    fences = [(b[0], b[0] + b[2]) for k, (_, b, _) in enumerate(words)
              if not any(k in run for run in runs)]
    read = [(run, _reread_run(image, [words[i] for i in sorted(run)], read_letter, fences))
            for run in runs]
    gone = {i for run, word in read if word is not None for i in run}
    out = [word for i, word in enumerate(words) if i not in gone]
    for _, word in read:
        if word is not None:  # in its place right to left (Tesseract at times puts a
            # number's pieces before the label on their right: "٦٤٦/ز/١٤٤٥ الرقم:")
            middle = word[1][0] + word[1][2] / 2
            at = next((k for k, w in enumerate(out) if w[1][0] + w[1][2] / 2 < middle), len(out))
            out.insert(at, word)
    return out


def crop_box(run: list[Word], fences: Sequence[tuple[int, int]] = ()
             ) -> tuple[int, int, int, int]:
    """The box (left, top, right, bottom) a number's words are cut from the page with.
    `fences` are the left and right edges of the line's other words: a word box of the
    number that reaches into one (Tesseract's box of a number at times spans the label
    before it) is cut at its edge."""
    left = min(b[0] for _, b, _ in run)
    right = max(b[0] + b[2] for _, b, _ in run)
    fenced = [False, False]
    for start, end in fences:  # a word mostly inside the number's box
        if min(end, right) - max(start, left) > (end - start) / 2:
            if start + end > left + right:
                right, fenced[1] = max(left + 1, min(right, start)), True
            else:
                left, fenced[0] = min(right - 1, max(left, end)), True
    # Tesseract's box at times cuts the last glyph's edge: a margin where no word was cut
    margin = round(_SIDE * sorted(b[3] for _, b, _ in run)[len(run) // 2])
    left, right = left - (0 if fenced[0] else margin), right + (0 if fenced[1] else margin)
    left = max(0, left)
    top = max(0, min(b[1] for _, b, _ in run) - _PAD)
    return left, top, right, max(b[1] + b[3] for _, b, _ in run) + _PAD


def _reread_run(image: Any, run: list[Word], read_letter: Callable[[Any], str] | None = None,
                fences: Sequence[tuple[int, int]] = ()) -> Word | None:
    """One number's words read glyph by glyph, or None to keep Tesseract's reading: when
    the glyphs are not all digits, separators and the letters Tesseract saw there (or, with
    `read_letter`, letters it reads). `fences`: see `crop_box`."""
    left, top, right, bottom = crop_box(run, fences)
    # within the page: PIL fills what lies outside with black, which glues the glyphs
    right, bottom = min(right, image.width), min(bottom, image.height)
    crop = image.crop((left, top, right, bottom))
    found = glyphs.glyphs(crop)
    if not found:
        return None
    hint = "".join(text for text, _, _ in run)
    letters = [ch for text, _, _ in run for ch in text if _is_arabic(ch)]
    labels = one_script(matcher().classify(found, hint, len(letters)), hint)
    if sum(label in DIGITS for label in labels) < (1 if any(ch in DIGITS for ch in hint) else 2):
        return None
    order = logical(labels)
    others = [i for i in order if labels[i] == OTHER]  # the letter glyphs in reading order
    if len(others) == len(letters):
        letter_at = dict(zip(others, letters, strict=True))
    elif letters:  # Tesseract saw more or fewer letters: the likeliest of those it saw
        guesses = matcher().letters(found, letters)
        letter_at = {i: guesses[i] for i in others}
    else:  # it saw none: each is read on its own, by Tesseract or else by the network
        guesses = matcher().letters(found)
        letter_at = {i: _read_alone(found[i], crop.height, read_letter) or guesses[i]
                     for i in others}
    if not all(letter_at.values()):
        return None
    text = "".join(letter_at.get(i, labels[i]) for i in order)
    conf = sum(c for _, _, c in run) / len(run)
    return text, (left, top + _PAD, right - left, bottom - top - 2 * _PAD), conf


def _read_alone(glyph: glyphs.Glyph, height: int,
                read_letter: Callable[[Any], str] | None) -> str:
    """The one Arabic letter `read_letter` reads in the glyph alone, or ""."""
    if read_letter is None:
        return ""
    letter = [ch for ch in read_letter(glyphs.alone(glyph, height)) if _is_arabic(ch)]
    return letter[0] if len(letter) == 1 else ""
