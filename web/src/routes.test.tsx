import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "./i18n";
import { type StubAnswer, sessionBody, stubRoutes, yearsBody } from "./pages/page-test-kit";
import { routes } from "./routes";
import { landingOf, safeNext } from "./session";

const DEMO = { tenant: "demo", tenantName: "จังหวัดสาธิต", role: "admin" };
const TENANTS = [
  { slug: "demo", name: "จังหวัดสาธิต", nameEn: "Demo Province", synthetic: true, createdAt: "2026-11-20T03:00:00.000Z" },
];

/** The app's own routes in a memory router, with the session the API would answer (null: signed out). */
function renderApp(path: string, session: ReturnType<typeof sessionBody> | null, extra = {}) {
  let current = session;
  const calls = stubRoutes({
    "GET /api/session": (): StubAnswer => (current ? { body: current } : { status: 401, body: { status: 401 } }),
    "POST /api/session": (_u, body) => {
      current = (body as { email: string }).email.startsWith("operator")
        ? sessionBody({ isOperator: true })
        : sessionBody();
      return { body: current };
    },
    "DELETE /api/session": () => {
      current = null;
      return { status: 204 };
    },
    "GET /api/tenants": () => ({ body: TENANTS }),
    "GET /api/tenants/demo/years": () => ({ body: yearsBody([2568]) }),
    ...extra,
  });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  const at = () => `${router.state.location.pathname}${router.state.location.search}`;
  return { router, calls, at };
}

/**
 * The pages are lazy chunks (the tenant overview brings the chart library): on a loaded machine importing one
 * takes longer than testing-library's default second, so the first look at a page waits longer.
 */
const PAGE_LOAD = { timeout: 15_000 };

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await act(() => i18n.changeLanguage("th"));
});

