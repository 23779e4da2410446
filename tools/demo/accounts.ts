// The fixed demo accounts (README, automated checks). Created only by `npm start` on a local database —
// never by a deployment. Passwords are hashed with better-auth's own hasher, as the Worker verifies them.
import { hashPassword } from "better-auth/crypto";
import type { DemoData } from "./generate";
import { insertStatements } from "./sql";

export const DEMO_PASSWORD = "prongsai-demo";

export interface DemoAccount {
  id: string;
  email: string;
  name: string;
  operator?: boolean;
  tenant?: string;
  role?: "admin" | "analyst" | "executive" | "agency";
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { id: "demo-operator", email: "operator@prongsai.test", name: "ผู้ดูแลแพลตฟอร์ม (สาธิต)", operator: true },
  { id: "demo-admin", email: "admin@demo.prongsai.test", name: "ผู้ดูแลจังหวัดสาธิต", tenant: "demo", role: "admin" },
  {
    id: "demo-analyst",
    email: "analyst@demo.prongsai.test",
    name: "นักวิเคราะห์จังหวัดสาธิต",
    tenant: "demo",
    role: "analyst",
  },
  {
    id: "demo-executive",
    email: "executive@demo.prongsai.test",
    name: "ผู้บริหารจังหวัดสาธิต",
    tenant: "demo",
    role: "executive",
  },
  { id: "demo-agency", email: "agency@demo.prongsai.test", name: "เจ้าหน้าที่หน่วยงานสาธิต", tenant: "demo", role: "agency" },
  { id: "demo2-admin", email: "admin@demo2.prongsai.test", name: "ผู้ดูแลจังหวัดสาธิตสอง", tenant: "demo2", role: "admin" },
];

/**
 * The agency the demo `agency` user works for: an อบต. that passed in 2568 but not at ผ่านดี, so its
 * profile shows what stops the next rating and its disclosure board has work left.
 */
export function demoAgencyOf(data: DemoData) {
  const demo = data.tenants.find((t) => t.slug === "demo");
  const passed = new Set(
    data.results
      .filter((r) => r.tenantId === demo?.id && r.fiscalYear === 2568 && r.rating === "pass")
      .map((r) => r.agencyId),
  );
  const agency = data.agencies
    .filter((a) => a.tenantId === demo?.id && a.type === "sao" && passed.has(a.id))
    .sort((a, b) => a.code.localeCompare(b.code))[0];
  if (!agency) throw new Error("demo data has no อบต. rated ผ่าน in 2568");
  return agency;
}

export async function demoAccountsSql(data: DemoData): Promise<string[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const now = new Date().toISOString();
  const tenantId = (slug: string) => data.tenants.find((t) => t.slug === slug)?.id ?? null;
  const agency = demoAgencyOf(data);
  return [
    ...insertStatements(
      '"user"',
      ["id", "name", "email", "emailVerified", "createdAt", "updatedAt"],
      DEMO_ACCOUNTS.map((a) => [a.id, a.name, a.email, 1, now, now]),
    ),
    ...insertStatements(
      "account",
      ["id", "accountId", "providerId", "userId", "password", "createdAt", "updatedAt"],
      DEMO_ACCOUNTS.map((a) => [`${a.id}-credential`, a.id, "credential", a.id, hash, now, now]),
    ),
    ...insertStatements(
      "platform_operators",
      ["user_id"],
      DEMO_ACCOUNTS.filter((a) => a.operator).map((a) => [a.id]),
    ),
    ...insertStatements(
      "memberships",
      ["tenant_id", "user_id", "role", "agency_id"],
      DEMO_ACCOUNTS.filter((a) => a.tenant && a.role).map((a) => [
        tenantId(a.tenant as string),
        a.id,
        a.role as string,
        a.role === "agency" ? agency.id : null,
      ]),
    ),
  ];
}
