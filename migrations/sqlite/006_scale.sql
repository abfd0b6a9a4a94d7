-- Issue 18: leases on documents left 'issuing', background jobs, and (embedded only) their queue.
-- documents.lease_owner/lease_until: the process completing a row left 'issuing', until when (ISO time).
-- jobs/job_items: background batches (src/jobs/); each item's result is recorded once it is stored, with the
--   number of times it was rendered; an item being rendered is claimed (claimed_until) by one instance.
-- job_queue: the embedded queue (src/jobs/queue-sqlite.ts), what pg-boss keeps in PostgreSQL: a message is
--   'waiting' until run_after, 'active' under a lease until lease_until (expired: retried), then 'done' or
--   'failed' after retry_limit retries.
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
  result_bytes INTEGER,
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
  bytes INTEGER,
  name TEXT,
  warnings TEXT,
  error TEXT,
  PRIMARY KEY (job_id, idx)
);
CREATE INDEX job_items_sha256 ON job_items (sha256) WHERE sha256 IS NOT NULL;

CREATE TABLE job_queue (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  data TEXT NOT NULL,
  singleton_key TEXT,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  retry_limit INTEGER NOT NULL,
  retry_delay_s INTEGER NOT NULL,
  backoff INTEGER NOT NULL,
  expire_s INTEGER NOT NULL,
  run_after TEXT NOT NULL,
  lease_until TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX job_queue_singleton ON job_queue (name, singleton_key) WHERE singleton_key IS NOT NULL AND state IN ('waiting', 'active');
CREATE INDEX job_queue_next ON job_queue (name, state, run_after);
