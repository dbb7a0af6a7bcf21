"""PDFs: their text layer (`sijill.ingest.pdf`), or OCR of the pages when it is missing or
too poor to use (`sijill.ingest.ocr`)."""

from __future__ import annotations

from sijill.errors import NO_TEXT_LAYER, Rejected
from sijill.ingest import ocr
from sijill.ingest.ingestor import DECLARED, Ingestor, Probe, finish, scanned
from sijill.ingest.pdf import pdf_text
from sijill.model import SourceText

PDF = "application/pdf"
# A PDF header may follow some junk, but within the first kilobyte.
_PDF_WINDOW = 1024
# Named .pdf; else starting with a PDF header, which beats a text or HTML name (but not an
# image's: Image scores 80 and 90).
NAMED, SNIFFED = 70, 60


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:_PDF_WINDOW]


def starts_pdf(data: bytes) -> bool:
    """Stricter than is_pdf, for files whose name does not say PDF: the header comes first."""
    return data.lstrip()[:5] == b"%PDF-"


class Pdf(Ingestor):
    media_types = (PDF,)
    extensions = {".pdf": PDF}
    media_type = PDF

    @classmethod
    def match(cls, probe: Probe) -> int:
        if probe.declared is not None:
            return DECLARED if probe.declared == PDF else 0
        if probe.extension_type == PDF:
            return NAMED
        return SNIFFED if starts_pdf(probe.data) else 0

    def ingest(self, probe: Probe) -> SourceText:
        """The text layer, or OCR of the pages when there is none or it is too poor to use."""
        if not is_pdf(probe.data):
            raise Rejected("unreadable PDF: no %PDF- header")
        try:
            text = pdf_text(probe.data)
        except Rejected as exc:
            if exc.reason != NO_TEXT_LAYER:
                raise
            text = ""
        if text and not ocr.poor_text_layer(text, probe.data):
            return self._layer(probe, text)
        try:
            return scanned(probe, *ocr.ocr_pdf(probe.data), PDF)
        except Rejected as exc:
            if text:  # a thin text layer beats nothing
                return self._layer(probe, text)
            raise Rejected(f"{NO_TEXT_LAYER}, and {exc.reason}") from None

    def _layer(self, probe: Probe, text: str) -> SourceText:
        return finish(SourceText(probe.sha256, text, probe.path, media_type=PDF))
