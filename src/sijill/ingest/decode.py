"""Bytes to str: byte-order marks, UTF-8, UTF-16 without a mark, then legacy encodings.

A file that is mostly valid UTF-8 with a few bad bytes is reported, not decoded as a legacy
encoding: that would turn its every non-ASCII character into mojibake without a word.
"""

from __future__ import annotations

import codecs
import re
from functools import cache
from typing import Any

from charset_normalizer import from_bytes

from sijill.data import NUMBER, WORDS, bundled, load, record
from sijill.errors import BINARY, Rejected

_BOMS = [  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
]
# Control bytes that never occur in text (tab, LF, VT, FF, CR and ESC are allowed).
_CONTROL_BYTES = bytes([*range(0, 9), 14, 15, *range(16, 27), *range(28, 32), 127])

SHAPE = record(legacy=WORDS, max_control_share=NUMBER)


@cache
def _settings() -> dict[str, Any]:
    return load(bundled("sijill.ingest", "encodings.yaml"), SHAPE)  # type: ignore[no-any-return]


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page's <meta> names, if any (plain text may carry one too)."""
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode a text or HTML file; `declared` is an encoding the file names for itself."""
    marked = _decode_marked(data)
    if marked is not None:
        return marked
    if b"\x00" in data:
        return _decode_utf16_unmarked(data)
    if _mostly_control(data):
        raise Rejected(BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _ENCODED_SURROGATE.search(data):
        return _decode_with_surrogates(data)
    if _claims_utf8(data):
        raise Rejected(f"invalid UTF-8 at byte {first_bad}")
    text = _decode_declared(data, declared) or _decode_legacy(data)
    if text is None:
        raise Rejected(f"invalid UTF-8 at byte {first_bad} (and no other encoding fits)")
    return text


# A UTF-16 surrogate written as three UTF-8 bytes (CESU-8, or a lone one from a broken
# converter): not valid UTF-8, and read as a legacy encoding it turns into mojibake.
_ENCODED_SURROGATE = re.compile(rb"\xed[\xa0-\xbf][\x80-\xbf]")


def _decode_with_surrogates(data: bytes) -> str:
    """Pairs of encoded surrogates become the character they stand for; a lone surrogate
    becomes U+FFFD. Any other bad byte rejects the file as invalid UTF-8."""
    try:
        text = data.decode("utf-8", errors="surrogatepass")
    except UnicodeDecodeError as exc:
        raise Rejected(f"invalid UTF-8 at byte {exc.start}") from None
    return without_lone_surrogates(text)


def without_lone_surrogates(text: str) -> str:
    """`text` with surrogate pairs joined and lone surrogates replaced by U+FFFD (SQLite and
    every export need well-formed text)."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _decode_marked(data: bytes) -> str | None:
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise Rejected(f"invalid {name} at byte {exc.start + len(bom)}") from None
    return None


def _decode_utf16_unmarked(data: bytes) -> str:
    """UTF-16 without a byte-order mark shows as NULs in every other byte (the ASCII ones)."""
    even, odd = data[0::2], data[1::2]
    if len(data) % 2 or not even or not odd:
        raise Rejected(BINARY)
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if max(nul_even, nul_odd) < 0.2 or min(nul_even, nul_odd) > 0.02:
        raise Rejected(BINARY)
    encoding = "utf-16-le" if nul_odd > nul_even else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise Rejected(BINARY) from None
    if _mostly_control(text.encode("utf-8", errors="replace")):
        raise Rejected(BINARY)
    return text


def _mostly_control(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return control / len(sample) > _settings()["max_control_share"]


def _claims_utf8(data: bytes) -> bool:
    """More well-formed multi-byte UTF-8 characters than malformed sequences."""
    lenient = data.decode("utf-8", errors="replace")
    invalid = lenient.count("\ufffd")
    non_ascii = len(lenient) - len(lenient.encode("ascii", errors="ignore"))
    valid = non_ascii - invalid
    return valid > 0 and invalid <= valid


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        return data.decode(codecs.lookup(declared).name)
    except (LookupError, UnicodeDecodeError):
        return None


def _decode_legacy(data: bytes) -> str | None:
    """charset-normalizer's best fit among the legacy encodings, ties broken by our order."""
    legacy: list[str] = _settings()["legacy"]
    ranked: list[tuple[float, float, int, str]] = []
    for match in from_bytes(data, cp_isolation=legacy):
        for encoding in match.could_be_from_charset:
            if encoding in legacy:
                ranked.append((match.chaos, -match.coherence, legacy.index(encoding), encoding))
    for *_, encoding in sorted(ranked):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
