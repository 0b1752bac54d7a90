/**
 * The operator's and a platform's account answers (src/routes/admin.ts, src/routes/platform-account.ts):
 * registrations (their secrets and keys are shown once, never stored in the clear), a webhook secret
 * rotation, an API key revocation and a platform's suspension. Instants are
 * RFC 3339 UTC.
 */
import { z } from "@hono/zod-openapi";

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

export const rotationOutput = z.object({
  webhook_secret: z.string().describe("the new whsec_ secret, shown once"),
  previous_secret_expires_at: z
    .string()
    .describe("RFC 3339 UTC; the previous secret verifies deliveries until then"),
});
export type Rotation = z.infer<typeof rotationOutput>;

export const revocationSchema = z.object({ prefix: z.string(), revoked_at: z.string() });
export type Revocation = z.infer<typeof revocationSchema>;

export const suspensionOutput = z.object({
  slug: z.string(),
  suspended_at: z
    .string()
    .nullable()
    .describe("RFC 3339 UTC since when the platform is suspended; null when reinstated"),
});
export type Suspension = z.infer<typeof suspensionOutput>;
