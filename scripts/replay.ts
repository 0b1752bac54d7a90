/**
 * `npm run replay -- <csv> [--shift-to YYYY-MM-DD] [--batch N] [--url URL] [--platform slug]
 *  [--secret whsec_...] [--concurrency N]`
 *
 * Sends a payout CSV (data/crowdflower-sample.csv, or the full ../shared/data/crowdflower-payouts.csv)
 * through the signed webhook path of a running service (scripts/lib/replay.ts), with progress on
 * stderr, then prints the counts, wall time, events/s and the period totals on stdout.
 *
 * Defaults: --url http://127.0.0.1:8787, --batch 500, --platform crowdflower, --concurrency 2.
 * The secret comes from --secret, else $WEBHOOK_SECRET, else `platform.webhook_secret` in
 * data/dev-keys.json (written by `npm start` in development mode, see src/server.ts).
 * Exit status: 0 when every batch was answered, 1 when a batch finally failed, 2 on bad arguments.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { DEV_KEYS_FILE } from "../src/config.js";
import { calendarDate } from "../src/schemas/common.js";
import { MAX_EVENTS_PER_DELIVERY } from "../src/schemas/payout-event.js";
import { formatSummary, replay, type ReplayProgress } from "./lib/replay.js";

const PROGRESS_STEPS = 20; // a line every 5 %
const PROGRESS_INTERVAL_MS = 2_000;

const argsSchema = z.object({
  csv: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }).default("http://127.0.0.1:8787"),
  platform: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, "must be a platform slug")
    .default("crowdflower"),
  batch: z.coerce.number().int().min(1).max(MAX_EVENTS_PER_DELIVERY).default(500),
  concurrency: z.coerce.number().int().min(1).max(64).default(2),
  "shift-to": calendarDate.optional(),
  secret: z.string().startsWith("whsec_", "must be a whsec_ secret").optional(),
});

const devKeysSchema = z.object({ platform: z.object({ slug: z.string(), webhook_secret: z.string() }) });

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run replay -- <csv> [--shift-to YYYY-MM-DD] [--batch N] [--url URL] [--platform slug] [--secret whsec_...] [--concurrency N]`,
  );
  process.exit(2);
}

function webhookSecret(fromArgs: string | undefined, platform: string): string {
  const secret = fromArgs ?? process.env.WEBHOOK_SECRET;
  if (secret) return secret;
  if (!existsSync(DEV_KEYS_FILE))
    usage(
      `no webhook secret: pass --secret, set WEBHOOK_SECRET, or start the service in development mode (npm start) to write ${DEV_KEYS_FILE}`,
    );
  const keys = devKeysSchema.safeParse(JSON.parse(readFileSync(DEV_KEYS_FILE, "utf8")));
  if (!keys.success) usage(`${DEV_KEYS_FILE} has no platform.webhook_secret; pass --secret`);
  if (keys.data.platform.slug !== platform)
    usage(
      `${DEV_KEYS_FILE} holds the secret of platform "${keys.data.platform.slug}", not "${platform}"; pass --secret`,
    );
  return keys.data.platform.webhook_secret;
}

/** Progress on stderr: a line at every 5 % step or every 2 s, rewritten in place (\r) on a terminal. */
function progressPrinter(): { update(p: ReplayProgress): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  const n = new Intl.NumberFormat("en-US");
  const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 0 });
  let lastStep = 0;
  let lastAt = 0;
  let printed = false;
  return {
    update(p) {
      const step = Math.floor(p.fraction * PROGRESS_STEPS);
      if (step === lastStep && p.elapsedMs - lastAt < PROGRESS_INTERVAL_MS) return;
      lastStep = step;
      lastAt = p.elapsedMs;
      const c = p.counts;
      const rate = n.format(Math.round(p.events / Math.max(p.elapsedMs / 1000, 0.001)));
      const line = `replay ${percent.format(p.fraction)}  ${n.format(p.events)} events  recorded ${n.format(c.recorded)} duplicate ${n.format(c.duplicate)} rejected ${n.format(c.rejected)} conflict ${n.format(c.conflict)} failed ${n.format(c.failed)}  ${rate}/s`;
      process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
      printed = true;
    },
    end() {
      if (tty && printed) process.stderr.write("\n");
    },
  };
}

async function main() {
  const readArgs = () =>
    parseArgs({
      allowPositionals: true,
      options: {
        "shift-to": { type: "string" },
        batch: { type: "string" },
        url: { type: "string" },
        platform: { type: "string" },
        secret: { type: "string" },
        concurrency: { type: "string" },
      },
    });
  let parsed: ReturnType<typeof readArgs>;
  try {
    parsed = readArgs();
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  if (parsed.positionals.length !== 1) usage("give exactly one CSV file");
  const args = argsSchema.safeParse({ ...parsed.values, csv: parsed.positionals[0] });
  if (!args.success) usage(args.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
  if (!existsSync(args.data.csv)) usage(`no such file: ${args.data.csv}`);

  const progress = progressPrinter();
  const summary = await replay({
    csvPath: args.data.csv,
    baseUrl: args.data.url.replace(/\/+$/, ""),
    platform: args.data.platform,
    secret: webhookSecret(args.data.secret, args.data.platform),
    batchSize: args.data.batch,
    concurrency: args.data.concurrency,
    ...(args.data["shift-to"] ? { shiftTo: args.data["shift-to"] } : {}),
    onProgress: progress.update,
  });
  progress.end();
  console.log(formatSummary(summary));
  if (summary.failedBatches > 0) process.exitCode = 1;
}

await main();