describe("where a signed-in user lands", () => {
  it("landingOf: a member on their tenant (also when an operator), an operator on /platform, else nowhere", () => {
    const member = { tenant: "demo", tenantName: "จังหวัดสาธิต", role: "analyst" as const };
    const agency = { ...member, role: "agency" as const, agencyCode: "6990101" };
    const user = { id: "u", email: "x@y.test", name: "x" };
    expect(landingOf({ user: { ...user, isOperator: false }, memberships: [member] })).toBe("/t/demo/overview");
    expect(landingOf({ user: { ...user, isOperator: true }, memberships: [member] })).toBe("/t/demo/overview");
    expect(landingOf({ user: { ...user, isOperator: false }, memberships: [agency] })).toBe("/t/demo/agencies/6990101");
    expect(landingOf({ user: { ...user, isOperator: true }, memberships: [] })).toBe("/platform");
    expect(landingOf({ user: { ...user, isOperator: false }, memberships: [] })).toBeNull();
  });

  it("safeNext: only our own tenant pages and the platform page, never an outside address", () => {
    expect(safeNext("/t/demo/rankings?year=2567")).toBe("/t/demo/rankings?year=2567");
    expect(safeNext("/platform")).toBe("/platform");
    expect(safeNext("/platform?x=1")).toBe("/platform?x=1");
    for (const bad of [null, "", "/", "https://evil.example/t/demo/", "//evil.example", "/platformx", "/signin"]) {
      expect(safeNext(bad)).toBeNull();
    }
  });

  it("sends an operator without memberships from / to the platform page", async () => {
    const { at } = renderApp("/", sessionBody({ isOperator: true }));
    expect(await screen.findByRole("heading", { level: 1, name: "จัดการแพลตฟอร์ม" }, PAGE_LOAD)).toBeTruthy();
    expect(at()).toBe("/platform");
    expect(await screen.findByRole("rowheader", { name: "demo" }, PAGE_LOAD)).toBeTruthy();
  });

  it("signs the operator in through the form straight onto /platform (not the form again)", async () => {
    const { at } = renderApp("/signin", null);
    fireEvent.change(await screen.findByLabelText("อีเมล"), { target: { value: "operator@prongsai.test" } });
    fireEvent.change(screen.getByLabelText("รหัสผ่าน"), { target: { value: "prongsai-demo" } });
    fireEvent.click(screen.getByRole("button", { name: "เข้าสู่ระบบ" }));
    expect(await screen.findByRole("heading", { level: 1, name: "จัดการแพลตฟอร์ม" }, PAGE_LOAD)).toBeTruthy();
    expect(at()).toBe("/platform");
  });

  it("keeps an operator who is also a member on their tenant, with a link to the platform page", async () => {
    const { at } = renderApp("/", sessionBody({ isOperator: true, memberships: [DEMO] }));
    const link = await screen.findByRole("link", { name: "จัดการแพลตฟอร์ม" }, PAGE_LOAD);
    expect(at()).toBe("/t/demo/overview");
    expect(link.getAttribute("href")).toBe("/platform");
    // …and the platform page leads back to the tenant.
    fireEvent.click(link);
    const back = await screen.findByRole("link", { name: "ไปที่ จังหวัดสาธิต" }, PAGE_LOAD);
    expect(at()).toBe("/platform");
    expect(back.getAttribute("href")).toBe("/t/demo/overview");
  });

  it("shows no platform link to a member who is not an operator, and sends them home from /platform", async () => {
    const { at, calls } = renderApp("/platform", sessionBody({ memberships: [DEMO] }));
    await waitFor(() => expect(at()).toBe("/t/demo/overview"));
    await screen.findByRole("button", { name: "ออกจากระบบ" }, PAGE_LOAD);
    expect(screen.queryByRole("link", { name: "จัดการแพลตฟอร์ม" })).toBeNull();
    expect(calls.some((c) => c.path === "/api/tenants")).toBe(false);
  });

  it("sends a signed-out visitor of /platform to sign in, and back there afterwards", async () => {
    const { at } = renderApp("/platform", null);
    await screen.findByRole("button", { name: "เข้าสู่ระบบ" });
    expect(at()).toBe("/signin?next=%2Fplatform");
    fireEvent.change(screen.getByLabelText("อีเมล"), { target: { value: "operator@prongsai.test" } });
    fireEvent.change(screen.getByLabelText("รหัสผ่าน"), { target: { value: "prongsai-demo" } });
    fireEvent.click(screen.getByRole("button", { name: "เข้าสู่ระบบ" }));
    await screen.findByRole("heading", { level: 1, name: "จัดการแพลตฟอร์ม" }, PAGE_LOAD);
    expect(at()).toBe("/platform");
  });

  it("tells an account with neither memberships nor operator rights so, with sign-out (not the sign-in form)", async () => {
    const { at, calls } = renderApp("/signin", sessionBody());
    const title = await screen.findByRole("heading", { level: 1, name: "บัญชีนี้ยังไม่ได้อยู่ในจังหวัดใด" });
    expect(at()).toBe("/");
    expect(title.closest("main")?.textContent).toContain("someone@prongsai.test");
    expect(screen.queryByLabelText("รหัสผ่าน")).toBeNull();
    expect(screen.getByRole("button", { name: "English" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "โหมดมืด/สว่าง" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "ออกจากระบบ" }));
    await screen.findByRole("button", { name: "เข้าสู่ระบบ" });
    expect(at()).toBe("/signin");
    expect(calls.some((c) => c.method === "DELETE" && c.path === "/api/session")).toBe(true);
  });

  it("signing in as such an account ends on that page too, and it speaks English when asked", async () => {
    const { at } = renderApp("/signin", null);
    fireEvent.change(await screen.findByLabelText("อีเมล"), { target: { value: "nobody@prongsai.test" } });
    fireEvent.change(screen.getByLabelText("รหัสผ่าน"), { target: { value: "prongsai-demo" } });
    fireEvent.click(screen.getByRole("button", { name: "เข้าสู่ระบบ" }));
    await screen.findByRole("heading", { level: 1, name: "บัญชีนี้ยังไม่ได้อยู่ในจังหวัดใด" });
    expect(at()).toBe("/");
    fireEvent.click(screen.getByRole("button", { name: "English" }));
    expect(await screen.findByRole("heading", { level: 1, name: "This account has no province yet" })).toBeTruthy();
  });

  it("sends a signed-in account without a tenant away from a tenant's pages, to the page that says so", async () => {
    const { at } = renderApp("/t/demo/overview", sessionBody());
    await screen.findByRole("heading", { level: 1, name: "บัญชีนี้ยังไม่ได้อยู่ในจังหวัดใด" });
    expect(at()).toBe("/");
  });
});
