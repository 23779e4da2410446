-- Link health of OIT evidence URLs: one row per URL per check, so the history stays; the latest is shown.
CREATE TABLE link_checks (
  id INTEGER PRIMARY KEY,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL,
  fiscal_year INTEGER NOT NULL,
  item_code TEXT NOT NULL,
  url TEXT NOT NULL,
  checked_at TEXT NOT NULL,
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  http_status INTEGER,          -- status of the last response (after redirects), NULL when none
  final_url TEXT,
  redirects INTEGER NOT NULL DEFAULT 0,
  elapsed_ms INTEGER,
  content_type TEXT,
  on_site INTEGER CHECK (on_site IN (0, 1)),  -- final host is the agency's website host or a subdomain of it
  problem TEXT CHECK (problem IN ('invalid_url','http_error','timeout','redirect_loop','too_many_redirects',
    'wrong_content_type','unreachable','off_site')),  -- NULL when ok
  FOREIGN KEY (tenant_id, agency_id) REFERENCES agencies (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX link_checks_latest ON link_checks (tenant_id, fiscal_year, agency_id, item_code, url, checked_at DESC);
