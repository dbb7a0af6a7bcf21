"""Check 4, duplicates and variants: MinHash signatures of word shingles (datasketch), an LSH
index to find candidate pairs without comparing every document with every other, then each
candidate pair scored.

The score is the share of the shorter document's shingles that the longer one holds
(|A∩B| / min(|A|, |B|), counted exactly on the candidate pair), so a copy cut
short or wrapped in other page furniture still scores as the document it is. At or above
`copy` (Jaccard: the same words throughout) the two are one document held twice; at or above
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
    jaccard: float  # |A∩B| / |A∪B|


@cache
def _template(num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm)


def signature(hashes: np.ndarray, num_perm: int) -> LeanMinHash:
    t = _template(num_perm)  # shared permutations: computing them is most of a new MinHash
    m = MinHash(num_perm=num_perm, hashfunc=_same, permutations=t.permutations, scheme=t.scheme)
    m.update_batch(hashes.tolist())
    return LeanMinHash(m)


def find_pairs(texts: Iterable[str]) -> Iterator[Pair]:
    """Every pair of texts at or above the variant threshold, each once. Candidates come from
    the LSH index; those whose MinHash estimate is not hopeless are then scored exactly on the
    two shingle sets (kept as sorted 32-bit hashes, about 1 kB a document)."""
    cfg = section("duplicates")
    num_perm, variant, min_words = cfg["num_perm"], cfg["variant"], cfg["min_words"]
    floor = cfg["screen_jaccard"]
    sigs: list[LeanMinHash | None] = []
    sets: list[np.ndarray] = []
    bands = num_perm // cfg["lsh_rows"]  # a pair shares a band with probability 1-(1-J^r)^b
    lsh = MinHashLSH(num_perm=num_perm, params=(bands, cfg["lsh_rows"]))
    for i, text in enumerate(texts):
        ws = words(text)
        if len(ws) < min_words:
            sigs.append(None)
            sets.append(np.empty(0, dtype=np.uint32))
            continue
        hashes = shingle_hashes(ws, cfg["shingle_words"])
        sig = signature(hashes, num_perm)
        sigs.append(sig)
        sets.append(hashes.astype(np.uint32))
        lsh.insert(i, sig, check_duplication=False)
    blank = np.zeros(num_perm, dtype=np.uint64)
    matrix = np.vstack([blank if s is None else s.hashvalues for s in sigs]) if sigs else None
    for i, sig in enumerate(sigs):
        if sig is None:
            continue
        assert matrix is not None
        js = np.array([j for j in lsh.query(sig) if j > i], dtype=np.int64)
        if not len(js):
            continue
        estimate = (matrix[js] == sig.hashvalues).mean(axis=1)
        for j in js[estimate >= floor].tolist():
            inter = len(np.intersect1d(sets[i], sets[j], assume_unique=True))
            sim = inter / min(len(sets[i]), len(sets[j]))
            if sim >= variant:
                yield Pair(i, j, sim, inter / (len(sets[i]) + len(sets[j]) - inter))
