"""TEI P5: one file per document, its header holding provenance and correspondence, its body
the document's text with the names, dates and notes marked where they stand (teibody.py).

The elements and attributes are teixml.py's, shared with the CMIF export.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from sijill.export.selection import Selection, entity_of, mention_for, settings, title_of
from sijill.export.teibody import body
from sijill.export.teixml import XML_NS, el, entity_ref, hijri_custom, iso_or_none, xml_id
from sijill.model import DateValue, Document, Mention, Span

_LANGUAGE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$")


def _file_desc(header: etree._Element, doc: Document, selection: Selection) -> None:
    conf = settings()
    file_desc = el(header, "fileDesc")
    title_stmt = el(file_desc, "titleStmt")
    el(title_stmt, "title", title_of(doc))
    for kind in sorted({n.kind for n in doc.notes}, key=list(conf["tei"]["notes"]).index):
        note = conf["tei"]["notes"][kind]
        resp_id = f"sijill-{note['resp']}"
        if title_stmt.find(f".//*[@{{{XML_NS}}}id='{resp_id}']") is None:
            resp = el(title_stmt, "respStmt", xml_id=resp_id)
            el(resp, "resp", note["role"])
            el(resp, "name", "not named in the source")
    pub = el(file_desc, "publicationStmt")
    el(pub, "publisher", conf["publisher"])
    el(pub, "idno", doc.id, type="sijill")
    availability = el(pub, "availability")
    el(availability, "licence", conf["licence"]["text"], target=conf["licence"]["target"])
    _flags(file_desc, doc)
    _source_desc(el(file_desc, "sourceDesc"), doc, selection)


def _flags(file_desc: etree._Element, doc: Document) -> None:
    """The checks' findings not dismissed: `<note type="flag" subtype="code" n="severity">`
    with the reason and the words it rests on."""
    if not doc.flags:
        return
    notes = el(file_desc, "notesStmt")
    for flag in doc.flags:
        note = el(notes, "note", flag.message, type="flag", subtype=flag.code, n=flag.severity)
        for span in flag.spans:
            el(note, "quote", span.text)


def _source_desc(source_desc: etree._Element, doc: Document, selection: Selection) -> None:
    prov = selection.provenance.get(doc.source.sha256, {})
    bibl = el(source_desc, "bibl")
    if prov.get("title"):
        el(bibl, "title", prov["title"])
    url = doc.source.url or prov.get("url")
    if url:
        el(bibl, "ptr", target=url)
    if prov.get("published"):
        el(bibl, "date", prov["published"], when=iso_or_none(prov["published"][:10]))
    el(bibl, "biblScope", str(doc.source.part), unit="part")
    el(bibl, "idno", doc.source.sha256, type="sha256")
    if doc.source.path:
        el(bibl, "idno", doc.source.path, type="path")
    if doc.source.media_type:
        el(bibl, "idno", doc.source.media_type, type="media-type")
    for role, other in selection.related(doc.id):  # the file of the same export folder
        el(bibl, "relatedItem", type=role, target=f"{other}.tei.xml")


def _party(parent: etree._Element, doc: Document, span: Span, selection: Selection,
           default: str) -> None:
    """A sender, addressee or cc as persName/orgName/placeName, @ref to its entity."""
    mention = mention_for(doc, span)
    names = settings()["tei"]["names"]
    tag, ref = default, None
    if mention is not None and mention.entity and entity_of(doc, mention.entity):
        tag = names[mention.type]["element"]
        ref = entity_ref(selection, mention.entity)
    el(parent, tag, span.text, ref=ref)


def _hijri_and_gregorian(doc: Document) -> tuple[DateValue | None, DateValue | None]:
    hijri = next((d for d in doc.dates if d.calendar == "hijri"), None)
    greg = next((d for d in doc.dates if d.calendar == "gregorian"), None)
    return hijri, greg


def _sent_place(doc: Document) -> Mention | None:
    """A place named in the letterhead: where the letter was sent from."""
    for mention in doc.mentions:
        if mention.type == "place" and any(
                s.start <= mention.start and mention.end <= s.end for s in doc.issuer):
            return mention
    return None


def _sent_date(parent: etree._Element, doc: Document, *, custom: bool = True) -> None:
    hijri, greg = _hijri_and_gregorian(doc)
    when = iso_or_none(doc.date.iso) if doc.date else None
    if hijri is None and greg is None and when is None:
        return
    words = "; ".join(d.text for d in (hijri, greg) if d is not None) or (when or "")
    attrs: dict[str, str | None] = {"when": when}
    if custom and hijri is not None and hijri_custom(hijri):
        attrs.update(when_custom=hijri_custom(hijri), datingMethod="#hijri", calendar="#hijri")
    el(parent, "date", words, **attrs)


def corresp_desc(parent: etree._Element, doc: Document, selection: Selection, *,
                 cmif: bool = False) -> etree._Element | None:
    """profileDesc/correspDesc: sent (issuer, sender, place, date), received, received cc."""
    has_parties = doc.issuer or doc.sender or doc.addressees or doc.cc
    if not has_parties and not doc.dates:
        return None
    desc = el(parent, "correspDesc")
    sent = el(desc, "correspAction", type="sent")
    if doc.issuer:  # the most specific level of the letterhead is the office that wrote
        _party(sent, doc, doc.issuer[-1], selection, "orgName")
    if doc.sender:
        _party(sent, doc, doc.sender, selection, "persName" if cmif else "name")
    place = _sent_place(doc)
    if place is not None:
        known = entity_of(doc, place.entity) is not None
        el(sent, "placeName", place.text,
           ref=entity_ref(selection, place.entity) if known else None)
    _sent_date(sent, doc, custom=not cmif)
    if len(sent) == 0:
        desc.remove(sent)
    for span in doc.addressees:
        _party(el(desc, "correspAction", type="received"), doc, span, selection,
               "persName" if cmif else "name")
    for span in doc.cc:
        _party(el(desc, "correspAction", type="received", subtype="cc"), doc, span, selection,
               "persName" if cmif else "name")
    if len(desc) == 0:
        parent.remove(desc)
        return None
    return desc


def _profile_desc(header: etree._Element, doc: Document, selection: Selection) -> None:
    profile = el(header, "profileDesc")
    corresp_desc(profile, doc, selection)
    if doc.dates:
        calendars = el(profile, "calendarDesc")
        for name, text in settings()["tei"]["calendars"].items():
            cal = el(calendars, "calendar", xml_id=name)
            el(cal, "p", text)
    if doc.language and _LANGUAGE.match(doc.language):
        usage = el(profile, "langUsage")
        el(usage, "language", doc.language, ident=doc.language)
    if len(profile) == 0:
        header.remove(profile)


def _revision_desc(header: etree._Element, edits: list[dict[str, Any]]) -> None:
    """The human layer: each edit a change, by whom and when, oldest first."""
    if not edits:
        return
    changes = el(header, "revisionDesc")
    for edit in edits:
        words = f"{edit['field']} corrected by {edit['author']}"
        if edit.get("note"):
            words += f": {edit['note']}"
        el(changes, "change", words, when=edit["created_at"][:10])


def _stand_off(root: etree._Element, doc: Document, selection: Selection) -> None:
    if not doc.entities and not doc.relations:
        return
    names = settings()["tei"]["names"]
    stand_off = el(root, "standOff")
    for kind, conf in names.items():
        entities = [e for e in doc.entities if e.type == kind]
        if not entities:
            continue
        listing = el(stand_off, conf["list"])
        for entity in entities:
            item = el(listing, conf["item"], xml_id=xml_id(entity.id))
            el(item, conf["element"], entity.name)
            for alias in entity.aliases:
                el(item, conf["element"], alias, type="alias")
            qid = selection.wikidata(entity.id)
            if qid:
                el(item, "idno", qid, type="wikidata")
    known = {e.id for e in doc.entities}
    relations = [r for r in doc.relations if r.source in known and r.target in known]
    if relations:
        listing = el(stand_off, "listRelation")
        for rel in relations:
            el(listing, "relation", name=rel.type, active="#" + xml_id(rel.source),
               passive="#" + xml_id(rel.target), type=rel.status)
    if len(stand_off) == 0:  # entities of no listed kind, relations between unknowns: TEI
        root.remove(stand_off)  # allows no empty standOff


def document_tree(doc: Document, selection: Selection) -> etree._Element:
    """The TEI document of one Sijill document."""
    root = el(None, "TEI")
    header = el(root, "teiHeader")
    _file_desc(header, doc, selection)
    _profile_desc(header, doc, selection)
    _revision_desc(header, selection.edits(doc.id))
    _stand_off(root, doc, selection)
    body(root, doc, selection)
    return root


def to_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=False)


def export(selection: Selection, out: Path) -> int:
    """One `<id>.tei.xml` per document in the folder `out`; returns the documents written."""
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for doc in selection.documents():
        (out / f"{doc.id}.tei.xml").write_bytes(to_bytes(document_tree(doc, selection)))
        count += 1
    return count
