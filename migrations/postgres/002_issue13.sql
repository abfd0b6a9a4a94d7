-- Issue 13: a 'failed' status (a document that could not be completed keeps its number and its reason), the
-- data hash that catches a retry without Idempotency-Key, the attempts at completing a document, listing on
-- indexed columns and substring search over the folded search text with pg_trgm.
ALTER TABLE documents DROP CONSTRAINT IF EXISTS documents_status_check;
ALTER TABLE documents ADD CONSTRAINT documents_status_check CHECK (status IN ('issuing', 'issued', 'revoked', 'failed'));
ALTER TABLE documents ADD COLUMN data_hash TEXT;
ALTER TABLE documents ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN last_error TEXT;

-- The order of issue: a text search answers newest first in it.
ALTER TABLE documents ADD COLUMN seq BIGSERIAL;
CREATE INDEX documents_seq ON documents (seq);

DROP INDEX IF EXISTS documents_list;
CREATE INDEX documents_agency_order ON documents (agency_key, year, issued_date, number, status);
CREATE INDEX documents_agency_template ON documents (agency_key, template, year, issued_date, number, status);
CREATE INDEX documents_order ON documents (year, issued_date, number, status);
CREATE INDEX documents_correction ON documents (correction_of) WHERE correction_of IS NOT NULL;
CREATE INDEX documents_retry ON documents (agency_key, data_hash) WHERE status = 'issuing';

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX documents_search_trgm ON documents USING gin (search_text gin_trgm_ops);
