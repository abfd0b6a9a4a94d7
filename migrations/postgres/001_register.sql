-- Register of outgoing documents (sổ đăng ký văn bản đi) and the archive's metadata (Nghị định 30, Phụ lục VI).
CREATE TABLE registers (
  agency_key TEXT NOT NULL,
  year INTEGER NOT NULL,
  last_number INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_key, year)
);

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
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
  status TEXT NOT NULL CHECK (status IN ('issuing', 'issued', 'revoked')),
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
  UNIQUE (agency_key, year, number, notation)
);
CREATE UNIQUE INDEX documents_idempotency ON documents (agency_key, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX documents_list ON documents (agency_key, year, number);
CREATE INDEX documents_status ON documents (status);
