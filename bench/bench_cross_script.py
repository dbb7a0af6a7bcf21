"""One entity across scripts, end to end: the pair list's names as addressees and cc of
letters, ingested into one archive, and how often an Arabic-script party ends up with the id
of its Latin counterpart (store/cross_script.py after the entities stage).

For each pair of tests/data/arabic_name_pairs.yaml (one person in two scripts, or two
persons, most of them look-alikes) an Arabic letter names the Arabic spelling and an English
letter the Latin one, as addressee (even pairs) or in the cc (odd pairs). Each pair's two
letters go into an archive of their own (the join's own precision), or with `--crowded` all
letters into one archive, as in a real archive: a name with two Latin candidates among all
the letters then stays apart, and the English entities stage's own merges of look-alikes
(Jamal / Jamil share an id: ids hang on the identity key) count too; it is judged after the
ingest (Arabic letters first: a join made before a look-alike's letter came stays) and
after `sijill reprocess --stage entities`. Prints precision and
recall of the joins (a join is the Arabic party's entity being the Latin party's), with the
pairs whose English side the entities stage did not read as a person left out and counted.

    .venv/bin/python bench/bench_cross_script.py [--part all|dev|heldout] [-n N] [--crowded]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import yaml

from sijill import pipeline
from sijill.store import Archive

REPO = Path(__file__).resolve().parents[1]
PAIRS = REPO / "tests" / "data" / "pairs"
NAMES = REPO / "tests" / "data" / "arabic_name_pairs.yaml"
DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
TO = ("الأخ مسؤول المستودع الطبي المحترم",
      "the brother in charge of the medical store, may God preserve him")
CC = ("نسخة إلى: ديوان المالية", "Copy to: Diwan of Finance")


def pairs(part: str) -> list[tuple[str, str, bool]]:
    raw = yaml.safe_load(NAMES.read_text(encoding="utf-8"))
    parts = ["dev", "heldout"] if part == "all" else [part]
    return [(a, b, kind == "same") for p in parts for kind in ("same", "different")
            for a, b in raw[p][kind]]


def letters(folder: Path, listed: list[tuple[str, str, bool]]) -> None:
    arabic = (PAIRS / "clinic-supplies.ar.txt").read_text(encoding="utf-8")
    english = (PAIRS / "clinic-supplies.en.txt").read_text(encoding="utf-8")
    for i, (ar, en, _) in enumerate(listed):
        number = str(1000 + i)
        if i % 2 == 0:
            a = arabic.replace(TO[0], f"الأخ {ar} المحترم")
            e = english.replace(TO[1], f"the brother {en}, may God preserve him")
        else:
            a = arabic.replace(CC[0], f"{CC[0]}، {ar}")
            e = english.replace(CC[1], f"{CC[1]}, {en}")
        (folder / f"a{i}.txt").write_text(a.replace("٣١٤", number.translate(DIGITS)), "utf-8")
        (folder / f"e{i}.txt").write_text(e.replace("314", number), "utf-8")


def _entity(archive: Archive, path: Path, name: str) -> str | None:
    [doc] = archive.machine_documents(str(path))
    found = [m.entity for m in doc.mentions if m.text == name and m.type == "person"]
    return found[0] if found else None


def judged(archive: Archive, folder: Path, listed: list[tuple[str, str, bool]],
           offset: int = 0) -> tuple[list[tuple[bool, bool]], int]:
    """(joined, same) for each pair whose two parties are entities; how many are not."""
    said, unread = [], 0
    for i, (ar, en, same) in enumerate(listed, offset):
        arabic = _entity(archive, folder / f"a{i}.txt", ar)
        latin = _entity(archive, folder / f"e{i}.txt", en)
        if arabic is None or latin is None:
            unread += 1
        else:
            said.append((arabic == latin, same))
    return said, unread


def run(listed: list[tuple[str, str, bool]], crowded: bool
        ) -> list[tuple[str, list[tuple[bool, bool]], int]]:
    """(when, judgements, pairs left out) for each judging."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "letters"
        folder.mkdir()
        letters(folder, listed)
        if crowded:
            with Archive(Path(tmp) / "a.db") as archive:
                pipeline.ingest_paths(archive, [folder])
                ingested = judged(archive, folder, listed)
                pipeline.reprocess(archive, stage="entities")
                return [("after the ingest", *ingested),
                        ("after reprocess --stage entities", *judged(archive, folder, listed))]
        said, unread = [], 0
        for i in range(len(listed)):
            with Archive(Path(tmp) / f"{i}.db") as archive:
                pipeline.ingest_paths(archive, [folder / f"a{i}.txt", folder / f"e{i}.txt"])
                one, missed = judged(archive, folder, listed[i:i + 1], i)
            said += one
            unread += missed
        return [("an archive a pair", said, unread)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", default="all", choices=["all", "dev", "heldout"])
    parser.add_argument("-n", type=int, default=0, help="the first N pairs only")
    parser.add_argument("--crowded", action="store_true", help="all letters in one archive")
    args = parser.parse_args()
    listed = pairs(args.part)
    listed = listed[: args.n] if args.n else listed
    started = time.perf_counter()
    for when, said, unread in run(listed, args.crowded):
        tp = sum(s and t for s, t in said)
        joined = sum(s for s, _ in said)
        same = sum(t for _, t in said)
        print(f"{when}: pairs {len(listed)} ({sum(t for *_, t in listed)} same), "
              f"{unread} left out (a side not read as a person)")
        print(f"  joins: precision {tp / max(joined, 1):.3f} ({tp}/{joined}), "
              f"recall {tp / max(same, 1):.3f} ({tp}/{same})")
    print(f"{time.perf_counter() - started:.1f} s for {2 * len(listed)} letters")

if __name__ == "__main__":
    main()
