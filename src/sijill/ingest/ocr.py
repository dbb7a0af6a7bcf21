"""Scans to text: OCR of images and of PDFs without a (usable) text layer, by Tesseract.

Tesseract runs through pytesseract, one process per page: a page that hangs is killed at its
time limit and a page that crashes Tesseract fails alone, the rest of the file goes on. Pages
run in a small thread pool (each Tesseract limited to one OpenMP thread, which is faster
overall than one page at a time with several threads). PDF pages are rendered by pypdfium2.

The text keeps a layout: for every OCR'd word its character offsets in the text and its box
on its page (pixels of the page image at `DPI`), so that a reader can show the region of any
span on the scan. `Layout.to_json()` is what the archive stores beside the source's text.
"""

from __future__ import annotations

import io
import json
import os
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sijill.errors import Rejected
from sijill.ingest import digits, glyphs, letterforms, lexicon

# What Tesseract reads (scripts/setup-ocr.sh installs the models): "auto" is the Arabic script
# model ("Arabic", else "ara"), and English when that reading is doubtful, the more confident
# kept; "ara+eng" in one pass reads Arabic words as Latin garbage (docs/ocr-arabic.md).
LANGUAGES = os.environ.get("SIJILL_OCR_LANG", "auto")
_ARABIC_MODELS = ("Arabic", "ara")
# Below this mean word confidence, or this share of Arabic letters, an "ara" reading is
# checked against an "eng" one.
_RETRY_CONFIDENCE = 70.0
_RETRY_ARABIC_SHARE = 0.5
# Seconds one page may take before its Tesseract is stopped.
PAGE_TIMEOUT = float(os.environ.get("SIJILL_OCR_PAGE_TIMEOUT", "120"))
# Pages OCR'd at once (each one Tesseract process with one thread).
WORKERS = int(os.environ.get("SIJILL_OCR_WORKERS", str(min(2, os.cpu_count() or 1))))
# PDF pages are rendered at this resolution; Tesseract reads 300 dpi best.
DPI = 300
# More pages than this in one scan is refused rather than tying up the machine for hours.
MAX_PAGES = int(os.environ.get("SIJILL_OCR_MAX_PAGES", "500"))
# A text layer with fewer visible characters per page than this is treated as absent.
MIN_LAYER_CHARS_PER_PAGE = 40
# ... and so is one where this share of the characters is unreadable (no font mapping).
MAX_LAYER_GARBAGE = 0.05
# Tesseract's --psm 3: fully automatic page segmentation (letterheads, columns, stamps).
_CONFIG = "--psm 3"

IMAGE_TYPES = {"image/png", "image/jpeg", "image/tiff", "image/webp"}
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)

# one OpenMP thread per Tesseract: pages are what runs in parallel
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass(frozen=True, slots=True)
class Word:
    """One OCR'd word: text[start:end] on page `page` (from 0), box (left, top, width, height);
    `read` is Tesseract's reading when the word list put it right (`lexicon`), else None."""

    start: int
    end: int
    page: int
    box: tuple[int, int, int, int]
    conf: float
    read: str | None = None


@dataclass
class Layout:
    """Where each word of an OCR'd text sits on its page image."""

    pages: list[tuple[int, int]] = field(default_factory=list)  # (width, height) in pixels
    words: list[Word] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)  # (page, reason)
    dpi: int = DPI
    engine: str = "tesseract"
    languages: str = LANGUAGES

    def boxes(self, start: int, end: int) -> list[tuple[int, tuple[int, int, int, int]]]:
        """The (page, box) of every word that overlaps text[start:end]."""
        return [(w.page, w.box) for w in self.words if w.start < end and w.end > start]

    def to_json(self) -> str:
        return json.dumps({
            "version": 1, "engine": self.engine, "languages": self.languages, "dpi": self.dpi,
            "pages": [list(p) for p in self.pages],
            "failed": [list(f) for f in self.failed],
            # a corrected word carries Tesseract's reading as a ninth item
            "words": [[w.start, w.end, w.page, *w.box, round(w.conf, 1),
                       *([w.read] if w.read is not None else [])] for w in self.words],
        }, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str) -> Layout:
        d: dict[str, Any] = json.loads(raw)
        words = [Word(s, e, p, (x, y, w, h), c, *read)
                 for s, e, p, x, y, w, h, c, *read in d["words"]]
        return cls([tuple(p) for p in d["pages"]], words,  # type: ignore[misc]
                   [tuple(f) for f in d["failed"]], d["dpi"], d["engine"], d["languages"])


