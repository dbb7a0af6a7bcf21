"""What of a document's text is not the document's: the web furniture around it.

gold.md's scope leaves out a page's site header, byline, post date, comment section and
tag list, and so does the parser (`sijill.parse.web`); the names in them (the blogger
of a byline, the countries of a "Related articles" block) are not the document's entities.
The parser's own rules decide which lines they are, so both stages draw one line.
"""

from __future__ import annotations

import re

from sijill.parse import web
from sijill.parse.lexicon import lexicon
from sijill.parse.lines import split_lines, without

# The end of the byline a blogger's first paragraph opens with ("by X • Jan 25, 2016 – ").
_BYLINE_END = re.compile(r"\s*[•|·]")


def furniture(text: str) -> list[tuple[int, int]]:
    """The character ranges of `text` that are web furniture, in order."""
    lex = lexicon()
    lines = without(split_lines(text), lex.separator)
    kept = {(line.start, line.end) for line in web.without_furniture(lines, lex)}
    out = []
    for line in lines:
        if (line.start, line.end) not in kept:
            out.append((line.start, line.end))
        elif lex.byline_lead.match(line.text):
            cut = _BYLINE_END.search(line.text)
            if cut:
                out.append((line.start, line.start + cut.start()))
    return out
