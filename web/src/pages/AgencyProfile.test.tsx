import { act, cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import AgencyProfile from "./AgencyProfile";
import { renderAt, stubApi, yearsBody } from "./page-test-kit";

const label = (th: string, en: string) => ({ th, en });
const rating = (key: string, passed = true) => ({ key, label: label(key, key), passed, derived: false });
const indicators = (over: Record<number, number>) =>
  Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [String(n), over[n] ?? 90]));
const stat = (value: number | null, median = 92) => ({
  n: 6,
  mean: median,
  median,
  p25: median - 2,
  p75: median + 2,
  value,
  percentile: 20,
});
const year = (fiscalYear: number, total: number, over: Record<string, unknown> = {}) => ({
  fiscalYear,
  iit: 90,
  eit: 80.82,
  eitPart1: null,
  eitPart2: null,
  oit: 95,
  indicators: indicators({ 5: 76.84 }),
  total,
  rating: rating("pass"),
  rank: 12,
  ranked: 40,
  previous: null,
  delta: null,
  source: "demo",
  ...over,
});

const profile = {
  code: "6990103",
  nameTh: "องค์การบริหารส่วนตำบลทดสอบ",
  nameEn: null,
  type: "sao",
  size: "L",
  district: "อำเภอเมือง",
  website: null,
  years: [
    year(2567, 88, { rank: 20 }),
    year(2568, 89.5, { previous: { fiscalYear: 2567, total: 88 }, delta: 1.5, rank: 15 }),
  ],
  latest: {
    fiscalYear: 2568,
    weakIndicators: [
      {
        indicator: 5,
        tool: "iit",
        name: label("การแก้ไขปัญหาการทุจริต", "Addressing corruption"),
        score: 76.84,
        gap: 8.16,
      },
    ],
    nextRating: {
      next: { key: "good", label: label("ผ่านดี", "Good pass") },
      totalNeeded: 0,
      toolsBelow: [{ tool: "eit", name: label("EIT", "EIT"), score: 80.82, floor: 85, gap: 4.18 }],
    },
    peerGroup: {
      basis: "type",
      fallback: true,
      n: 6,
      type: "sao",
      size: null,
      typeSizeN: 3,
      reasonTh: "อบต. ขนาดใหญ่ มีเพียง 3 แห่ง จึงเทียบกับ อบต. ทุกขนาด 6 แห่ง",
      reasonEn: "Only 3 large SAOs, so all 6 SAOs are compared.",
    },
    peerStats: {
      total: stat(89.5),
      tools: ["iit", "eit", "oit"].map((tool) => ({ tool, ...stat(tool === "eit" ? 80.82 : 90) })),
      indicators: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((indicator) => ({
        indicator,
        ...stat(indicator === 5 ? 76.84 : 90),
      })),
    },
    peers: [
      { code: "A1", name: "อบต.หนึ่ง", size: "M", total: 95, rating: rating("excellent"), self: false },
      { code: "A2", name: "อบต.สอง", size: "S", total: 95, rating: rating("excellent"), self: false },
      { code: "6990103", name: "องค์การบริหารส่วนตำบลทดสอบ", size: "L", total: 89.5, rating: rating("pass"), self: true },
    ],
  },
  oit: [
    {
      fiscalYear: 2565,
      catalogueId: "oit-2564",
      passed: 1,
      items: [{ code: "O9", title: "ข้อเก้า", subIndicator: "9.1", indicator: 9, passed: false, known: true, gain: 0.5 }],
    },
    {
      fiscalYear: 2566,
      catalogueId: "oit-2566",
      passed: 1,
      items: [
        { code: "O10", title: "ข้อสิบ", subIndicator: "9.2", indicator: 9, passed: false, known: true, gain: 1.25 },
        { code: "O2", title: "ข้อสอง", subIndicator: "9.1", indicator: 9, passed: false, known: false, gain: 1.25 },
        { code: "O40", title: "ข้อสี่สิบ", subIndicator: "10.2", indicator: 10, passed: false, known: true, gain: 2 },
        { code: "O1", title: "ข้อหนึ่ง", subIndicator: "9.1", indicator: 9, passed: true, known: true, gain: 0 },
      ],
    },
  ],
  oitUnavailable: [{ fiscalYear: 2567, catalogueStatus: "partial" }],
};

beforeAll(() => {
  // Recharts measures its container; jsdom has no ResizeObserver.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await act(() => i18n.changeLanguage("th"));
});

const api = (body: unknown = profile) =>
  stubApi({
    "/api/tenants/demo/years": () => yearsBody([2565, 2566, 2567, 2568]),
    "/api/tenants/demo/agencies/6990103": () => body,
  });

