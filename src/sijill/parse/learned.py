"""A learned line labeller, after GROBID: a CRF labels each line of a document, the rules'
own judgements among its features, and fills fields the rules leave empty.

Labels come from gold (every gold string is a span of its text) and from researchers' field
edits in an archive: a line holding the gold sender is a `sender` line, and so on. The model
is a small CRFsuite file shipped in the package (`data/lines.crfsuite`), versioned with the
parse stage and loaded once; `SIJILL_LINE_MODEL` points the parser at another one (what
`sijill train --out` writes).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sijill.errors import ParseError
from sijill.model import Span
from sijill.names import fold_value
from sijill.parse import closing, letterhead
from sijill.parse.dates import find_dates
from sijill.parse.labelled import ranked_reference
from sijill.parse.layout import Layout
from sijill.parse.lexicon import Lexicon, lexicon
from sijill.parse.lines import Line
from sijill.parse.parties import party

MODEL = Path(__file__).with_name("data") / "lines.crfsuite"
# The fields the labeller may fill when the rules leave them empty. Which of them it does
# fill is the model's own setting (its `.json` sidecar), so an archive can turn one on once
# its researchers' corrections have taught the labeller (`sijill train --hybrid`).
FILLABLE = ("sender", "addressees")
# What leave-one-set-out measurement keeps (bench/cv_parse.py, docs/quality.md): the hybrid
# beats the rules on sender and only ties on addressees.
MEASURED_HYBRID = ("sender",)
# A label the model is less sure of than this is read as `other`.
CONFIDENCE = float(os.environ.get("SIJILL_LINE_CONFIDENCE", "0.9"))
# For measurement only (bench/cv_parse.py): the fields to fill whatever the sidecar says,
# and whether the labeller's reading replaces the rules' instead of filling their gaps.
HYBRID_OVERRIDE: tuple[str, ...] | None = None
REPLACE = False
# Label order is priority: a line holding both the sender and a date is the sender's.
LABELS = ("sender", "reference", "subject", "cc", "addressee", "letterhead", "date")
OTHER = "other"
_COVER = 0.4
_FIELD_LINE_WORDS = 12  # a short line holding a field's value is that field's line
_DATE_LINE_WORDS = 16
# A line and a gold value compare folded, trimmed of spaces and the punctuation around a value.
_TRIM = ".,;:()[]\"“”"


def _fold(value: str) -> str:
    return fold_value(value, _TRIM)


@dataclass
class Example:
    """One document's text and the field values a line label is derived from."""

    text: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    dates: list[tuple[str, int | None, int | None, int | None]] = field(default_factory=list)


def example_from_gold(text: str, gold: dict[str, Any]) -> Example:
    def many(name: str) -> list[str]:
        value = gold.get(name)
        if value is None:
            return []
        return [v for v in (value if isinstance(value, list) else [value]) if v]

    names = {"issuer": "letterhead", "reference_number": "reference", "subject": "subject",
             "sender": "sender", "addressees": "addressee", "cc": "cc"}
    return Example(
        text,
        {label: many(name) for name, label in names.items()},
        [(d["calendar"], d.get("year"), d.get("month"), d.get("day"))
         for d in gold.get("dates") or []],
    )


def line_labels(lines: Sequence[Line], example: Example) -> list[str]:
    """The label of each line: the first field (in `LABELS` order) whose value it holds."""
    wanted = {label: [_fold(v) for v in example.fields.get(label, []) if _fold(v)]
              for label in LABELS}
    date_keys = set(example.dates)
    out = []
    for line in lines:
        text = _fold(line.text)
        label = next((lab for lab in LABELS[:-1] if _covered(text, wanted[lab])), None)
        if label is None and date_keys and len(text.split()) <= _DATE_LINE_WORDS and any(
            (d.calendar, d.year, d.month, d.day) in date_keys
            for d in find_dates(line.text)
        ):
            label = "date"
        out.append(label or OTHER)
    return out


