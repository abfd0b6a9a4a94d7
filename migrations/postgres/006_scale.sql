-- Issue 18: instances that share only PostgreSQL and a file store.
-- file_blobs: the files when FILE_STORE=postgres (src/archive/store-postgres.ts), keyed by their SHA-256.
-- documents.lease_owner/lease_until: the instance completing a row left 'issuing', until when (ISO time); a
--   live instance renews its leases, a dead one's expire and another instance takes the rows over.
-- jobs/job_items: background batches (src/jobs/); each item's result is recorded once it is stored, with the
--   number of times it was rendered; an item being rendered is claimed (claimed_until) by one instance. The queue itself is pg-boss's schema (created by pg-boss).
CREATE TABLE file_blobs (
  sha256 TEXT PRIMARY KEY,
  content BYTEA NOT NULL,
  bytes BIGINT NOT NULL,
  created_at TEXT NOT NULL
);

ALTER TABLE documents ADD COLUMN lease_owner TEXT;
ALTER TABLE documents ADD COLUMN lease_until TEXT;
CREATE INDEX documents_issuing_lease ON documents (lease_until) WHERE status = 'issuing';

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  agency_key TEXT,
  state TEXT NOT NULL,
  items INTEGER NOT NULL,
  body TEXT NOT NULL,
  webhook_url TEXT,
  result_sha256 TEXT,
  result_bytes BIGINT,
  manifest_sha256 TEXT,
  webhook_state TEXT,
  webhook_attempts INTEGER NOT NULL DEFAULT 0,
  webhook_error TEXT,
  created_at TEXT NOT NULL,
  finished_at TEXT,
  expires_at TEXT
);
CREATE INDEX jobs_agency ON jobs (agency_key, created_at);
CREATE INDEX jobs_expires ON jobs (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE job_items (
  job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  state TEXT NOT NULL,
  renders INTEGER NOT NULL DEFAULT 0,
  claimed_until TEXT,
  sha256 TEXT,
  bytes BIGINT,
  name TEXT,
  warnings TEXT,
  error TEXT,
  PRIMARY KEY (job_id, idx)
);
CREATE INDEX job_items_sha256 ON job_items (sha256) WHERE sha256 IS NOT NULL;
