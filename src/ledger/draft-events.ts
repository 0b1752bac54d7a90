/**
 * Turns validated new events into ledger rows (phase 1: legs; phase 2: accrual), without writing.
 *
 * A payout gets one leg per rule version in force on its local date in its jurisdiction's zone whose
 * condition holds for the payout's facts (src/domain/conditions.ts); a rule that needs a fact the event
 * lacks rejects the event (missing-fact). A leg's base is the sum of the rule's base components, converted
 * to the rule's currency, times the base fraction chosen by the task's attributes. Its accrual is the
 * worker identity's (assessment "person"), the platform's part of it (assessment "platform") or the payout
 * alone (period "transaction").
 *
 * A reversal gets one negative leg per entry of the payout it reverses, in that payout's period, at that
 * payout's exchange rate, rule version and base fraction, without evaluating any condition. Its components
 * are the ones it names (each at most what remains of that component) or else what remains of the
 * payout's components, pro rata (src/domain/components.ts allocateProRata). Anything impossible becomes a
 * Rejection for that event alone; the other events of the batch go on.
 */
import {
  allEarnings,
  allocateProRata,
  COMPONENT_TYPES,
  minus,
  plus,
  sumOf,
  type Components,
} from "../domain/components.js";
import { workerAge, type ConditionFacts } from "../domain/conditions.js";
import {
  accrue,
  baseFractionFor,
  rulesInForce,
  type Accrual,
  type RuleVersion,
  EMPTY_ACCRUAL,
} from "../domain/contributions.js";
import type { Basis } from "../domain/explanation.js";
import { ecbCrossRate, type FxConversion } from "../domain/fx.js";
import { defined } from "../domain/invariant.js";
import { Dec, fromMinor } from "../domain/money.js";
import { localDate, periodKey } from "../domain/periods.js";
import type { FxRates } from "../db/fx-repo.js";
import type { JurisdictionRow } from "../db/rules-repo.js";
import type { ledgerEntries, ledgerEvents } from "../db/schema.js";
import type { PayoutCommand } from "../schemas/payout-event.js";

type ReversalCommand = Extract<PayoutCommand, { type: "reversal" }>;
import type { EntryFields, EntryRow, EventFields, EventRow } from "./event-result.js";
import { accrualId, componentsOf, type AccrualKey } from "./ledger-reads.js";
import type { Rejection } from "./rejection.js";

export type NewEventRow = typeof ledgerEvents.$inferInsert & EventFields;
export type NewEntryRow = typeof ledgerEntries.$inferInsert & EntryFields;

/** An event with its legs, before accrual. */
export interface Draft {
  row: NewEventRow;
  legs: Leg[];
}

interface Leg extends AccrualKey {
  rule: RuleVersion;
  periodKey: string;
  month: string;
  baseDelta: Dec;
  baseFraction: Dec;
  fx: FxConversion | null;
  basis: Basis | null;
}

/** What a payout left in the ledger, for reversals: its event row, its entries and what was reversed so far. */
export interface ReversalTarget {
  event: Pick<
    EventRow,
    | "eventId"
    | "type"
    | "workerRef"
    | "jurisdiction"
    | "amountMinor"
    | "currency"
    | "subjectKey"
    | "components"
  >;
  entries: Pick<
    EntryRow,
    "ruleId" | "periodKey" | "month" | "accrualKey" | "fxRate" | "fxSource" | "baseFraction"
  >[];
  reversedMinor: number;
  /** Components reversed so far, minor units. */
  reversedComponents: Components;
  count: number;
}

export interface DraftContext {
  platformId: number;
  receivedAt: string;
  jurisdictions: Map<string, JurisdictionRow>;
  rules: RuleVersion[];
  rulesById: Map<number, RuleVersion>;
  fx: FxRates;
  subjectKeyOf(event: PayoutCommand): Promise<{ subjectKey: string; nationalIdHash: string | null }>;
  /** Reversal targets by payout id; new payouts of the same batch are added as they are drafted. */
  targets: Map<string, ReversalTarget>;
}

/** The stored form of components: null when they are all earnings (as for an event sent without any). */
function storedComponents(components: Components, amountMinor: number): string | null {
  return components.earnings === amountMinor ? null : JSON.stringify(components);
}

