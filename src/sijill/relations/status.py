"""The status of a claimed relation: asserted, or reported, proposed, rejected, denied,
uncertain, as the status cues of its sentence (data/cues.yaml) govern its cue."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sijill.relations import cues as cue_data
from sijill.relations.cues import StatusCue


@dataclass(frozen=True, slots=True)
class Placed:
    """A cue as found: its token range and its meaning."""

    start: int
    end: int
    label: str


@cache
def priority() -> tuple[str, ...]:
    return tuple(cue_data.data()["status_priority"])


def _governs(status: StatusCue, at: Placed, cue: Placed, others: list[Placed]) -> bool:
    if status.scope == "sentence":
        return True
    if status.scope == "following":
        return at.end <= cue.start <= at.end + status.window
    before = [c for c in others if c.end <= at.start]
    after = [c for c in others if c.start >= at.end]
    nearest_before = max(before, key=lambda c: c.end, default=None)
    if status.scope == "preceding":
        return cue is nearest_before
    nearest_after = min(after, key=lambda c: c.start, default=None)
    candidates = [c for c in (nearest_before, nearest_after) if c is not None]
    nearest = min(candidates, key=lambda c: min(abs(c.end - at.start), abs(c.start - at.end)),
                  default=None)
    return cue is nearest


def statuses(cue: Placed, cue_type: str, relation_cues: list[Placed],
             status_cues: list[tuple[Placed, StatusCue]]) -> list[str]:
    """The statuses of the relation a cue states: one, or a proposal and its rejection."""
    found = set()
    for at, status in status_cues:
        if status.types is not None and cue_type not in status.types:
            continue
        eligible = [c for c in relation_cues
                    if status.types is None or c.label.split("|")[1] in status.types]
        if _governs(status, at, cue, eligible):
            found.add(status.status)
    if {"proposed", "rejected"} <= found:
        return ["proposed", "rejected"]
    for name in priority():
        if name in found:
            return [name]
    return ["asserted"]
