import { defineConfig } from "vitest/config";

// vitest's default 5 s per test is too tight for CI machines slower than ours (a 2 s test here timed out
// there under load); a hang still fails, after 30 s.
export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 30_000 },
});
