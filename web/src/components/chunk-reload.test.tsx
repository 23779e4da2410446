import { act, cleanup, render, screen } from "@testing-library/react";
import { Component, lazy, type ReactNode, Suspense } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import i18n from "../i18n";
import { ChunkErrorBoundary } from "./ChunkErrorBoundary";
import { claimReload, isChunkError, RELOAD_KEY, RELOAD_WINDOW_MS } from "./chunk-reload";

function memoryStore(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe("claimReload (the loop guard)", () => {
  const t0 = 1_800_000_000_000;
  it("reloads the first time and notes when", () => {
    const store = memoryStore();
    expect(claimReload(store, t0)).toBe(true);
    expect(store.data.get(RELOAD_KEY)).toBe(String(t0));
  });
  it("does not reload again within the window: the reload did not help", () => {
    const store = memoryStore({ [RELOAD_KEY]: String(t0) });
    expect(claimReload(store, t0 + 1)).toBe(false);
    expect(claimReload(store, t0 + RELOAD_WINDOW_MS - 1)).toBe(false);
    expect(store.data.get(RELOAD_KEY)).toBe(String(t0));
  });
  it("reloads again after the window (a later deploy)", () => {
    const store = memoryStore({ [RELOAD_KEY]: String(t0) });
    expect(claimReload(store, t0 + RELOAD_WINDOW_MS)).toBe(true);
    expect(store.data.get(RELOAD_KEY)).toBe(String(t0 + RELOAD_WINDOW_MS));
  });
  it("ignores a note from the future (the clock moved) and rubbish", () => {
    expect(claimReload(memoryStore({ [RELOAD_KEY]: String(t0 + 5_000) }), t0)).toBe(true);
    expect(claimReload(memoryStore({ [RELOAD_KEY]: "abc" }), t0)).toBe(true);
  });
  it("never reloads without storage to guard with, or when storage refuses", () => {
    expect(claimReload(null, t0)).toBe(false);
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(claimReload(refusing, t0)).toBe(false);
  });
});

describe("isChunkError", () => {
  it("knows the browsers' words for a failed dynamic import", () => {
    expect(isChunkError(new TypeError("Failed to fetch dynamically imported module: /assets/Weak-x.js"))).toBe(true);
    expect(isChunkError(new TypeError("error loading dynamically imported module"))).toBe(true);
    expect(isChunkError(new TypeError("Importing a module script failed."))).toBe(true);
    expect(isChunkError(new Error("Unable to preload CSS for /assets/Weak-x.css"))).toBe(true);
  });
  it("leaves other errors alone", () => {
    expect(isChunkError(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isChunkError("boom")).toBe(false);
  });
});

class Outer extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error ? <p>outer: {String(this.state.error)}</p> : this.props.children;
  }
}

function failingPage(error: Error) {
  return lazy(() => Promise.reject(error));
}

describe("ChunkErrorBoundary", () => {
  afterEach(async () => {
    cleanup();
    vi.restoreAllMocks();
    await act(() => i18n.changeLanguage("th"));
  });

  it("says in words that the page could not be loaded, with a reload button", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const Page = failingPage(new TypeError("Failed to fetch dynamically imported module: /assets/Weak-x.js"));
    render(
      <Outer>
        <ChunkErrorBoundary resetKey="/t/demo/weak">
          <Suspense fallback="…">
            <Page />
          </Suspense>
        </ChunkErrorBoundary>
      </Outer>,
    );
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("โหลดหน้านี้ไม่สำเร็จ");
    expect(screen.getByRole("button", { name: "โหลดหน้าใหม่" })).toBeTruthy();
    expect(screen.queryByText(/^outer:/)).toBeNull();
  });

  it("passes any other error on", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const Page = failingPage(new TypeError("Cannot read properties of undefined"));
    render(
      <Outer>
        <ChunkErrorBoundary resetKey="/t/demo/weak">
          <Suspense fallback="…">
            <Page />
          </Suspense>
        </ChunkErrorBoundary>
      </Outer>,
    );
    expect((await screen.findByText(/^outer:/)).textContent).toContain("Cannot read properties");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
