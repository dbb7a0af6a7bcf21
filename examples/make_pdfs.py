"""Regenerate the sample PDFs in `corpus/pdf/` from their source texts in `pdf-src/`.

Run from anywhere: `.venv/bin/python examples/make_pdfs.py`. The PDFs use the core Helvetica
font, so the sources must be Latin-1 text (Arabic-script dates live in the .txt and .html
samples instead). The creation date is fixed so that the same sources give the same bytes,
which keeps document ids stable across regenerations.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "pdf-src"
TARGET = HERE / "corpus" / "pdf"
FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
LINE_HEIGHT = 5.5
PARAGRAPH_GAP = 3


def render(text: str, title: str) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title)
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in text.splitlines():
        if line.strip():
            pdf.multi_cell(0, LINE_HEIGHT, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(PARAGRAPH_GAP)
    return pdf


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for source in sorted(SOURCES.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        text.encode("latin-1")  # fails loudly rather than printing a blank glyph
        render(text, source.stem).output(str(TARGET / f"{source.stem}.pdf"))
        print(f"wrote {TARGET.relative_to(HERE.parent) / (source.stem + '.pdf')}")


if __name__ == "__main__":
    main()
