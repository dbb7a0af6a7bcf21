"""Shared by the store tests (and the query and export tests that read an archive): a fictional
letter and receipt with every part filled in, and two letters whose relations the network reads."""

from __future__ import annotations

from sijill.model import DocDate, Document, Entity, Flag, Range, Relation, SourceText, sha256_hex
from sijill.store import Archive
from tests.conftest import date_of, mention_of, note_of, parts_of

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


def source_of(text: str, path: str | None = "letters/nv-0412.txt") -> SourceText:
    return SourceText(sha256_hex(text.encode()), text, path=path, media_type="text/plain",
                      title="Exercise books for Kirem")


def letter(source: SourceText) -> Document:
    text = source.text
    return Document(
        source=source.source(0),
        text=text,
        title="Exercise books for Kirem",
        language="en",
        **parts_of(text, issuer=["Northern Valleys Administrative Council",
                                 "Office of Education - Kirem District"],
                   reference_number="NV/ED/0412",
                   subject="supply of exercise books to the village schools",
                   sender="Yusuf al-Marwani", addressees=["director of the Kirem schools office"],
                   cc=["Archive"]),
        dates=[date_of(text, "3 Rajab 1441 AH", "hijri", (1441, 7, 3), "2020-02-27"),
               date_of(text, "27 February 2020", "gregorian", (2020, 2, 27), "2020-02-27")],
        date=DocDate("2020-02-27", "day", "both"),
        body=Range(text.index("Peace"), text.index("Director of Education")),
        notes=[note_of(text, "Translator's note: the word rendered", "translator")],
        mentions=[mention_of(text, "Hamid Taleb", "person", "p1")],
        entities=[Entity("p1", "person", "Hamid Taleb", ["Abu Sami"])],
        relations=[Relation("correspondence", "o1", "p1", "asserted", Range(0, 40))],
        flags=[Flag("date-mismatch", "info", "fictional flag for the test")],
    )


def receipt(source: SourceText) -> Document:
    text = source.text
    return Document(source=source.source(0), text=text, title="Tanks for Tal Minar",
                    **parts_of(text, issuer=["Lowland Water Committee"], reference_number="LW-77",
                               sender="Salim Haddad"))


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
