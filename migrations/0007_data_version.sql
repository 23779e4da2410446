-- A version per tenant that changes with every change to what its analytics answers are made of: agencies,
-- results, and the tenant's own name and settings. The principal's one statement reads it with the membership,
-- so an answer can be kept per isolate under (tenant, data_version, query) and served again until the data
-- changes, with no extra round trip (workers/api/src/http/answer-cache.ts).
--
-- A random 64-bit value rather than a counter: after a point-in-time restore (D1 Time Travel) a counter would count
-- up again through values that already named other data, which isolates may still hold answers for; a fresh
-- random value never names two states.
--
-- Triggers rather than explicit bumps in each service: no write path (import, rollback, agency edit, a future
-- one) can change the data and forget to move the version. One statement per trigger body, uppercase END, no
-- CASE: the shape wrangler's SQL splitter keeps intact (workers-sdk #2463, #4326).
ALTER TABLE tenants ADD COLUMN data_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER results_data_version_insert AFTER INSERT ON results
BEGIN
  UPDATE tenants SET data_version = random() WHERE id = NEW.tenant_id;
END;

CREATE TRIGGER results_data_version_update AFTER UPDATE ON results
BEGIN
  UPDATE tenants SET data_version = random() WHERE id = NEW.tenant_id OR id = OLD.tenant_id;
END;

CREATE TRIGGER results_data_version_delete AFTER DELETE ON results
BEGIN
  UPDATE tenants SET data_version = random() WHERE id = OLD.tenant_id;
END;

CREATE TRIGGER agencies_data_version_insert AFTER INSERT ON agencies
BEGIN
  UPDATE tenants SET data_version = random() WHERE id = NEW.tenant_id;
END;

CREATE TRIGGER agencies_data_version_update AFTER UPDATE ON agencies
BEGIN
  UPDATE tenants SET data_version = random() WHERE id = NEW.tenant_id OR id = OLD.tenant_id;
END;

CREATE TRIGGER agencies_data_version_delete AFTER DELETE ON agencies
BEGIN
  UPDATE tenants SET data_version = random() WHERE id = OLD.tenant_id;
END;

-- Answers also carry the tenant's own name and flags (the years list, the summary's heading).
CREATE TRIGGER tenants_data_version_update AFTER UPDATE OF slug, name, name_en, synthetic, settings ON tenants
BEGIN
  UPDATE tenants SET data_version = random() WHERE id = NEW.id;
END;
