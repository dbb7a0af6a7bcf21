"""OCR and Arabic parsing on the generated corpus: CER by degradation level, field scores on
the OCR'd text against the clean text's, pages per second per core.

Each fictional letter (sijill.synth.arabic, with gold) is rendered with an Arabic font,
degraded at each level (clean, mild, moderate, heavy), OCR'd through `ingest.load_bytes` as
a PNG, and parsed. CER is the Levenshtein distance between the OCR'd and the true text
(whitespace runs as one space) over the true text's length; "CER letters" leaves digits and
punctuation out, to show how much of the error is in numbers. Pages/s per core is pages over
the CPU seconds Tesseract used (its processes' user + system time), so it does not depend
on how busy the machine is; the wall-clock rate with the given workers is printed too.

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
# Arabic-Indic ones (۴ and ٤ are one digit), Persian ye, kaf and heh as Arabic ones.
_ONE_FORM = str.maketrans("۰۱۲۳۴۵۶۷۸۹یکھ", "٠١٢٣٤٥٦٧٨٩يكه")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_ONE_FORM).split())


def cer(found: str, truth: str) -> float:
    found, truth = _norm(found), _norm(truth)
    return Levenshtein.distance(found, truth) / max(len(truth), 1)


def _parse(text: str) -> Any:
    return parse_text(text, source=SourceText("0" * 64, text))[0]


def one(item: arabic.Letter, level: str, seed: int) -> dict[str, Any]:
    image = arabic.degrade(arabic.render(item.text, item.font), level, seed)
    buf = io.BytesIO()
    image.save(buf, "PNG")
    start = time.perf_counter()
    try:
        text = ingest.load_bytes(buf.getvalue(), path=f"{item.name}.png").text
    except IngestError as exc:
        text = ""
        print(f"  {item.name} {level}: {exc.reason}")
    seconds = time.perf_counter() - start
    return {
        "cer": cer(text, item.text),
        "cer_letters": cer(_NOT_LETTERS.sub("", text), _NOT_LETTERS.sub("", item.text)),
        "fields": arabic.score(_parse(text), item.gold) if text else dict.fromkeys(
            arabic.FIELDS, 0.0),
        "seconds": seconds,
        "font": item.font,
        "digits": _digit_style(item.gold["reference_number"]),
    }


def _digit_style(text: str) -> str:
    if any("٠" <= c <= "٩" for c in text):
        return "arabic-indic"
    return "eastern" if any("۰" <= c <= "۹" for c in text) else "western"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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
    total_pages = 0
    cpu_start, wall_start = _children_cpu(), time.perf_counter()
    by_font: dict[tuple[str, str], list[float]] = {}
    by_digits: dict[tuple[str, str], list[float]] = {}
    for level in args.levels.split(","):
        with ThreadPoolExecutor(args.workers) as pool:
            results = list(pool.map(one, letters, [level] * len(letters), range(len(letters))))
        total_pages += len(results)
        for r in results:
            by_font.setdefault((level, r["font"]), []).append(r["cer"])
            by_digits.setdefault((level, r["digits"]), []).append(
                r["fields"]["reference"] * r["fields"]["hijri_date"])
        cers = [r["cer"] for r in results]
        print(f"{level:<9} {statistics.mean(cers):>8.3f} {statistics.median(cers):>7.3f} "
              f"{statistics.mean(r['cer_letters'] for r in results):>8.3f} " + " ".join(
                  f"{statistics.mean(r['fields'][f] for r in results):>10.2f}"
                  for f in arabic.FIELDS))
    cpu, wall = _children_cpu() - cpu_start, time.perf_counter() - wall_start
    print("\nreference and Hijri date both right, by the letter's digits: " + "; ".join(
        f"{level}/{style} {statistics.mean(v):.2f} (n={len(v)})"
        for (level, style), v in sorted(by_digits.items())))
    print("\nCER by font: " + "; ".join(
        f"{level}/{font} {statistics.mean(v):.3f}" for (level, font), v in sorted(by_font.items())))
    print(f"\n{total_pages} pages: {total_pages / cpu:.2f} pages/s per core "
          f"(Tesseract CPU time {cpu:.0f} s); {total_pages / wall:.2f} pages/s wall-clock "
          f"with {args.workers} workers on a shared machine")


if __name__ == "__main__":
    main()
