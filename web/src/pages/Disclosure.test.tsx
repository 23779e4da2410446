import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { AgencyDisclosures, DisclosureBoard, DisclosureRecord, DisclosureStatus, LinkCheck } from "../api/types";
import i18n from "../i18n";
import Disclosure from "./Disclosure";
import DisclosureAgency from "./DisclosureAgency";
import { fakeLayout, renderAt } from "./page-test-kit";

// ── a small fake API: GET/PUT/POST by path, every call recorded with its body ─────────────────────────────────

interface Call {
  method: string;
  path: string;
  body?: unknown;
}
type Handler = (url: URL, body: unknown) => { status?: number; json: unknown };

function fakeApi(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, "http://localhost");
      const method = init?.method ?? "GET";
      const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
      calls.push({ method, path: `${url.pathname}${url.search}`, body });
      const handler = routes[`${method} ${url.pathname}`];
      if (!handler) return new Response(JSON.stringify({ status: 404, title: "Not found" }), { status: 404 });
      const { status = 200, json } = handler(url, body);
      const type = status >= 400 ? "application/problem+json" : "application/json";
      return new Response(JSON.stringify(json), { status, headers: { "content-type": type } });
    }),
  );
  return calls;
}

const session = (role: string, agencyCode?: string) => ({
  user: { id: "u1", email: "x@demo.test", name: "X", isOperator: false },
  memberships: [{ tenant: "demo", tenantName: "จังหวัดสาธิต", role, ...(agencyCode ? { agencyCode } : {}) }],
});

const cycle = {
  fiscalYear: 2569,
  catalogueYear: 2566,
  standIn: true,
  submitBy: "2026-04-30",
  reviewBy: "2026-05-31",
  today: "2026-05-10",
  items: 3,
};
const counts = (over: Partial<Record<DisclosureStatus, number>> = {}) => ({
  not_started: 0,
  in_progress: 0,
  submitted: 0,
  approved: 0,
  needs_fix: 0,
  ...over,
});
const cycles = { cycles: [{ ...cycle, agencies: 2, counts: counts({ approved: 3, needs_fix: 1, submitted: 2 }) }] };

const items = [
  { code: "O1", title: "โครงสร้างองค์กร", indicator: 9, subIndicator: "9.1", gain: 0.4 },
  { code: "O13", title: "รายงานผลการดำเนินงานประจำปี", indicator: 9, subIndicator: "9.2", gain: 0.5 },
  { code: "O39", title: "ประมวลจริยธรรม", indicator: 10, subIndicator: "10.1", gain: 2 },
];
const boardAgency = (code: string, name: string, statuses: DisclosureStatus[], projectedTotal: number) => ({
  agencyCode: code,
  name,
  type: "sao" as const,
  size: "M" as const,
  district: "อำเภอเมือง",
  statuses,
  brokenItems: code === "6990104" ? ["O13"] : [],
  counts: counts(),
  approvedShare: 33.33,
  overdueSubmit: code === "6990104",
  overdueReview: false,
  projectedOit: 50,
  projectedTotal,
  projectedRating: "fail",
  openPoints: 2.9,
});
const board: DisclosureBoard = {
  cycle,
  items,
  agencies: [
    boardAgency("6990103", "องค์การบริหารส่วนตำบลบ่อพัฒนา", ["approved", "needs_fix", "submitted"], 80.5),
    boardAgency("6990104", "อบต.หนองบอน", ["approved", "approved", "not_started"], 79.25),
  ],
  counts: counts({ approved: 3, needs_fix: 1, submitted: 1, not_started: 1 }),
  overdue: { submit: ["6990104"], review: [] },
};

const record = (itemCode: string, status: DisclosureStatus, over: Partial<DisclosureRecord> = {}): DisclosureRecord => {
  const it = items.find((i) => i.code === itemCode) ?? items[0];
  return {
    itemCode,
    title: it?.title ?? "",
    criteria: ["แสดงข้อมูลให้ครบ"],
    indicator: it?.indicator ?? 9,
    subIndicator: it?.subIndicator ?? "9.1",
    gain: it?.gain ?? 0.4,
    status,
    evidenceUrls: [],
    note: null,
    reviewVerdict: null,
    reviewComment: null,
    reviewedBy: null,
    reviewedAt: null,
    updatedBy: null,
    updatedAt: null,
    version: 0,
    links: [],
    brokenLinks: 0,
    ...over,
  };
};

