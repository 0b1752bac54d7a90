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
