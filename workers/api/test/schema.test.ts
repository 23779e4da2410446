import { env } from "cloudflare:test";
import { AgencyTypeSchema } from "@prongsai/contracts";
import { describe, expect, it } from "vitest";

// The migrations are the last line of defence: they must refuse what the contracts refuse.
async function tenant(slug: string) {
  const row = await env.DB.prepare("INSERT INTO tenants (slug, name) VALUES (?, ?) RETURNING id")
    .bind(slug, slug)
    .first<{ id: number }>();
  return row?.id as number;
}

describe("D1 schema", () => {
  it("accepts every agency type of the contracts and nothing else", async () => {
    const t = await tenant("schema-a");
    for (const [i, type] of AgencyTypeSchema.options.entries()) {
      await env.DB.prepare("INSERT INTO agencies (tenant_id, code, name_th, type) VALUES (?, ?, 'x', ?)")
        .bind(t, `T${i}`, type)
        .run();
    }
    await expect(
      env.DB.prepare("INSERT INTO agencies (tenant_id, code, name_th, type) VALUES (?, 'bad', 'x', 'province')")
        .bind(t)
        .run(),
    ).rejects.toThrow(/CHECK/);
  });

  it("keeps agency codes unique within a tenant only", async () => {
    const a = await tenant("schema-b");
    const b = await tenant("schema-c");
    const insert = (t: number) =>
      env.DB.prepare("INSERT INTO agencies (tenant_id, code, name_th, type) VALUES (?, '6990101', 'x', 'sao')")
        .bind(t)
        .run();
    await insert(a);
    await insert(b);
    await expect(insert(a)).rejects.toThrow(/UNIQUE/);
  });

  it("refuses scores outside 0–100.00 and a result pointing at another tenant's agency", async () => {
    const a = await tenant("schema-d");
    const b = await tenant("schema-e");
    const agency = await env.DB.prepare(
      "INSERT INTO agencies (tenant_id, code, name_th, type) VALUES (?, 'A', 'x', 'sao') RETURNING id",
    )
      .bind(a)
      .first<{ id: number }>();
    const result = (tenantId: number, total: number) =>
      env.DB.prepare("INSERT INTO results (tenant_id, agency_id, fiscal_year, total) VALUES (?, ?, 2568, ?)")
        .bind(tenantId, agency?.id, total)
        .run();
    await expect(result(a, 10001)).rejects.toThrow(/CHECK/);
    await env.DB.prepare("PRAGMA foreign_keys = ON").run();
    await expect(result(b, 9000)).rejects.toThrow(/FOREIGN KEY/);
    await result(a, 10000);
  });

  it("binds an agency membership to exactly one agency", async () => {
    const t = await tenant("schema-f");
    await env.DB.prepare(
      "INSERT INTO user (id, name, email, createdAt, updatedAt) VALUES ('u1', 'x', 'x@example.test', '', '')",
    ).run();
    await expect(
      env.DB.prepare("INSERT INTO memberships (tenant_id, user_id, role) VALUES (?, 'u1', 'agency')").bind(t).run(),
    ).rejects.toThrow(/CHECK/);
    await env.DB.prepare("INSERT INTO memberships (tenant_id, user_id, role) VALUES (?, 'u1', 'analyst')")
      .bind(t)
      .run();
  });
});
