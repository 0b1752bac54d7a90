/**
 * The operator's side of a running service, for tests, cases and benchmarks: admin API calls with the
 * admin key, and registering a platform (with its signed webhook sender) or an agency.
 */
import { webhookSender, type Sender } from "./deliver.js";

export interface PlatformAccount {
  /** The platform's id (ledger rows' platform_id). */
  id: number;
  slug: string;
  webhookSecret: string;
  apiKey: string;
  sender: Sender;
}

export interface OperatorClient {
  /** A request with the admin key (JSON body when given). */
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  createPlatform(slug: string): Promise<PlatformAccount>;
  /** Registers an agency for `jurisdictions`; returns its API key. */
  createAgency(jurisdictions: string[]): Promise<string>;
}

export function operatorClient(baseUrl: string, adminKey: string): OperatorClient {
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(baseUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${adminKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    admin,
    async createPlatform(slug) {
      const res = await admin("POST", "/v1/admin/platforms", { slug, name: slug });
      if (res.status !== 201) throw new Error(`platform ${slug}: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { id: number; webhook_secret: string; api_key: string };
      return {
        id: body.id,
        slug,
        webhookSecret: body.webhook_secret,
        apiKey: body.api_key,
        sender: await webhookSender(baseUrl, slug, body.webhook_secret),
      };
    },
    async createAgency(jurisdictions) {
      const res = await admin("POST", "/v1/admin/agencies", {
        name: `agency ${jurisdictions.join(",")}`,
        jurisdictions,
      });
      if (res.status !== 201) throw new Error(`agency: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { api_key: string }).api_key;
    },
  };
}
