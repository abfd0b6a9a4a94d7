-- Issue 15: the files of a document, one row per format (PDF/A, DOCX, and the formats to come: a signed PDF,
-- an edXML package), instead of one pair of columns per format. Each row names the content-addressed file by
-- its SHA-256 and size; the bytes are in the file store.
CREATE TABLE document_files (
  document_id TEXT NOT NULL REFERENCES documents (id),
  format TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  PRIMARY KEY (document_id, format)
);
INSERT INTO document_files (document_id, format, sha256, bytes)
  SELECT id, 'pdf', pdf_sha256, pdf_bytes FROM documents WHERE pdf_sha256 IS NOT NULL;
INSERT INTO document_files (document_id, format, sha256, bytes)
  SELECT id, 'docx', docx_sha256, docx_bytes FROM documents WHERE docx_sha256 IS NOT NULL;
ALTER TABLE documents DROP COLUMN pdf_sha256, DROP COLUMN pdf_bytes, DROP COLUMN docx_sha256, DROP COLUMN docx_bytes;
