"""FollowTheMoney export: every line is an entity the followthemoney model accepts, every
reference resolves inside the file, and relations take the schemata that fit them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from sijill import export as exporting
from sijill.export import ftm
from sijill.store import Archive
from tests.export.conftest import build_archive, letter_document, letter_source

followthemoney = pytest.importorskip(
    "followthemoney", reason="the ftm extra is not installed (bash scripts/setup-ftm.sh)")
model = followthemoney.model


@pytest.fixture(scope="session")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    with build_archive(tmp_path_factory.mktemp("ftm") / "a.db") as built:
        yield built


@pytest.fixture(scope="session")
def entities(archive: Archive, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    out = tmp_path_factory.mktemp("ftm-out") / "entities.ftm.json"
    count = exporting.export(archive, "ftm", out)
    assert count == len(list(archive.documents()))
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_every_line_is_a_valid_entity(entities: list[dict[str, Any]]) -> None:
    for data in entities:
        proxy = model.get_proxy(data)  # raises on an unknown schema or property
        proxy.schema.validate(data)  # raises InvalidData on a value of the wrong type
        assert proxy.to_dict()["properties"] == data["properties"], data["id"]
        missing = [p for p in proxy.schema.required if not proxy.get(p)]
        assert not missing, (data["id"], missing)


def test_references_resolve_within_the_file(entities: list[dict[str, Any]]) -> None:
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities)
    for data in entities:
        proxy = model.get_proxy(data)
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                target = by_id.get(value)
                assert target is not None, (data["id"], prop.name, value)
                assert model.get(target["schema"]).is_a(prop.range), (prop.name, target)


def test_letter_entities(entities: list[dict[str, Any]]) -> None:
    doc_id = ftm.document_id(letter_document(letter_source()).id)
    by_id = {e["id"]: e for e in entities}
    letter = by_id[doc_id]
    assert letter["schema"] == "Message"
    props = letter["properties"]
    assert props["date"] == ["2021-02-15"] and props["subject"] == ["seed wheat"]
    assert props["sender"] == [ftm.entity_id("per-hamza")]
    assert set(props["recipients"]) == {ftm.entity_id("per-yahya"),
                                        ftm.entity_id("org-supplies")}
    assert "Jarabulus" in props["locationMentioned"]
    assert by_id[ftm.entity_id("pla-jarabulus")]["schema"] == "Address"
    person = by_id[ftm.entity_id("per-hamza")]
    assert person["schema"] == "Person" and person["properties"]["proof"] == [doc_id]
    org = by_id[ftm.entity_id("auth-ansar-al-haqq-test")]
    assert org["schema"] == "Organization"
    relations = {e["properties"]["role"][0]: e for e in entities
                 if e["id"].startswith(f"sijill-rel-{doc_id.removeprefix('sijill-doc-')}")}
    assert relations["membership"]["schema"] == "Membership"
    assert relations["membership"]["properties"]["member"] == [ftm.entity_id("per-hamza")]
    assert relations["membership"]["properties"]["date"] == ["2021-02-15"]
    assert relations["request"]["schema"] == "UnknownLink"
    mentions = [e for e in entities if e["schema"] == "Mention"
                and e["properties"]["document"] == [doc_id]]
    assert len(mentions) == 9
    resolved = [m for m in mentions if "resolved" in m["properties"]]
    assert len(resolved) == 6  # places are not legal entities: unresolved, named


def test_sample_documents_are_plain_texts_or_messages(entities: list[dict[str, Any]]) -> None:
    docs = [e for e in entities if model.get(e["schema"]).is_a("Document")]
    assert {d["schema"] for d in docs} <= {"Message", "PlainText"}
    assert all(d["properties"]["bodyText"] and d["properties"]["description"] for d in docs)
