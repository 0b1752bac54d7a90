/**
 * Request and response schemas of the account operations (src/accounts/; routes admin.ts and
 * platform-account.ts): platform and agency registration, webhook secret rotation, key revocation and
 * suspension. Registrations show their secrets and keys once, never stored in the clear. Times are
 * RFC 3339 UTC strings; overlaps are seconds.
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

export const platformRegistrationSchema = z.object({
  id: z.int(),
  slug: z.string(),
  name: z.string(),
  webhook_secret: z.string().describe("whsec_ secret that signs the platform's deliveries, shown once"),
  api_key: z.string().describe("the platform's clk_platform_ API key, shown once"),
  api_key_prefix: z.string().describe("the key's public prefix (revoke it by this)"),
});
export type PlatformRegistration = z.infer<typeof platformRegistrationSchema>;

export const agencyRegistrationSchema = z.object({
  id: z.int(),
  name: z.string(),
  jurisdictions: z.array(z.string()),
  api_key: z.string().describe("the agency's clk_agency_ API key, shown once"),
  api_key_prefix: z.string(),
});
export type AgencyRegistration = z.infer<typeof agencyRegistrationSchema>;

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
export type Rotation = z.infer<typeof rotationOutput>;
export const revocationOutput = z.object({ prefix: z.string(), revoked_at: z.string() });
export type Revocation = z.infer<typeof revocationOutput>;
export const suspensionOutput = z.object({
  slug: z.string(),
  suspended_at: z
    .string()
    .nullable()
    .describe("RFC 3339 UTC since when the platform is suspended; null when reinstated"),
});
export type Suspension = z.infer<typeof suspensionOutput>;
