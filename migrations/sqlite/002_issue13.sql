-- Issue 13: a 'failed' status (a document that could not be completed keeps its number and its reason), the
-- data hash that catches a retry without Idempotency-Key, the attempts at completing a document, listing on
-- indexed columns and full-text search (FTS5) over the folded search text.
-- SQLite cannot change a CHECK constraint: the table is rebuilt (foreign keys are off while this file runs).
CREATE TABLE documents_new (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  agency_key TEXT NOT NULL,
  agency_name TEXT NOT NULL,
  organ_id TEXT NOT NULL DEFAULT '',
  template TEXT NOT NULL,
  type_name TEXT NOT NULL,
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  notation TEXT NOT NULL,
  ky_hieu TEXT NOT NULL,
  issued_date TEXT NOT NULL,
  summary TEXT NOT NULL,
  signer_position TEXT NOT NULL,
  signer_name TEXT NOT NULL,
  recipients TEXT NOT NULL,
  priority TEXT NOT NULL DEFAULT '',
  copies INTEGER,
  due_date TEXT,
  page_count INTEGER,
  description TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('issuing', 'issued', 'revoked', 'failed')),
  pdf_sha256 TEXT,
  pdf_bytes INTEGER,
  docx_sha256 TEXT,
  docx_bytes INTEGER,
  search_text TEXT NOT NULL DEFAULT '',
  correction_of TEXT REFERENCES documents (id),
  revoked_at TEXT,
  revoke_reason TEXT,
  idempotency_key TEXT,
  created_at TEXT NOT NULL,
  data_hash TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  -- The register as one search token (its UTF-8 in hex), so an agency's search narrows inside the text index.
  tenant TEXT GENERATED ALWAYS AS ('t' || lower(hex(agency_key))) VIRTUAL,
  UNIQUE (agency_key, year, number, notation)
);

INSERT INTO documents_new (id, agency_key, agency_name, organ_id, template, type_name, year, number, notation, ky_hieu, issued_date,
  summary, signer_position, signer_name, recipients, priority, copies, due_date, page_count, description, data, status, pdf_sha256,
  pdf_bytes, docx_sha256, docx_bytes, search_text, correction_of, revoked_at, revoke_reason, idempotency_key, created_at)
SELECT id, agency_key, agency_name, organ_id, template, type_name, year, number, notation, ky_hieu, issued_date,
  summary, signer_position, signer_name, recipients, priority, copies, due_date, page_count, description, data, status, pdf_sha256,
  pdf_bytes, docx_sha256, docx_bytes, search_text, correction_of, revoked_at, revoke_reason, idempotency_key, created_at
FROM documents ORDER BY created_at;

DROP TABLE documents;
ALTER TABLE documents_new RENAME TO documents;

CREATE UNIQUE INDEX documents_idempotency ON documents (agency_key, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- An agency's list (tenancy first), newest first; the status last, so that counting and filtering by status
-- read the index alone.
CREATE INDEX documents_agency_order ON documents (agency_key, year, issued_date, number, status);
CREATE INDEX documents_agency_template ON documents (agency_key, template, year, issued_date, number, status);
-- The admin's list of every register.
CREATE INDEX documents_order ON documents (year, issued_date, number, status);
CREATE INDEX documents_status ON documents (status);
CREATE INDEX documents_correction ON documents (correction_of) WHERE correction_of IS NOT NULL;
CREATE INDEX documents_retry ON documents (agency_key, data_hash) WHERE status = 'issuing';

-- Full-text search over the folded text (no diacritics, lower case), kept in step by triggers. The register
-- (tenant) is indexed too, so an agency's search narrows inside the index.
CREATE VIRTUAL TABLE documents_fts USING fts5 (search_text, tenant, content = 'documents', content_rowid = 'seq', tokenize = 'unicode61', prefix = '2 3');
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts (rowid, search_text, tenant) VALUES (new.seq, new.search_text, new.tenant);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, search_text, tenant) VALUES ('delete', old.seq, old.search_text, old.tenant);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF search_text, agency_key ON documents BEGIN
  INSERT INTO documents_fts (documents_fts, rowid, search_text, tenant) VALUES ('delete', old.seq, old.search_text, old.tenant);
  INSERT INTO documents_fts (rowid, search_text, tenant) VALUES (new.seq, new.search_text, new.tenant);
END;
