/**
 * The handed cases (../shared/cases, docs/design.md §7), one test per case file, each run end to end over HTTP
 * on a fresh local instance by scripts/lib/run-case.ts. The expected answers are the case files' own
 * (computed by whoever handed them, not by this code). Without ../shared (a clean clone), the copies in
 * tests/cases/ run instead; with it, the copies must be identical to the originals.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { caseFiles, parseCase, runCase } from "../scripts/lib/run-case.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SHARED_DIR = join(ROOT, "../shared/cases");
const COPY_DIR = join(ROOT, "tests/cases");
const CASES_DIR = existsSync(SHARED_DIR) ? SHARED_DIR : COPY_DIR;

/** A minute for setup plus 30 ms a delivery (case 01's 10,000 deliveries took ~80 s on a loaded 2-core machine). */
function timeoutFor(text: string): number {
  const parsed = parseCase(text, "1970-01-01");
  return 60_000 + 30 * (parsed.ok ? parsed.value.events.length : 0);
}

describe("handed cases", () => {
  it("keeps tests/cases identical to the handed cases", () => {
    const copies = caseFiles(COPY_DIR).map((f) => relative(COPY_DIR, f));
    expect(copies.length).toBeGreaterThan(0);
    if (CASES_DIR === SHARED_DIR) {
      expect(copies).toEqual(caseFiles(SHARED_DIR).map((f) => relative(SHARED_DIR, f)));
      for (const name of copies)
        expect(readFileSync(join(COPY_DIR, name), "utf8"), name).toBe(
          readFileSync(join(SHARED_DIR, name), "utf8"),
        );
    }
  });

  for (const file of caseFiles(CASES_DIR)) {
    const text = readFileSync(file, "utf8");
    it(relative(CASES_DIR, file), { timeout: timeoutFor(text) }, async () => {
      const result = await runCase(text);
      expect(result.ok, `${result.name}: ${result.firstDifference}`).toBe(true);
    });
  }
});
