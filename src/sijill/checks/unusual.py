"""Check 5, archive-wide part: a header layout or a script an issuer never (or almost never)
uses elsewhere in the archive. Reported as "unusual", never as "fake": an office may simply
have changed its paper."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from sijill.checks.config import section
from sijill.checks.series import issuer_key
from sijill.model import Document, Flag
from sijill.names import name_key

_PARTS = ("issuer", "reference_number", "dates", "subject", "addressees", "sender", "cc")


def template(doc: Document) -> str | None:
    """Where the letterhead stands: first in the document, or after which part. (A finer
    shape, every part's order, varies with what each letter needs to say.) None when the
    issuer is read only after the body has begun: a stamp or signature at the foot (an
    incoming letter, a stamped notice, a second page), which is no letterhead to compare."""
    if doc.issuer and doc.body is not None and doc.issuer[0].start >= doc.body.start:
        return None
    firsts = []
    for name in _PARTS:
        value = getattr(doc, name)
        spans = value if isinstance(value, list) else [value] if value else []
        if spans:
            firsts.append((min(s.start for s in spans), name.replace("_", " ")))
    order = [name for _, name in sorted(firsts)]
    if "issuer" not in order:
        return "no letterhead"
    at = order.index("issuer")
    return "letterhead first" if at == 0 else f"letterhead after the {order[at - 1]}"


def script(doc: Document) -> str:
    letters = [c for c in doc.text if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f")
    share = section("provenance")["script_share"]
    return "Arabic script" if letters and arabic / len(letters) >= share else "Latin script"


def _rare(items: list[tuple[int, Document]], kind: str,
          shapes: dict[str, str | None]) -> Iterator[tuple[int, Flag]]:
    cfg = section("provenance")
    of = {k: v for k, v in shapes.items() if v is not None}
    items = [(i, doc) for i, doc in items if doc.id in of]
    if len(items) < cfg["min_issuer_docs"]:
        return
    counts = Counter(of.values())
    for i, doc in items:
        value = of[doc.id]
        if counts[value] / len(items) < cfg["unusual_share"]:
            usual = counts.most_common(1)[0][0]
            spans = tuple(doc.issuer[:1])
            yield i, Flag(f"provenance-unusual-{kind}", "info",
                          f"unusual: this issuer's {kind} here ({value}) is seen in "
                          f"{counts[value]} of its {len(items)} documents; usually {usual}", spans)


def check(docs: list[Document]) -> Iterator[tuple[int, Flag]]:
    by_issuer: dict[str, list[tuple[int, Document]]] = defaultdict(list)
    for i, doc in enumerate(docs):
        key = issuer_key(doc)
        if key:
            by_issuer[name_key(doc.issuer[0].text)].append((i, doc))
    for items in by_issuer.values():
        if len(items) < section("provenance")["min_issuer_docs"]:
            continue
        yield from _rare(items, "template", {d.id: template(d) for _, d in items})
        yield from _rare(items, "script", {d.id: script(d) for _, d in items})
