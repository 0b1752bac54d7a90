/** Types of the Workers tests: the bindings (wrangler.toml plus vitest.workers.config.ts) and the main module. */
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    TEST_LEDGER_DE: D1Database;
    TEST_LEDGER_FR: D1Database;
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    ADMIN_API_KEY: string;
    SECRETS_KEY: string;
    NATIONAL_ID_KEY: string;
    LINK_SIGNING_KEY: string;
    RECEIPT_SIGNING_KEY: string;
  }
  interface GlobalProps {
    mainModule: typeof import("../src/worker.js");
  }
}