def sniff_image(data: bytes) -> str | None:
    """The image media type the bytes start with, if one we read."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def ocr_image(data: bytes, *, progress: Callable[[int, int], None] | None = None
              ) -> tuple[str, Layout]:
    """OCR an image file (every frame of a multi-page TIFF)."""
    return _ocr_pages(list(_image_pages(data)), progress)


def ocr_pdf(data: bytes, *, progress: Callable[[int, int], None] | None = None
            ) -> tuple[str, Layout]:
    """OCR every page of a PDF, rendered at DPI."""
    return _ocr_pages(list(_pdf_pages(data)), progress)


def poor_text_layer(text: str, data: bytes) -> bool:
    """True when a PDF's text layer is too thin or too garbled to stand for its pages."""
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return True
    garbage = sum(c == "\ufffd" or unicodedata.category(c) in ("Co", "Cn") for c in visible)
    if garbage / len(visible) > MAX_LAYER_GARBAGE:
        return True
    return len(visible) / max(1, _pdf_page_count(data)) < MIN_LAYER_CHARS_PER_PAGE


def _image_pages(data: bytes) -> Iterator[Any]:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            for number, frame in enumerate(ImageSequence.Iterator(image)):
                if number >= MAX_PAGES:
                    raise Rejected(f"image has more than {MAX_PAGES} pages")
                yield _grey(frame)
    except Rejected:
        raise
    except UnidentifiedImageError:
        raise Rejected("unreadable image: not a PNG, JPEG, TIFF or WebP Pillow can read") from None
    except Image.DecompressionBombError as exc:
        raise Rejected(f"image too large to OCR safely: {exc}") from None
    except (OSError, ValueError, SyntaxError) as exc:  # truncated or damaged image data
        raise Rejected(f"unreadable image: {exc or type(exc).__name__}") from None


def _grey(frame: Any) -> Any:
    """A loaded greyscale copy (transparency flattened on white: scans never mean black)."""
    from PIL import Image

    frame.load()
    if frame.mode in ("RGBA", "LA", "P"):
        frame = frame.convert("RGBA")
        white = Image.new("RGBA", frame.size, (255, 255, 255, 255))
        frame = Image.alpha_composite(white, frame)
    return frame.convert("L")


