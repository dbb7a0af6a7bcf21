-- OCR'd sources keep where each word of their text sits on the page images: JSON of
-- sijill.ingest.ocr.Layout (word offsets in `text`, page number, box in pixels), so that a
-- reader can show the scan with a span's region highlighted. NULL for sources read as text.
ALTER TABLE sources ADD COLUMN layout TEXT;
