import { act, cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import { fakeLayout, renderAt, stubApi, yearsBody } from "./page-test-kit";
import Weak from "./Weak";

const name = (th: string, en: string) => ({ th, en });
const IND = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const values = (over: Record<number, number | null>) =>
  Object.fromEntries(IND.map((n) => [String(n), n in over ? over[n] : 90]));

const heatmap = {
  year: 2568,
  passMark: 85,
  indicators: IND.map((n) => ({ indicator: n, name: name(`ตัวชี้วัด${n}`, `Indicator ${n}`) })),
  rows: [
    { rank: 1, agencyCode: "A1", name: "เทศบาลเมืองหนึ่ง", total: 96.5, rating: "excellent", values: values({ 1: 98 }) },
    { rank: 2, agencyCode: "A2", name: "อบต.สอง", total: 84.1, rating: "fail", values: values({ 9: 40, 10: 84.99 }) },
    { rank: null, agencyCode: "A3", name: "อบต.สาม", total: null, rating: null, values: values({ 9: null }) },
  ],
};
const stat = (indicator: number, below: { agencyCode: string; name: string; score: number; gap: number }[]) => ({
  indicator,
  name: name(`ตัวชี้วัด${indicator}`, `Indicator ${indicator}`),
  tool: indicator >= 9 ? "oit" : "iit",
  assessed: 2,
  mean: 80,
  median: 81.5,
  belowCount: below.length,
  below,
});
const weak = {
  year: 2568,
  passMark: 85,
  // The API's order: most agencies below 85 first.
  indicators: [
    stat(9, [{ agencyCode: "A2", name: "อบต.สอง", score: 40, gap: 45 }]),
    stat(10, [{ agencyCode: "A2", name: "อบต.สอง", score: 84.99, gap: 0.01 }]),
    ...IND.filter((n) => n < 9).map((n) => stat(n, [])),
  ],
  agencies: [],
};

beforeAll(() => fakeLayout());
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await act(() => i18n.changeLanguage("th"));
});

function api() {
  return stubApi({
    "/api/tenants/demo/years": () => yearsBody([2567, 2568]),
    "/api/tenants/demo/heatmap": () => heatmap,
    "/api/tenants/demo/weak-indicators": () => weak,
  });
}

describe("Weak indicators page", () => {
  it("lists indicators by how many agencies are below 85 and drills into the first by default", async () => {
    const calls = api();
    renderAt("/t/demo/weak", "/t/:tenant/weak", <Weak />);
    const summary = await screen.findByRole("table", { name: /เรียงตามจำนวนหน่วยงานที่ต่ำกว่า 85/ });
    const firstRows = within(summary).getAllByRole("row").slice(1, 3);
    expect(firstRows.map((r) => r.textContent)).toEqual([
      // Name, then the count below 85 (the sort column, second), tool, mean and median.
      expect.stringMatching(/^9\. ตัวชี้วัด91 \/ \d+ \(.*\)OIT80\.0081\.50$/),
      expect.stringMatching(/^10\. /),
    ]);
    expect(await screen.findByRole("heading", { name: /ตัวชี้วัด 9 ตัวชี้วัด9/ })).toBeTruthy();
    expect(calls.some((c) => c === "/api/tenants/demo/heatmap?year=2568")).toBe(true);
  });

  it("follows ?indicator= and lists who is below with score and gap, linked to their profiles", async () => {
    api();
    renderAt("/t/demo/weak?indicator=10", "/t/:tenant/weak", <Weak />);
    const list = await screen.findByRole("region", { name: /ในตัวชี้วัดที่ 10/ });
    const row = await within(list).findByRole("row", { name: /อบต.สอง/ });
    expect(row.textContent).toContain("84.99");
    expect(row.textContent).toContain("−0.01");
    expect(within(row).getByRole("link").getAttribute("href")).toBe("/t/demo/agencies/A2");
  });

  it("shows every heatmap score as a number, marks those below 85 with ⚠ and words, and colours by band", async () => {
    api();
    renderAt("/t/demo/weak", "/t/:tenant/weak", <Weak />);
    const heat = await screen.findByRole("region", { name: /แผนภาพความร้อน.*ตารางข้อมูล/ });
    const row = await within(heat).findByRole("row", { name: /อบต.สอง/ });
    const cells = within(row).getAllByRole("cell");
    const ind9 = cells[2 + 9 - 1] as HTMLElement; // rank, total, then indicators 1–10
    const ind10 = cells[2 + 10 - 1] as HTMLElement;
    expect(ind9.textContent).toBe("⚠ 40.00 (ต่ำกว่า 85)");
    expect(ind9.className).toContain("heat-b4");
    expect(ind10.textContent).toBe("⚠ 84.99 (ต่ำกว่า 85)");
    expect(ind10.className).toContain("heat-b1");
    const top = await within(heat).findByRole("row", { name: /เทศบาลเมืองหนึ่ง/ });
    const ind1 = within(top).getAllByRole("cell")[2] as HTMLElement;
    expect(ind1.textContent).toBe("98.00");
    expect(ind1.className).toContain("heat-g2");
    const unknown = await within(heat).findByRole("row", { name: /อบต.สาม/ });
    expect((within(unknown).getAllByRole("cell")[2 + 9 - 1] as HTMLElement).textContent).toBe("–");
  });

  it("offers the heatmap as CSV for the year shown", async () => {
    api();
    renderAt("/t/demo/weak?year=2567", "/t/:tenant/weak", <Weak />);
    const link = await screen.findByRole("link", { name: /แผนภาพความร้อน/ });
    expect(link.getAttribute("href")).toBe("/api/tenants/demo/heatmap?year=2567&format=csv");
  });

  it("puts the weakest first when asked (?order=asc), unknown totals still last", async () => {
    api();
    renderAt("/t/demo/weak?order=asc", "/t/:tenant/weak", <Weak />);
    const heat = await screen.findByRole("region", { name: /แผนภาพความร้อน.*ตารางข้อมูล/ });
    await waitFor(() => expect(within(heat).getAllByRole("row").length).toBe(4));
    const names = within(heat)
      .getAllByRole("row")
      .slice(1)
      .map((r) => within(r).getByRole("link").textContent);
    expect(names).toEqual(["อบต.สอง", "เทศบาลเมืองหนึ่ง", "อบต.สาม"]);
  });

  it("speaks English", async () => {
    api();
    await act(() => i18n.changeLanguage("en"));
    renderAt("/t/demo/weak", "/t/:tenant/weak", <Weak />);
    expect(await screen.findByRole("heading", { name: /Indicator 9 Indicator 9/ })).toBeTruthy();
    expect(screen.getByText(/1 of 2 agencies below 85/)).toBeTruthy();
  });
});
