"""An HTML page to its main text (trafilatura), with title, canonical URL and date.

trafilatura's plain-text output joins paragraphs with single newlines, and its formatted
output turns <br> into paragraph breaks and escapes brackets; neither keeps a letter's
shape. So the text is rebuilt from its XML tree: paragraphs and headings separated by a
blank line, <br> (<lb/>) as a newline, so that each letterhead level stays on its own line.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import lxml.html
import trafilatura
from trafilatura.utils import load_html

from sijill.errors import Rejected

log = logging.getLogger(__name__)

_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)
_BLOCKS = {"p", "head", "list", "item", "quote", "table", "row", "code", "div", "main", "body"}
_SPACES = re.compile(r"\s+")
_AROUND_NEWLINE = re.compile(r" *\n *")


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None
    url: str | None
    published: str | None


def html_text(html: str) -> Page:
    """The page's main text (title first), and its provenance."""
    tree = _parse(html)
    url = _canonical_url(tree) or _saved_from(html)
    doc = _extract(tree) or _extract(_parse(html), favor_recall=True)
    if doc is None or doc.body is None:
        raise Rejected(_why_no_text(html))
    text = "\n\n".join(_paragraphs(doc.body))
    title = _clean(doc.title)
    if title and not _starts_with(text, title):
        text = f"{title}\n\n{text}"
    return Page(text, title, url or doc.url, doc.date)


def _why_no_text(html: str) -> str:
    """The real cause when the parser itself gave up (libxml2 stops at 255 levels of
    nesting and drops what lies deeper), else that the page has no main text."""
    parser = lxml.html.HTMLParser()
    try:
        lxml.html.document_fromstring(html, parser=parser)
    except Exception as exc:  # the cause is then whatever lxml says
        log.debug("lxml could not read the page", exc_info=True)
        return f"unreadable HTML: {exc or type(exc).__name__}"
    deep = next((e for e in parser.error_log if "Excessive depth" in e.message), None)
    if deep is not None:
        return (f"HTML nested too deep (line {deep.line}: more than 255 levels of elements, "
                "where the HTML parser stops), so no main text could be found")
    return "no main text found in the HTML page"


def _parse(html: str) -> Any:
    tree = load_html(html)
    if tree is None:
        raise Rejected("unreadable HTML")
    return tree


def _extract(tree: Any, favor_recall: bool = False) -> Any:
    try:
        doc = trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=True,
            favor_recall=favor_recall,
        )
    except Exception as exc:  # trafilatura may fail on pathological markup
        log.debug("trafilatura could not read the page", exc_info=True)
        raise Rejected(f"unreadable HTML: {exc or type(exc).__name__}") from exc
    if doc is None or doc.body is None or not "".join(doc.body.itertext()).strip():
        return None
    return doc


def _canonical_url(tree: Any) -> str | None:
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = [v.strip() for v in tree.xpath(xpath) if v.strip()]
        if found:
            return found[0]
    return None


def _saved_from(html: str) -> str | None:
    """A browser's "Save page as" notes where the page came from."""
    found = _SAVED_FROM.search(html[:4096])
    return found.group(1) if found else None


def _paragraphs(body: Any) -> list[str]:
    """Each block of the tree as one paragraph; lists and tables keep a line per item/row."""
    paragraphs: list[str] = []
    if body.text and body.text.strip():
        paragraphs.append(body.text.strip())
    for child in body:
        if child.tag in ("quote", "div", "main"):
            paragraphs.extend(_paragraphs(child))
        else:
            paragraphs.append(_block_text(child).strip("\n"))
        if child.tail and child.tail.strip():
            paragraphs.append(child.tail.strip())
    return [p for p in paragraphs if p.strip()]


def _block_text(elem: Any) -> str:
    if elem.tag == "table":
        return "\n".join(_row_text(row) for row in elem.iter("row"))
    if elem.tag == "list":
        return "\n".join(_block_text(item).strip("\n") for item in elem if item.tag == "item")
    out = _inline(elem.text)
    for child in elem:
        if not isinstance(child.tag, str):  # comments and processing instructions
            pass
        elif child.tag == "lb":
            out += "\n"
        elif child.tag in _BLOCKS:
            out = _end_line(out) + _block_text(child).strip("\n") + "\n"
        elif child.tag != "graphic":
            out += _block_text(child)
        out += _inline(child.tail)
    return _AROUND_NEWLINE.sub("\n", out)


def _inline(text: str | None) -> str:
    """Source line breaks in HTML are just spaces; only <br> and blocks break lines."""
    return _SPACES.sub(" ", text) if text else ""


def _end_line(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def _row_text(row: Any) -> str:
    return "\t".join(_SPACES.sub(" ", "".join(cell.itertext())).strip() for cell in row)


def _clean(title: str | None) -> str | None:
    title = _SPACES.sub(" ", title or "").strip()
    return title or None


def _starts_with(text: str, title: str) -> bool:
    """Whether the text's first line already is the title (trafilatura kept the heading)."""
    first = text.lstrip().split("\n", 1)[0]
    return _SPACES.sub(" ", first).strip().casefold() == title.casefold()
