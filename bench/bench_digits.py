"""The number reader (sijill.ingest.digits) measured on the generated corpus, quickly.

Each letter is rendered and degraded as bench_ocr_arabic.py does, and read through
`ingest.load_bytes`, with Tesseract's answers kept on disk (`--cache`): a second run costs
only the number reader and the parser, so a change to the reader is measured in seconds.
Printed per level: the reference number and Hijri date scores; the numbers of the page right
(each number the reader wrote against the true text's number nearest to it); and the glyphs
right, over the numbers whose glyphs the reader found as many as the true number has
(letters inside a number count as one class, "~"), with the commonest confusions.

    .venv/bin/python bench/bench_digits.py -n 20 --levels clean,mild
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import io
import pickle
import re
import statistics
from pathlib import Path
from typing import Any

import bench_ocr_arabic
from rapidfuzz.distance import Levenshtein

from sijill import ingest
from sijill.errors import IngestError
from sijill.ingest import digits, ocr
from sijill.model import SourceText
from sijill.parse import parse_text
from sijill.synth import arabic

_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_TOKEN = re.compile(r"\S*[0-9٠-٩۰-۹]\S*")


def _cached_tesseract(folder: Path) -> Any:
    original = ocr._tesseract

    def tesseract(image: Any, languages: str, config: str = ocr._CONFIG) -> Any:
        key = hashlib.sha1(image.tobytes() + repr((image.size, image.mode, languages,
                                                     config)).encode()).hexdigest()
        path = folder / f"tess-{key}.pickle"
        if path.exists():
            return pickle.loads(path.read_bytes())
        out = original(image, languages, config)
        path.write_bytes(pickle.dumps(out))
        return out
    return tesseract


def _png(folder: Path, item: arabic.Letter, level: str, seed: int) -> bytes:
    path = folder / f"{item.name}-{level}.png"
    if not path.exists():
        buf = io.BytesIO()
        arabic.degrade(arabic.render(item.text, item.font), level, seed).save(buf, "PNG")
        path.write_bytes(buf.getvalue())
    return path.read_bytes()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--count", type=int, default=20)
    ap.add_argument("--levels", default="clean,mild")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/sijill-bench-digits"))
    ap.add_argument("--glyphs", type=Path, help="write the numbers' crops and truth (pickle)")
    ap.add_argument("--errors", action="store_true", help="print each wrong reference and date")
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    ocr._tesseract = _cached_tesseract(args.cache)  # type: ignore[assignment]
    runs: list[dict[str, Any]] = []
    original_run = digits._reread_run

    def recording_run(image: Any, run: list[Any], read_letter: Any = None,
                      fences: Any = ()) -> Any:
        word = original_run(image, run, read_letter, fences)
        runs.append({"image": image, "run": run, "word": word, "fences": fences})
        return word
    digits._reread_run = recording_run  # type: ignore[assignment]
    letters = arabic.corpus(args.count)
    dataset = []
    for level in args.levels.split(","):
        fields: dict[str, list[float]] = collections.defaultdict(list)
        by_digits: dict[str, list[float]] = collections.defaultdict(list)
        numbers = right_numbers = 0
        glyph_total = glyph_right = 0
        confusions: collections.Counter[tuple[str, str]] = collections.Counter()
        for seed, item in enumerate(letters):
            runs.clear()
            try:
                text = ingest.load_bytes(_png(args.cache, item, level, seed),
                                         path=f"{item.name}.png").text
            except IngestError:
                text = ""
            doc = parse_text(text, source=SourceText("0" * 64, text))[0]  # for --errors
            scored = bench_ocr_arabic.score(item, text)
            scores = scored["fields"]
            for name, value in scores.items():
                fields[name].append(value)
            fields["CER"].append(scored["cer"])
            by_digits[scored["digits"]].append(scores["reference"] * scores["hijri_date"])
            if args.errors:
                _errors(item, doc, scores, level)
            truths = [t.strip("،:") for t in _TOKEN.findall(item.text)]
            for rec in runs:
                if rec["word"] is None:
                    continue
                found = rec["word"][0]
                truth = min(truths, key=lambda t: Levenshtein.distance(
                    t.translate(_ASCII), found.translate(_ASCII)))
                numbers += 1
                right_numbers += found.translate(_ASCII) == truth.translate(_ASCII)
                labels = _labels(found)
                visual = _labels(truth)
                dataset.append({"level": level, "font": item.font, "truth": truth,
                                "visual": visual, "run": rec["run"], "found": found,
                                "crop": _crop(rec["image"], rec["run"], rec["fences"])})
                if len(labels) != len(visual):
                    continue
                for got, want in zip(labels, visual, strict=True):
                    glyph_total += 1
                    same = got.translate(_ASCII) == want.translate(_ASCII)
                    glyph_right += same
                    if not same:
                        confusions[(want, got)] += 1
        print(f"{level}: " + " ".join(f"{k} {statistics.mean(v):.3f}" for k, v in fields.items()))
        print("  reference and Hijri date both right, by the letter's digits: " + "; ".join(
            f"{k} {statistics.mean(v):.2f} (n={len(v)})" for k, v in sorted(by_digits.items())))
        print(f"  numbers right {right_numbers}/{numbers}; glyphs right {glyph_right}/"
              f"{glyph_total} ({glyph_right / max(glyph_total, 1):.3f}); confusions (true>read): "
              + " ".join(f"{a}>{b}:{n}" for (a, b), n in confusions.most_common(12)))
    if args.glyphs:
        args.glyphs.write_bytes(pickle.dumps(dataset))


def _errors(item: arabic.Letter, doc: Any, scores: dict[str, float], level: str) -> None:
    if not scores["reference"]:
        print(f"  {level} {item.name} {item.font} reference {item.gold['reference_number']} "
              f"read {doc.reference_number and doc.reference_number.text}")
    if not scores["hijri_date"]:
        print(f"  {level} {item.name} {item.font} Hijri date {item.gold['dates'][0]} read "
              + "; ".join(f"{d.calendar} {d.year}-{d.month}-{d.day} '{d.text}'" for d in doc.dates))


def _labels(found: str) -> list[str]:
    """A number's glyphs as they stand left to right (its letters as "~")."""
    labels = [ch if ch in digits.DIGITS or ch in "/.-:" else digits.OTHER for ch in found]
    return [labels[i] for i in digits.logical(labels)]


def _crop(image: Any, run: list[Any], fences: Any = ()) -> bytes:
    buf = io.BytesIO()
    image.crop(digits.crop_box(run, fences)).save(buf, "PNG")
    return buf.getvalue()


if __name__ == "__main__":
    main()