async function conversion(
  ctx: DraftContext,
  event: PayoutCommand,
  rule: RuleVersion,
  day: string,
): Promise<FxConversion | null | Rejection> {
  if (event.currency === rule.currency) return null;
  if (event.fxRate) return { rate: event.fxRate, source: "event" };
  const [from, to] = await Promise.all([
    event.currency === "EUR" ? undefined : ctx.fx.quote(event.currency, day),
    rule.currency === "EUR" ? undefined : ctx.fx.quote(rule.currency, day),
  ]);
  if ((event.currency !== "EUR" && !from) || (rule.currency !== "EUR" && !to)) {
    return {
      code: "fx-rate-unavailable",
      detail: `no ECB reference rate for ${event.currency}->${rule.currency} within 7 days before ${day}; send fx_rate with the event`,
    };
  }
  return ecbCrossRate(event.currency, rule.currency, from, to);
}

/** The running-total key of a leg: per payout for `transaction`, per platform for assessment `platform`, else the period. */
function accrualKeyOf(rule: RuleVersion, period: string, platformId: number, payoutId: string): string {
  if (rule.period === "transaction") return `${period}#${platformId}:${payoutId}`;
  return rule.assessment === "platform" ? `${period}@p${platformId}` : period;
}

/** Phase 1: the legs of one new event, or why it cannot be recorded. */
export async function draftEvent(
  ctx: DraftContext,
  event: PayoutCommand,
  contentHash: string,
): Promise<Draft | Rejection> {
  const jurisdiction = ctx.jurisdictions.get(event.worker.country);
  const day = localDate(event.occurredAt, jurisdiction?.timezone ?? "UTC");
  const reversal = event.type === "reversal" ? event : undefined;
  const { subjectKey, nationalIdHash } = await ctx.subjectKeyOf(event);
  const row: NewEventRow = {
    platformId: ctx.platformId,
    eventId: event.id,
    type: event.type,
    contentHash,
    occurredAt: event.occurredAt.toISOString(),
    localDate: day,
    jurisdiction: event.worker.country,
    workerRef: event.worker.id,
    subjectKey,
    nationalIdHash,
    amountMinor: event.amountMinor,
    currency: event.currency,
    reversesEventId: reversal?.reverses ?? null,
    reversalNo: null,
    taskId: event.task?.id ?? null,
    taskType: event.task?.type ?? null,
    taskDurationS: event.task?.durationS ?? null,
    taskAttributes:
      event.task?.attributes && Object.keys(event.task.attributes).length > 0
        ? JSON.stringify(event.task.attributes)
        : null,
    components: null,
    receivedAt: ctx.receivedAt,
    reversalReason: reversal?.reason ?? null,
    reversalNote: reversal?.reasonNote ?? null,
    workerStatus: event.worker.status ?? null,
  };
  return reversal ? draftReversal(ctx, reversal, row) : draftPayout(ctx, event, row, jurisdiction);
}

/** The facts a condition sees (src/domain/conditions.ts), or a rejection for an impossible birth date. */
function factsOf(event: PayoutCommand, day: string): ConditionFacts | Rejection {
  const birthDate = event.worker.birthDate;
  const age = birthDate === undefined ? undefined : workerAge(birthDate, day);
  if (age !== undefined && age < 0) {
    return {
      code: "invalid-event",
      detail: "worker.birth_date lies after the payout's month",
      errors: [{ path: "worker.birth_date", message: "must lie before the payout's month" }],
    };
  }
  return {
    ...(age !== undefined ? { age } : {}),
    ...(birthDate !== undefined ? { birthDate } : {}),
    flags: [...event.worker.flags],
    ...(event.task?.type !== undefined ? { taskType: event.task.type } : {}),
    attributes: { ...event.task?.attributes },
  };
}

/** Whether `rule` applies to a payout with `facts`: its basis facts, false, or a rejection naming what is missing. */
function applies(rule: RuleVersion, facts: ConditionFacts): Pick<Basis, "age" | "facts"> | false | Rejection {
  if (!rule.condition) return {};
  const result = rule.condition.evaluate(facts);
  if ("missing" in result) {
    return {
      code: "missing-fact",
      detail: `rule ${rule.code} in force needs ${result.missing}, which the event does not carry`,
      errors: [{ path: result.missing, message: `required by rule ${rule.code}` }],
    };
  }
  if ("error" in result)
    return { code: "rule-condition-failed", detail: `rule ${rule.code}: ${result.error}` };
  if (!result.applies) return false;
  const read: Record<string, string> = {};
  let age: number | undefined;
  for (const path of rule.condition.references) {
    if (path === "worker.age") age = facts.age;
    else if (path === "worker.flags" && facts.flags.length > 0) read[path] = facts.flags.join(", ");
    else if (path === "task.type" && facts.taskType !== undefined) read[path] = facts.taskType;
    else if (path.startsWith("task.attributes.")) {
      const value = facts.attributes[path.slice(16)];
      if (value !== undefined) read[path] = value;
    }
  }
  return { ...(age !== undefined ? { age } : {}), ...(Object.keys(read).length > 0 ? { facts: read } : {}) };
}