function agencyBody(records: DisclosureRecord[]): AgencyDisclosures {
  return {
    agencyCode: "6990103",
    agencyName: "อบต.บ่อพัฒนา",
    website: "https://bophatthana.go.th.example",
    cycle,
    counts: counts(),
    overdue: { submit: true, review: false },
    records,
    projection: {
      basis: { fiscalYear: 2568, iit: 83.78, eit: 86.33 },
      subIndicators: [
        { code: "9.1", name: "ข้อมูลพื้นฐาน", indicator: 9, passed: 1, total: 1, score: 100 },
        { code: "9.2", name: "การบริหารงาน", indicator: 9, passed: 0, total: 1, score: 0 },
        { code: "10.1", name: "เจตจำนงสุจริต", indicator: 10, passed: 0, total: 1, score: 0 },
      ],
      indicators: { 9: 50, 10: 0 },
      oit: 25,
      total: 55.93,
      totalExact: 55.933,
      rating: { key: "fail", label: { th: "ไม่ผ่าน", en: "Fail" }, passed: false },
      openPoints: 2.5,
      open: records
        .filter((r) => r.status !== "approved")
        .map((r) => ({ itemCode: r.itemCode, title: r.title, status: r.status, gain: r.gain })),
    },
  };
}

const AGENCY = "/api/tenants/demo/agencies/6990103/disclosures/2569";

beforeAll(() => fakeLayout());
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await act(() => i18n.changeLanguage("th"));
});

describe("the province board", () => {
  it("shows the stand-in label, the overdue agency, a mark per cell; sorting by open points goes to the URL and the API", async () => {
    const calls = fakeApi({
      "GET /api/session": () => ({ json: session("analyst") }),
      "GET /api/tenants/demo/disclosures": () => ({ json: cycles }),
      "GET /api/tenants/demo/disclosures/2569/board": () => ({ json: board }),
      "GET /api/tenants/demo/agencies": () => ({ json: [] }),
    });
    const { router } = renderAt("/t/demo/disclosure", "/t/:tenant/disclosure", <Disclosure />);
    expect(await screen.findByRole("heading", { level: 1 })).toHaveProperty(
      "textContent",
      "ความพร้อมการเปิดเผยข้อมูล (OIT) · 2569",
    );
    const full = await screen.findByText("องค์การบริหารส่วนตำบลบ่อพัฒนา");
    expect(screen.getByRole("note").textContent).toMatch(/ใช้รายการของปี 2566 แทน/);
    expect(screen.getByText("เลยกำหนดส่ง (1 หน่วยงาน)")).toBeTruthy();
    // A cell says its item and status in words (and shows a mark), and a broken link in words too.
    expect(screen.getByLabelText("O13 รายงานผลการดำเนินงานประจำปี: ส่งกลับให้แก้ไข")).toHaveProperty("textContent", "✗");
    expect(screen.getByLabelText("O13 รายงานผลการดำเนินงานประจำปี: ผ่านการตรวจ · ลิงก์เสีย").textContent).toBe("✓⚠");
    // The full name, and the short one that narrow screens show instead (CSS), in the same link.
    const link = full.closest("a") as HTMLAnchorElement;
    expect(within(link).getByText("อบต.บ่อพัฒนา").className).toBe("dsc-short");
    expect(link.getAttribute("href")).toBe("/t/demo/disclosure/6990103?year=2569");
    // The CSV link carries the same view.
    expect(screen.getByRole("link", { name: "ส่งออก CSV" }).getAttribute("href")).toBe(
      "/api/tenants/demo/disclosures/2569/board?sort=projected&dir=desc&format=csv",
    );

    fireEvent.click(screen.getByRole("button", { name: "ยังเปิด" }));
    await waitFor(() => expect(router.state.location.search).toBe("?sort=open&dir=desc"));
    await waitFor(() =>
      expect(calls.some((c) => c.path === "/api/tenants/demo/disclosures/2569/board?sort=open&dir=desc")).toBe(true),
    );
    fireEvent.click(screen.getByRole("button", { name: /ยังเปิด/ }));
    await waitFor(() => expect(router.state.location.search).toBe("?sort=open&dir=asc"));
  });

  it("says nothing matches a filter (not 'no data yet') and clears every filter in one click", async () => {
    fakeApi({
      "GET /api/session": () => ({ json: session("analyst") }),
      "GET /api/tenants/demo/disclosures": () => ({ json: cycles }),
      "GET /api/tenants/demo/disclosures/2569/board": (url) =>
        url.searchParams.has("overdue") ? { json: { ...board, agencies: [] } } : { json: board },
      "GET /api/tenants/demo/agencies": () => ({ json: [] }),
    });
    const { router } = renderAt("/t/demo/disclosure?overdue=submit&type=sao", "/t/:tenant/disclosure", <Disclosure />);
    expect((await screen.findByText("ไม่พบหน่วยงานที่ตรงกับเงื่อนไขที่เลือก")).textContent).toBeTruthy();
    expect(screen.queryByText("ยังไม่มีข้อมูล")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "ล้างตัวกรองทั้งหมด" }));
    await waitFor(() => expect(router.state.location.search).toBe(""));
    expect(await screen.findByText("องค์การบริหารส่วนตำบลบ่อพัฒนา")).toBeTruthy();
  });

  it("sends an agency user to its own agency's page", async () => {
    fakeApi({ "GET /api/session": () => ({ json: session("agency", "6990103") }) });
    const { router } = renderAt("/t/demo/disclosure?year=2569", "/t/:tenant/disclosure/:code?", <Disclosure />);
    await waitFor(() => expect(router.state.location.pathname).toBe("/t/demo/disclosure/6990103"));
    expect(router.state.location.search).toBe("?year=2569");
  });
});

