"""CMIF (Correspondence Metadata Interchange Format): one file with every letter's
correspondence metadata, as correspSearch harvests it.

CMIF is TEI reduced to who wrote to whom, where and when: no @calendar or @when-custom (the
Hijri date is the date's text, the Gregorian its @when), @ref only to authority files (so a
party without a Wikidata id has none), and one `bibl` per source with a stable UUID.

An original and its translation (store.pairs) are related letters: each letter's
`correspContext` holds a `ref` (@type "original" or "translation") pointing at the other's
`correspDesc` in the same file (@xml:id "letter-ID"), the one link between letters CMIF
allows (its schema's correspContext takes ref, p and note).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from lxml import etree

from sijill.export import tei
from sijill.export.selection import Selection, settings
from sijill.export.teixml import TEI_PREFIX, XML_NS, el, xml_id
from sijill.model import Document
from sijill.store import io as store_io


def bibl_id(sha256: str) -> str:
    """A UUID for a source that never changes, beginning with a letter (an xml:id must)."""
    namespace = uuid.UUID(settings()["cmif"]["uuid_namespace"])
    salt = 0
    while True:
        value = str(uuid.uuid5(namespace, f"{sha256}:{salt}" if salt else sha256))
        if value[0].isalpha():
            return value
        salt += 1


def _header(root: etree._Element, selection: Selection) -> etree._Element:
    conf = settings()
    header = el(root, "teiHeader")
    file_desc = el(header, "fileDesc")
    title_stmt = el(file_desc, "titleStmt")
    el(title_stmt, "title", conf["cmif"]["title"])
    editor = el(title_stmt, "editor", conf["cmif"]["editor"])
    el(editor, "email", conf["cmif"]["email"])
    pub = el(file_desc, "publicationStmt")
    el(pub, "publisher", conf["publisher"])
    el(pub, "idno", "sijill-cmif.xml", type="url")
    # The archive's own last change, not the time of this run: the same archive, the same file.
    updated = store_io.last_updated(selection.archive) or "1970-01-01T00:00:00+00:00"
    el(pub, "date", when=updated)
    availability = el(pub, "availability")
    el(availability, "licence", conf["licence"]["text"], target=conf["licence"]["target"])
    el(file_desc, "sourceDesc")
    return header


def _bibl(source_desc: etree._Element, doc: Document, selection: Selection,
          seen: set[str]) -> str:
    ident = bibl_id(doc.source.sha256)
    if ident not in seen:
        seen.add(ident)
        prov = selection.provenance.get(doc.source.sha256, {})
        words = ", ".join(str(x) for x in (prov.get("title"), doc.source.url or prov.get("url"),
                                           doc.source.path) if x) or doc.source.sha256
        el(source_desc, "bibl", words, type="online", xml_id=ident)
    return ident


def _strip_local_refs(desc: etree._Element) -> None:
    # CMIF points only into authority files; a local #id means nothing to correspSearch.
    for node in desc.iter():
        if node.get("ref", "").startswith("#"):
            del node.attrib["ref"]


def letter_id(doc_id: str) -> str:
    """The @xml:id of a letter's correspDesc, which its original or translation points at."""
    return xml_id(f"letter-{doc_id}")


def _contexts(letters: dict[str, etree._Element], selection: Selection) -> None:
    """Each letter's original or translation, when that is a letter of this file too."""
    for doc_id, desc in letters.items():
        related = [(role, other) for role, other in selection.related(doc_id)
                   if other in letters]
        if not related:
            continue
        desc.set(f"{{{XML_NS}}}id", letter_id(doc_id))
        context = el(desc, "correspContext")
        for role, other in related:
            el(context, "ref", other, type=role, target="#" + letter_id(other))


def export(selection: Selection, out: Path) -> int:
    """Write the CMIF file `out`; returns the letters it lists."""
    root = el(None, "TEI")
    header = _header(root, selection)
    source_desc = header.find(f"{TEI_PREFIX}fileDesc/{TEI_PREFIX}sourceDesc")
    profile = el(header, "profileDesc")
    seen: set[str] = set()
    letters: dict[str, etree._Element] = {}
    for doc in selection.documents():
        desc = tei.corresp_desc(profile, doc, selection, cmif=True)
        if desc is None:
            continue
        _strip_local_refs(desc)
        desc.set("key", doc.id)
        if doc.source.url:
            desc.set("ref", doc.source.url)
        desc.set("source", "#" + _bibl(source_desc, doc, selection, seen))
        letters[doc.id] = desc
    _contexts(letters, selection)
    count = len(letters)
    if count == 0:  # CMIF wants at least one bibl and correspDesc; say so rather than lie
        raise ValueError("no document in the selection has correspondence metadata for CMIF")
    el(el(el(root, "text"), "body"), "p")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                   pretty_print=True))
    return count