async function draftPayout(
  ctx: DraftContext,
  event: PayoutCommand,
  row: NewEventRow,
  jurisdiction: JurisdictionRow | undefined,
): Promise<Draft | Rejection> {
  const components = event.components ?? allEarnings(row.amountMinor);
  row.components = event.components ? storedComponents(components, row.amountMinor) : null;
  const facts = factsOf(event, row.localDate);
  if ("code" in facts) return facts;
  const legs: Leg[] = [];
  const rules = jurisdiction ? rulesInForce(ctx.rules, jurisdiction.code, row.localDate) : [];
  for (const rule of rules) {
    const applied = applies(rule, facts);
    if (applied === false) continue;
    if ("code" in applied) return applied;
    const chosen = baseFractionFor(rule, facts.attributes);
    if ("missing" in chosen)
      return {
        code: "missing-fact",
        detail: `rule ${rule.code} in force needs ${chosen.missing} for its base fraction`,
        errors: [{ path: chosen.missing, message: `required by rule ${rule.code}` }],
      };
    const fx = await conversion(ctx, event, rule, row.localDate);
    if (fx && "code" in fx) return fx;
    const converted = fromMinor(sumOf(components, rule.baseComponents), row.currency).times(fx ? fx.rate : 1);
    const period = periodKey(row.localDate, rule.period, rule.taxYearStart);
    const excluded = COMPONENT_TYPES.filter(
      (t) => (components[t] ?? 0) > 0 && !rule.baseComponents.includes(t),
    );
    const basis: Basis = {
      ...applied,
      ...(chosen.by !== undefined
        ? {
            fraction: {
              by: chosen.by,
              ...(chosen.value !== undefined ? { value: chosen.value } : {}),
              fraction: chosen.fraction.toString(),
            },
          }
        : {}),
      ...(excluded.length > 0 ? { excluded } : {}),
    };
    legs.push({
      rule,
      subjectKey: row.subjectKey,
      ruleCode: rule.code,
      accrualKey: accrualKeyOf(rule, period, ctx.platformId, event.id),
      periodKey: period,
      month: row.localDate.slice(0, 7),
      baseDelta: converted.times(chosen.fraction),
      baseFraction: chosen.fraction,
      fx,
      basis: Object.keys(basis).length > 0 ? basis : null,
    });
  }
  ctx.targets.set(event.id, {
    event: row as ReversalTarget["event"],
    entries: legs.map((l) => ({
      ruleId: l.rule.id,
      periodKey: l.periodKey,
      month: l.month,
      accrualKey: l.accrualKey,
      fxRate: l.fx?.rate ?? null,
      fxSource: l.fx?.source ?? null,
      baseFraction: l.baseFraction.toString(),
    })),
    reversedMinor: 0,
    reversedComponents: {},
    count: 0,
  });
  return { row, legs };
}

/** The components a reversal takes from what remains of its payout, or why it cannot. */
function reversalComponents(
  event: ReversalCommand,
  remaining: Components,
  amountMinor: number,
): Components | Rejection {
  const named = event.components;
  if (!named) return allocateProRata(remaining, amountMinor);
  for (const type of COMPONENT_TYPES) {
    if ((named[type] ?? 0) > (remaining[type] ?? 0)) {
      return {
        code: "reversal-exceeds-remaining",
        detail: `the reversal's ${type} exceeds what remains of it in payout "${event.reverses}"`,
        errors: [{ path: "components", message: `${type} exceeds what remains` }],
      };
    }
  }
  return named;
}

