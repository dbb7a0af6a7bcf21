"""Arabic search: ms per query on a large mixed archive, and the precision of the widening.

The archive is the sample corpus plus --arabic generated Arabic letters (sijill.synth.arabic:
fictional, mundane; a third of them with harakat, tatweel or hamza-less alifs mixed in, as
typed originals and OCR give them), copied under new hashes until it holds --docs documents.
Prints, p50 / p95 over --runs runs, the engine's ms per query (what `sijill search` runs) for
Arabic words, names typed in either script and a few English queries; the time to build the
engine's Arabic term map once after a change; and precision and recall of the widening on
tests/data/arabic_search_words.yaml (pairs of words that should and should not meet).

    .venv/bin/python bench/bench_arabic_search.py [--docs 10000] [--arabic 100] [--runs 10]
        [--db FILE]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import yaml
from bench_search import _timed
from bench_web import grow, sample

from sijill import pipeline
from sijill.store import Archive
from sijill.store.search import NameIndex, search
from sijill.synth.arabic import corpus

PAIRS = Path(__file__).resolve().parents[1] / "tests" / "data" / "arabic_name_pairs.yaml"
WORDS = Path(__file__).resolve().parents[1] / "tests" / "data" / "arabic_search_words.yaml"
QUERIES = [
    "ابراهيم", "إبراهيم", "المدرسة", "مدرسة", "رواتب المعلمين", '"رواتب المعلمين"', "مدرس*",
    "التلي", "أبو أسامة التلي", "Talli", "Abu Usama al-Talli", "Ibrahim", "al-Wadi", "flour",
    "Abu Yahya", "salary", "the",
]
_MARKS = "\u064e\u064f\u0650\u0651"


def _variant(text: str, rnd: random.Random) -> str:
    """The letter as some originals write it: harakat on some words, a tatweel, bare alifs."""
    words = []
    for word in text.split(" "):
        if rnd.random() < 0.2 and len(word) > 3:
            word = word[:2] + rnd.choice(_MARKS) + word[2:]
        if rnd.random() < 0.05 and len(word) > 3:
            word = word[:2] + "\u0640" + word[2:]
        words.append(word.replace("إ", "ا").replace("أ", "ا") if rnd.random() < 0.3 else word)
    return " ".join(words)


def build(db: Path, arabic: int, docs: int) -> None:
    sample(db)
    rnd = random.Random(14)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "arabic"
        folder.mkdir()
        for n, letter in enumerate(corpus(arabic, first_seed=500)):
            text = _variant(letter.text, rnd) if n % 3 == 0 else letter.text
            (folder / f"{letter.name}.txt").write_text(text, "utf-8")
        with Archive(db) as archive:
            pipeline.ingest_paths(archive, [folder])
    grow(db, docs)


def speed(db: Path, runs: int) -> None:
    with Archive(db) as archive:
        conn, names = archive.connection, NameIndex()
        start = time.perf_counter()
        search(conn, "warm", names=names)
        first = (time.perf_counter() - start) * 1000
        print(f"{archive.stats()['documents']} documents; the first search after a change "
              f"(name index and Arabic terms built): {first:.0f} ms")
        print(f"{'query':32} {'engine p50 / p95':>17} {'hits':>6}  widened")
        for query in QUERIES:
            results = search(conn, query, names=names)
            p50, p95 = _timed(lambda q=query: search(conn, q, names=names), runs)
            shown = "; ".join(f"{k}: {' '.join(v[:4])}" for k, v in results.variants.items())
            print(f"{query:32} {p50:7.1f} / {p95:7.1f} {results.total:6d}  {shown[:70]}")


def precision() -> None:
    """Pairs (query word, document word, same?) through the engine's own fold."""
    from sijill.store.search.arabic import meets
    raw = yaml.safe_load(WORDS.read_text("utf-8"))
    raw["all"] = [pair for pairs in raw.values() for pair in pairs]
    for part, pairs in raw.items():
        said = [(meets(a, b), truth) for a, b, truth in pairs]
        tp = sum(s and t for s, t in said)
        fp = sum(s and not t for s, t in said)
        wrong = [f"{a}/{b}" for (a, b, t), (s, _) in zip(pairs, said, strict=True) if s != t]
        print(f"words, {part}: {len(pairs)} pairs, precision {tp / max(tp + fp, 1):.3f}, recall "
              f"{tp / max(sum(t for *_, t in pairs), 1):.3f}; wrong: {' '.join(wrong) or '-'}")


