"""Leave-one-set-out scores of the parser: rules only, learned, hybrid, per field and set.

Each gold set (the sample corpus, every hard* set, relations/, variants/, and the three
groups of ../shared/real-shapes when present) is left out in turn: the line labeller is
trained on all the others and the left-out set is scored three ways. Prints a table per mode
and the pooled real-shapes figures. Run: .venv/bin/python bench/cv_parse.py [--json]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from sijill import evaluate, pipeline
from sijill.parse import learned, training

FIELDS = ("reference_number", "date", "dates", "issuer", "sender", "addressees", "cc",
          "has_editor_note", "subject")
MODES = {"rules": (), "learned": learned.FILLABLE, "hybrid": learned.FILLABLE}


def _name(gold: Path) -> str:
    stem = gold.stem.replace("-gold", "")
    return stem.removeprefix("gold-") if stem != "gold" else "sample"


def _fields(gold: Path, corpus: Path) -> dict[str, dict[str, Any]]:
    return evaluate.evaluate([(gold, corpus)], pipeline.parse_file).as_dict()["fields"]


def _value(s: dict[str, Any]) -> float:
    return s["accuracy"] if "accuracy" in s else s["f1"]


def _pooled(parts: list[dict[str, dict[str, Any]]]) -> dict[str, float]:
    """The scores of several sets taken as one corpus (exact counts and micro P/R summed)."""
    out = {}
    for f in FIELDS:
        items = [p[f] for p in parts]
        if "accuracy" in items[0]:
            out[f] = sum(i["correct"] for i in items) / sum(i["total"] for i in items)
            continue
        tp_p = sum(i["precision"] * i["predicted"] for i in items)
        tp_g = sum(i["recall"] * i["gold"] for i in items)
        n_p, n_g = sum(i["predicted"] for i in items), sum(i["gold"] for i in items)
        p, r = (tp_p / n_p if n_p else 1.0), (tp_g / n_g if n_g else 1.0)
        out[f] = 2 * p * r / (p + r) if p + r else 0.0
    return out


def run() -> dict[str, dict[str, dict[str, float]]]:
    sets = training.default_sets()
    cached = {g: training.all_sequences([(g, c)]) for g, c in sets}
    out: dict[str, dict[str, dict[str, float]]] = {m: {} for m in MODES}
    real: dict[str, list[dict[str, dict[str, Any]]]] = {m: [] for m in MODES}
    with tempfile.TemporaryDirectory() as tmp:
        for gold, corpus in sets:
            model = Path(tmp) / f"{_name(gold)}.crfsuite"
            learned.train((s for g, seqs in cached.items() if g != gold for s in seqs), model)
            os.environ["SIJILL_LINE_MODEL"] = str(model)
            for mode, fields in MODES.items():
                learned.HYBRID_OVERRIDE = fields
                learned.REPLACE = mode == "learned"
                raw = _fields(gold, corpus)
                out[mode][_name(gold)] = {f: _value(raw[f]) for f in FIELDS}
                if "real-shapes" in str(corpus):
                    real[mode].append(raw)
    for mode, parts in real.items():
        if parts:
            out[mode]["real-shapes"] = _pooled(parts)
    return out


def main() -> None:
    result = run()
    if "--json" in sys.argv:
        print(json.dumps(result, indent=1))
        return
    for mode, by_set in result.items():
        print(f"\n{mode}")
        print("set".ljust(10), " ".join(f[:8].rjust(8) for f in FIELDS))
        for name, scores in by_set.items():
            print(name.ljust(10), " ".join(f"{scores[f]:8.3f}" for f in FIELDS))


if __name__ == "__main__":
    main()