function draftReversal(ctx: DraftContext, event: ReversalCommand, row: NewEventRow): Draft | Rejection {
  const target = ctx.targets.get(event.reverses);
  if (target?.event.type !== "payout") {
    return {
      code: "reversal-target-unknown",
      detail: `no payout "${event.reverses}" of this platform to reverse`,
    };
  }
  if (
    target.event.workerRef !== event.worker.id ||
    target.event.jurisdiction !== event.worker.country ||
    target.event.currency !== event.currency ||
    target.event.subjectKey !== row.subjectKey
  ) {
    return {
      code: "reversal-mismatch",
      detail: `a reversal must name the same worker id, country and currency as payout "${event.reverses}"`,
    };
  }
  const remainingMinor = target.event.amountMinor - target.reversedMinor;
  if (row.amountMinor > remainingMinor) {
    return {
      code: "reversal-exceeds-remaining",
      detail: `the reversal exceeds what remains of payout "${event.reverses}" (${fromMinor(remainingMinor, row.currency).toString()} ${row.currency})`,
    };
  }
  const components = reversalComponents(
    event,
    minus(componentsOf(target.event), target.reversedComponents),
    row.amountMinor,
  );
  if ("code" in components) return components;
  target.reversedMinor += row.amountMinor;
  target.reversedComponents = plus(target.reversedComponents, components);
  target.count += 1;
  row.reversalNo = target.count;
  row.components = storedComponents(components, row.amountMinor);
  const legs = target.entries.map((entry): Leg => {
    const rule = defined(ctx.rulesById.get(entry.ruleId), `rule version ${entry.ruleId} of a stored entry`);
    // Entries written before rules v2 carry no fraction: their rule had a single one.
    const fraction = new Dec(
      entry.baseFraction ?? (rule.baseFraction.by === null ? rule.baseFraction.value : 1),
    );
    const converted = fromMinor(sumOf(components, rule.baseComponents), row.currency).times(
      entry.fxRate ?? 1,
    );
    return {
      rule,
      subjectKey: row.subjectKey,
      ruleCode: rule.code,
      accrualKey: entry.accrualKey,
      periodKey: entry.periodKey,
      month: entry.month,
      baseDelta: converted.times(fraction).negated(),
      baseFraction: fraction,
      fx: entry.fxRate ? { rate: entry.fxRate, source: entry.fxSource ?? "payout" } : null,
      basis: null,
    };
  });
  return { row, legs };
}

/** Accrual keys the drafts touch, to read their latest running totals in one go. */
export function accrualKeysOf(drafts: readonly Draft[]): AccrualKey[] {
  return drafts.flatMap((d) =>
    d.legs.map(({ subjectKey, ruleCode, accrualKey }) => ({ subjectKey, ruleCode, accrualKey })),
  );
}

/**
 * Phase 2: accrues the legs of one draft on the running totals (updated in place on success) and
 * returns its entry rows; a Rejection leaves the totals untouched.
 */
export function accrueDraft(draft: Draft, states: Map<string, Accrual>): NewEntryRow[] | Rejection {
  const next = new Map<string, Accrual>();
  const rows: NewEntryRow[] = [];
  for (const leg of draft.legs) {
    const id = accrualId(leg);
    const before = next.get(id) ?? states.get(id) ?? EMPTY_ACCRUAL;
    let step: ReturnType<typeof accrue>;
    try {
      step = accrue(leg.rule, before, leg.baseDelta);
    } catch (error) {
      if (error instanceof RangeError) return { code: "reversal-exceeds-remaining", detail: error.message };
      throw error;
    }
    next.set(id, step.after);
    rows.push({
      platformId: draft.row.platformId,
      eventId: draft.row.eventId,
      ruleId: leg.rule.id,
      ruleCode: leg.rule.code,
      jurisdiction: leg.rule.jurisdiction,
      scheme: leg.rule.scheme,
      payer: leg.rule.payer,
      subjectKey: leg.subjectKey,
      periodKey: leg.periodKey,
      month: leg.month,
      accrualKey: leg.accrualKey,
      seq: step.after.seq,
      baseDelta: leg.baseDelta.toString(),
      baseToDate: step.after.baseToDate.toString(),
      exactToDate: step.after.exactToDate.toString(),
      roundedToDateMinor: step.after.roundedToDateMinor,
      amountMinor: step.amountMinor,
      currency: leg.rule.currency,
      fxRate: leg.fx?.rate ?? null,
      fxSource: leg.fx?.source ?? null,
      baseFraction: leg.baseFraction.toString(),
      basis: leg.basis ? JSON.stringify(leg.basis) : null,
      workerRef: draft.row.workerRef,
      eventType: draft.row.type,
    });
  }
  for (const [id, state] of next) states.set(id, state);
  return rows;
}
