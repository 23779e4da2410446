-- Prongsai core schema. Scores are integer hundredths of a point (58.08 → 5808), exactly as NACC publishes
-- them, so ties and the 85/95 thresholds compare exactly. Fiscal years are Buddhist Era integers.
-- Every tenant-owned row carries tenant_id; every query filters by it.

CREATE TABLE tenants (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND length(slug) BETWEEN 2 AND 40),
  name TEXT NOT NULL,
  name_en TEXT,
  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)), -- demo data: marked wherever it shows
  settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE agencies (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
  name_th TEXT NOT NULL,
  name_en TEXT,
  -- pao = อบจ., city = เทศบาลนคร, town = เทศบาลเมือง, subdistrict = เทศบาลตำบล, sao = อบต., other
  type TEXT NOT NULL CHECK (type IN ('pao', 'city', 'town', 'subdistrict', 'sao', 'other')),
  size TEXT CHECK (size IN ('S', 'M', 'L')),
  district TEXT,
  website TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (tenant_id, code),
  UNIQUE (tenant_id, id)
);
CREATE INDEX agencies_tenant_type_size ON agencies (tenant_id, type, size);
CREATE INDEX agencies_tenant_district ON agencies (tenant_id, district);

-- Import batches come before results so results can point at the batch that wrote them.
CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  content_type TEXT,
  row_count INTEGER NOT NULL,
  created_count INTEGER NOT NULL DEFAULT 0,
  updated_count INTEGER NOT NULL DEFAULT 0,
  unchanged_count INTEGER NOT NULL DEFAULT 0,
  warnings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings)),
  status TEXT NOT NULL DEFAULT 'committed' CHECK (status IN ('committed', 'rolled_back')),
  created_by TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  rolled_back_by TEXT,
  rolled_back_at TEXT
);
CREATE INDEX import_batches_tenant_created ON import_batches (tenant_id, created_at DESC);

-- One row per agency and fiscal year: what NACC published (or what was typed), plus what Prongsai derived.
CREATE TABLE results (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL,
  fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2560 AND 2600),
  iit INTEGER CHECK (iit BETWEEN 0 AND 10000),
  eit INTEGER CHECK (eit BETWEEN 0 AND 10000),
  eit_part1 INTEGER CHECK (eit_part1 BETWEEN 0 AND 10000),
  eit_part2 INTEGER CHECK (eit_part2 BETWEEN 0 AND 10000),
  oit INTEGER CHECK (oit BETWEEN 0 AND 10000),
  ind1 INTEGER CHECK (ind1 BETWEEN 0 AND 10000),
  ind2 INTEGER CHECK (ind2 BETWEEN 0 AND 10000),
  ind3 INTEGER CHECK (ind3 BETWEEN 0 AND 10000),
  ind4 INTEGER CHECK (ind4 BETWEEN 0 AND 10000),
  ind5 INTEGER CHECK (ind5 BETWEEN 0 AND 10000),
  ind6 INTEGER CHECK (ind6 BETWEEN 0 AND 10000),
  ind7 INTEGER CHECK (ind7 BETWEEN 0 AND 10000),
  ind8 INTEGER CHECK (ind8 BETWEEN 0 AND 10000),
  ind9 INTEGER CHECK (ind9 BETWEEN 0 AND 10000),
  ind10 INTEGER CHECK (ind10 BETWEEN 0 AND 10000),
  total INTEGER CHECK (total BETWEEN 0 AND 10000),
  rating TEXT, -- key of the year's rating scheme: AA…F (2562–2565) or excellent/good/pass/fail (2566–)
  -- where the numbers came from: 'import' (a batch), 'manual' (typed by hand), 'demo' (synthetic)
  source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('import', 'manual', 'demo')),
  source_note TEXT,
  import_batch_id INTEGER REFERENCES import_batches(id),
  derived_fields TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(derived_fields)), -- fields computed, not published
  version INTEGER NOT NULL DEFAULT 1,
  updated_by TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (tenant_id, agency_id, fiscal_year),
  FOREIGN KEY (tenant_id, agency_id) REFERENCES agencies (tenant_id, id) ON DELETE CASCADE
);
-- Rankings and summaries: one year of one tenant ordered by total.
CREATE INDEX results_tenant_year_total ON results (tenant_id, fiscal_year, total DESC);
-- Agency profile and "previous year" look-ups.
CREATE INDEX results_tenant_agency_year ON results (tenant_id, agency_id, fiscal_year DESC);

