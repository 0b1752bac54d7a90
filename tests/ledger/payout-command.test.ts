/**
 * The wire event parsed once into a PayoutCommand (src/schemas/payout-event.ts parsePayoutEvent): camelCase,
 * amounts in integer minor units, occurredAt a Date; and its idempotency content, pinned to the bytes and
 * the HMAC the ledger computed before the command existed (main before issue 14: HMAC-SHA256 of
 * JSON.stringify of the parsed wire event), so a redelivery of an event stored earlier stays a duplicate.
 */
import { describe, expect, it } from "vitest";
import { parseDelivery } from "../../src/ledger/record-payouts.js";
import { parsePayoutEvent, payoutCommandSchema } from "../../src/schemas/payout-event.js";
import { importHmacKey } from "../../src/security/digest.js";

/** Keys out of schema order, a repeated flag, unsorted attributes and components, an unknown field. */
const wire = {
  currency: "EUR",
  amount: "120.50",
  type: "payout",
  id: "pin-1",
  occurred_at: "2026-03-10T11:00:00+01:00",
  worker: {
    flags: ["sg-cpf-opt-in", "a-flag", "a-flag"],
    country: "DE",
    id: "w-pin",
    national_id: "12345678901",
    birth_date: "1990-05-01",
    status: "employee",
  },
  task: { attributes: { vehicle: "bike", service: "food" }, id: "t-1", type: "delivery", duration_s: 900 },
  components: [
    { type: "tip", amount: "20.50" },
    { type: "earnings", amount: "100.00" },
  ],
  unknown_field: "dropped",
};

/** What the ledger hashed for `wire` before issue 14, computed with that code. */
const CANONICAL_JSON =
  '{"id":"pin-1","type":"payout","occurred_at":"2026-03-10T11:00:00+01:00","worker":{"id":"w-pin","country":"DE","national_id":"12345678901","birth_date":"1990-05-01","flags":["a-flag","sg-cpf-opt-in"],"status":"employee"},"amount":"120.50","currency":"EUR","task":{"id":"t-1","type":"delivery","duration_s":900,"attributes":{"service":"food","vehicle":"bike"}},"components":[{"type":"earnings","amount":"100.00"},{"type":"tip","amount":"20.50"}]}';
const CONTENT_HASH = "b0ae8b3bff0a6c20f1f5fb5148fba04857692485eab87db22986f76d0e521b22";

describe("parsePayoutEvent", () => {
  it("turns the wire event into a camelCase command in minor units", () => {
    const command = payoutCommandSchema.parse(wire);
    expect(command).toEqual({
      id: "pin-1",
      type: "payout",
      occurredAt: new Date("2026-03-10T10:00:00Z"),
      worker: {
        id: "w-pin",
        country: "DE",
        nationalId: "12345678901",
        birthDate: "1990-05-01",
        flags: ["a-flag", "sg-cpf-opt-in"],
        status: "employee",
      },
      amountMinor: 12_050,
      currency: "EUR",
      task: { id: "t-1", type: "delivery", durationS: 900, attributes: { service: "food", vehicle: "bike" } },
      components: { earnings: 10_000, tip: 2_050 },
      canonicalJson: CANONICAL_JSON,
    });
    expect(Number.isInteger(command.amountMinor)).toBe(true);
  });

  it("keeps the idempotency content byte for byte, and its HMAC, as before the command", async () => {
    const key = await importHmacKey(new Uint8Array(Array.from({ length: 32 }, (_, i) => i + 1)));
    const command = payoutCommandSchema.parse(wire);
    expect(command.canonicalJson).toBe(CANONICAL_JSON);
    const [hashed] = parseDelivery(key, 1, [command]).valid;
    expect(hashed?.contentHash).toBe(CONTENT_HASH);
  });

  it("reads a reversal's payout, reason and note; a zero-decimal currency in whole units", () => {
    const parsed = parsePayoutEvent({
      id: "r-1",
      type: "reversal",
      reverses: "p-1",
      reason: "refund",
      reason_note: "returned",
      occurred_at: "2026-03-11T00:00:00Z",
      worker: { id: "w", country: "JP" },
      amount: "1500",
      currency: "JPY",
    });
    expect(parsed).toMatchObject({
      ok: true,
      command: {
        type: "reversal",
        reverses: "p-1",
        reason: "refund",
        reasonNote: "returned",
        amountMinor: 1500,
        worker: { flags: [] },
      },
    });
  });

  it("gives an invalid event's id and the wire schema's field errors", () => {
    expect(
      parsePayoutEvent({
        id: "bad-1",
        type: "reversal",
        occurred_at: "2026-03-10T10:00:00Z",
        worker: { id: "w", country: "DE" },
        amount: "1.005",
        currency: "EUR",
      }),
    ).toEqual({
      ok: false,
      id: "bad-1",
      errors: [
        { path: "amount", message: "EUR allows at most 2 decimals" },
        { path: "reverses", message: "a reversal must name the payout it reverses" },
      ],
    });
    expect(parsePayoutEvent(null)).toMatchObject({ ok: false, id: undefined });
  });
});
