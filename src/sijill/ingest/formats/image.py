"""Scans: PNG, JPEG, TIFF and WebP images, read by OCR (`sijill.ingest.ocr`)."""

from __future__ import annotations

from sijill.ingest import ocr
from sijill.ingest.ingestor import DECLARED, Ingestor, Probe, scanned
from sijill.model import SourceText

# An image's own signature overrules the name it came with ("scan.pdf" that is a PNG); its
# extension ("scan.png") still beats a PDF header inside (a PDF sniffed only scores 60).
SNIFFED, NAMED = 90, 80


class Image(Ingestor):
    media_types = ("image/png", "image/jpeg", "image/tiff", "image/webp")
    extensions = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
                  ".tif": "image/tiff", ".tiff": "image/tiff", ".webp": "image/webp"}

    @classmethod
    def ours(cls, declared: str) -> str:
        return declared  # each image type is stored as itself

    @classmethod
    def match(cls, probe: Probe) -> int:
        if probe.declared is not None:
            return DECLARED if probe.declared in cls.media_types else 0
        if ocr.sniff_image(probe.data):
            return SNIFFED
        return NAMED if probe.extension_type in cls.media_types else 0

    def ingest(self, probe: Probe) -> SourceText:
        kind = probe.declared or ocr.sniff_image(probe.data) or probe.extension_type
        assert kind is not None  # match() said so
        return scanned(probe, *ocr.ocr_image(probe.data), kind)