def finds(query: str, name: str) -> bool:
    """Whether typing `query` (unquoted) finds a document that holds only `name`, by the
    engine's own widening: each word's spellings among the document's name words (the
    archive's pool of name words), combined per script as the engine combines them."""
    from sijill.names import name_key
    from sijill.store.search.arabic import unmarked
    from sijill.store.search.compile import _TOKEN, _script_combos
    from sijill.store.search.words import APOSTROPHE, NAME_WORD, _compared, _name_words

    held = _name_words(name)
    text = " " + " ".join(_TOKEN.findall(unmarked(name))).casefold() + " "
    for term in unmarked(query).split():
        tokens = NAME_WORD.findall(term)
        spellings = [[t, *(w for w in held if name_key(w) == name_key(t) and _compared(
            APOSTROPHE.sub("", t), APOSTROPHE.sub("", w))[0])] for t in tokens]
        combos = [" ".join(_TOKEN.findall(c)) for c in _script_combos(tokens, spellings)]
        if not any(f" {c.casefold()} " in text for c in combos):
            return False
    return True


def names_across_scripts() -> None:
    raw = yaml.safe_load(PAIRS.read_text("utf-8"))
    for part, pairs in raw.items():
        for way, flip in (("Latin typed", False), ("Arabic typed", True)):
            said = [(finds(*((a, b) if flip else (b, a))), truth) for truth, group in
                    ((True, pairs["same"]), (False, pairs["different"])) for a, b in group]
            tp = sum(s and t for s, t in said)
            fp = sum(s and not t for s, t in said)
            print(f"names, {part}, {way}: {len(said)} pairs, precision "
                  f"{tp / max(tp + fp, 1):.3f}, recall {tp / max(sum(t for _, t in said), 1):.3f}")


_VOWELS = ["\u064e", "\u064f", "\u0650", "\u0652", "\u0651\u064e"]


def vocalised(letters: int = 20) -> None:
    """Generated letters written with a haraka on every letter (but ا و ى), in an FTS table
    as the archive's: how many of their words (four letters or more) typed bare find every
    letter that holds them, and how many words of other letters find one that does not."""
    import re
    import sqlite3

    from sijill.store.search.arabic import key, terms

    rnd = random.Random(3)
    texts = [letter.text for letter in corpus(3 * letters, first_seed=900)]
    marked = [" ".join("".join(c + ("" if c in "اوى" or not c.isalpha() else rnd.choice(_VOWELS))
                                for c in word) for word in text.split(" "))
              for text in texts[:letters]]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE documents_fts USING fts5(text,"
                 " tokenize='unicode61 remove_diacritics 2')")
    conn.executemany("INSERT INTO documents_fts (rowid, text) VALUES (?, ?)",
                     list(enumerate(marked, 1)))
    words = re.compile(r"[\u0621-\u064a]{4,}")
    held = [{key(w) for w in words.findall(text)} for text in texts[:letters]]
    index = terms(conn)

    def found(word: str) -> set[int]:
        query = " OR ".join('"' + s + '"' for s in index.spellings(word))
        return {r for (r,) in conn.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", (query,))}

    def holding(word: str) -> set[int]:
        return {i for i, keys in enumerate(held, 1) if key(word) in keys}

    own = sorted({w for text in texts[:letters] for w in words.findall(text)})
    others = sorted({w for text in texts[letters:] for w in words.findall(text)
                     if not holding(w)})
    hits = sum(holding(w) <= found(w) for w in own)
    wrong = [w for w in others if found(w)]
    print(f"vocalised letters: {hits}/{len(own)} of their words typed bare find every letter "
          f"holding them; {len(wrong)}/{len(others)} other words find one: {' '.join(wrong)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--arabic", type=int, default=100)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--db", type=Path, help="keep (and reuse) the grown archive here")
    parser.add_argument("--speed-only", action="store_true",
                        help="only the ms per query (runs on older versions too)")
    parser.add_argument("--quality-only", action="store_true",
                        help="only precision and recall (no archive built)")
    args = parser.parse_args()
    if not args.speed_only:
        precision()
        names_across_scripts()
        vocalised()
    if args.quality_only:
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            build(db, args.arabic, args.docs)
        speed(db, args.runs)


if __name__ == "__main__":
    main()
