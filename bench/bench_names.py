"""Name matching: sijill's compare() against plain Jaro-Winkler, on tests/data/name_pairs.yaml.

Prints precision, recall and F1 of compare() on the whole list, its dev part and its held-out
third; rapidfuzz Jaro-Winkler on lowercased names at its best threshold (swept on the whole
list, then applied to each part); and keys/s and compares/s, cold (caches cleared) and warm.

    .venv/bin/python bench/bench_names.py
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from rapidfuzz.distance import JaroWinkler

from sijill.names import key as names

PAIRS_FILE = Path(__file__).resolve().parents[1] / "tests" / "data" / "name_pairs.yaml"

Pair = tuple[str, str]
Labelled = list[tuple[Pair, bool]]


def load() -> dict[str, Labelled]:
    raw = yaml.safe_load(PAIRS_FILE.read_text("utf-8"))
    parts = {
        name: [(tuple(p), True) for p in sec["same"]]
        + [(tuple(p), False) for p in sec["different"]]
        for name, sec in raw.items()
    }
    parts["all"] = [item for part in raw for item in parts[part]]
    return parts


def prf(pairs: Labelled, decide: Callable[[str, str], bool]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for (a, b), truth in pairs:
        said = decide(a, b)
        tp += said and truth
        fp += said and not truth
        fn += truth and not said
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def jaro_winkler(threshold: float) -> Callable[[str, str], bool]:
    return lambda a, b: JaroWinkler.similarity(a.lower(), b.lower()) >= threshold


def best_threshold(pairs: Labelled) -> float:
    sweep = [t / 100 for t in range(50, 100)]
    return max(sweep, key=lambda t: prf(pairs, jaro_winkler(t))[2])


def row(label: str, parts: dict[str, Labelled], decide: Callable[[str, str], bool]) -> None:
    cells = [
        "{:.3f} / {:.3f} / {:.3f}".format(*prf(parts[p], decide)) for p in ("all", "dev", "heldout")
    ]
    print(f"{label:<34} " + "   ".join(cells))


def synthetic_names(parts: dict[str, Labelled], count: int) -> list[str]:
    """Distinct name strings (pairs of list names), so the analysis cache cannot help."""
    singles = sorted({n for (a, b), _ in parts["all"] for n in (a, b)})
    combos = (f"{x} {y}" for x, y in itertools.permutations(singles, 2))
    return list(itertools.islice(combos, count))


def rate(label: str, fn: Callable[[], int], cold: bool) -> None:
    if cold:
        names._analyse.cache_clear()
        names._word.cache_clear()
    start = time.perf_counter()
    n = fn()
    print(f"{label:<34} {n / (time.perf_counter() - start):>10,.0f} /s")


def speed(parts: dict[str, Labelled]) -> None:
    population = synthetic_names(parts, 20_000)
    pairs = list(zip(population[::2], population[1::2], strict=False))

    def keys() -> int:
        for n in population:
            names.name_key(n)
        return len(population)

    def compares() -> int:
        for a, b in pairs:
            names.compare(a, b)
        return len(pairs)

    for cold in (True, False):
        tag = "cold" if cold else "warm"
        rate(f"name_key ({tag})", keys, cold)
        rate(f"compare ({tag})", compares, cold)


def main() -> None:
    parts = load()
    counts = {k: (sum(t for _, t in v), sum(not t for _, t in v)) for k, v in parts.items()}
    print("pairs (same, different):", counts)
    print(f"{'method':<34} {'all P / R / F1':<22}  {'dev P / R / F1':<22}  heldout P / R / F1")
    row("sijill compare", parts, lambda a, b: names.compare(a, b)[0])
    threshold = best_threshold(parts["all"])
    row(f"Jaro-Winkler >= {threshold:.2f} (best F1)", parts, jaro_winkler(threshold))
    row("Jaro-Winkler >= 0.90", parts, jaro_winkler(0.90))
    row("name_key equality", parts, lambda a, b: names.name_key(a) == names.name_key(b))
    speed(parts)


if __name__ == "__main__":
    main()
