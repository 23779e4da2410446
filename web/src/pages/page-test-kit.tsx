// Test helpers for rendering a page as the router would, against a stubbed API (jsdom has no server and no layout).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { vi } from "vitest";

/** Answers GET requests whose path (without the query) matches, with JSON; anything else is a 404. */
export function stubApi(routes: Record<string, (url: URL) => unknown>) {
  const calls: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string) => {
      const url = new URL(input, "http://localhost");
      calls.push(`${url.pathname}${url.search}`);
      const handler = routes[url.pathname];
      if (!handler) return new Response(JSON.stringify({ status: 404 }), { status: 404 });
      return new Response(JSON.stringify(handler(url)), { headers: { "content-type": "application/json" } });
    }),
  );
  return calls;
}

/** jsdom lays nothing out: give elements a size so virtualised tables render their first rows. */
export function fakeLayout(height = 800) {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => height });
  Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 1200 });
}

export function renderAt(path: string, pattern: string, element: ReactElement) {
  const router = createMemoryRouter([{ path: pattern, element }], { initialEntries: [path] });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...view, router };
}

/** A framework summary with only what the pages read. */
export function yearsBody(years: number[], letterUntil = 2565) {
  const level = (key: string, minTotal: number) => ({ key, label: { th: key, en: key }, minTotal, minEachTool: null });
  return {
    tenant: { slug: "demo", name: "จังหวัดสาธิต", nameEn: "Demo", synthetic: true },
    years: years.map((y) => ({
      fiscalYear: y,
      agencies: 3,
      framework: {
        fiscalYear: y,
        passMark: 85,
        rating: {
          kind: y <= letterUntil ? "letter" : "pass-levels",
          levels:
            y <= letterUntil
              ? [level("AA", 95), level("A", 85), level("F", 0)]
              : [level("excellent", 95), level("good", 85), level("pass", 85), level("fail", 0)],
        },
      },
    })),
  };
}

/** One answer of a stubbed API: a status (200 by default) and a JSON body (problem+json when status ≥ 400). */
export interface StubAnswer {
  status?: number;
  body?: unknown;
}

/**
 * Answers requests by "METHOD /path" (e.g. "POST /api/tenants") with the handler's answer; anything else is a
 * 404. Records every call with its parsed JSON body, for checking what a form sent.
 */
export function stubRoutes(routes: Record<string, (url: URL, body: unknown) => StubAnswer>) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, "http://localhost");
      const method = (init?.method ?? "GET").toUpperCase();
      const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
      calls.push({ method, path: `${url.pathname}${url.search}`, body });
      const handler = routes[`${method} ${url.pathname}`];
      const answer = handler ? handler(url, body) : { status: 404, body: { status: 404, title: "Not found" } };
      const status = answer.status ?? 200;
      if (status === 204) return new Response(null, { status });
      return new Response(JSON.stringify(answer.body ?? null), {
        status,
        headers: { "content-type": status >= 400 ? "application/problem+json" : "application/json" },
      });
    }),
  );
  return calls;
}

/** A session as GET /api/session answers it. */
export function sessionBody(
  over: { isOperator?: boolean; memberships?: { tenant: string; tenantName: string; role: string }[] } = {},
) {
  return {
    user: { id: "u1", email: "someone@prongsai.test", name: "ใครบางคน", isOperator: over.isOperator ?? false },
    memberships: over.memberships ?? [],
  };
}
