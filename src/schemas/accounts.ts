/**
 * Request and response schemas of the account operations (src/accounts/; routes admin.ts and
 * platform-account.ts): platform and agency registration, webhook secret rotation, key revocation and
 * suspension. Times are RFC 3339 UTC strings; overlaps are seconds.
 */
import { z } from "zod";
import { DEFAULT_ROTATION_OVERLAP_S, MAX_ROTATION_OVERLAP_S } from "../security/webhook-secrets.js";
import { API_KEY_PREFIX } from "../security/api-keys.js";
import { countryCode } from "./common.js";

/** A platform slug: 1..64 of a-z, 0-9 and "-". */
export const platformSlug = z.string().regex(/^[a-z0-9-]{1,64}$/, "must be a platform slug");
export const platformInput = z.object({ slug: platformSlug, name: z.string().min(1).max(200) });
export const agencyInput = z.object({
  name: z.string().min(1).max(200),
  jurisdictions: z.array(countryCode).min(1).max(300),
});
/** An API key's visible prefix, clk_<platform|agency>_<8 characters>. */
export const apiKeyPrefix = z
  .string()
  .regex(API_KEY_PREFIX, "must be a key prefix clk_<platform|agency>_<8 characters>");

/** Body of a webhook secret rotation (optional): how long the previous secret stays valid, seconds. */
export const rotationInput = z.strictObject({
  overlap_s: z.int().min(0).max(MAX_ROTATION_OVERLAP_S).default(DEFAULT_ROTATION_OVERLAP_S),
});
export const rotationOutput = z.object({
  webhook_secret: z.string().describe("the new whsec_ secret, shown once"),
  previous_secret_expires_at: z
    .string()
    .describe("RFC 3339 UTC; the previous secret verifies deliveries until then"),
});
export const revocationOutput = z.object({ prefix: z.string(), revoked_at: z.string() });
export const suspensionOutput = z.object({
  slug: z.string(),
  suspended_at: z
    .string()
    .nullable()
    .describe("RFC 3339 UTC since when the platform is suspended; null when reinstated"),
});
