"""Data files: YAML read once, checked against the shape its user declares.

Every word list, threshold and table the stages read lives in a YAML file beside the code that
uses it, and that code declares the file's shape (a JSON Schema, written with the helpers
below). `load(path, shape)` parses the file once per process and checks it: a missing or
misspelt key, or a value of the wrong kind, fails at load with a `DataFileError` that names the
file, the key path and what was expected, instead of a KeyError deep in a stage.

This module is the lowest layer: it imports nothing from the stages.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from sijill.errors import DataFileError

Shape = Mapping[str, Any]


# ---------------------------------------------------------------- shapes

TEXT: Shape = {"type": "string"}
INT: Shape = {"type": "integer"}
NUMBER: Shape = {"type": "number"}
FLAG: Shape = {"type": "boolean"}
NOTHING: Shape = {"type": "null"}
ANY: Shape = {}
WORDS: Shape = {"type": "array", "items": TEXT}


def listof(item: Shape) -> Shape:
    return {"type": "array", "items": item}


def table(value: Shape = TEXT) -> Shape:
    """A mapping whose keys are data (words, codes), each to a `value`."""
    return {"type": "object", "additionalProperties": value}


def either(*shapes: Shape) -> Shape:
    return {"anyOf": list(shapes)}


def nullable(shape: Shape) -> Shape:
    """`shape`, or null (an empty YAML value). Cheaper to check than `either(shape, NOTHING)`."""
    kinds = shape["type"]
    return {**shape, "type": [*([kinds] if isinstance(kinds, str) else kinds), "null"]}


class _Optional:
    def __init__(self, shape: Shape) -> None:
        self.shape = shape


def optional(shape: Shape) -> _Optional:
    """A record field that may be left out."""
    return _Optional(shape)


def record(**fields: Shape | _Optional) -> Shape:
    """A mapping with exactly these keys (an `optional` one may be missing); no others.
    Keys that are not Python names go in as `record(**{"from": WORDS})`."""
    return {
        "type": "object",
        "properties": {k: v.shape if isinstance(v, _Optional) else v for k, v in fields.items()},
        "required": [k for k, v in fields.items() if not isinstance(v, _Optional)],
        "additionalProperties": False,
    }


def bundled(package: str, name: str) -> Traversable:
    """A data file shipped in `package`'s data/ folder."""
    return files(package) / "data" / name


# ---------------------------------------------------------------- loading


def load(source: str | os.PathLike[str] | Traversable, shape: Shape) -> Any:
    """The file's content, parsed once per process (and again when a file on disk changes),
    checked against `shape`. Callers must not modify what it returns."""
    path = Path(source) if isinstance(source, str | os.PathLike) else source
    return _load(path, _stamp(path), _Key(shape))


class _Key:
    """A shape as a cache key: shapes are declared once, so identity is enough."""

    def __init__(self, shape: Shape) -> None:
        self.shape = shape

    def __hash__(self) -> int:
        return id(self.shape)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Key) and other.shape is self.shape


def _stamp(path: Path | Traversable) -> tuple[int, int] | None:
    if not isinstance(path, Path):
        return None
    try:
        info = path.stat()
    except OSError:
        return None  # reading it says why
    return info.st_mtime_ns, info.st_size


@lru_cache(maxsize=256)  # bounded: a file that keeps changing is a new entry each time
def _load(path: Path | Traversable, stamp: tuple[int, int] | None, key: _Key) -> Any:
    name = str(path)
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(name, "", f"cannot be read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise DataFileError(name, "", f"is not UTF-8 text (byte {exc.start})") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(name, "", f"is not valid YAML: {_yaml_problem(exc)}") from exc
    check(content, key.shape, name)
    return content


def check(content: Any, shape: Shape, name: str) -> None:
    """Raise DataFileError for the first place where `content` departs from `shape`."""
    validator = jsonschema.Draft202012Validator(shape)
    error = jsonschema.exceptions.best_match(validator.iter_errors(content))
    if error is None:
        return
    keys = [str(k) for k in error.absolute_path]
    expected = error.message
    if error.validator == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        keys.append(missing[0])
        expected = "is missing"
    elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = [str(k) for k in error.instance if k not in allowed]
        keys.append(extra[0])
        expected = f"is not a known key (expected one of: {', '.join(sorted(allowed))})"
    elif error.validator == "type":
        expected = f"expected {_kind(error.validator_value)}, found {error.instance!r:.60}"
    elif error.validator == "anyOf":
        kinds = [_kind(s["type"]) if "type" in s else "something else"
                 for s in error.validator_value]
        expected = f"expected {' or '.join(kinds)}, found {error.instance!r:.60}"
    raise DataFileError(name, ".".join(keys), expected)


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})" if mark else problem


_KINDS = {"array": "a list", "object": "a mapping", "string": "text", "integer": "a whole number",
          "number": "a number", "boolean": "true or false", "null": "nothing"}


def _kind(value: str | list[str]) -> str:
    kinds = [value] if isinstance(value, str) else value
    return " or ".join(_KINDS.get(k, k) for k in kinds)
