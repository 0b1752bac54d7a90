/**
 * In-memory metrics and their Prometheus text exposition (format 0.0.4, what GET /metrics serves).
 *
 * A small writer rather than prom-client: prom-client is CommonJS built for Node (its index loads its
 * cluster aggregator and Node's process and perf_hooks metrics), while this runs unchanged on Node and
 * in workerd. It keeps, per process (Node) or isolate (Workers):
 * - `ledger_http_requests_total{route,method,status}` and the histogram
 *   `ledger_http_request_duration_seconds{route,method,status}` (route = the matched route pattern,
 *   e.g. `/w/:token`, never the raw path, so tokens and ids never become labels; unmatched: `unmatched`);
 * - `ledger_events_total{outcome}`: events of webhook deliveries by outcome (recorded, duplicate,
 *   rejected, conflict).
 * Gauges read from the database at scrape time (seal lag, last close per jurisdiction) are passed to
 * `render` by the route (src/routes/metrics.ts). Label cardinality is bounded by the app's routes,
 * methods and statuses; at most MAX_SERIES request series are kept (later ones go to route="other").
 */
import type { EventOutcome } from "../ledger/record-payouts.js";

/** Upper bounds of the latency buckets, in seconds. */
export const LATENCY_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
const MAX_SERIES = 2_000;
const EVENT_OUTCOMES = [
  "recorded",
  "duplicate",
  "rejected",
  "conflict",
] as const satisfies readonly EventOutcome["status"][];

/** One gauge family for `render`: a name, its help text and its samples. */
export interface Gauge {
  name: string;
  help: string;
  samples: { labels: Record<string, string>; value: number }[];
}

interface RequestSeries {
  labels: Record<string, string>;
  count: number;
  sumS: number;
  /** Cumulative counts per LATENCY_BUCKETS_S bound. */
  buckets: number[];
}

/** Escapes a label value as the text format requires (backslash, double quote, newline). */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function labelText(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length === 0 ? "" : `{${parts.join(",")}}`;
}

/** A sample value: integers as is, others in JavaScript's shortest round-trip form (a float is fine here: these are counts and seconds, never money). */
const valueText = (value: number) =>
  Number.isFinite(value) ? String(value) : value > 0 ? "+Inf" : value < 0 ? "-Inf" : "NaN";

export class Metrics {
  private readonly requests = new Map<string, RequestSeries>();
  private readonly events = new Map<EventOutcome["status"], number>(EVENT_OUTCOMES.map((o) => [o, 0]));

  /** Counts one answered request; `durationS` is the time from its arrival to its response, in seconds. */
  observeRequest(route: string, method: string, status: number, durationS: number): void {
    let key = `${method} ${status} ${route}`;
    if (!this.requests.has(key) && this.requests.size >= MAX_SERIES) {
      route = "other";
      key = `${method} ${status} ${route}`;
    }
    let series = this.requests.get(key);
    if (!series) {
      series = {
        labels: { route, method, status: String(status) },
        count: 0,
        sumS: 0,
        buckets: LATENCY_BUCKETS_S.map(() => 0),
      };
      this.requests.set(key, series);
    }
    series.count++;
    series.sumS += durationS;
    LATENCY_BUCKETS_S.forEach((bound, i) => {
      if (durationS <= bound) series.buckets[i] = (series.buckets[i] ?? 0) + 1;
    });
  }

  /** Counts the events of one delivery by outcome. */
  countEvents(outcomes: readonly Pick<EventOutcome, "status">[]): void {
    for (const { status } of outcomes) this.events.set(status, (this.events.get(status) ?? 0) + 1);
  }

  /** The exposition text: the counters kept here, then `gauges`. Ends with a newline. */
  render(gauges: readonly Gauge[]): string {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) =>
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    const series = [...this.requests.values()];
    family(
      "ledger_http_requests_total",
      "counter",
      "HTTP requests answered, by matched route pattern, method and status.",
    );
    for (const s of series) lines.push(`ledger_http_requests_total${labelText(s.labels)} ${s.count}`);
    family(
      "ledger_http_request_duration_seconds",
      "histogram",
      "Time from a request's arrival to its response's headers (a streamed body may go on), in seconds.",
    );
    for (const s of series) {
      LATENCY_BUCKETS_S.forEach((bound, i) => {
        lines.push(
          `ledger_http_request_duration_seconds_bucket${labelText({ ...s.labels, le: String(bound) })} ${s.buckets[i]}`,
        );
      });
      lines.push(
        `ledger_http_request_duration_seconds_bucket${labelText({ ...s.labels, le: "+Inf" })} ${s.count}`,
      );
      lines.push(`ledger_http_request_duration_seconds_sum${labelText(s.labels)} ${valueText(s.sumS)}`);
      lines.push(`ledger_http_request_duration_seconds_count${labelText(s.labels)} ${s.count}`);
    }
    family(
      "ledger_events_total",
      "counter",
      "Events of webhook deliveries, by outcome (recorded, duplicate, rejected, conflict).",
    );
    for (const [outcome, count] of this.events)
      lines.push(`ledger_events_total${labelText({ outcome })} ${count}`);
    for (const g of gauges) {
      family(g.name, "gauge", g.help);
      for (const s of g.samples) lines.push(`${g.name}${labelText(s.labels)} ${valueText(s.value)}`);
    }
    return `${lines.join("\n")}\n`;
  }
}

declare module "hono" {
  /** The app's metrics, set on every request by createApp (src/app.ts), so a route can count its events. */
  interface ContextVariableMap {
    metrics: Metrics;
  }
}
