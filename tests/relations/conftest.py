"""Shared by the relations tests: fictional letters parsed and related without the entity
stage, and their relations by name."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import yaml

from sijill import parse, relations
from sijill.model import SourceText, sha256_hex
from sijill.relations.names import display_name, names_by_id
from tests.conftest import DATA

Claim = tuple[str, str, str, str]


def docs_of(text: str) -> list:
    """Parsed and related, without the entity stage: the actors are the relation stage's own
    (names found by their words), so these tests measure this stage alone."""
    source = SourceText(sha256_hex(text.encode()), text, path="letter.txt")
    return relations.stage(source, parse.parse_text(text, source=source))


def named(doc) -> set[tuple[str, str, str, str]]:
    table = names_by_id(doc)
    return {(r.type, display_name(r.source, table), display_name(r.target, table), r.status)
            for r in doc.relations}


def assert_claims(found: set[tuple[str, str, str, str]], wanted: tuple,
                  unwanted: list) -> None:
    assert wanted in found
    for claim in unwanted:
        assert claim not in found


@dataclass(frozen=True)
class Letterhead:
    """The top of a fictional letter from a group's office to a committee."""

    group: str
    office: str
    number: str
    date: str
    to: str
    subject: str

    def text(self, subject: str | None = None) -> str:
        return (f"{self.group}\n{self.office}\n\nNo.: {self.number}\nDate: {self.date}\n\n"
                f"To: {self.to}\n\nSubject: {subject or self.subject}\n\n")

    def claims(self, body: str) -> set[Claim]:
        """The named relations of this letter with `body` under the header."""
        return named(docs_of(self.text() + body)[0])


BAYADER = Letterhead("Harakat Bayader al-Sahl", "Office of Services", "B.S/12/1444",
                     "3 Rabi' al-Awwal 1444", "the Bakery Committee of Tall Hadiya", "the bakeries")
MARJ = Letterhead("Tajammu' Ahl al-Marj", "Office of Services", "T.M/40/1445", "9 Safar 1445",
                  "the Water Committee of Kafr Laha", "the wells")
SAWAQI = Letterhead("Jamaat Ahl al-Sawaqi", "Office of Orchards", "J.S/77/1446", "3 Rajab 1446",
                    "the Irrigation Council of Wadi Marwan", "the pump")

# A body about a pump that a signature block or a remark follows.
PUMP = "The pump of the eastern orchard needs a new belt before the spring watering.\n\n"

LETTERHEADS = {"bayader": BAYADER, "marj": MARJ, "sawaqi": SAWAQI}


def _cases(part: str) -> list[dict]:  # type: ignore[type-arg]
    data = yaml.safe_load((DATA / "relations" / "claims.yaml").read_text(encoding="utf-8"))
    return data[part]


def claim_cases() -> list:  # type: ignore[type-arg]
    """tests/data/relations/claims.yaml: (letterhead, body, wanted claim, unwanted claims)."""
    return [pytest.param(LETTERHEADS[c["letterhead"]], c["body"].format(pump=PUMP),
                         tuple(c["wanted"]), [tuple(x) for x in c["unwanted"]], id=c["id"])
            for c in _cases("claims")]


def nothing_cases() -> list:  # type: ignore[type-arg]
    """tests/data/relations/claims.yaml: (letterhead, body, a relation type it must not give)."""
    return [pytest.param(LETTERHEADS[c["letterhead"]], c["body"], c["kind"], id=c["id"])
            for c in _cases("nothing")]
