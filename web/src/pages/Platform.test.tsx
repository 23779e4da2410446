import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import Platform from "./Platform";
import { type StubAnswer, sessionBody, stubRoutes } from "./page-test-kit";

type Tenant = { slug: string; name: string; nameEn: string | null; synthetic: boolean; createdAt: string };
const DEMO: Tenant = {
  slug: "demo",
  name: "จังหวัดสาธิต",
  nameEn: "Demo Province",
  synthetic: true,
  createdAt: "2026-11-20T03:00:00.000Z",
};
const DEMO2: Tenant = { ...DEMO, slug: "demo2", name: "จังหวัดสาธิตสอง", nameEn: null };
const CREATED_AT = "2026-11-21T05:30:00.000Z";
const LINK = "http://localhost/invite/inv_abcdefghijklmnopqrstuvwxyz";

function renderPage(over: { session?: ReturnType<typeof sessionBody>; post?: (body: unknown) => StubAnswer } = {}) {
  const tenants: Tenant[] = [DEMO, DEMO2];
  const calls = stubRoutes({
    "GET /api/session": () => ({ body: over.session ?? sessionBody({ isOperator: true }) }),
    "GET /api/tenants": () => ({ body: tenants }),
    "POST /api/tenants": (_u, body) => {
      if (over.post) return over.post(body);
      const b = body as { slug: string; name: string; nameEn?: string };
      const tenant = { slug: b.slug, name: b.name, nameEn: b.nameEn ?? null, synthetic: false, createdAt: CREATED_AT };
      tenants.push(tenant);
      return {
        status: 201,
        body: { tenant, invitation: { url: LINK, token: "inv_abc", expiresAt: "2026-12-05T05:30:00.000Z" } },
      };
    },
  });
  const router = createMemoryRouter([{ path: "/platform", element: <Platform /> }], {
    initialEntries: ["/platform"],
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return calls;
}

const input = (label: RegExp | string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: RegExp | string, value: string) => fireEvent.change(input(label), { target: { value } });
const submit = () => fireEvent.click(screen.getByRole("button", { name: "สร้างจังหวัดและคำเชิญ" }));
const posts = (calls: { method: string; path: string; body: unknown }[]) =>
  calls.filter((c) => c.method === "POST" && c.path === "/api/tenants");

function fillValid() {
  type(/^รหัสจังหวัด/, " chiang-mai ");
  type(/^ชื่อจังหวัดภาษาไทย/, "จังหวัดเชียงใหม่");
  type(/^ชื่อภาษาอังกฤษ/, "Chiang Mai");
  type(/^อีเมลผู้ดูแลคนแรก/, "First.Admin@cm.go.th");
}

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await act(() => i18n.changeLanguage("th"));
});

