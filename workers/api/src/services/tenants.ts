import type { DB } from "../db/client";
import { notFound } from "../http/problem";

/** What every tenant-scoped service takes first: the tenant the request is about. */
export interface TenantContext {
  id: number;
  slug: string;
  name: string;
  nameEn: string | null;
  synthetic: boolean;
  /** Present when read with the principal; analytics answers are cached under it. */
  dataVersion?: number;
}

/** Resolves a tenant by slug. An unknown tenant is a 404 (never a 403, so slugs cannot be probed). */
export async function tenantBySlug(db: DB, slug: string): Promise<TenantContext> {
  const row = await db
    .selectFrom("tenants")
    .select(["id", "slug", "name", "name_en", "synthetic"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!row) throw notFound(`No tenant ${slug}.`);
  return { id: row.id, slug: row.slug, name: row.name, nameEn: row.name_en, synthetic: row.synthetic === 1 };
}

export const tenantInfo = (t: TenantContext) => ({
  slug: t.slug,
  name: t.name,
  nameEn: t.nameEn,
  synthetic: t.synthetic,
});
