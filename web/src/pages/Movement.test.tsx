import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import Movement from "./Movement";
import { fakeLayout, renderAt, stubApi, yearsBody } from "./page-test-kit";

const LEVELS = ["excellent", "good", "pass", "fail"];
const mover = (code: string, name: string, a: number, b: number, ra: string, rb: string) => ({
  agencyCode: code,
  name,
  type: "sao",
  size: "S",
  district: null,
  from: { total: a, rating: ra, rank: 1 },
  to: { total: b, rating: rb, rank: 1 },
  delta: Math.round((b - a) * 100) / 100,
  ratingTransition: `${ra}→${rb}`,
  rankChange: 0,
  indicatorDeltas: {},
});
const up = mover("U1", "อบต.ดีขึ้น", 80.5, 90.25, "fail", "good");
const down = mover("D1", "อบต.แย่ลง", 91, 82, "good", "fail");
const same = mover("S1", "อบต.เท่าเดิม", 88, 88, "good", "good");

function movementBody(url: URL) {
  const from = Number(url.searchParams.get("from"));
  const to = Number(url.searchParams.get("to"));
  const letters = from <= 2565;
  return {
    from,
    to,
    comparable: !letters,
    reasons: letters
      ? [
          {
            code: "rating-scheme",
            th: `ปี ${from} และ ${to} ใช้ระบบผลการประเมินต่างกัน`,
            en: `FY ${from} and ${to} use different rating schemes`,
          },
        ]
      : [],
    agencies: [up, same, down],
    improvers: [up],
    decliners: [down],
    transitions: {
      from: letters ? ["AA", "A", "F"] : LEVELS,
      to: LEVELS,
      counts: letters
        ? [
            [0, 1, 0, 0],
            [0, 1, 0, 1],
            [0, 0, 0, 0],
          ]
        : [
            [0, 0, 0, 0],
            [0, 1, 0, 1],
            [0, 0, 0, 0],
            [0, 1, 0, 0],
          ],
    },
    onlyInFrom: 0,
    onlyInTo: 1,
  };
}

beforeAll(() => fakeLayout());
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await act(() => i18n.changeLanguage("th"));
});

function api() {
  return stubApi({
    "/api/tenants/demo/years": () => yearsBody([2564, 2565, 2566, 2567, 2568]),
    "/api/tenants/demo/movement": movementBody,
  });
}

describe("Movement page", () => {
  it("compares the two latest years by default, with no notice when they are comparable", async () => {
    const calls = api();
    renderAt("/t/demo/movement", "/t/:tenant/movement", <Movement />);
    expect(await screen.findByRole("heading", { level: 1, name: /2567 → 2568/ })).toBeTruthy();
    await screen.findByRole("table", { name: /การเปลี่ยนระดับ/ });
    expect(calls).toContain("/api/tenants/demo/movement?from=2567&to=2568");
    expect(screen.queryByRole("note")).toBeNull();
    expect(screen.getByRole("link", { name: "ส่งออก CSV" }).getAttribute("href")).toBe(
      "/api/tenants/demo/movement?from=2567&to=2568&format=csv",
    );
  });

  it("says clearly when the two years are not comparable, and why, in the reader's language", async () => {
    api();
    await act(() => i18n.changeLanguage("en"));
    renderAt("/t/demo/movement?from=2565&to=2566", "/t/:tenant/movement", <Movement />);
    const note = await screen.findByRole("note");
    expect(note.textContent).toContain("FY 2565 and 2566 are not directly comparable");
    expect(note.textContent).toContain("FY 2565 and 2566 use different rating schemes");
  });

  it("lists improvers and decliners with both totals, the change with its arrow and the rating transition", async () => {
    api();
    renderAt("/t/demo/movement", "/t/:tenant/movement", <Movement />);
    const improvers = await screen.findByRole("region", { name: "ดีขึ้นมากที่สุด" });
    const row = within(improvers).getByRole("row", { name: /อบต.ดีขึ้น/ });
    expect(row.textContent).toContain("80.50");
    expect(row.textContent).toContain("90.25");
    expect(row.querySelector(".delta.up")?.textContent).toContain("▲ +9.75");
    expect(row.textContent).toContain("ไม่ผ่าน → เป็น ผ่านดี");
    expect(within(row).getByRole("link").getAttribute("href")).toBe("/t/demo/agencies/U1");
    const decliners = screen.getByRole("region", { name: "แย่ลงมากที่สุด" });
    expect(
      within(decliners)
        .getByRole("row", { name: /อบต.แย่ลง/ })
        .querySelector(".delta.down")?.textContent,
    ).toContain("▼ −9.00");
    // Counts by direction (higher is better).
    const kpis = screen.getByRole("region", { name: "สรุปการเปลี่ยนแปลง" });
    expect(kpis.textContent).toContain("คะแนนดีขึ้น▲ 1");
    expect(kpis.textContent).toContain("คะแนนแย่ลง▼ 1");
  });

  it("draws the transition matrix with year A's ratings as rows and highlights the diagonal", async () => {
    api();
    renderAt("/t/demo/movement", "/t/:tenant/movement", <Movement />);
    const matrix = await screen.findByRole("table", { name: /การเปลี่ยนระดับ/ });
    const rows = within(matrix).getAllByRole("row");
    const good = rows[2] as HTMLElement; // header, excellent, good, …
    const cells = within(good).getAllByRole("cell");
    expect(cells.map((c) => c.textContent)).toEqual(["0", "1 (ระดับเดิม)", "0", "1", "2"]);
    expect(cells[1]?.className).toContain("cell-same");
    expect(cells[3]?.className).toContain("cell-worse");
    const fail = within(rows[4] as HTMLElement).getAllByRole("cell");
    expect(fail[1]?.className).toContain("cell-better");
  });

  it("has no diagonal when the two years rate on different scales", async () => {
    api();
    renderAt("/t/demo/movement?from=2565&to=2566", "/t/:tenant/movement", <Movement />);
    const matrix = await screen.findByRole("table", { name: /การเปลี่ยนระดับ/ });
    expect(matrix.querySelector(".cell-same, .cell-better, .cell-worse")).toBeNull();
    expect(screen.getByText(/ใช้ระบบระดับต่างกัน/)).toBeTruthy();
  });

  it("explains a reversed pair instead of asking the API, and swaps it on request", async () => {
    const calls = api();
    const { router } = renderAt("/t/demo/movement?from=2568&to=2566", "/t/:tenant/movement", <Movement />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("ปี ก (2568) ต้องเป็นปีก่อนปี ข (2566)");
    expect(calls.some((c) => c.startsWith("/api/tenants/demo/movement"))).toBe(false);
    fireEvent.click(within(alert).getByRole("button", { name: "สลับปี" }));
    await waitFor(() => expect(router.state.location.search).toBe("?from=2566&to=2568"));
    expect(await screen.findByRole("heading", { level: 1, name: /2566 → 2568/ })).toBeTruthy();
  });

  it("lists every agency in a table that filters by direction (?show=)", async () => {
    api();
    renderAt("/t/demo/movement?show=worsened", "/t/:tenant/movement", <Movement />);
    const all = await screen.findByRole("region", { name: "ทุกหน่วยงาน · ตารางข้อมูล" });
    await waitFor(() => expect(within(all).getAllByRole("row").length).toBe(2));
    expect(within(all).getAllByRole("row")[1]?.textContent).toContain("อบต.แย่ลง");
  });
});
