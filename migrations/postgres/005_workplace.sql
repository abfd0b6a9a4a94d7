-- Issue 17: the staff page as a workplace. Agency profiles (one per identifier code: the names, header lines,
-- place, usual signers and Nơi nhận as JSON; the seal image apart, read only when signing) and drafts on the
-- server, per register, with every saved version kept (the current one is drafts.version; a save names the
-- version it was made from, and a save over a newer one is refused).
CREATE TABLE agencies (
  identifier TEXT PRIMARY KEY,
  profile TEXT NOT NULL,
  seal BYTEA,
  updated_at TEXT NOT NULL
);

CREATE TABLE drafts (
  id TEXT PRIMARY KEY,
  agency_key TEXT NOT NULL,
  author TEXT NOT NULL,
  template TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'issued')),
  version INTEGER NOT NULL,
  data TEXT NOT NULL,
  document_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX drafts_agency ON drafts (agency_key, updated_at);

CREATE TABLE draft_versions (
  draft_id TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  author TEXT NOT NULL,
  data TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (draft_id, version)
);
