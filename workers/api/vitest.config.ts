import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

// Tests run inside workerd with a real local D1 (isolated per test file) and the real migrations.
export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: root("wrangler.toml") },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(root("migrations")),
          AUTH_SECRET: "test-secret-for-vitest-only-0123456789abcdef",
        },
      },
    })),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    // vitest's default 5 s is too tight here: the lock-out tests hash 20+ passwords (scrypt, ~3.5 s on this
    // machine) and CI machines are slower; one of them timed out in CI. A hang still fails, after 30 s.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: ["./test/apply-migrations.ts"],
    // Real HTTP servers on 127.0.0.1 for the link-health tests (workerd cannot listen); addresses via inject().
    globalSetup: ["./test/global-setup-links.ts"],
    // Failed sign-ins are tested on purpose; better-auth warns about each one.
    onConsoleLog: (log) => !/WARN \[Better Auth\]: (Invalid password|User not found)/.test(log),
  },
});
