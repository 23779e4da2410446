import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import i18n from "../i18n";
import { ErrorState } from "./States";

afterEach(async () => {
  cleanup();
  await act(() => i18n.changeLanguage("th"));
});

describe("ErrorState", () => {
  it("says the server could not be reached when fetch itself failed, never the raw TypeError", () => {
    render(<ErrorState error={new TypeError("Failed to fetch")} onRetry={() => {}} />);
    const alert = screen.getByRole("alert");
    expect(screen.getByRole("button", { name: "ลองอีกครั้ง" })).toBeTruthy();
    expect(alert.textContent).toContain("เชื่อมต่อเซิร์ฟเวอร์ไม่ได้");
    expect(alert.textContent).not.toMatch(/TypeError|Failed to fetch/);
  });

  it("shows the API's words in the reader's language only", async () => {
    const error = new ApiError(404, {
      status: 404,
      title: "Not Found",
      detail: "ไม่พบหน่วยงานรหัส 0000000 (No agency 0000000.)",
    });
    render(<ErrorState error={error} onRetry={() => {}} />);
    expect(screen.getByRole("alert").textContent).toContain("ไม่พบหน่วยงานรหัส 0000000");
    // A 404 will not change by asking again: no retry button.
    expect(screen.queryByRole("button")).toBeNull();
    expect(screen.getByRole("alert").textContent).not.toContain("No agency");
    cleanup();
    await act(() => i18n.changeLanguage("en"));
    render(<ErrorState error={error} />);
    expect(screen.getByRole("alert").textContent).toContain("No agency 0000000.");
    expect(screen.getByRole("alert").textContent).not.toContain("ไม่พบ");
  });
});
