"""Check 4, duplicates and variants: MinHash signatures of word shingles (datasketch), an LSH
index to find candidate pairs without comparing every document with every other, then each
candidate pair scored.

The score is the share of the shorter document's shingles that the longer one holds
(|A∩B| / min(|A|, |B|), from the MinHash estimate of Jaccard and the two sizes), so a copy cut
short or wrapped in other page furniture still scores as the document it is. At or above
`copy` (and the same words throughout) the two are one document held twice; at or above
`variant`, variants (another translation, a later revision).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from sijill.checks.config import section

_WORD = re.compile(r"\w+")
_MASK = np.uint64(0xFFFFFFFF)
_MUL = np.uint64(1000003)


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def shingle_hashes(ws: list[str], size: int) -> np.ndarray:
    """The distinct 32-bit hashes of the text's runs of `size` words (its shingles)."""
    h = np.fromiter(map(zlib.crc32, (w.encode() for w in ws)), dtype=np.uint64, count=len(ws))
    n = max(1, len(ws) - size + 1)
    acc = np.zeros(n, dtype=np.uint64)
    for k in range(min(size, len(ws))):  # a polynomial hash of each window, vectorised
        acc = (acc * _MUL + h[k:k + n]) & _MASK
    return np.unique(acc)


def _same(value: int) -> int:
    return value


@dataclass(frozen=True, slots=True)
class Pair:
    a: int  # indexes into the items given, a < b
    b: int
    similarity: float  # |A∩B| / min(|A|, |B|)
    jaccard: float


@cache
def _template(num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm)


def signature(hashes: np.ndarray, num_perm: int) -> LeanMinHash:
    t = _template(num_perm)  # shared permutations: computing them is most of a new MinHash
    m = MinHash(num_perm=num_perm, hashfunc=_same, permutations=t.permutations, scheme=t.scheme)
    m.update_batch(hashes.tolist())
    return LeanMinHash(m)


def _overlap(jaccard: float, na: int, nb: int) -> float:
    inter = jaccard * (na + nb) / (1 + jaccard)
    return min(1.0, inter / max(1, min(na, nb)))


def _lsh_threshold(variant: float) -> float:
    # Jaccard of a document and a copy keeping `variant` of it (variant / 1), with room for
    # the estimate's noise: the lowest similarity the index must still bring as a candidate.
    return max(0.2, variant * 0.6)


def find_pairs(texts: Iterable[str]) -> Iterator[Pair]:
    """Every pair of texts at or above the variant threshold, each once."""
    cfg = section("duplicates")
    num_perm, variant, min_words = cfg["num_perm"], cfg["variant"], cfg["min_words"]
    sigs: list[LeanMinHash | None] = []
    sizes: list[int] = []
    lsh = MinHashLSH(threshold=_lsh_threshold(variant), num_perm=num_perm)
    for i, text in enumerate(texts):
        ws = words(text)
        if len(ws) < min_words:
            sigs.append(None)
            sizes.append(0)
            continue
        hashes = shingle_hashes(ws, cfg["shingle_words"])
        sig = signature(hashes, num_perm)
        sigs.append(sig)
        sizes.append(len(hashes))
        lsh.insert(i, sig, check_duplication=False)
    for i, sig in enumerate(sigs):
        if sig is None:
            continue
        for j in lsh.query(sig):
            if j <= i:
                continue
            other = sigs[j]
            assert other is not None
            jac = float(np.mean(sig.hashvalues == other.hashvalues))
            sim = _overlap(jac, sizes[i], sizes[j])
            if sim >= variant:
                yield Pair(i, j, sim, jac)
