import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Component and logic tests of the dashboard in jsdom. The browser (end-to-end) tests live in e2e/ and run
// against a real Worker with Chromium: `tsx e2e/run.ts` (npm test runs both).
export default defineConfig({
  plugins: [react()],
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    // The default 5 s is too tight for slower CI machines (1 s tests here); a hang still fails, after 30 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
