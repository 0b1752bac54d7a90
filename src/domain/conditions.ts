/**
 * Rule conditions: `applies_when`, a CEL expression (Common Expression Language, cel.dev) over the facts
 * of a payout (../shared/cases/README.md "rules v2"), evaluated with @bufbuild/cel.
 *
 * Facts an expression sees:
 * - `worker.age` (int): completed years on the last day of the month before the payout's local month, so
 *   an age band changes from the month after the birthday month, as Singapore's CPF does; present only
 *   when the event carries `worker.birth_date`;
 * - `worker.birth_date` (string "YYYY-MM-DD", only when sent), `worker.flags` (list of strings, empty
 *   when absent);
 * - `task.type` (string, only when sent), `task.attributes` (map of strings, empty when absent).
 * Nothing else: compileCondition refuses any other identifier or field, and an expression that is not
 * boolean or fails on complete facts, so a rule that would break on payouts is refused when published.
 *
 * An expression is parsed and planned once per rule version (compileCondition); evaluation is a call of
 * the plan. CEL's `&&` and `||` absorb errors (false && error = false), so a fact is "missing" only when
 * the result depends on it: then evaluate answers `{missing: "task.attributes.vehicle"}` (the field the
 * event must carry), and the ledger rejects the event instead of silently skipping the contribution.
 */
import { celEnv, isCelError, parse, plan, type CelError } from "@bufbuild/cel";

/** The facts of one payout (module doc). */
export interface ConditionFacts {
  age?: number;
  birthDate?: string;
  flags: readonly string[];
  taskType?: string;
  attributes: Readonly<Record<string, string>>;
}

export type ConditionResult = { applies: boolean } | { missing: string } | { error: string };

/** A compiled `applies_when`. `references` lists the fact paths it reads ("worker.age", "task.attributes.service"). */
export interface Condition {
  source: string;
  references: readonly string[];
  evaluate(facts: ConditionFacts): ConditionResult;
}

/** An expression that cannot be a rule condition; `message` says why. */
export class ConditionError extends Error {}

const FIELDS: Record<string, readonly string[]> = {
  worker: ["age", "birth_date", "flags"],
  task: ["type", "attributes"],
};
/** The event field a platform must send for a fact: the age comes from the birth date. */
const SENT_AS: Record<string, string> = { "worker.age": "worker.birth_date" };

/** The first name of a dotted path ("worker" of "worker.age"). */
const rootOf = (path: string): string => path.split(".", 1)[0] ?? path;

const env = celEnv();

type Expr = ReturnType<typeof parse>["expr"];

/** The dotted path of a fact expression (`task.attributes.vehicle`, `task.attributes["vehicle"]`), else undefined. */
function pathOf(expr: Expr): string | undefined {
  const kind = expr.exprKind;
  if (kind.case === "identExpr") return kind.value.name;
  if (kind.case === "selectExpr" && kind.value.operand) {
    const base = pathOf(kind.value.operand);
    return base === undefined ? undefined : `${base}.${kind.value.field}`;
  }
  if (kind.case === "callExpr" && kind.value.function === "_[_]" && kind.value.args.length === 2) {
    const [operand, key] = kind.value.args as [Expr, Expr];
    const base = pathOf(operand);
    const k =
      key.exprKind.case === "constExpr" && key.exprKind.value.constantKind.case === "stringValue"
        ? key.exprKind.value.constantKind.value
        : undefined;
    return base === undefined || k === undefined ? undefined : `${base}.${k}`;
  }
  return undefined;
}

/** Walks the AST: checks identifiers and fields against FIELDS, records expressions by id and fact paths. */
function inspect(
  expr: Expr,
  scope: ReadonlySet<string>,
  byId: Map<bigint, Expr>,
  references: Set<string>,
): void {
  byId.set(expr.id, expr);
  const kind = expr.exprKind;
  const visit = (e: Expr | undefined, s: ReadonlySet<string> = scope) => e && inspect(e, s, byId, references);
  switch (kind.case) {
    case "identExpr":
      if (!scope.has(kind.value.name) && !(kind.value.name in FIELDS))
        throw new ConditionError(
          `unknown name "${kind.value.name}": an expression sees only worker.{age,birth_date,flags} and task.{type,attributes}`,
        );
      return;
    case "selectExpr": {
      const operand = kind.value.operand;
      if (operand?.exprKind.case === "identExpr" && !scope.has(operand.exprKind.value.name)) {
        const allowed = FIELDS[operand.exprKind.value.name];
        if (allowed && !allowed.includes(kind.value.field))
          throw new ConditionError(`unknown fact "${operand.exprKind.value.name}.${kind.value.field}"`);
      }
      const path = pathOf(expr);
      if (path && !scope.has(rootOf(path))) references.add(path);
      visit(operand);
      return;
    }
    case "callExpr": {
      const path = pathOf(expr);
      if (path && !scope.has(rootOf(path))) references.add(path);
      visit(kind.value.target);
      for (const arg of kind.value.args) visit(arg);
      return;
    }
    case "listExpr":
      for (const e of kind.value.elements) visit(e);
      return;
    case "structExpr":
      for (const entry of kind.value.entries) {
        if (entry.keyKind.case === "mapKey") visit(entry.keyKind.value);
        visit(entry.value);
      }
      return;
    case "comprehensionExpr": {
      const c = kind.value;
      visit(c.iterRange);
      visit(c.accuInit);
      const inner = new Set([...scope, c.iterVar, c.iterVar2, c.accuVar].filter(Boolean));
      visit(c.loopCondition, inner);
      visit(c.loopStep, inner);
      visit(c.result, inner);
      return;
    }
    default:
      return;
  }
}

