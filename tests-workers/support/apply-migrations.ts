/** Before each test file (its own D1 storage): the drizzle/ migrations, as `wrangler d1 migrations apply` would. */
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
