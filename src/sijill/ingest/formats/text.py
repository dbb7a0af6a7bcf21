"""Plain text in any common encoding (decoded by `sijill.ingest.decode`)."""

from __future__ import annotations

from sijill.ingest.ingestor import DECLARED, Probe, TextIngestor, finish
from sijill.model import SourceText

TEXT = "text/plain"
# Whatever decodes and no other format claims is read as plain text.
FALLBACK = 1


class Text(TextIngestor):
    # Any text/* type no other ingestor lists is read as plain text.
    media_types = (TEXT, "text/*")
    extensions = {".txt": TEXT, ".text": TEXT, ".md": TEXT}
    media_type = TEXT

    @classmethod
    def match_text(cls, probe: Probe, text: str) -> int:
        if probe.declared is not None:
            return DECLARED if probe.declared == TEXT else 0
        return FALLBACK

    def ingest_text(self, probe: Probe, text: str) -> SourceText:
        return finish(SourceText(probe.sha256, text, probe.path, media_type=TEXT))
