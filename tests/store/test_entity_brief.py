"""An entity at a glance (`entity_brief`, counted in SQL) says what the full detail
(`get_entity`, every mention listed) says, on the sample corpus before and after curation:
merges, a rename, splits and a hand edit of a document's mentions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sijill import pipeline
from sijill.store import Archive, entity_edits
from sijill.store import entities as ent
from sijill.store.entity_brief import DOCS_SHOWN
from tests.conftest import CORPUS
from tests.store.test_curation import curate_sample


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("brief") / "sample.db"
    with Archive(path) as archive:
        assert pipeline.ingest_paths(archive, [CORPUS]).ok
    yield path


def assert_briefs_equal_details(archive: Archive) -> int:
    """Every entity's brief equals its detail's; returns how many were compared."""
    listed = ent.list_entities(archive)
    for s in listed:
        detail = ent.get_entity(archive, s.id)
        assert detail is not None
        assert ent.entity_brief(archive, s.id) == ent.brief_of(detail), s.id
    return len(listed)


def test_briefs_equal_the_full_details_before_and_after_curation(sample: Path,
                                                                 tmp_path: Path) -> None:
    copy = tmp_path / "curated.db"
    copy.write_bytes(sample.read_bytes())
    with Archive(copy) as archive:
        assert assert_briefs_equal_details(archive) > 50
        marks = curate_sample(archive)
        assert assert_briefs_equal_details(archive) > 50
        merged = ent.entity_brief(archive, marks["gone"])  # a merged-away id: the kept one
        assert merged is not None and merged.id == marks["merged"]
        assert ent.entity_brief(archive, "per-nobody-at-all") is None


def test_a_brief_lists_the_first_documents_and_counts_them_all(sample: Path) -> None:
    with Archive(sample) as archive:
        busiest = ent.list_entities(archive)[0]
        brief = ent.entity_brief(archive, busiest.id)
        assert brief is not None
        assert (brief.document_count, brief.mention_count) == (busiest.documents,
                                                               busiest.mentions)
        assert brief.document_count > DOCS_SHOWN == len(brief.documents)
        assert brief.first_mention is not None and brief.last_mention is not None
        assert brief.first_mention.iso == busiest.first_date
        assert brief.last_mention.iso == busiest.last_date


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=1, max_size=4))
def test_briefs_follow_any_merges(sample: Path, tmp_path_factory: pytest.TempPathFactory,
                                  pairs: list[tuple[int, int]]) -> None:
    copy = tmp_path_factory.mktemp("merges") / "a.db"
    copy.write_bytes(sample.read_bytes())
    with Archive(copy) as archive:
        listed = [s.id for s in ent.list_entities(archive, type="person")]
        for a, b in pairs:
            keep, other = archive_ids(archive, listed[a], listed[b])
            if keep != other:
                entity_edits.merge(archive, keep, other, author="ana")
        for a, _ in pairs:
            detail = ent.get_entity(archive, listed[a])
            assert detail is not None
            assert ent.entity_brief(archive, listed[a]) == ent.brief_of(detail)


def archive_ids(archive: Archive, *ids: str) -> list[str]:
    """The ids as they stand after earlier merges (a merged-away id gives the kept one)."""
    out = []
    for i in ids:
        found = ent.summary(archive, i)
        assert found is not None
        out.append(found.id)
    return out
