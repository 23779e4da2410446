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
