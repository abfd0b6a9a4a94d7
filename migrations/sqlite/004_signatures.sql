-- Issue 16: signed PDFs. Each signed file a document receives (a person's signature, then the agency's seal)
-- is kept content-addressed beside the unsigned PDF/A, never replaced: signed_files lists them in order and
-- signatures the signers each one carries. The register shows the document's signing status (cho-ky: waiting
-- to be signed; da-ky: signed by the person with authority; da-dong-dau: sealed by the agency). A signing
-- session is a pair of one-time URLs for a signing tool, kept as the SHA-256 of its token.
ALTER TABLE documents ADD COLUMN signing_status TEXT NOT NULL DEFAULT 'cho-ky' CHECK (signing_status IN ('cho-ky', 'da-ky', 'da-dong-dau'));
CREATE TABLE signed_files (
  document_id TEXT NOT NULL REFERENCES documents (id),
  seq INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('da-ky', 'da-dong-dau')),
  source TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (document_id, seq)
);
CREATE INDEX signed_files_sha256 ON signed_files (sha256);
CREATE TABLE signatures (
  document_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  field TEXT NOT NULL,
  role TEXT NOT NULL,
  subject TEXT NOT NULL,
  issuer TEXT NOT NULL,
  serial TEXT NOT NULL,
  signing_time TEXT NOT NULL,
  PRIMARY KEY (document_id, seq, idx),
  FOREIGN KEY (document_id, seq) REFERENCES signed_files (document_id, seq)
);
CREATE TABLE signing_sessions (
  token_sha256 TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents (id),
  expires_at TEXT NOT NULL,
  downloaded_at TEXT,
  uploaded_at TEXT,
  created_at TEXT NOT NULL
);
-- /v1/verify finds the document of a PDF by the hash of its unsigned revision.
CREATE INDEX document_files_sha256 ON document_files (sha256);
