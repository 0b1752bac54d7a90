/**
 * Vitest inside workerd (@cloudflare/vitest-pool-workers): tests-workers/ runs against the Worker of
 * src/worker.ts with the bindings of wrangler.toml, on a local D1 database that miniflare keeps per
 * test file (storage is isolated per file). `npm test` runs this after the Node suite (vitest.config.ts).
 *
 * Bindings added for the tests: two spare D1 databases (TEST_LEDGER_DE, TEST_LEDGER_FR), the drizzle/ migrations (TEST_MIGRATIONS, applied by
 * tests-workers/support/apply-migrations.ts before each file) and fresh random keys for this run (so no
 * .dev.vars or secret is needed or read), and LOG_LEVEL=warn (src/worker-host.ts).
 */
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { generateReceiptSigningKey } from "./src/config.js";

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const key = () => randomBytes(32).toString("base64");

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      main: path("./src/worker.ts"),
      wrangler: { configPath: path("./wrangler.toml") },
      miniflare: {
        // Two spare D1 databases for tests-workers/shards.test.ts, which binds them as LEDGER_DE and
        // LEDGER_FR for its requests only (names that src/worker-runtime.ts does not take as shards).
        d1Databases: ["TEST_LEDGER_DE", "TEST_LEDGER_FR"],
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(path("./drizzle")),
          ADMIN_API_KEY: `clk_admin_test_${randomBytes(24).toString("hex")}`,
          SECRETS_KEY: key(),
          NATIONAL_ID_KEY: key(),
          LINK_SIGNING_KEY: key(),
          RECEIPT_SIGNING_KEY: generateReceiptSigningKey(),
          // Request logs (one JSON line each) would bury the test output: warnings and errors only.
          LOG_LEVEL: "warn",
          // The handed cases date events years ahead (scripts/lib/run-case.ts CASES_MAX_FUTURE_S).
          OCCURRED_AT_MAX_FUTURE_S: String(10 * 365 * 86_400),
        },
      },
    }),
  ],
  test: {
    // WORKERD_BENCH=1 (npm run bench:workerd) runs the workerd benchmarks of bench/workerd/ instead.
    include: process.env.WORKERD_BENCH === "1" ? ["bench/workerd/*.ts"] : ["tests-workers/**/*.test.ts"],
    setupFiles: ["tests-workers/support/apply-migrations.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
}));