def _pdf_document(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise Rejected(f"unreadable PDF: {exc}") from None


def _pdf_page_count(data: bytes) -> int:
    try:
        document = _pdf_document(data)
    except Rejected:
        return 1
    try:
        return len(document)
    finally:
        document.close()


def _pdf_pages(data: bytes) -> Iterator[Any]:
    document = _pdf_document(data)
    try:
        if len(document) > MAX_PAGES:
            raise Rejected(f"PDF has {len(document)} pages; OCR stops at {MAX_PAGES}")
        for index in range(len(document)):
            page = document[index]
            try:
                bitmap = page.render(scale=DPI / 72, grayscale=True)
                yield bitmap.to_pil().convert("L")
            finally:
                page.close()
    finally:
        document.close()


def _ocr_pages(images: list[Any], progress: Callable[[int, int], None] | None
               ) -> tuple[str, Layout]:
    if not images:
        raise Rejected("no pages to OCR")
    with ThreadPoolExecutor(max_workers=max(1, WORKERS)) as pool:
        results = []
        for done, result in enumerate(pool.map(_ocr_page, images), start=1):
            results.append(result)
            if progress:
                progress(done, len(images))
    layout = Layout(pages=[image.size for image in images])
    chunks: list[str] = []
    offset = 0
    for page, (lines, reason) in enumerate(results):
        if reason is not None:
            layout.failed.append((page, reason))
            continue
        if not lines:
            continue
        check = LANGUAGES == "auto" and _arabic_language(lines)
        if chunks:
            chunks.append("\n\n")
            offset += 2
        for n, (separator, line_words) in enumerate(lines):
            if n:
                chunks.append(separator)
                offset += len(separator)
            for i, (read, box, conf) in enumerate(line_words):
                if i:
                    chunks.append(" ")
                    offset += 1
                # put right before its offsets are given, so they index the stored text
                word = lexicon.correct(read, conf) if check else read
                layout.words.append(Word(offset, offset + len(word), page, box, conf,
                                         read if word != read else None))
                chunks.append(word)
                offset += len(word)
    text = "".join(chunks)
    if not text.strip():
        if layout.failed:
            reasons = "; ".join(f"page {p + 1}: {r}" for p, r in layout.failed)
            raise Rejected(f"OCR failed: {reasons}")
        raise Rejected("OCR found no text (a blank page, or a picture without writing?)")
    return text, layout


# a line: the separator before it ("\n" in a paragraph, else "\n\n") and its words
_Line = tuple[str, list[tuple[str, tuple[int, int, int, int], float]]]


def _ocr_page(image: Any) -> tuple[list[_Line], str | None]:
    """The page's lines of words with their boxes, or the reason it could not be read."""
    import pytesseract

    try:
        if LANGUAGES != "auto":
            return _lines(_tesseract(image, LANGUAGES)), None
        lines = _lines(_tesseract(image, _arabic_model()))
        if _fragmented(lines):  # the page's layout analysis failed: read it as one block
            block = _lines(_tesseract(image, _arabic_model(), "--psm 6"))
            lines = block if _confidence(block) > _confidence(lines) else lines
        lines = _with_missed(image, lines, _arabic_model())
        if _arabic_share(lines) >= _RETRY_ARABIC_SHARE:
            lines = _arabic_page(image, lines)
        if _doubtful(lines):
            english = _lines(_tesseract(image, "eng"))
            if _confidence(english) > _confidence(lines):
                lines = english
        return lines, None
    except pytesseract.TesseractNotFoundError:
        return [], "Tesseract is not installed (run scripts/setup-ocr.sh)"
    except RuntimeError as exc:  # pytesseract's timeout
        if "timeout" in str(exc).lower():
            return [], f"OCR timed out after {PAGE_TIMEOUT:g} s"
        return [], f"OCR failed: {exc}"
    except pytesseract.TesseractError as exc:
        return [], f"OCR failed: {exc.message or exc.status}"


def _tesseract(image: Any, languages: str, config: str = _CONFIG) -> dict[str, list[Any]]:
    import pytesseract

    return pytesseract.image_to_data(image, lang=languages, config=config,  # type: ignore[no-any-return]
                                     timeout=PAGE_TIMEOUT, output_type=pytesseract.Output.DICT)


@cache
def _installed() -> frozenset[str]:
    """The Tesseract models installed (pytesseract.get_languages drops capitalised script
    models such as "Arabic", so Tesseract is asked directly)."""
    import subprocess

    import pytesseract

    try:
        listed = subprocess.run([pytesseract.pytesseract.tesseract_cmd, "--list-langs"],
                                capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):  # no Tesseract: the OCR call will say so
        return frozenset()
    return frozenset(listed.stdout.split())


def _arabic_model() -> str:
    """The first Arabic model installed."""
    return next((m for m in _ARABIC_MODELS if m in _installed()), "ara")


def _confidence(lines: list[_Line]) -> float:
    confs = [conf for _, words in lines for _, _, conf in words]
    return sum(confs) / len(confs) if confs else 0.0


# A line Tesseract's layout analysis dropped (a short letterhead level under the basmala, at
# times) is read on its own (glyphs.uncovered) and kept when this confident.
_MISSED_CONFIDENCE = 60.0


def _with_missed(image: Any, lines: list[_Line], languages: str) -> list[_Line]:
    """The page's lines, with any line of ink Tesseract's layout analysis missed read on its
    own (binarised) and put in its place by height."""
    out = [(min(b[1] for _, b, _ in words), (sep, words)) for sep, words in lines]
    for top, bottom, left, right in glyphs.uncovered(image, [w[1] for _, ws in lines for w in ws]):
        pad = max(4, (bottom - top) // 4)
        x, y = max(0, left - pad), max(0, top - pad)
        crop = glyphs.binarised(image.crop((x, y, right + pad, bottom + pad)))
        words = [(w, (b[0] + x, b[1] + y, b[2], b[3]), c)
                 for _, ws in _line_alone(crop, languages) for w, b, c in ws]
        if words and _confidence([("\n", words)]) >= _MISSED_CONFIDENCE:
            out.append((top, ("\n", words)))
    return [line for _, line in sorted(out, key=lambda pair: pair[0])]


def _line_alone(crop: Any, languages: str) -> list[_Line]:
    """One line cut from the page, read as a line (`--psm 7`, on a margin of paper as wide as
    half the line: its line finding finds nothing in a crop cut close); when that finds no
    word, as raw text (`--psm 13`, no line finding: the line finding drops a whole clear line
    at times). Boxes are on the crop."""
    from PIL import ImageOps

    margin = crop.height // 2
    framed = _lines(_tesseract(ImageOps.expand(crop, margin, fill=255), languages, "--psm 7"))
    framed = [(sep, [(w, (max(0, b[0] - margin), max(0, b[1] - margin), b[2], b[3]), c)
                     for w, b, c in ws]) for sep, ws in framed]
    return framed or _lines(_tesseract(crop, languages, "--psm 13"))


def _fragmented(lines: list[_Line]) -> bool:
    """A page cut into slivers: over many lines, fewer than two words a line or mostly words
    of one or two characters (`--psm 3` does that to a page now and then, reading it as
    columns of letters)."""
    words = [word for _, line in lines for word, _, _ in line]
    return len(lines) >= 8 and (len(words) < 2 * len(lines)
                                or sum(len(w) <= 2 for w in words) > 0.4 * len(words))


def _arabic_share(lines: list[_Line]) -> float:
    letters = [c for _, words in lines for word, _, _ in words for c in word if c.isalpha()]
    return sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters) if letters else 0.0


def _arabic_language(lines: list[_Line]) -> bool:
    """A page in Arabic script and not Persian: its words are checked against the Arabic
    word list."""
    words = [w for _, line in lines for w, _, _ in line]
    return _arabic_share(lines) >= _RETRY_ARABIC_SHARE and not letterforms.persian(words)


def _doubtful(lines: list[_Line]) -> bool:
    return (_arabic_share(lines) < _RETRY_ARABIC_SHARE
            or _confidence(lines) < _RETRY_CONFIDENCE)


def _arabic_page(image: Any, lines: list[_Line]) -> list[_Line]:
    """A right-to-left page's lines with numbers read again glyph by glyph (`digits`) and
    letters in their Arabic forms (`letterforms`)."""
    persian = letterforms.persian(
        [w for _, words in lines for w, _, _ in words])
    return [(separator, [(letterforms.arabic_forms(word, persian), box, conf)
                         for word, box, conf in digits.reread(image, words, _read_letter)])
            for separator, words in lines]


def _read_letter(image: Any) -> str:
    """One glyph read on its own (a letter inside a number that the line's reading lost),
    by the language model `ara`: the script model reads a lone letter as a Latin digit."""
    import pytesseract

    model = "ara" if "ara" in _installed() else _arabic_model()
    return pytesseract.image_to_string(  # type: ignore[no-any-return]
        image, lang=model, config="--psm 10", timeout=PAGE_TIMEOUT)


def _lines(data: dict[str, list[Any]]) -> list[_Line]:
    """Group Tesseract's words by (block, paragraph, line); a new paragraph after a blank line."""
    lines: list[_Line] = []
    current: tuple[int, int, int] | None = None
    for i, raw in enumerate(data["text"]):
        word = _clean(raw)
        if not word or float(data["conf"][i]) < 0:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        box = (int(data["left"][i]), int(data["top"][i]),
               int(data["width"][i]), int(data["height"][i]))
        entry = (word, box, float(data["conf"][i]))
        if key != current:
            same_par = current is not None and key[:2] == current[:2]
            lines.append(("\n" if same_par else "\n\n", [entry]))
            current = key
        else:
            lines[-1][1].append(entry)
    return lines


# Bidirectional marks Tesseract puts around digits in right-to-left lines: not text.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _clean(word: str) -> str:
    """The word in the archive's text form (NFC, no controls), so offsets survive normalize()."""
    word = unicodedata.normalize("NFC", word)
    return "".join(c for c in word
                   if not c.isspace() and c not in _BIDI and unicodedata.category(c) != "Cc")


def page_image(data: bytes, media_type: str | None, index: int) -> Any:
    """Page `index` (from 0) of a scan as OCR saw it: greyscale, PDF pages at DPI."""
    pages = _pdf_pages(data) if media_type == "application/pdf" else _image_pages(data)
    for n, image in enumerate(pages):
        if n == index:
            return image
    raise Rejected(f"the scan has no page {index + 1}")
