/**
 * zod validation failures at the edge -> 422 problem+json listing every failing field.
 * The default hook of every OpenAPI route (http/openapi.ts) and the check of bodies a handler parses itself.
 */
import type { core } from "zod";
import { fieldErrors } from "../schemas/common.js";
import { fail } from "./problem.js";

export function validationHook(result: { success: true } | { success: false; error: core.$ZodError }): void {
  if (!result.success)
    fail("invalid-request", 422, "the request failed validation", { errors: fieldErrors(result.error) });
}

/** The data of a successful parse; the 422 problem (thrown) for a failed one. */
export function parsedOrFail<T>(
  result: { success: true; data: T } | { success: false; error: core.$ZodError },
): T {
  if (!result.success)
    return fail("invalid-request", 422, "the request failed validation", {
      errors: fieldErrors(result.error),
    });
  return result.data;
}
