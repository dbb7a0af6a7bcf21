"""Shared by the store tests (and the query and export tests that read an archive): a fictional
letter and receipt with every part filled in, and two letters whose relations the network reads."""

from __future__ import annotations

from sijill.model import (
    DateValue,
    DocDate,
    Document,
    Entity,
    Flag,
    Mention,
    Note,
    Range,
    Relation,
    SourceText,
    Span,
    sha256_hex,
)
from sijill.store import Archive

STAGES = {"ingest": "1", "parse": "1"}

LETTER = """\
Northern Valleys Administrative Council
Office of Education - Kirem District

No.: NV/ED/0412
Date: 3 Rajab 1441 AH [27 February 2020]

Subject: supply of exercise books to the village schools

To the director of the Kirem schools office,

Peace be upon you. Four hundred exercise books and sixty boxes of chalk have been sent \
with the driver Hamid Taleb for the schools of Dar Salwa and Upper Kirem. Please sign the \
receipt and return it to this office.

Director of Education
Yusuf al-Marwani

cc. Archive

Translator's note: the word rendered "office" could also be read as "bureau".
"""

RECEIPT = """\
Lowland Water Committee

Receipt No. LW-77

We received from the clinic of Tal Minar two water tanks and one pump, in good order.

Storekeeper Salim Haddad
"""


def at(text: str, words: str, nth: int = 0) -> Span:
    """The span of the `nth` occurrence of `words` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Span(words, start, start + len(words))


def source_of(text: str, path: str | None = "letters/nv-0412.txt") -> SourceText:
    return SourceText(sha256_hex(text.encode()), text, path=path, media_type="text/plain",
                      title="Exercise books for Kirem")


def letter(source: SourceText) -> Document:
    text = source.text
    hijri = at(text, "3 Rajab 1441 AH")
    greg = at(text, "27 February 2020")
    person = at(text, "Hamid Taleb")
    return Document(
        source=source.source(0),
        text=text,
        title="Exercise books for Kirem",
        language="en",
        issuer=[at(text, "Northern Valleys Administrative Council"),
                at(text, "Office of Education - Kirem District")],
        reference_number=at(text, "NV/ED/0412"),
        dates=[DateValue(hijri.text, hijri.start, hijri.end, calendar="hijri", year=1441,
                         month=7, day=3, iso="2020-02-27"),
               DateValue(greg.text, greg.start, greg.end, calendar="gregorian", year=2020,
                         month=2, day=27, iso="2020-02-27")],
        date=DocDate("2020-02-27", "day", "both"),
        subject=at(text, "supply of exercise books to the village schools"),
        sender=at(text, "Yusuf al-Marwani"),
        addressees=[at(text, "director of the Kirem schools office")],
        cc=[at(text, "Archive")],
        body=Range(text.index("Peace"), text.index("Director of Education")),
        notes=[Note(*_triple(at(text, "Translator's note: the word rendered")), kind="translator")],
        mentions=[Mention(person.text, person.start, person.end, type="person", entity="p1")],
        entities=[Entity("p1", "person", "Hamid Taleb", ["Abu Sami"])],
        relations=[Relation("correspondence", "o1", "p1", "asserted", Range(0, 40))],
        flags=[Flag("date-mismatch", "info", "fictional flag for the test")],
    )


def _triple(span: Span) -> tuple[str, int, int]:
    return span.text, span.start, span.end


def receipt(source: SourceText) -> Document:
    text = source.text
    return Document(source=source.source(0), text=text, title="Tanks for Tal Minar",
                    issuer=[at(text, "Lowland Water Committee")],
                    reference_number=at(text, "LW-77"),
                    sender=at(text, "Salim Haddad"))


def put_letter(archive: Archive, text: str = LETTER, path: str = "letters/nv-0412.txt") -> str:
    source = source_of(text, path)
    archive.put_source(source, [letter(source)], STAGES)
    return letter(source).id


FIRST = """\
Harakat Nur al-Wadi
Office of Supplies

No.: N.W/14/1443-07
Date: 3 Rajab 1443 AH [4 February 2022 CE]

To: the Relief Committee of Kafr Nabl

We ask the Relief Committee of Kafr Nabl for support with forty sacks of flour.
The Water Committee of Binnish has merged with the Water Committee of Taftanaz.

Abu Hamza al-Saraqibi

cc. Archive
"""

SECOND = """\
Harakat Nur al-Wadi
Services Office

No.: N.W/21/1441-02
Date: 9 Rabi' al-Awwal 1441 [6 November 2019]

To: the Water Committee of Taftanaz

The Water Committee of Binnish merged with the Water Committee of Taftanaz last year.
Meetings between the Water Committee of Binnish and the Services Office of Harakat Nur al-Wadi were held on 2 November 2019.

Abu Hamza al-Saraqibi
"""  # noqa: E501
