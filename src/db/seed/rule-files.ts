/**
 * The seeded jurisdictions and contribution rule versions: the JSON files under `rules/` at the
 * repository root, one per jurisdiction (`rules/de.json` holds DE), in the format of
 * `POST /v1/admin/rules` and the handed cases (rules/README.md says what each field means).
 *
 * Each file is `{ jurisdiction, note?, rules }`: the jurisdiction as `POST /v1/admin/jurisdictions`
 * takes it (code, name, IANA time zone, currency), an optional note on the jurisdiction as a whole (why
 * there is no rule, what every version shares), and its dated rule versions, each with its legal source,
 * status and note. Both are checked with the very schemas the admin API uses (`jurisdictionInputSchema`,
 * `ruleInputSchema`), so a file the API would refuse fails the seed and tests/rules/rule-files.test.ts.
 *
 * The files are imported as JSON modules (not read from disk), so the seed runs unchanged under tsx on
 * Node and inside workerd, where the Workers tests seed D1 through src/db/seed-sql.ts and Vite bundles
 * the JSON. A new jurisdiction file is added to RULE_FILES below; the test checks that the list and the
 * folder agree.
 */
import { z } from "zod";
import { compareCodeUnits } from "../../domain/ordering.js";
import {
  jurisdictionInputSchema,
  ruleInputSchema,
  type JurisdictionInput,
  type RuleInput,
} from "../../schemas/rule.js";
import au from "../../../rules/au.json" with { type: "json" };
import br from "../../../rules/br.json" with { type: "json" };
import ca from "../../../rules/ca.json" with { type: "json" };
import de from "../../../rules/de.json" with { type: "json" };
import fr from "../../../rules/fr.json" with { type: "json" };
import gb from "../../../rules/gb.json" with { type: "json" };
import inKarnataka from "../../../rules/in.json" with { type: "json" };
import ke from "../../../rules/ke.json" with { type: "json" };
import my from "../../../rules/my.json" with { type: "json" };
import nl from "../../../rules/nl.json" with { type: "json" };
import ph from "../../../rules/ph.json" with { type: "json" };
import sg from "../../../rules/sg.json" with { type: "json" };
import us from "../../../rules/us.json" with { type: "json" };

/** The content of every file under rules/, by file name. */
export const RULE_FILES: Readonly<Record<string, unknown>> = {
  "au.json": au,
  "br.json": br,
  "ca.json": ca,
  "de.json": de,
  "fr.json": fr,
  "gb.json": gb,
  "in.json": inKarnataka,
  "ke.json": ke,
  "my.json": my,
  "nl.json": nl,
  "ph.json": ph,
  "sg.json": sg,
  "us.json": us,
};

/** One jurisdiction file. */
export const ruleFileSchema = z.strictObject({
  jurisdiction: jurisdictionInputSchema,
  note: z.string().min(1).max(4000).optional(),
  rules: z.array(ruleInputSchema).max(200),
});

export interface RuleFile {
  jurisdiction: JurisdictionInput;
  note?: string;
  rules: RuleInput[];
}

/** Validates one file; the error names the file and the failing fields. */
export function parseRuleFile(name: string, content: unknown): RuleFile {
  const parsed = ruleFileSchema.safeParse(content);
  if (!parsed.success) throw new Error(`rules/${name}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Every rule file, validated, in file-name order (code units, src/domain/ordering.ts: the same on every runtime). */
export const ruleFiles: readonly RuleFile[] = Object.entries(RULE_FILES)
  .sort(([a], [b]) => compareCodeUnits(a, b))
  .map(([name, content]) => parseRuleFile(name, content));

/** The seeded jurisdictions. */
export const seedJurisdictions: readonly JurisdictionInput[] = ruleFiles.map((f) => f.jurisdiction);

/** The seeded rule versions of every jurisdiction, as the admin API would store them (defaults applied). */
export const seedRules: readonly RuleInput[] = ruleFiles.flatMap((f) => f.rules);
