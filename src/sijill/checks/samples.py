"""Fictional documents and their copies as mirror sites make them, for measuring the
duplicate check (tests/checks/test_archive.py, bench/bench_checks.py): each original is a
mundane administrative letter built from word lists, and each copy is the same letter
re-wrapped in other page furniture, retitled, re-spaced or cut short."""

from __future__ import annotations

import random
from dataclasses import dataclass

OFFICES = ["Office of Supplies", "Office of Education", "Diwan al-Zakat", "Health Office",
           "Office of Services", "Office of Relief", "Court of the Sector", "Media Office"]
GROUPS = ["Liwa al-Nakhil", "Jaysh al-Sahil", "Harakat al-Sanabil", "Jabhat al-Waha",
          "Katibat al-Rimal", "Tanzim al-Wadi"]
PLACES = ["Kafr Zita", "al-Mishlab", "Tal Abyad", "Sabha", "Haditha", "Azaz", "Sirte", "Ansongo"]
THINGS = ["flour", "diesel", "blankets", "school books", "salaries", "medicine", "water tanks",
          "bread", "seed", "generators", "tents", "rice", "sugar", "cooking gas", "desks"]
VERBS = ["distribute", "deliver", "register", "count", "repair", "collect", "record", "store",
         "inspect", "pay", "list", "return", "weigh", "check", "transfer"]
PEOPLE = ["the families", "the bakeries", "the teachers", "the clinic", "the porters",
          "the widows", "the schools", "the farmers", "the guards", "the clerks"]
TIMES = ["before the end of the month", "by Thursday", "within three days", "each week",
         "at the start of Ramadan", "after the harvest", "as in the last quarter"]
CHROME = [
    ["Home | About | Archive | Contact", "Posted on {day} by admin"],
    ["Skip to content", "Documents archive", "Filed under: letters, {place}"],
    ["MENU", "Search this site", "{day} · 4 min read"],
]
FOOTERS = [
    ["Share this: Facebook Twitter Email", "Related posts", "Leave a comment"],
    ["Tags: {place}, documents, translation", "{n} comments", "© Documents blog"],
    ["Previous post / Next post", "Subscribe by email"],
]


def _sentence(rng: random.Random) -> str:
    return (f"We ask you to {rng.choice(VERBS)} the {rng.choice(THINGS)} of "
            f"{rng.choice(PEOPLE)} in {rng.choice(PLACES)} {rng.choice(TIMES)}, "
            f"{rng.randint(2, 900)} in all, and to {rng.choice(VERBS)} the "
            f"{rng.choice(THINGS)} for {rng.choice(PEOPLE)}.")


def original(rng: random.Random, n: int) -> str:
    """A letter: letterhead, number, date, addressee, subject, a body of formula and
    particulars, signature."""
    body = " ".join(_sentence(rng) for _ in range(rng.randint(5, 12)))
    return (f"{rng.choice(GROUPS)}\n{rng.choice(OFFICES)}\n\nNo. {rng.randint(1, 99)}/"
            f"{rng.randint(1, 3000)}\nDate: {rng.randint(1, 28)} Safar 14{rng.randint(35, 45)}\n\n"
            f"To the brother responsible for {rng.choice(PEOPLE)} in {rng.choice(PLACES)}\n"
            f"Subject: {rng.choice(THINGS)} ({n})\n\nPeace be upon you. {body}\n\n"
            "And peace be upon you.\nThe official of the office\n")


def _respace(rng: random.Random, text: str) -> str:
    words = text.split()
    width = rng.randint(40, 90)
    lines, line = [], ""
    for w in words:
        if len(line) + len(w) > width:
            lines.append(line)
            line = ""
        line += ("  " if rng.random() < 0.1 else " ") + w if line else w
    return "\n".join([*lines, line])


def copy_of(rng: random.Random, text: str) -> str:
    """The letter as a mirror site shows it: at least one of other furniture, a new title,
    other line breaks and spacing, the end cut off."""
    ways = [k for k in ("wrap", "title", "space", "cut") if rng.random() < 0.6] or ["wrap"]
    if "cut" in ways:
        words = text.split(" ")
        text = " ".join(words[: int(len(words) * rng.uniform(0.6, 0.9))]) + " [...]"
    if "space" in ways:
        text = _respace(rng, text)
    if "title" in ways:
        text = f"A letter from the {rng.choice(OFFICES)} about {rng.choice(THINGS)}\n\n{text}"
    if "wrap" in ways:
        fill = {"day": f"{rng.randint(1, 28)} May 20{rng.randint(15, 24)}",
                "place": rng.choice(PLACES), "n": str(rng.randint(0, 40))}
        head = [s.format(**fill) for s in rng.choice(CHROME)]
        foot = [s.format(**fill) for s in rng.choice(FOOTERS)]
        text = "\n".join([*head, "", text, "", *foot])
    return text


@dataclass
class SampleSet:
    texts: list[str]
    pairs: set[tuple[int, int]]  # (i, j), i < j: the same letter


def sample_set(n: int, copy_share: float = 0.2, seed: int = 7) -> SampleSet:
    """`n` texts of which about `copy_share` are copies (one to three per original)."""
    rng = random.Random(seed)
    texts: list[str] = []
    groups: list[list[int]] = []
    while len(texts) < n:
        group = [len(texts)]
        texts.append(original(rng, len(texts)))
        if rng.random() < copy_share * 2 / (1 + copy_share):  # about 2 copies per copied one
            for _ in range(rng.randint(1, 3)):
                if len(texts) < n:
                    group.append(len(texts))
                    texts.append(copy_of(rng, texts[group[0]]))
        groups.append(group)
    pairs = {(a, b) for g in groups for a in g for b in g if a < b}
    return SampleSet(texts, pairs)

