"""OCR and Arabic parsing on the generated corpus: CER by degradation level, field scores on
the OCR'd text against the clean text's, pages per second per core.

Each fictional letter (sijill.synth.arabic, with gold) is rendered with an Arabic font,
degraded at each level (clean, mild, moderate, heavy), OCR'd through `ingest.load_bytes` as
a PNG, and parsed. CER is the Levenshtein distance between the OCR'd and the true text
(whitespace runs as one space) over the true text's length; "CER letters" leaves digits and
punctuation out, to show how much of the error is in numbers. Pages/s per core is pages over
the CPU seconds the OCR used (Tesseract's processes and this process's own, where the number
reader runs; pages are rendered before the clock starts), so it does not depend on how busy
the machine is; the wall-clock rate with the given workers is printed too.

    .venv/bin/python bench/bench_ocr_arabic.py                 # 60 letters x 4 levels
    .venv/bin/python bench/bench_ocr_arabic.py -n 8 --levels clean,mild
"""

from __future__ import annotations

import argparse
import io
import re
import resource
import statistics
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from rapidfuzz.distance import Levenshtein

from sijill import ingest
from sijill.errors import IngestError
from sijill.model import SourceText
from sijill.parse import parse_text
from sijill.synth import arabic

_NOT_LETTERS = re.compile(r"[0-9٠-٩۰-۹/.\-:،,؛]")


# One form for what Arabic and Persian write alike: Eastern Arabic-Indic digits as
# Arabic-Indic ones (۴ and ٤ are one digit), Persian ye, kaf and heh as Arabic ones; and no
# tatweel (U+0640), the stretch of a joining stroke ("هـ"), which is no letter: the true
# text's tatweels used to be counted as characters OCR lost (about 0.3 points of CER).
_ONE_FORM = str.maketrans("۰۱۲۳۴۵۶۷۸۹یکھ", "٠١٢٣٤٥٦٧٨٩يكه", "\u0640")
_WITH_TATWEEL = str.maketrans("۰۱۲۳۴۵۶۷۸۹یکھ", "٠١٢٣٤٥٦٧٨٩يكه")


def _norm(text: str, table: dict[int, Any] = _ONE_FORM) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(table).split())


def cer(found: str, truth: str, table: dict[int, Any] = _ONE_FORM) -> float:
    found, truth = _norm(found, table), _norm(truth, table)
    return Levenshtein.distance(found, truth) / max(len(truth), 1)


def _parse(text: str) -> Any:
    return parse_text(text, source=SourceText("0" * 64, text))[0]


def page(item: arabic.Letter, level: str, seed: int) -> bytes:
    """The letter rendered, degraded and saved as a PNG (not timed)."""
    image = arabic.degrade(arabic.render(item.text, item.font), level, seed)
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def read(item: arabic.Letter, png: bytes) -> str:
    try:
        return ingest.load_bytes(png, path=f"{item.name}.png").text
    except IngestError as exc:
        print(f"  {item.name}: {exc.reason}")
        return ""


def score(item: arabic.Letter, text: str) -> dict[str, Any]:
    return {
        "cer": cer(text, item.text),
        "cer_tatweel": cer(text, item.text, _WITH_TATWEEL),
        "cer_letters": cer(_NOT_LETTERS.sub("", text), _NOT_LETTERS.sub("", item.text)),
        "fields": arabic.score(_parse(text), item.gold) if text else dict.fromkeys(
            arabic.FIELDS, 0.0),
        "font": item.font,
        "digits": _digit_style(item.gold["reference_number"]),
    }


def _digit_style(text: str) -> str:
    if any("٠" <= c <= "٩" for c in text):
        return "arabic-indic"
    return "eastern" if any("۰" <= c <= "۹" for c in text) else "western"


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (Tesseract)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--count", type=int, default=60)
    ap.add_argument("--levels", default=",".join(arabic.LEVELS))
    ap.add_argument("--workers", type=int, default=2, help="pages OCR'd at once")
    args = ap.parse_args()
    letters = arabic.corpus(args.count)
    clean_fields = [arabic.score(_parse(item.text), item.gold) for item in letters]
    print(f"{len(letters)} letters; fonts: " + ", ".join(
        f"{f} {sum(x.font == f for x in letters)}" for f in sorted(arabic.FONTS)))
    header = f"{'level':<9} {'CER mean':>8} {'median':>7} {'letters':>8} " + " ".join(
        f"{f[:10]:>10}" for f in arabic.FIELDS)
    print(header)
    print(f"{'(text)':<9} {'':>8} {'':>7} {'':>8} " + " ".join(
        f"{statistics.mean(s[f] for s in clean_fields):>10.2f}" for f in arabic.FIELDS))
    total_pages, cpu, wall = 0, 0.0, 0.0
    by_font: dict[tuple[str, str], list[float]] = {}
    by_digits: dict[tuple[str, str], list[float]] = {}
    with_tatweel: list[str] = []
    for level in args.levels.split(","):
        with ThreadPoolExecutor(args.workers) as pool:
            pngs = list(pool.map(page, letters, [level] * len(letters), range(len(letters))))
        # the OCR alone is timed: this process's CPU (the number reader, the text) and
        # Tesseract's (its child processes)
        cpu_start, wall_start = _cpu(), time.perf_counter()
        with ThreadPoolExecutor(args.workers) as pool:
            texts = list(pool.map(read, letters, pngs))
        cpu += _cpu() - cpu_start
        wall += time.perf_counter() - wall_start
        results = [score(item, text) for item, text in zip(letters, texts, strict=True)]
        total_pages += len(results)
        for r in results:
            by_font.setdefault((level, r["font"]), []).append(r["cer"])
            by_digits.setdefault((level, r["digits"]), []).append(
                r["fields"]["reference"] * r["fields"]["hijri_date"])
        cers = [r["cer"] for r in results]
        with_tatweel.append(f"{level} {statistics.mean(r['cer_tatweel'] for r in results):.3f}")
        print(f"{level:<9} {statistics.mean(cers):>8.3f} {statistics.median(cers):>7.3f} "
              f"{statistics.mean(r['cer_letters'] for r in results):>8.3f} " + " ".join(
                  f"{statistics.mean(r['fields'][f] for r in results):>10.2f}"
                  for f in arabic.FIELDS))
    print("\nCER mean with tatweel counted as a character (as measured before): "
          + "; ".join(with_tatweel))
    print("\nreference and Hijri date both right, by the letter's digits: " + "; ".join(
        f"{level}/{style} {statistics.mean(v):.2f} (n={len(v)})"
        for (level, style), v in sorted(by_digits.items())))
    print("\nCER by font: " + "; ".join(
        f"{level}/{font} {statistics.mean(v):.3f}" for (level, font), v in sorted(by_font.items())))
    print(f"\n{total_pages} pages: {total_pages / cpu:.2f} pages/s per core "
          f"(OCR CPU time {cpu:.0f} s: Tesseract and the number reader); "
          f"{total_pages / wall:.2f} pages/s wall-clock "
          f"with {args.workers} workers on a shared machine")


if __name__ == "__main__":
    main()
