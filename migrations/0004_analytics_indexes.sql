-- Indexes for the analytics reads, from EXPLAIN QUERY PLAN on a national-size tenant (npm run bench:api:
-- 8,000 agencies × 5 years). Both replace an index of 0001 by a covering one with the same leading columns and
-- name, so every plan that used the old index can still use it, without the table look-ups.

-- loadYear (rankings, summary, weak indicators, movement, heatmap) and profile ranks: every year's rows of a
-- tenant in rank order with their agency, read from the index alone (one table look-up per row before: 40,000
-- of them for a national ranking).
DROP INDEX results_tenant_year_total;
CREATE INDEX results_tenant_year_total ON results (tenant_id, fiscal_year, total DESC, agency_id);

-- An agency's latest year with a total (agency list, profile): covering too. It must be: with only the index
-- above covering `total`, SQLite answers `WHERE tenant_id = ? AND agency_id = ? AND total IS NOT NULL ORDER BY
-- fiscal_year DESC LIMIT 1` by walking the tenant's whole year index for every agency (2 s instead of 60 ms
-- for the national agency list).
DROP INDEX results_tenant_agency_year;
CREATE INDEX results_tenant_agency_year ON results (tenant_id, agency_id, fiscal_year DESC, total);
