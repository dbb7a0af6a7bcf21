"""Names across scripts: Arabic-script names against their English transliterations.

Prints precision and recall of names.compare on tests/data/arabic_name_pairs.yaml (the dev
part, tuned on, and the held-out part), plain Jaro-Winkler on the romanised Arabic at its
best threshold for comparison, and how fast keys and compares run.

    .venv/bin/python bench/bench_arabic_names.py
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import yaml
from rapidfuzz.distance import JaroWinkler

from sijill.names import key as names
from sijill.names.script import romanise

PAIRS = Path(__file__).resolve().parents[1] / "tests" / "data" / "arabic_name_pairs.yaml"
Labelled = list[tuple[tuple[str, str], bool]]


def labelled(part: dict[str, list[list[str]]]) -> Labelled:
    return [((a, b), True) for a, b in part["same"]] + [
        ((a, b), False) for a, b in part["different"]]


def pr(pairs: Labelled, decide: Callable[[str, str], bool]) -> tuple[float, float]:
    said = [(decide(a, b), truth) for (a, b), truth in pairs]
    tp = sum(s and t for s, t in said)
    fp = sum(s and not t for s, t in said)
    return tp / max(tp + fp, 1), tp / max(sum(t for _, t in said), 1)


def jaro(threshold: float) -> Callable[[str, str], bool]:
    return lambda a, b: JaroWinkler.similarity(romanise(a).lower(), b.lower()) >= threshold


def main() -> None:
    raw = yaml.safe_load(PAIRS.read_text("utf-8"))
    parts = {name: labelled(part) for name, part in raw.items()}
    parts["all"] = parts["dev"] + parts["heldout"]
    best = max((t / 100 for t in range(50, 100)),
               key=lambda t: sum(pr(parts["all"], jaro(t))))
    print(f"{'part':<8} {'pairs':>5}  {'compare P / R':>15}  {'Jaro-Winkler P / R':>19}")
    for name, pairs in parts.items():
        p, r = pr(pairs, lambda a, b: names.compare(a, b)[0])
        jp, jr = pr(pairs, jaro(best))
        print(f"{name:<8} {len(pairs):>5}  {p:>6.3f} / {r:.3f}  {jp:>9.3f} / {jr:.3f}")
    print(f"(Jaro-Winkler on the romanised Arabic, lowercased, at its best threshold {best:.2f})")
    arabic = [a for (a, _), _ in parts["all"]] * 20
    names._analyse.cache_clear()
    names._word.cache_clear()
    start = time.perf_counter()
    for a in arabic:
        names.name_key(a)
    print(f"keys of Arabic names (cache warm after the first of each): "
          f"{len(arabic) / (time.perf_counter() - start):,.0f} /s")
    start = time.perf_counter()
    for (a, b), _ in parts["all"] * 20:
        names.compare(a, b)
    print(f"compares: {20 * len(parts['all']) / (time.perf_counter() - start):,.0f} /s")


if __name__ == "__main__":
    main()