function bindings(facts: ConditionFacts) {
  const worker = new Map<string, unknown>([["flags", [...facts.flags]]]);
  if (facts.age !== undefined) worker.set("age", BigInt(facts.age));
  if (facts.birthDate !== undefined) worker.set("birth_date", facts.birthDate);
  const task = new Map<string, unknown>([["attributes", new Map(Object.entries(facts.attributes))]]);
  if (facts.taskType !== undefined) task.set("type", facts.taskType);
  return { worker, task } as unknown as Record<string, never>;
}

/** Complete facts for the publish-time trial run (attribute keys are open, so their absence is not a fault). */
const TRIAL_FACTS: ConditionFacts = {
  age: 40,
  birthDate: "1986-01-01",
  flags: ["trial"],
  taskType: "trial",
  attributes: {},
};

/** Compiled conditions by source text: a rule book reloaded (or, on Workers, read per request) reuses them. */
const compiled = new Map<string, Condition>();
/** Most distinct sources kept; past it the cache starts afresh (a bound, not an expected case). */
const MAX_COMPILED = 10_000;

/**
 * Compiles an `applies_when` source, once per distinct source in this process or isolate (pure, so the
 * compiled plan is shared). Throws ConditionError on a syntax error, an unknown name or fact, or an
 * expression that is not boolean or fails on complete facts (module doc).
 */
export function compileCondition(source: string): Condition {
  const known = compiled.get(source);
  if (known) return known;
  const condition = compile(source);
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(source, condition);
  return condition;
}

function compile(source: string): Condition {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(source);
  } catch (error) {
    throw new ConditionError(`not a CEL expression: ${(error as Error).message}`);
  }
  const byId = new Map<bigint, Expr>();
  const references = new Set<string>();
  inspect(parsed.expr, new Set(), byId, references);
  const run = plan(env, parsed);
  const evaluate = (facts: ConditionFacts): ConditionResult => {
    const result = run(bindings(facts));
    if (isCelError(result)) return missingOrError(result, byId, references, facts);
    if (typeof result !== "boolean") return { error: `applies_when gave ${typeof result}, not a boolean` };
    return { applies: result };
  };
  const trial = evaluate(TRIAL_FACTS);
  if ("error" in trial) throw new ConditionError(trial.error);
  const leaves = [...references].filter((r) => ![...references].some((other) => other.startsWith(`${r}.`)));
  return { source, references: leaves.sort(), evaluate };
}

/**
 * Turns a CEL error into the fact the event lacks, when it is one (module doc), else the error's message.
 * The failing expression (by id) gives the path; for an index `m["k"]` the runtime names the key only, so
 * the key is looked up among the paths the expression reads.
 */
function missingOrError(
  error: CelError,
  byId: Map<bigint, Expr>,
  references: ReadonlySet<string>,
  facts: ConditionFacts,
): ConditionResult {
  const key = /(?:no such key|field not found): (\S+)/.exec(error.message)?.[1];
  if (key !== undefined) {
    const expr = error.exprId === undefined ? undefined : byId.get(error.exprId);
    const fromExpr = expr && pathOf(expr);
    const candidates = fromExpr?.endsWith(`.${key}`)
      ? [fromExpr]
      : [...references].filter((r) => r.endsWith(`.${key}`));
    const path = candidates.length === 1 ? candidates[0] : undefined;
    if (path === "worker.age" && facts.age === undefined) return { missing: SENT_AS[path] ?? path };
    if (
      path !== undefined &&
      (path.startsWith("task.attributes.") || path === "task.type" || path === "worker.birth_date")
    )
      return { missing: path };
  }
  return { error: `applies_when failed: ${error.message}` };
}

/**
 * Completed years of a worker born on `birthDate` ("YYYY-MM-DD") on the last day of the month before the
 * month of `localDay` (module doc): born 1998-06-10, a payout on 2026-06-15 -> age on 2026-05-31 -> 27;
 * on 2026-07-01 -> 28. Returns a negative number when the birth date lies after that day.
 */
export function workerAge(birthDate: string, localDay: string): number {
  // On the last day of a month everyone born in that month or earlier in the year has had a birthday.
  let year = Number(localDay.slice(0, 4));
  let month = Number(localDay.slice(5, 7)) - 1;
  if (month === 0) {
    year -= 1;
    month = 12;
  }
  const years = year - Number(birthDate.slice(0, 4));
  return Number(birthDate.slice(5, 7)) > month ? years - 1 : years;
}