describe("Platform page", () => {
  it("lists every tenant: slug, Thai and English name, the synthetic flag, created in the Buddhist Era", async () => {
    renderPage();
    expect(screen.getByRole("heading", { level: 1, name: "จัดการแพลตฟอร์ม" })).toBeTruthy();
    const table = await screen.findByRole("table", { name: "จังหวัดทั้งหมด" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getByRole("rowheader").textContent)).toEqual(["demo", "demo2"]);
    const first = rows[0] as HTMLElement;
    expect(first.textContent).toContain("จังหวัดสาธิต");
    expect(first.textContent).toContain("Demo Province");
    expect(first.textContent).toContain("สาธิต (สังเคราะห์)");
    // 2026 is 2569 in the Buddhist Era.
    expect(first.textContent).toMatch(/2569/);
    expect(first.textContent).not.toMatch(/2026/);
    expect((rows[1] as HTMLElement).textContent).toContain("–");
    expect(screen.getByText("2 จังหวัด")).toBeTruthy();
    // The usual tools of the top bar.
    for (const name of ["English", "โหมดมืด/สว่าง", "ออกจากระบบ"])
      expect(screen.getByRole("button", { name })).toBeTruthy();
  });

  it("labels every field and checks the form as the API would, in Thai, naming the fields, before sending", async () => {
    const calls = renderPage();
    await screen.findByRole("table");
    submit();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("รหัสจังหวัด (slug): กรอกรหัสจังหวัด");
    expect(alert.textContent).toContain("ชื่อจังหวัดภาษาไทย: กรอกชื่อจังหวัดภาษาไทย");
    expect(alert.textContent).toContain("อีเมลผู้ดูแลคนแรก: กรอกอีเมลผู้ดูแลคนแรก");
    expect(alert.textContent).not.toContain("ชื่อภาษาอังกฤษ");
    expect(input(/^รหัสจังหวัด/).getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(input(/^รหัสจังหวัด/));
    type(/^รหัสจังหวัด/, "Chiang Mai");
    type(/^ชื่อจังหวัดภาษาไทย/, "ก");
    type(/^อีเมลผู้ดูแลคนแรก/, "not-an-email");
    submit();
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("ใช้ได้เฉพาะตัวพิมพ์เล็ก a–z"));
    expect(screen.getByRole("alert").textContent).toContain("ชื่อต้องยาว 2–200 ตัวอักษร");
    expect(screen.getByRole("alert").textContent).toContain("รูปแบบอีเมลไม่ถูกต้อง");
    // The field's own message is tied to it for screen readers.
    const described = input(/^รหัสจังหวัด/).getAttribute("aria-describedby") ?? "";
    expect(described.split(" ").map((id) => document.getElementById(id)?.textContent)).toContain(
      "ใช้ได้เฉพาะตัวพิมพ์เล็ก a–z ตัวเลข และขีด (-) 2–40 ตัว ขึ้นต้นด้วยตัวอักษรหรือตัวเลข",
    );
    expect(posts(calls)).toEqual([]);
  });

  it("shows a taken slug (409) on the slug field, in Thai", async () => {
    const calls = renderPage({
      post: () => ({
        status: 409,
        body: { status: 409, title: "Slug taken", detail: "มี tenant ชื่อ demo แล้ว (Slug demo is taken.)" },
      }),
    });
    await screen.findByRole("table");
    fillValid();
    type(/^รหัสจังหวัด/, "demo");
    submit();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("รหัสจังหวัด (slug): มีจังหวัดที่ใช้รหัส demo แล้ว เลือกรหัสอื่น");
    expect(input(/^รหัสจังหวัด/).getAttribute("aria-invalid")).toBe("true");
    expect(posts(calls)).toHaveLength(1);
    // Fixing the field drops its message.
    type(/^รหัสจังหวัด/, "demo3");
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
  });

  it("names each field the API refused (400 problem+json) in Thai, whatever words zod used", async () => {
    renderPage({
      post: () => ({
        status: 400,
        body: {
          status: 400,
          detail: "ข้อมูลบางรายการไม่ถูกต้อง (Some parameters are invalid.)",
          errors: [
            { path: "name", message: "Too small: expected string to have >=2 characters" },
            { path: "adminEmail", message: "Invalid email address" },
          ],
        },
      }),
    });
    await screen.findByRole("table");
    fillValid();
    submit();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("ชื่อจังหวัดภาษาไทย: ชื่อต้องยาว 2–200 ตัวอักษร");
    expect(alert.textContent).toContain("อีเมลผู้ดูแลคนแรก: รูปแบบอีเมลไม่ถูกต้อง");
    expect(input(/^ชื่อจังหวัดภาษาไทย/).getAttribute("aria-invalid")).toBe("true");
  });

  it("creates the tenant, shows its invitation link once with a copy button, and lists it", async () => {
    const calls = renderPage();
    await screen.findByRole("table");
    fillValid();
    submit();
    const link = await screen.findByRole("textbox", { name: "ลิงก์คำเชิญผู้ดูแลคนแรก" });
    expect((link as HTMLInputElement).value).toBe(LINK);
    expect(posts(calls).map((c) => c.body)).toEqual([
      { slug: "chiang-mai", name: "จังหวัดเชียงใหม่", nameEn: "Chiang Mai", adminEmail: "First.Admin@cm.go.th" },
    ]);
    expect(screen.getByRole("heading", { name: "สร้างจังหวัด จังหวัดเชียงใหม่ แล้ว" })).toBeTruthy();
    expect(screen.getByText(/ลิงก์คำเชิญนี้แสดงเพียงครั้งเดียว/)).toBeTruthy();
    // To whom (the address as the API keeps it: lower case), until when (Buddhist Era).
    expect(screen.getByText("first.admin@cm.go.th").closest("p")?.textContent).toMatch(
      /^ส่งลิงก์ให้ first\.admin@cm\.go\.th ทางช่องทางที่ปลอดภัย .*หมดอายุ .*2569/,
    );
    expect(screen.getByRole("button", { name: "คัดลอก" })).toBeTruthy();
    // The form is empty again and the list has the new tenant, marked as just created.
    expect(input(/^รหัสจังหวัด/).value).toBe("");
    const row = (await screen.findByRole("rowheader", { name: /^chiang-mai/ })).closest("tr") as HTMLElement;
    expect(row.textContent).toContain("เพิ่งสร้าง");
    expect(row.textContent).toContain("ไม่ใช่");
    expect(screen.getByText("3 จังหวัด")).toBeTruthy();
    // Hidden, it is gone for good.
    fireEvent.click(screen.getByRole("button", { name: "คัดลอกแล้ว ซ่อนลิงก์" }));
    expect(screen.queryByRole("textbox", { name: "ลิงก์คำเชิญผู้ดูแลคนแรก" })).toBeNull();
  });

  it("speaks English when asked, and leads an operator who is also a member back to the tenant", async () => {
    renderPage({
      session: sessionBody({
        isOperator: true,
        memberships: [{ tenant: "demo", tenantName: "จังหวัดสาธิต", role: "admin" }],
      }),
    });
    expect((await screen.findByRole("link", { name: "ไปที่ จังหวัดสาธิต" })).getAttribute("href")).toBe("/t/demo/overview");
    fireEvent.click(screen.getByRole("button", { name: "English" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Platform" })).toBeTruthy();
    expect(screen.getByRole("table", { name: "All provinces" }).textContent).toMatch(/2026/);
    fireEvent.click(screen.getByRole("button", { name: "Create province and invitation" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Province slug: Enter the province slug");
  });
});
