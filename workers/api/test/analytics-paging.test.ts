// Paging of the rankings (`limit`/`offset`, with `total`) and the memoised Thai name order that every analytics
// sort uses (services/analytics/common.ts `nameOrder`).
import { describe, expect, it } from "vitest";
import { nameOrder, thaiCollator } from "../src/services/analytics/common";
import { createUser, signIn } from "./accounts";
import { api, seedTenant } from "./helpers";

/** The order `nameOrder` must give: Thai collation of the names, then the code. */
function expected(rows: { name: string; code: string }[]): string[] {
  return [...rows]
    .sort((a, b) => thaiCollator.compare(a.name, b.name) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((r) => r.code);
}

function ordered(rows: { name: string; code: string; nameOrder: number }[]): string[] {
  nameOrder(rows);
  expect(new Set(rows.map((r) => r.nameOrder)).size).toBe(rows.length); // unique positions
  return [...rows].sort((a, b) => a.nameOrder - b.nameOrder).map((r) => r.code);
}

describe("Thai name order", () => {
  const PLACES = ["บางกระทุ่ม", "เมือง", "แม่สาย", "โพธิ์", "ไทรงาม", "ใหม่", "กะทู้", "ขุนยวม", "ฉะเชิงเทรา", "ฮอด"];
  const PREFIXES = ["องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "อบต.", ""];
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const draw = (n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => ({
      name: `${PREFIXES[rnd(PREFIXES.length)]}${PLACES[rnd(PLACES.length)]}${rnd(3) === 0 ? PLACES[rnd(PLACES.length)] : ""}`,
      code: `${tag}${String(rnd(1000)).padStart(3, "0")}${i}`,
      nameOrder: -1,
    }));

  it("matches Intl.Collator('th') then code, across calls that bring new names", () => {
    for (let call = 0; call < 12; call++) {
      const rows = draw(5 + rnd(60), String(call));
      expect(ordered(rows)).toEqual(expected(rows));
    }
  });

  it("orders names that collate equal, and equal names, by code", () => {
    const nfc = "กำแพง";
    const decomposed = "กําแพง"; // SARA AM written as NIKHAHIT + SARA AA
    const rows = [
      { name: "เมือง", code: "B2", nameOrder: -1 },
      { name: "เมือง", code: "A9", nameOrder: -1 },
      { name: decomposed, code: "C1", nameOrder: -1 },
      { name: nfc, code: "C0", nameOrder: -1 },
      { name: "ก", code: "Z", nameOrder: -1 },
    ];
    expect(ordered(rows)).toEqual(expected(rows));
  });
});

describe("rankings paging", () => {
  const rows = [
    { code: "P1", name: "อบต.หนึ่ง", total: 9000 },
    { code: "P2", name: "อบต.สอง", total: 9500 },
    { code: "P3", name: "อบต.สาม", total: 9000 },
    { code: "P4", name: "อบต.สี่", total: 8000 },
    { code: "P5", name: "อบต.ห้า", total: 9900 },
  ];

  it("cuts the ranked list without changing ranks, and counts the whole list", async () => {
    const t = await seedTenant(
      "page-a",
      rows.map((r) => ({ ...r, year: 2568 })),
    );
    await createUser("analyst@page-a.test", { memberships: [{ tenantId: t, role: "analyst" }] });
    const cookie = await signIn("analyst@page-a.test");
    const get = async (q: string) => {
      const res = await api(`/api/tenants/page-a/rankings?year=2568${q}`, { headers: { cookie } });
      return {
        status: res.status,
        body: (await res.json()) as Record<string, unknown> & { rows: { agencyCode: string; rank: number }[] },
      };
    };

    const full = await get("");
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ total: 5, offset: 0, limit: null });
    expect(full.body.rows.map((r) => [r.agencyCode, r.rank])).toEqual([
      ["P5", 1],
      ["P2", 2],
      ["P3", 3], // สาม before หนึ่ง in Thai order
      ["P1", 3],
      ["P4", 5],
    ]);

    const page = await get("&limit=2&offset=2");
    expect(page.body).toMatchObject({ total: 5, offset: 2, limit: 2 });
    expect(page.body.rows).toEqual(full.body.rows.slice(2, 4));
    expect((await get("&limit=10&offset=4")).body.rows).toEqual(full.body.rows.slice(4));
    expect((await get("&offset=9")).body).toMatchObject({ total: 5, rows: [] });

    const csv = await api("/api/tenants/page-a/rankings?year=2568&limit=1&offset=1&format=csv", {
      headers: { cookie },
    });
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^2,P2,/);

    for (const bad of ["&limit=0", "&limit=-1", "&offset=-1", "&limit=abc"]) {
      expect((await get(bad)).status, bad).toBe(400);
    }
  });
});
