"""Ingestors as classes (sijill.ingest.ingestor): each format declares its media types,
extensions and a match score; a new format is one class, picked up without touching the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from sijill.errors import IngestError
from sijill.ingest import ingestor, load, load_bytes
from sijill.ingest.formats.text import Text
from sijill.ingest.ingestor import DECLARED, Ingestor, Probe, TextIngestor, finish
from sijill.model import SourceText

LEDGER = b"date,item,amount\n2019-03-02,flour for the school kitchen,12\n"


@pytest.fixture()
def registry(monkeypatch: pytest.MonkeyPatch) -> list[type[Ingestor]]:
    """Classes defined in a test register into a copy, gone when the test ends."""
    copy = list(ingestor.REGISTRY)
    monkeypatch.setattr(ingestor, "REGISTRY", copy)
    return copy


def test_the_shipped_formats_are_registered_once_each() -> None:
    names = [cls.__name__ for cls in ingestor.REGISTRY]
    assert sorted(names) == ["Html", "Image", "Pdf", "Text"]
    assert ingestor.by_extension("Letter.HTM") == "text/html"
    assert ingestor.by_extension("scan.tif") == "image/tiff"
    assert ingestor.parse_media_type("application/xhtml+xml; charset=utf-8") == (
        "text/html", "utf-8")
    assert ingestor.parse_media_type("text/x-log")[0] == "text/plain"  # the text/* family


def test_a_new_text_format_is_picked_up_for_its_extension(
        registry: list[type[Ingestor]], tmp_path: Path) -> None:
    class Ledger(TextIngestor):
        media_types = ("text/csv",)
        extensions = {".csv": "text/csv"}
        media_type = "text/csv"

        @classmethod
        def match_text(cls, probe: Probe, text: str) -> int:
            if probe.declared is not None:
                return DECLARED if probe.declared == "text/csv" else 0
            return 60 if probe.extension_type == "text/csv" else 0

        def ingest_text(self, probe: Probe, text: str) -> SourceText:
            rows = (line.replace(",", " | ") for line in text.splitlines())
            return finish(SourceText(probe.sha256, "\n".join(rows), probe.path,
                                     media_type="text/csv"))

    assert registry[-1] is Ledger
    path = tmp_path / "ledger.csv"
    path.write_bytes(LEDGER)
    source = load(path)
    assert source.media_type == "text/csv"
    assert source.text.splitlines()[1] == "2019-03-02 | flour for the school kitchen | 12"
    # Declared by a caller, the new type is now its own, no longer plain text's family.
    assert load_bytes(LEDGER, media_type="text/csv").media_type == "text/csv"
    # Another name is still plain text.
    assert load_bytes(LEDGER, path="ledger.txt").media_type == "text/plain"


def test_a_new_byte_format_outscores_the_text_formats(
        registry: list[type[Ingestor]]) -> None:
    class Sealed(Ingestor):
        """A fictional container: a magic line, then the letter's text in reverse."""

        media_types = ("application/x-sealed",)
        extensions = {".sealed": "application/x-sealed"}
        media_type = "application/x-sealed"

        @classmethod
        def match(cls, probe: Probe) -> int:
            return 75 if probe.data.startswith(b"SEALED\n") else 0

        def ingest(self, probe: Probe) -> SourceText:
            text = probe.data[len(b"SEALED\n"):].decode("utf-8")[::-1]
            return finish(SourceText(probe.sha256, text, probe.path, media_type=self.media_type))

    source = load_bytes(b"SEALED\n" + b"Office of Clinics"[::-1], path="note.txt")
    assert (source.text, source.media_type) == ("Office of Clinics", "application/x-sealed")


def test_without_its_class_the_new_extension_is_plain_text_again(tmp_path: Path) -> None:
    path = tmp_path / "ledger.csv"
    path.write_bytes(LEDGER)
    assert load(path).media_type == "text/plain"
    with pytest.raises(IngestError, match="unsupported media type application/x-sealed"):
        load_bytes(b"SEALED\n", media_type="application/x-sealed")


def test_plain_text_takes_what_no_other_format_claims() -> None:
    probe = Probe(LEDGER, "x.unknown", None, None, "0" * 64)
    assert Text.match_text(probe, LEDGER.decode()) == 1
    assert Text.match(probe) == 0  # a text format is never scored on the bytes
