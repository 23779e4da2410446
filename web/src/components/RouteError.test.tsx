import { act, cleanup, render, screen } from "@testing-library/react";
import { lazy, Suspense } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import { RouteError } from "./RouteError";

/** The app's router shape: one pathless route with RouteError above the pages. */
function renderRoutes(page: React.ReactNode, path = "/invite/abc") {
  const router = createMemoryRouter(
    [{ errorElement: <RouteError />, children: [{ path: "/invite/:token", element: page }] }],
    { initialEntries: [path] },
  );
  render(<RouterProvider router={router} />);
}

function Throws(): React.ReactNode {
  throw new TypeError("Cannot read properties of undefined (reading 'total')");
}

describe("RouteError", () => {
  afterEach(async () => {
    cleanup();
    vi.restoreAllMocks();
    await act(() => i18n.changeLanguage("th"));
  });

  it("turns a page that threw into words, a reload, a way home and the details", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    renderRoutes(<Throws />);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("หน้านี้แสดงผลไม่ได้");
    expect(screen.getByRole("button", { name: "โหลดหน้าใหม่" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "กลับหน้าแรก" }).getAttribute("href")).toBe("/");
    expect(alert.querySelector("details code")?.textContent).toBe(
      "TypeError: Cannot read properties of undefined (reading 'total')",
    );
    // Never react-router's developer screen.
    expect(document.body.textContent).not.toMatch(/Unexpected Application Error/);
  });

  it("says a page's code could not load when a lazy page fails outside the signed-in layout", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const Page = lazy(() =>
      Promise.reject(new TypeError("Failed to fetch dynamically imported module: /assets/AcceptInvite-x.js")),
    );
    renderRoutes(
      <Suspense fallback="…">
        <Page />
      </Suspense>,
    );
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("โหลดหน้านี้ไม่สำเร็จ");
    expect(screen.getByRole("button", { name: "โหลดหน้าใหม่" })).toBeTruthy();
  });

  it("speaks English when the reader chose it", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await act(() => i18n.changeLanguage("en"));
    renderRoutes(<Throws />);
    expect((await screen.findByRole("alert")).textContent).toContain("This page cannot be shown");
  });
});
