"""Throughput of the entities stage: words per second of parse + entities against parse
alone and the spaCy tokenizer alone, over the sample corpus and the seed repeated.

    .venv/bin/python bench/bench_entities.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sijill import ingest, parse
from sijill.entities.nlp import build
from sijill.entities.recognize import entities_stage

ROOT = Path(__file__).resolve().parents[1]
CORPUS = [ROOT / "examples" / "corpus", ROOT.parent / "shared" / "seeds"]


def _sources() -> list:
    return [ingest.load(p) for p in ingest.iter_files([c for c in CORPUS if c.exists()])]


def _rate(label: str, words: int, seconds: float) -> None:
    print(f"{label:<28} {words / seconds:>12,.0f} words/s  ({seconds:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    t0 = time.perf_counter()
    nlp = build()
    print(f"pipeline built in {time.perf_counter() - t0:.2f} s (once per process)")
    sources = _sources() * args.repeat
    words = sum(len(s.text.split()) for s in sources)
    print(f"{len(sources)} sources, {words:,} words")

    t0 = time.perf_counter()
    for source in sources:
        nlp.tokenizer(source.text)
    _rate("tokenizer alone", words, time.perf_counter() - t0)

    t0 = time.perf_counter()
    parsed = [(s, parse.parse_text(s.text, source=s, title=s.title)) for s in sources]
    parse_time = time.perf_counter() - t0
    _rate("parse alone", words, parse_time)

    t0 = time.perf_counter()
    for source, docs in parsed:
        entities_stage(source, docs)
    entity_time = time.perf_counter() - t0
    _rate("entities alone", words, entity_time)
    _rate("parse + entities", words, parse_time + entity_time)


if __name__ == "__main__":
    main()
