/**
 * Per-platform rate limiting of webhooks and platform reads, through the `hono-rate-limiter` middleware.
 *
 * The key is the authenticated platform (`platform:<id>`), set only after the caller proved who it is
 * (a valid webhook signature or a platform API key), so nobody can spend another platform's budget, and
 * one platform that floods the service exhausts only its own: every other platform keeps its budget.
 * Agencies and the operator are not limited here.
 *
 * Two backends, chosen by the entry point and carried in AppDeps.rateLimit:
 * - Node (src/server.ts, tests): an in-process token bucket per platform (TokenBucketStore): `capacity`
 *   requests at once, refilled at `refillPerS` requests per second, read from the app clock (`deps.now`).
 *   One process holds one bucket per platform; several Node processes behind a balancer each have their own.
 * - Workers (src/worker.ts): the platform's Rate Limiting binding (wrangler.toml `[[ratelimits]]`,
 *   PLATFORM_RATE_LIMITER), a counter per key and period kept by Cloudflare across isolates.
 * A refused request answers 429 problem+json `rate-limited` with `Retry-After` (seconds): when the next
 * token arrives (Node), or the binding's period (Workers, which does not say more).
 */
import type { Context, MiddlewareHandler } from "hono";
import { rateLimiter, type ClientRateLimitInfo, type RateLimitInfo, type Store } from "hono-rate-limiter";
import type { AppEnv } from "./auth.js";
import { problemOf, problemResponse } from "./problem.js";

/** The Workers Rate Limiting binding, as far as it is used here. */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** Token bucket parameters: burst size and refill rate, requests per second (both > 0). */
export interface TokenBucketOptions {
  capacity: number;
  refillPerS: number;
}

/** Default per-platform budget on Node: bursts of 10,000 requests, 5,000 a second sustained (above what one 2-core node ingests). */
export const DEFAULT_TOKEN_BUCKET: TokenBucketOptions = { capacity: 10_000, refillPerS: 5_000 };

/** The period of the Workers binding (wrangler.toml `simple.period`), the Retry-After of its refusals. */
export const BINDING_PERIOD_S = 60;

/**
 * A token bucket per key, as a hono-rate-limiter Store: `increment` takes one token when there is one
 * (reported as at most `capacity` hits) and otherwise reports `capacity + 1` hits and the time the next
 * token arrives, without taking anything. Time comes from `now` (the app clock). Keys are platform ids,
 * so the map is bounded by the number of registered platforms.
 */
export class TokenBucketStore implements Store {
  readonly #buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    readonly options: TokenBucketOptions,
    private readonly now: () => Date,
  ) {}

  #refilled(key: string): { tokens: number; atMs: number } {
    const atMs = this.now().getTime();
    const bucket = this.#buckets.get(key) ?? { tokens: this.options.capacity, atMs };
    const elapsedS = Math.max(0, atMs - bucket.atMs) / 1000;
    const refilled = {
      tokens: Math.min(this.options.capacity, bucket.tokens + elapsedS * this.options.refillPerS),
      atMs,
    };
    this.#buckets.set(key, refilled);
    return refilled;
  }

  increment(key: string): ClientRateLimitInfo {
    const bucket = this.#refilled(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { totalHits: Math.ceil(this.options.capacity - bucket.tokens) };
    }
    const waitMs = ((1 - bucket.tokens) / this.options.refillPerS) * 1000;
    return { totalHits: this.options.capacity + 1, resetTime: new Date(bucket.atMs + waitMs) };
  }

  decrement(key: string): void {
    const bucket = this.#refilled(key);
    bucket.tokens = Math.min(this.options.capacity, bucket.tokens + 1);
  }

  resetKey(key: string): void {
    this.#buckets.delete(key);
  }
}

/** What AppDeps carries: the Workers binding, or the Node process's token buckets. */
export type PlatformRateLimit = { binding: RateLimitBinding } | { store: TokenBucketStore };

/** The Workers binding when the runtime provides one (an object with `limit`), else undefined. */
export function asRateLimitBinding(value: unknown): RateLimitBinding | undefined {
  return typeof (value as RateLimitBinding | undefined)?.limit === "function"
    ? (value as RateLimitBinding)
    : undefined;
}

/** Seconds until the refused caller may retry: from the bucket's next token, else the binding's period. */
function retryAfterS(c: Context, now: () => Date): number {
  const info = c.get("rateLimit" as never) as RateLimitInfo | undefined;
  if (!info?.resetTime) return BINDING_PERIOD_S;
  return Math.max(1, Math.ceil((info.resetTime.getTime() - now().getTime()) / 1000));
}

/**
 * The middleware: counts the request against its platform's budget when the principal on the context is
 * a platform (others pass), and answers 429 problem+json with Retry-After when the budget is spent.
 */
export function platformRateLimit<E extends AppEnv = AppEnv>(
  limit: PlatformRateLimit,
  now: () => Date,
): MiddlewareHandler<E> {
  const common = {
    keyGenerator: (c: Context<E>) => {
      const principal = c.var.principal;
      return principal.role === "platform" ? `platform:${principal.platformId}` : "";
    },
    skip: (c: Context<E>) => c.var.principal?.role !== "platform",
    handler: (c: Context<E>) => {
      const wait = retryAfterS(c, now);
      return problemResponse(
        c,
        problemOf(
          "rate-limited",
          429,
          `this platform sent more requests than its budget allows; retry in ${wait} s`,
          { instance: c.get("requestId") },
        ),
        { "retry-after": String(wait) },
      );
    },
  };
  if ("binding" in limit) return rateLimiter<E>({ ...common, binding: limit.binding });
  return rateLimiter<E>({
    ...common,
    store: limit.store,
    limit: limit.store.options.capacity,
    standardHeaders: false,
  });
}
