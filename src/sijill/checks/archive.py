"""The archive-wide checks (`sijill check`): numbering series, duplicates and variants,
unusual templates and scripts, entity type conflicts; their findings stored as flags on the
documents (store.flags), and a report of every flag in the archive by check."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sijill.checks import duplicates, series, unusual
from sijill.checks.config import section
from sijill.model import Document, Flag
from sijill.names import name_key
from sijill.store import Archive, flag_edits, flag_report

Finding = tuple[int, Flag]


@dataclass
class Link:
    kind: str  # "copy" or "variant"
    a: Document
    b: Document
    similarity: float


@dataclass
class Run:
    docs: list[Document]
    findings: list[Finding] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def _key(doc: Document) -> str:
    return doc.source.path or doc.source.url or doc.source.sha256


def _where(doc: Document) -> str:
    return doc.source.url or doc.source.path or doc.id


def _duplicates(run: Run) -> set[tuple[int, int]]:
    copy_at = section("duplicates")["copy"]
    same: set[tuple[int, int]] = set()
    docs = run.docs
    for pair in duplicates.find_pairs(d.text for d in docs):
        a, b = docs[pair.a], docs[pair.b]
        same.add((pair.a, pair.b))
        kind = "copy" if pair.jaccard >= copy_at else "variant"
        run.links.append(Link(kind, a, b, round(pair.similarity, 3)))
        if kind == "copy":  # the later-stored one is the copy of the first
            run.findings.append((pair.b, Flag(
                "duplicate-copy", "info",
                f"the same document as {a.id}, held from {_where(a)}; both sources are shown "
                "in its provenance")))
            continue
        for i, other in ((pair.a, b), (pair.b, a)):
            run.findings.append((i, Flag(
                "variant-of", "info",
                f"a variant of {other.id} ({pair.similarity:.0%} of the shorter text's "
                "word sequences in common): another translation, copy or revision; the reader "
                "shows the differing passages side by side")))
    return same


def _entity_types(run: Run) -> None:
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in run.docs:
        for m in doc.mentions:
            types[name_key(m.text)][m.type] += 1
    for i, doc in enumerate(run.docs):
        seen: set[str] = set()
        for m in doc.mentions:
            counts = types[name_key(m.text)]
            usual, _ = counts.most_common(1)[0]
            if len(counts) > 1 and m.type != usual and m.text not in seen:
                seen.add(m.text)
                run.findings.append((i, Flag(
                    "health-entity-type", "info",
                    f"{m.text!r} is recognised as a {m.type} here but as "
                    + " and ".join(f"a {t} {n} time(s)" for t, n in counts.items() if t != m.type)
                    + " elsewhere in the archive", (m,))))


def run_checks(archive: Archive) -> Run:
    """Run the archive-wide checks and store their findings (replacing the last run's)."""
    run = Run(list(archive.documents(claims=False)))
    same = _duplicates(run)
    run.findings += series.check(run.docs, same)
    run.findings += unusual.check(run.docs)
    _entity_types(run)
    flag_edits.replace_archive_findings(
        archive,
        ((_key(run.docs[i]), run.docs[i].source.part, f) for i, f in run.findings),
        ((link.kind, _key(link.a), link.a.source.part, _key(link.b), link.b.source.part,
          link.similarity) for link in run.links))
    return run


# ----------------------------------------------------------------------------- report


def report(archive: Archive, run: Run) -> dict[str, Any]:
    """What `sijill check --json` prints (documented in docs/checks.md)."""
    flags = list(flag_report.every_flag(archive.connection))
    by_check: dict[str, dict[str, Any]] = {}
    for f in flags:
        name = f["check"] or "parse"
        entry = by_check.setdefault(name, {"flags": 0, "documents": set(), "codes": Counter()})
        entry["flags"] += 1
        entry["documents"].add(f["document"])
        entry["codes"][f["code"]] += 1
    checks = {name: {"flags": e["flags"], "documents": len(e["documents"]),
                     "codes": dict(e["codes"].most_common())}
              for name, e in sorted(by_check.items())}
    dismissed = flag_report.dismissed_count(archive.connection)
    return {
        "documents": len(run.docs),
        "flagged_documents": len({f["document"] for f in flags}),
        "dismissed": dismissed,
        "checks": checks,
        "links": [{"kind": link.kind, "documents": [link.a.id, link.b.id],
                   "similarity": link.similarity} for link in run.links],
        "flags": flags,
    }