-- Item-level scores: OIT items (O1…, 0 or 10000), IIT items (i1–i30) and EIT items (e1–e15), 0–10000.
CREATE TABLE item_scores (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL,
  fiscal_year INTEGER NOT NULL,
  tool TEXT NOT NULL CHECK (tool IN ('iit', 'eit', 'oit')),
  item_code TEXT NOT NULL,
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10000),
  import_batch_id INTEGER REFERENCES import_batches(id),
  PRIMARY KEY (tenant_id, agency_id, fiscal_year, item_code),
  FOREIGN KEY (tenant_id, agency_id) REFERENCES agencies (tenant_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX item_scores_tenant_year_item ON item_scores (tenant_id, fiscal_year, item_code);

-- What an import changed, row by row, so it can be rolled back exactly.
CREATE TABLE import_changes (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  entity TEXT NOT NULL CHECK (entity IN ('agency', 'result', 'item_scores')),
  agency_id INTEGER NOT NULL,
  fiscal_year INTEGER,
  before TEXT CHECK (before IS NULL OR json_valid(before)),
  after TEXT CHECK (after IS NULL OR json_valid(after))
);
CREATE INDEX import_changes_batch ON import_changes (tenant_id, batch_id);
CREATE INDEX import_changes_target ON import_changes (tenant_id, agency_id, fiscal_year);

-- A disclosure cycle: which OIT catalogue a tenant checks its agencies against for a fiscal year, and deadlines.
CREATE TABLE disclosure_cycles (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  fiscal_year INTEGER NOT NULL,
  catalogue_year INTEGER NOT NULL, -- framework year whose OIT catalogue is used
  stand_in INTEGER NOT NULL DEFAULT 0 CHECK (stand_in IN (0, 1)), -- 1 when the real list is not published yet
  submit_by TEXT, -- ISO date, Asia/Bangkok
  review_by TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (tenant_id, fiscal_year)
);

-- Agency × fiscal year × OIT item: the evidence the agency puts forward and the reviewer's verdict.
CREATE TABLE disclosure_records (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL,
  fiscal_year INTEGER NOT NULL,
  item_code TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'not_started'
    CHECK (status IN ('not_started', 'in_progress', 'submitted', 'approved', 'needs_fix')),
  evidence_urls TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence_urls)),
  note TEXT,
  review_verdict TEXT CHECK (review_verdict IN ('approved', 'needs_fix')),
  review_comment TEXT,
  reviewed_by TEXT,
  reviewed_at TEXT,
  updated_by TEXT,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  version INTEGER NOT NULL DEFAULT 1, -- optimistic concurrency: a stale write is refused with 409
  UNIQUE (tenant_id, agency_id, fiscal_year, item_code),
  FOREIGN KEY (tenant_id, agency_id) REFERENCES agencies (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX disclosure_records_board ON disclosure_records (tenant_id, fiscal_year, status);

CREATE TABLE disclosure_history (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES disclosure_records(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  evidence_urls TEXT NOT NULL DEFAULT '[]',
  note TEXT,
  review_verdict TEXT,
  review_comment TEXT,
  changed_by TEXT,
  changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX disclosure_history_record ON disclosure_history (tenant_id, record_id, version);

-- Every write: who, tenant, what, before/after, when, request id. tenant_id is NULL for platform actions.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER REFERENCES tenants(id) ON DELETE CASCADE,
  actor_user_id TEXT,
  actor_label TEXT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  before TEXT CHECK (before IS NULL OR json_valid(before)),
  after TEXT CHECK (after IS NULL OR json_valid(after)),
  request_id TEXT,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at DESC);
CREATE INDEX audit_log_tenant_entity ON audit_log (tenant_id, entity, entity_id);

-- Framework documents added after release (e.g. NACC's 2569/2570 reform), validated by packages/ita.
CREATE TABLE frameworks (
  fiscal_year INTEGER PRIMARY KEY,
  document TEXT NOT NULL CHECK (json_valid(document)),
  created_by TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
