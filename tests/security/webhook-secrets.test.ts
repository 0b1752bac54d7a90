/** The pure secret rotation arithmetic (src/security/webhook-secrets.ts): the overlap and which sealed secrets verify. */
import { describe, expect, it } from "vitest";
import { planRotation, validSealedSecrets } from "../../src/security/webhook-secrets.js";

describe("webhook secret rotation", () => {
  it("the previous secret expires overlap seconds after now", () => {
    const rotation = planRotation(new Date("2026-03-01T00:00:00Z"), 90);
    expect(rotation.previousExpiresAt).toBe("2026-03-01T00:01:30.000Z");
    expect(rotation.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
  });
  it("the previous sealed secret verifies until its expiry, exclusive", () => {
    const row = { current: "c", previous: "p", previousExpiresAt: "2026-03-01T00:01:30.000Z" };
    expect(validSealedSecrets(row, new Date("2026-03-01T00:01:29.999Z"))).toEqual(["c", "p"]);
    expect(validSealedSecrets(row, new Date("2026-03-01T00:01:30.000Z"))).toEqual(["c"]);
    expect(validSealedSecrets({ current: "c", previous: null, previousExpiresAt: null }, new Date())).toEqual(
      ["c"],
    );
  });
});