describe("one agency's page", () => {
  it("refuses another agency to an agency user without asking the API for it", async () => {
    const calls = fakeApi({ "GET /api/session": () => ({ json: session("agency", "6990103") }) });
    renderAt("/t/demo/disclosure/6990104", "/t/:tenant/disclosure/:code", <DisclosureAgency />);
    expect(await screen.findByText(/ดูและแก้ไขได้เฉพาะข้อมูลการเปิดเผยของหน่วยงานตนเอง/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "ไปหน้าหน่วยงานของฉัน" }).getAttribute("href")).toBe(
      "/t/demo/disclosure/6990103",
    );
    expect(calls.filter((c) => c.path.includes("6990104"))).toEqual([]);
  });

  it("shows the reviewer's comment, groups by sub-indicator and lists what to fix first by gain", async () => {
    fakeApi({
      "GET /api/session": () => ({ json: session("agency", "6990103") }),
      "GET /api/tenants/demo/disclosures": () => ({ json: cycles }),
      [`GET ${AGENCY}`]: () => ({
        json: agencyBody([
          record("O1", "approved", { version: 2 }),
          record("O13", "needs_fix", {
            version: 3,
            evidenceUrls: ["https://bophatthana.go.th.example/"],
            reviewComment: "ลิงก์ชี้ไปหน้าแรก",
            reviewedBy: { name: "นักวิเคราะห์", role: "analyst" },
            reviewedAt: "2026-02-04T08:06:00.000Z",
          }),
          record("O39", "not_started"),
        ]),
      }),
    });
    renderAt("/t/demo/disclosure/6990103", "/t/:tenant/disclosure/:code", <DisclosureAgency />);
    await screen.findByText("ลิงก์ชี้ไปหน้าแรก");
    expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent)).toEqual(
      expect.arrayContaining(["9.1 ข้อมูลพื้นฐาน", "9.2 การบริหารงาน", "10.1 เจตจำนงสุจริต"]),
    );
    const fix = screen.getByText("ควรทำก่อน (ได้คะแนนเพิ่มมากที่สุด)").nextElementSibling as HTMLElement;
    expect(
      within(fix)
        .getAllByRole("listitem")
        .map((li) => li.textContent?.slice(0, 3)),
    ).toEqual(["O39", "O13"]);
    expect(screen.getByTestId("projected-total").textContent).toBe("55.93");
    // No back link to the board for an agency; no reviewer buttons.
    expect(screen.queryByText(/กลับไปตารางจังหวัด/)).toBeNull();
    expect(screen.queryByRole("button", { name: /ผ่าน$/ })).toBeNull();
  });

  it("checks URLs, needs one to submit, and on a 409 shows the current values and merges", async () => {
    const current = record("O1", "in_progress", {
      version: 2,
      evidenceUrls: ["https://a.go.th/theirs"],
      note: "ของเขา",
      updatedBy: { name: "เพื่อนร่วมงาน", role: "agency" },
      updatedAt: "2026-05-09T03:00:00.000Z",
    });
    const calls = fakeApi({
      "GET /api/session": () => ({ json: session("agency", "6990103") }),
      "GET /api/tenants/demo/disclosures": () => ({ json: cycles }),
      [`GET ${AGENCY}`]: () => ({ json: agencyBody([record("O1", "in_progress", { version: 1 })]) }),
      // The server is at version 2 (someone else saved after this page read version 1).
      [`PUT ${AGENCY}/O1`]: (_u, body) => {
        const b = body as { version: number; status: DisclosureStatus; evidenceUrls: string[]; note: string | null };
        if (b.version !== current.version)
          return {
            status: 409,
            json: { type: "conflict", title: "Conflict", status: 409, detail: "มีผู้อื่นแก้ไข", current: [current] },
          };
        return { json: { ...current, ...b, version: current.version + 1 } };
      },
    });
    renderAt("/t/demo/disclosure/6990103?item=O1", "/t/:tenant/disclosure/:code", <DisclosureAgency />);
    const url = await screen.findByLabelText("ลิงก์ที่ 1");
    const submit = screen.getByRole("button", { name: "ส่งตรวจ" });

    // No URL: submitting is refused in words, nothing is sent.
    fireEvent.click(submit);
    expect(screen.getByText("การส่งตรวจต้องมีลิงก์หลักฐานอย่างน้อยหนึ่งลิงก์")).toBeTruthy();
    // Not a web address: said next to the field, nothing is sent.
    fireEvent.change(url, { target: { value: "หน้าเว็บ ita ของ อบต." } });
    expect(screen.getByText(/ไม่ใช่ที่อยู่เว็บ/)).toBeTruthy();
    fireEvent.click(submit);
    expect(calls.filter((c) => c.method === "PUT")).toEqual([]);

    // A good one, but someone else saved version 2 meanwhile: 409 → the current values and two ways on.
    fireEvent.change(url, { target: { value: "https://a.go.th/mine" } });
    fireEvent.click(submit);
    const alert = await screen.findByText("มีผู้อื่นแก้ไขข้อนี้ไปแล้ว");
    const panel = alert.closest(".dsc-conflict") as HTMLElement;
    expect(within(panel).getByText("https://a.go.th/theirs")).toBeTruthy();
    expect(within(panel).getByText("ของเขา")).toBeTruthy();
    expect(calls.filter((c) => c.method === "PUT").map((c) => (c.body as { version: number }).version)).toEqual([1]);

    // Merge: their URL stays, mine is added, their note is kept (I did not change the note); save with version 2.
    fireEvent.click(within(panel).getByRole("button", { name: "รวมการแก้ไขของฉันเข้ากับข้อมูลล่าสุด" }));
    expect((screen.getByLabelText("ลิงก์ที่ 1") as HTMLInputElement).value).toBe("https://a.go.th/theirs");
    expect((screen.getByLabelText("ลิงก์ที่ 2") as HTMLInputElement).value).toBe("https://a.go.th/mine");
    expect((screen.getByLabelText("หมายเหตุ") as HTMLTextAreaElement).value).toBe("ของเขา");
    fireEvent.click(screen.getByRole("button", { name: "ส่งตรวจ" }));
    await screen.findByText("บันทึกแล้ว (ส่งแล้ว รอตรวจ)");
    const last = calls.filter((c) => c.method === "PUT").at(-1)?.body;
    expect(last).toEqual({
      version: 2,
      status: "submitted",
      evidenceUrls: ["https://a.go.th/theirs", "https://a.go.th/mine"],
      note: "ของเขา",
    });
  });

  it("lets a reviewer send a submitted item back only with a comment", async () => {
    const calls = fakeApi({
      "GET /api/session": () => ({ json: session("analyst") }),
      "GET /api/tenants/demo/disclosures": () => ({ json: cycles }),
      [`GET ${AGENCY}`]: () => ({
        json: agencyBody([record("O13", "submitted", { version: 4, evidenceUrls: ["https://a.go.th/o13"] })]),
      }),
      [`POST ${AGENCY}/O13/review`]: (_u, body) => ({
        json: record("O13", "needs_fix", { version: 5, reviewComment: (body as { comment: string }).comment }),
      }),
    });
    renderAt("/t/demo/disclosure/6990103?item=O13", "/t/:tenant/disclosure/:code", <DisclosureAgency />);
    const back = await screen.findByRole("button", { name: "✗ ส่งกลับให้แก้ไข" });
    fireEvent.click(back);
    expect(screen.getByText("โปรดเขียนว่าต้องแก้อะไร ก่อนส่งกลับ")).toBeTruthy();
    expect(calls.filter((c) => c.method === "POST")).toEqual([]);
    fireEvent.change(screen.getByLabelText("ความเห็นถึงหน่วยงาน (จำเป็นเมื่อส่งกลับ)"), {
      target: { value: "ใส่ลิงก์หน้าที่มีรายงาน" },
    });
    fireEvent.click(back);
    await screen.findByText("บันทึกผลการตรวจแล้ว: ส่งกลับให้แก้ไข");
    expect(calls.filter((c) => c.method === "POST").map((c) => c.body)).toEqual([
      { version: 4, verdict: "needs_fix", comment: "ใส่ลิงก์หน้าที่มีรายงาน" },
    ]);
  });

  it("says per evidence URL whether its link check passed (broken in words), and checks links on request", async () => {
    const check = (url: string, ok: boolean, httpStatus: number, problem: LinkCheck["problem"]): LinkCheck => ({
      url,
      checkedAt: "2026-05-09T03:00:00.000Z",
      ok,
      httpStatus,
      finalUrl: url,
      redirects: 0,
      elapsedMs: 120,
      contentType: "text/html",
      onSite: true,
      problem,
    });
    const urls = ["https://a.go.th/ok", "https://a.go.th/gone"];
    const calls = fakeApi({
      "GET /api/session": () => ({ json: session("agency", "6990103") }),
      "GET /api/tenants/demo/disclosures": () => ({ json: cycles }),
      [`GET ${AGENCY}`]: () => ({
        json: agencyBody([
          record("O1", "in_progress", {
            version: 1,
            evidenceUrls: urls,
            links: [check(urls[0] ?? "", true, 200, null), check(urls[1] ?? "", false, 404, "http_error")],
            brokenLinks: 1,
          }),
        ]),
      }),
      [`POST ${AGENCY}/link-check`]: () => ({ json: { checked: 2, broken: 1, results: [] } }),
    });
    renderAt("/t/demo/disclosure/6990103?item=O1", "/t/:tenant/disclosure/:code", <DisclosureAgency />);
    const card = (await screen.findByLabelText("ลิงก์ที่ 1")).closest("li.dsc-item") as HTMLElement;
    expect(within(card).getByText("ลิงก์เสีย 1", { exact: false })).toBeTruthy();
    const results = [...card.querySelectorAll(".dsc-link")].map((e) => e.textContent ?? "");
    expect(results[0]).toMatch(/^✓ เปิดได้ · HTTP 200/);
    expect(results[1]).toMatch(/^⚠ เปิดไม่ได้: เซิร์ฟเวอร์ตอบว่าผิดพลาด · HTTP 404/);
    fireEvent.click(screen.getByRole("button", { name: "ตรวจลิงก์ตอนนี้" }));
    await screen.findByText("ตรวจ 2 ลิงก์ · เสีย 1 ลิงก์");
    expect(calls.filter((c) => c.method === "POST").map((c) => c.path)).toEqual([`${AGENCY}/link-check`]);
  });

  it("speaks English when switched", async () => {
    fakeApi({
      "GET /api/session": () => ({ json: session("agency", "6990103") }),
      "GET /api/tenants/demo/disclosures": () => ({ json: cycles }),
      [`GET ${AGENCY}`]: () => ({ json: agencyBody([record("O39", "not_started")]) }),
    });
    await act(() => i18n.changeLanguage("en"));
    renderAt("/t/demo/disclosure/6990103", "/t/:tenant/disclosure/:code", <DisclosureAgency />);
    expect((await screen.findByRole("heading", { level: 1 })).textContent).toBe("OIT disclosure · อบต.บ่อพัฒนา");
    expect(screen.getByText(/Stand-in list/)).toBeTruthy();
    expect(screen.getAllByText("+2.00 points").length).toBeGreaterThan(0);
  });
});
