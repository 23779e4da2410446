import { act, cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import Overview from "./Overview";
import { renderAt, stubApi, yearsBody } from "./page-test-kit";

const MINUS = "\u2212";

const stats = (year: number, assessed: number, mean: number, median: number, passRate: number) => ({
  year,
  assessed,
  mean,
  median,
  passRate,
  ratingCounts: [
    { rating: "excellent", label: { th: "ผ่านดีเยี่ยม", en: "Excellent" }, count: 2 },
    { rating: "fail", label: { th: "ไม่ผ่าน", en: "Fail" }, count: 1 },
  ],
});
const brief = (n: number) => ({
  agencyCode: `F${n}`,
  name: `อบต.ที่${n}`,
  type: "sao",
  total: 84,
  rating: "fail",
  previous: { year: 2567, total: 86, rating: "good" },
});

function summary(
  year: number,
  over: { assessed?: number; previousAssessed?: number; newlyFailing?: number; newlyPassing?: number } = {},
) {
  return {
    ...stats(year, over.assessed ?? 250, 93.82, 95.18, 94),
    previous: stats(year - 1, over.previousAssessed ?? 249, 93.05, 94.97, 93.17),
    comparable: { comparable: true, reasons: [] },
    meanDelta: 0.77,
    passRateDelta: 0.83,
    top: [],
    bottom: [],
    indicators: [],
    newlyPassing: Array.from({ length: over.newlyPassing ?? 0 }, (_, n) => brief(n + 50)),
    newlyFailing: Array.from({ length: over.newlyFailing ?? 1 }, (_, n) => brief(n + 1)),
  };
}

function api(over: Parameters<typeof summary>[1] = {}) {
  return stubApi({
    "/api/tenants/demo/years": () => yearsBody([2567, 2568]),
    "/api/tenants/demo/summary": (url) => summary(Number(url.searchParams.get("year") ?? 2568), over),
  });
}

/** The change line of each key figure, without the screen reader's word: "▲ +1 จากปี 2567". */
async function deltas(): Promise<string[]> {
  await screen.findAllByText(/จากปี 2567|vs 2567/);
  return Array.from(document.querySelectorAll(".kpi-delta")).map((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const sr of Array.from(copy.querySelectorAll(".sr-only"))) sr.remove();
    return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
  });
}

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  await act(() => i18n.changeLanguage("th"));
});

describe("Overview key figures", () => {
  it("shows the change in agencies assessed as a whole number, scores and the pass rate with two decimals", async () => {
    api();
    renderAt("/t/demo/overview", "/t/:tenant/overview", <Overview />);
    expect(await deltas()).toEqual(["▲ +1 จากปี 2567", "▲ +0.77 จากปี 2567", "▲ +0.21 จากปี 2567", "▲ +0.83 จากปี 2567"]);
  });

  it("counts a fall in agencies with a minus sign and no decimals", async () => {
    api({ assessed: 247, previousAssessed: 250 });
    renderAt("/t/demo/overview", "/t/:tenant/overview", <Overview />);
    expect((await deltas())[0]).toBe(`▼ ${MINUS}3 จากปี 2567`);
  });
});

describe("Overview on paper", () => {
  it("heads the printout with the province, the fiscal year (BE) and the Thai date of printing", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-19T18:30:00Z")); // already 20 Nov in Bangkok
    api();
    renderAt("/t/demo/overview", "/t/:tenant/overview", <Overview />);
    await deltas();
    const head = document.querySelector(".print-head.print-only");
    expect(head?.querySelector(".print-province")?.textContent).toBe("จังหวัดสาธิต");
    expect(head?.querySelector(".print-year")?.textContent).toBe("ปีงบประมาณ พ.ศ. 2568");
    expect(head?.querySelector(".print-date")?.textContent).toBe("พิมพ์เมื่อ 20 พฤศจิกายน 2569");
  });

  it("names the province in English in English", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-19T18:30:00Z"));
    api();
    await act(() => i18n.changeLanguage("en"));
    renderAt("/t/demo/overview", "/t/:tenant/overview", <Overview />);
    await deltas();
    const head = document.querySelector(".print-head");
    expect(head?.querySelector(".print-province")?.textContent).toBe("Demo");
    expect(head?.querySelector(".print-year")?.textContent).toBe("Fiscal year 2568 BE");
    expect(head?.querySelector(".print-date")?.textContent).toBe("Printed 20 November 2026");
  });

  it("prints at most six newly failing agencies and counts the rest", async () => {
    api({ newlyFailing: 8 });
    renderAt("/t/demo/overview", "/t/:tenant/overview", <Overview />);
    await deltas();
    const items = Array.from(document.querySelectorAll(".grid3 ul li"));
    expect(items).toHaveLength(9);
    expect(items.filter((li) => li.classList.contains("no-print")).map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^อบต.ที่7 /),
      expect.stringMatching(/^อบต.ที่8 /),
    ]);
    expect(items.at(-1)?.className).toBe("print-only");
    expect(items.at(-1)?.textContent).toBe("… และอีก 2 หน่วยงาน");
  });
});

describe("Overview newly passing", () => {
  it("says how many passed after failing the year before, and links to the Movement page for the names", async () => {
    api({ newlyPassing: 6 });
    renderAt("/t/demo/overview", "/t/:tenant/overview", <Overview />);
    expect(await screen.findByText(/6 หน่วยงานที่ไม่ผ่านในปี 2567 ผ่านในปีนี้/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "ดูรายชื่อในหน้าการเปลี่ยนแปลง" }).getAttribute("href")).toBe(
      "/t/demo/movement?from=2567&to=2568",
    );
  });
});
