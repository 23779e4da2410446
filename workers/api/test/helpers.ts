import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";

/** Sends a request to the Worker under test, as a client on loopback would. */
export function api(path: string, init?: RequestInit): Promise<Response> {
  return (exports as unknown as { default: Fetcher }).default.fetch(`http://localhost${path}`, init);
}

/** Inserts a tenant with agencies and results straight into D1 (the import issue adds the real path). */
export async function seedTenant(slug: string, rows: { code: string; name: string; year: number; total: number }[]) {
  const t = await env.DB.prepare("INSERT INTO tenants (slug, name, synthetic) VALUES (?, ?, 1) RETURNING id")
    .bind(slug, `จังหวัด ${slug}`)
    .first<{ id: number }>();
  if (!t) throw new Error("tenant insert failed");
  for (const r of rows) {
    const a = await env.DB.prepare(
      "INSERT INTO agencies (tenant_id, code, name_th, type) VALUES (?, ?, ?, 'sao') ON CONFLICT (tenant_id, code) DO UPDATE SET name_th = excluded.name_th RETURNING id",
    )
      .bind(t.id, r.code, r.name)
      .first<{ id: number }>();
    await env.DB.prepare(
      "INSERT INTO results (tenant_id, agency_id, fiscal_year, total, rating, source) VALUES (?, ?, ?, ?, NULL, 'manual')",
    )
      .bind(t.id, a?.id, r.year, r.total)
      .run();
  }
  return t.id;
}
