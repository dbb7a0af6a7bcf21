"""The TEI vocabulary Sijill writes: the namespace, elements, ids and date attributes.

Shared by the TEI export (tei.py, teibody.py) and the CMIF export (cmif.py).
"""

from __future__ import annotations

import re

from lxml import etree

from sijill.export.selection import Selection, settings
from sijill.model import DateValue

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
TEI_PREFIX = f"{{{TEI_NS}}}"
_XML_ID = f"{{{XML_NS}}}id"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_NCNAME_BAD = re.compile(r"[^A-Za-z0-9._-]")


def el(parent: etree._Element | None, tag: str, text: str | None = None,
       **attrs: str | None) -> etree._Element:
    """A TEI element (attributes named with `_` for `-`, and `xml_id`/`xml_lang`)."""
    names = {"xml_id": _XML_ID, "xml_lang": f"{{{XML_NS}}}lang"}
    clean = {names.get(k, k.replace("_", "-")): v for k, v in attrs.items() if v is not None}
    node = (etree.SubElement(parent, TEI_PREFIX + tag, clean) if parent is not None
            else etree.Element(TEI_PREFIX + tag, clean, nsmap={None: TEI_NS}))
    if text is not None:
        node.text = xml_text(text)
    return node


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def xml_id(entity_id: str) -> str:
    """An entity id as an xml:id (an NCName)."""
    safe = _NCNAME_BAD.sub("_", entity_id)
    return safe if safe[:1].isalpha() or safe[:1] == "_" else f"e-{safe}"


def iso_or_none(value: str | None) -> str | None:
    return value if value and _ISO.match(value) else None


def hijri_custom(date: DateValue) -> str | None:
    """A Hijri date's parts as YYYY[-MM[-DD]] for @when-custom."""
    if date.year is None:
        return None
    out = f"{date.year:04d}"
    if date.month is not None:
        out += f"-{date.month:02d}"
        if date.day is not None:
            out += f"-{date.day:02d}"
    return out


def entity_ref(selection: Selection, entity_id: str) -> str:
    qid = selection.wikidata(entity_id)
    if qid:
        return settings()["tei"]["wikidata_uri"].format(qid=qid)
    return "#" + xml_id(entity_id)


def date_attrs(date: DateValue, *, custom: bool = True) -> dict[str, str | None]:
    """@when (Gregorian), and for a Hijri date its own reckoning as @when-custom."""
    attrs: dict[str, str | None] = {"when": iso_or_none(date.iso)}
    if date.calendar == "hijri" and custom and hijri_custom(date):
        attrs.update(when_custom=hijri_custom(date), datingMethod="#hijri", calendar="#hijri")
    elif date.calendar == "gregorian" and custom:
        attrs["calendar"] = "#gregorian"
    return attrs