def _covered(line: str, values: list[str]) -> bool:
    """The line is mostly the field's values: a body sentence naming the issuer is not a
    letterhead line."""
    held = sum(len(v) for v in values if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", line))
    return held > 0 and (held >= _COVER * len(line) or len(line.split()) <= _FIELD_LINE_WORDS)


def _zone(lay: Layout, k: int) -> str:
    if k == lay.title:
        return "title"
    if k < lay.head:
        return "intro"
    if k < lay.body:
        return "head"
    if k < lay.closing:
        return "body"
    return "foot" if k < lay.notes else "notes"


def _bucket(n: int, edges: Iterable[int]) -> str:
    return str(next((e for e in edges if n <= e), "more"))


def _own(line: Line, lex: Lexicon) -> dict[str, float | str]:
    text = line.text
    words = text.split()
    first = words[0].lower().strip(",.:;") if words else ""
    f: dict[str, float | str] = {
        "words": _bucket(len(words), (1, 2, 3, 5, 8, 12, 20, 40)),
        "end": text[-1] if text[-1] in ".:;,?!)]" else "w",
        "first": first if lex.title_word.match(first) or len(first) <= 3 else "_",
        "upper": text[:1].isupper(),
        "digit": any(c.isdigit() for c in text),
        "bracket": text[:1] in "[(",
        "letterhead": letterhead.is_letterhead(line),
        "closing": closing.is_closing_line(line, lex),
        "signature": closing.is_signature_line(line, lex),
        "to": bool(lex.to.match(text)),
        "salutation": bool(lex.salutation.match(text)),
        "cc": bool(lex.cc.match(text)),
        "date_label": bool(lex.date.match(text)),
        "subject_label": bool(lex.subject.match(text)),
        "from_label": bool(lex.sender_label.match(text)),
        "signed": bool(lex.signed.match(text) or lex.signoff.match(text)),
        "reference": ranked_reference(line) is not None,
        "dated": bool(find_dates(text)),
        "formula": lex.is_formula(text) or bool(lex.closing.match(text)),
        "unit": bool(lex.unit.search(text)),
        "note": bool(lex.editor_note.match(text) or lex.translator_note.match(text)),
    }
    return f


def features(lines: Sequence[Line], lay: Layout) -> list[dict[str, float | str]]:
    """Per line: its own features, its zone in the rules' layout, and its neighbours'."""
    lex = lexicon()
    own = [_own(line, lex) for line in lines]
    out = []
    n = len(lines)
    for k in range(n):
        f: dict[str, float | str] = {"bias": 1.0, "zone": _zone(lay, k),
                                     "pos": _bucket(k, (0, 1, 2, 4, 8, 16)),
                                     "from_end": _bucket(n - 1 - k, (0, 1, 2, 4, 8))}
        f.update(own[k])
        f["new_block"] = k == 0 or lines[k - 1].block != lines[k].block
        for d, tag in ((-1, "p"), (1, "n")):
            j = k + d
            if 0 <= j < n:
                for key in ("letterhead", "closing", "signature", "dated", "words", "to", "end"):
                    f[f"{tag}:{key}"] = own[j][key]
                f[f"{tag}:zone"] = _zone(lay, j)
            else:
                f[f"{tag}:edge"] = True
        out.append(f)
    return out


def _crf_items(feats: list[dict[str, float | str]]) -> list[dict[str, Any]]:
    # python-crfsuite takes {name: float} or {name: str}; booleans become 0/1 weights.
    return [{k: float(v) if isinstance(v, bool) else v for k, v in f.items()} for f in feats]


def train(sequences: Iterable[tuple[list[dict[str, float | str]], list[str]]], out: Path) -> int:
    """Fit the CRF on (features, labels) sequences and write it to `out`; returns their count."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for feats, labels in sequences:
        trainer.append(_crf_items(feats), labels)
        count += 1
    trainer.set_params({"c1": 0.1, "c2": 0.05, "max_iterations": 150,
                        "feature.possible_transitions": True})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    model.cache_clear()
    return count


def model_path() -> Path:
    return Path(os.environ.get("SIJILL_LINE_MODEL") or MODEL)


def settings_path(path: Path) -> Path:
    return path.with_suffix(".json")


def write_settings(path: Path, hybrid: Sequence[str], **facts: Any) -> None:
    unknown = set(hybrid) - set(FILLABLE)
    if unknown:
        raise ParseError(f"not a field the labeller fills: {', '.join(sorted(unknown))}")
    body = {"parse_version": _parse_version(), "hybrid_fields": list(hybrid), **facts}
    settings_path(path).write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
    _sidecar_fields.cache_clear()


def _parse_version() -> str:
    from sijill.parse import VERSION

    return VERSION


def hybrid_fields(path: Path | None = None) -> tuple[str, ...]:
    """The fields the model at `path` fills where the rules found nothing."""
    if HYBRID_OVERRIDE is not None:
        return HYBRID_OVERRIDE
    return _sidecar_fields(path or model_path())


@cache
def _sidecar_fields(path: Path) -> tuple[str, ...]:
    where = settings_path(path)
    if not where.is_file():
        return ()
    fields = json.loads(where.read_text(encoding="utf-8")).get("hybrid_fields") or []
    return tuple(f for f in fields if f in FILLABLE)


@cache
def model(path: Path | None = None) -> Any:
    """The tagger, opened once per path; None when no model file is there."""
    import pycrfsuite

    where = path or model_path()
    if not where.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(where))
    return tagger


def label(lines: Sequence[Line], lay: Layout, tagger: Any = None) -> list[str]:
    """Each line's label; a label the model is less than `CONFIDENCE` sure of is `other`."""
    tagger = tagger if tagger is not None else model(model_path())
    if tagger is None or not lines:
        return [OTHER] * len(lines)
    tags = tagger.tag(_crf_items(features(lines, lay)))
    return [t if tagger.marginal(t, k) >= CONFIDENCE else OTHER for k, t in enumerate(tags)]


def sender(lines: Sequence[Line], labels: Sequence[str]) -> Span | None:
    """The one line labelled `sender`, as a party: of "name - role, remark" the part that
    reads as a name (the fewest function words), not the role."""
    found = [line for line, lab in zip(lines, labels, strict=True) if lab == "sender"]
    if len(found) != 1:
        return None
    line = found[0]
    cuts = [0, *(x for m in _ROLE_SEP.finditer(line.text) for x in (m.start(), m.end())),
            len(line.text)]
    parts = [line.sub(cuts[k], cuts[k + 1]) for k in range(0, len(cuts), 2)]
    best = min((p for p in parts if p.text), key=_function_words, default=line)
    return party(best, salutation=False, titles=False)


_ROLE_SEP = re.compile(r"\s[-–—|/]\s|,\s")
_FUNCTION = frozenset({"of", "the", "for", "in", "and", "to", "on", "at"})


def _function_words(line: Line) -> int:
    return sum(w.lower() in _FUNCTION for w in line.text.split())


def addressees(lines: Sequence[Line], labels: Sequence[str]) -> list[Span]:
    found = [party(line) for line, lab in zip(lines, labels, strict=True) if lab == "addressee"]
    return [p for p in found if p]
