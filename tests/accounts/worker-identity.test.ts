/**
 * The identity rule of a worker reference (src/accounts/worker-identity.ts `preferredSubject`): the
 * national-id subject wins, the latest of them; without one the latest subject.
 */
import { describe, expect, it } from "vitest";
import { preferredSubject } from "../../src/accounts/worker-identity.js";

describe("preferredSubject", () => {
  it("takes the national-id subject over newer platform-local ones", () => {
    expect(preferredSubject(["p1:w", "nid:abc", "p1:w"])).toBe("nid:abc");
  });
  it("takes the latest national-id subject when there are several", () => {
    expect(preferredSubject(["p1:w", "nid:new", "nid:old"])).toBe("nid:new");
  });
  it("takes the latest subject without a national id, and none of none", () => {
    expect(preferredSubject(["p2:b", "p2:a"])).toBe("p2:b");
    expect(preferredSubject([])).toBeUndefined();
  });
});
