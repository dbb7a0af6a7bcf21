"""Relations, round 4: the general rules taken from the errors of hard5 (a signer's title on
its own line above or below the name, past "[signature]" lines; "secretary of" as a role;
"our office" as the letterhead's office rather than the group above it). All text is
fictional."""

from __future__ import annotations

import pytest

from tests.relations.test_extract import assert_claims, letter_claims

HEADER = """\
Jamaat Ahl al-Sawaqi
Office of Orchards

No.: J.S/77/1446
Date: 3 Rajab 1446

To: the Irrigation Council of Wadi Marwan

Subject: {subject}

"""

BODY = "The pump of the eastern orchard needs a new belt before the spring watering.\n\n"


def claims(text: str) -> set[tuple[str, str, str, str]]:
    return letter_claims(HEADER, text, "the pump")


# Each row: the text after the header, a claim it must give, claims it must not give.
CASES = [
    pytest.param(
        BODY + "The head of the Office of Orchards\n[signature]\nAbu Talha al-Sawaqi\n",
        ("leadership", "Abu Talha al-Sawaqi", "Office of Orchards", "asserted"), [],
        id="title-above-signature-mark-and-name"),
    pytest.param(
        BODY + "Your brother,\nAbu Talha al-Sawaqi\nsecretary of the Office of Orchards\n",
        ("membership", "Abu Talha al-Sawaqi", "Office of Orchards", "asserted"), [],
        id="secretary-title-below-name"),
    pytest.param(
        BODY + "Wassalam\n\nAbu Talha al-Sawaqi\nofficial of the Office of Orchards\n",
        ("membership", "Abu Talha al-Sawaqi", "Office of Orchards", "asserted"), [],
        id="lowercase-official-below-name"),
    pytest.param(
        "Our office asks the Irrigation Council of Wadi Marwan to lend two pumps for a week.\n",
        ("request", "Office of Orchards", "Irrigation Council of Wadi Marwan", "asserted"),
        [("request", "Jamaat Ahl al-Sawaqi", "Irrigation Council of Wadi Marwan", "asserted")],
        id="our-office-is-the-office"),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), CASES)
def test_round4_rules(text: str, wanted: tuple, unwanted: list[tuple]) -> None:
    assert_claims(claims(text), wanted, unwanted)


def test_title_line_with_other_words_is_no_signature() -> None:
    # the title does not open its line: a sentence, not a signature block
    got = claims(BODY + "We thank the head of the Office of Orchards\nAbu Talha al-Sawaqi\n")
    assert ("leadership", "Abu Talha al-Sawaqi", "Office of Orchards", "asserted") not in got


def test_title_far_from_a_name_line_gives_no_role() -> None:
    text = BODY + "The head of the Office of Orchards\nThe pump belt was bought on credit.\n"
    assert not {c for c in claims(text) if c[0] == "leadership"}


def test_our_office_keeps_the_two_groups_apart() -> None:
    # the office is a part of the writer's group: "the two groups" are the group and the other
    text = ("Two men vouched for the farmer before our office. The Irrigation Council of Wadi "
            "Marwan wrote to us.\nThe two groups met in the village school last month.\n")
    got = claims(BODY + text)
    assert ("contact", "Office of Orchards", "Irrigation Council of Wadi Marwan",
            "asserted") not in got