describe("Agency profile page", () => {
  it("shows the score card with rank, change and what stops the next rating in words", async () => {
    api();
    renderAt("/t/demo/agencies/6990103", "/t/:tenant/agencies/:code", <AgencyProfile />);
    expect(await screen.findByRole("heading", { level: 1, name: "องค์การบริหารส่วนตำบลทดสอบ" })).toBeTruthy();
    const card = screen.getByRole("region", { name: /ผลการประเมินปี 2568/ });
    expect(card.textContent).toContain("89.50");
    expect(card.textContent).toContain("อันดับ 15 จาก 40 หน่วยงานในจังหวัด");
    expect(card.textContent).toContain("+1.50");
    expect(card.textContent).toContain("EIT 80.82 — ต่ำกว่าเกณฑ์ 85 อยู่ 4.18");
    expect(card.textContent).toContain("ตัวชี้วัดที่ 5 การแก้ไขปัญหาการทุจริต: 76.84 — ขาดอีก 8.16");
  });

  it("explains the peer group fallback and marks weak rows with words, not colour alone", async () => {
    api();
    renderAt("/t/demo/agencies/6990103", "/t/:tenant/agencies/:code", <AgencyProfile />);
    const note = await screen.findByRole("note");
    expect(note.textContent).toContain("มีเพียง 3 แห่ง");
    const table = screen.getByRole("table", { name: /เทียบกับหน่วยงานกลุ่มเดียวกัน ปี 2568/ });
    const row = within(table).getByRole("row", { name: /^5\./ });
    expect(row.textContent).toContain("ต่ำกว่า 85 (ขาด 8.16)");
  });

  it("lists peers with shared places and labels the agency itself", async () => {
    api();
    renderAt("/t/demo/agencies/6990103", "/t/:tenant/agencies/:code", <AgencyProfile />);
    const table = await screen.findByRole("table", { name: /หน่วยงานในกลุ่มเปรียบเทียบ \(3 แห่ง\)/ });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.querySelector("td")?.textContent)).toEqual(["1", "1", "3"]);
    expect(rows[2]?.getAttribute("aria-current")).toBe("true");
    expect(rows[2]?.textContent).toContain("หน่วยงานนี้");
    expect(
      within(rows[0] as HTMLElement)
        .getByRole("link")
        .getAttribute("href"),
    ).toBe("/t/demo/agencies/A1");
  });

  it("shows the latest OIT year with items by default, fix-first by gain, and follows ?oitYear=", async () => {
    api();
    const { router } = renderAt("/t/demo/agencies/6990103", "/t/:tenant/agencies/:code", <AgencyProfile />);
    const fix = await screen.findByRole("table", { name: /ข้อ OIT ที่ควรแก้ก่อน.*2566/ });
    const codes = within(fix)
      .getAllByRole("row")
      .slice(1)
      .map((r) => r.querySelector(".ap-item-code")?.textContent);
    expect(codes).toEqual(["O40", "O2", "O10"]);
    expect(fix.textContent).toContain("ไม่มีคะแนนที่บันทึกไว้ (นับว่าไม่ผ่าน)");
    fireEvent.change(screen.getByLabelText("ปีของข้อ OIT"), { target: { value: "2567" } });
    expect(router.state.location.search).toBe("?oitYear=2567");
    expect((await screen.findByText(/รายการข้อ OIT ของปี 2567 ในระบบยังไม่ครบ/)).textContent).toContain("มีเพียงบางข้อ");
  });

  it("says so when the agency has no total in any year", async () => {
    api({
      ...profile,
      years: [year(2568, 0, { total: null, rating: null, rank: null })],
      latest: null,
      oit: [],
      oitUnavailable: [],
    });
    renderAt("/t/demo/agencies/6990103", "/t/:tenant/agencies/:code", <AgencyProfile />);
    expect(await screen.findByText(/ยังไม่มีคะแนนรวมในปีใด/)).toBeTruthy();
    expect(screen.getByText("ยังไม่มีคะแนนรายข้อ OIT ของหน่วยงานนี้")).toBeTruthy();
  });

  it("shows an unknown code as an error with a way out", async () => {
    stubApi({ "/api/tenants/demo/years": () => yearsBody([2568]) });
    renderAt("/t/demo/agencies/nope", "/t/:tenant/agencies/:code", <AgencyProfile />);
    expect(await screen.findByRole("alert")).toBeTruthy();
    expect(screen.getByRole("link", { name: "ไปหน้าจัดอันดับ" }).getAttribute("href")).toBe("/t/demo/rankings");
  });

  it("speaks English when asked", async () => {
    api();
    await act(() => i18n.changeLanguage("en"));
    renderAt("/t/demo/agencies/6990103", "/t/:tenant/agencies/:code", <AgencyProfile />);
    const card = await screen.findByRole("region", { name: /Results for 2568/ });
    expect(card.textContent).toContain("EIT 80.82 — 4.18 below the floor of 85");
    expect((await screen.findByRole("note")).textContent).toContain("all 6 SAOs");
  });
});
