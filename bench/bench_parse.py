"""Parse throughput against spaCy's blank English tokenizer, on the same texts, one core.

The texts are the sample corpus (after ingest), repeated until they reach --mb megabytes.
Prints documents and words per second for the full parse, words per second for the
tokenizer alone, and their ratio (the target is a ratio of at least 0.3).

    .venv/bin/python bench/bench_parse.py [--mb 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from sijill import ingest, parse
from sijill.errors import IngestError

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def load_sources(mb: float) -> list:
    sources = []
    for path in ingest.iter_files([CORPUS]):
        try:
            sources.append(ingest.load(path))
        except IngestError:
            continue
    size = sum(len(s.text.encode()) for s in sources)
    repeat = max(1, int(mb * 1_000_000 / size) + 1)
    return sources * repeat


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=5.0)
    args = parser.parse_args()
    sources = load_sources(args.mb)
    texts = [s.text for s in sources]
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    words = sum(len(t.split()) for t in texts)

    start = time.perf_counter()
    documents = sum(len(parse.parse_text(s.text, source=s, title=s.title)) for s in sources)
    parse_s = time.perf_counter() - start

    tokenizer = spacy.blank("en").tokenizer
    start = time.perf_counter()
    for text in texts:
        tokenizer(text)
    token_s = time.perf_counter() - start

    print(f"texts: {len(texts)} sources, {megabytes:.1f} MB, {words:,} words")
    print(f"full parse:     {documents / parse_s:,.0f} docs/s, {words / parse_s:,.0f} words/s")
    print(f"tokenizer only: {words / token_s:,.0f} words/s")
    print(f"ratio parse/tokenizer: {token_s / parse_s:.2f} (target >= 0.30)")


if __name__ == "__main__":
    main()
