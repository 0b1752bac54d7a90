/**
 * Monthly contributions by scheme as an inline SVG stacked bar chart, rendered on the server (no chart
 * library, no script): one chart per currency, one bar per month in ascending order, one segment per
 * (jurisdiction, scheme) with both payers' shares together (MonthRecord.schemes[].total). A month whose
 * scheme total is negative (a correction larger than the month's payouts) draws no segment.
 *
 * Geometry: heights are the totals' share of the highest month, computed with Dec on the decimal
 * amounts and rounded to 0.01 of a viewBox unit (pixels, not money). The drawing is shown between 1 and
 * 1.5 times its viewBox size, so its text stays legible: six months fit a 360 px phone, more scroll
 * sideways inside a focusable region. Accessibility: the SVG is
 * `role="img"` named by its <title> and described by its <desc> (scheme colours, highest month); an HTML
 * legend names each colour; every figure is also in the month-by-month tables. Colours (Okabe-Ito based,
 * darkened) have at least 3:1 contrast with white (WCAG 1.4.11).
 */
import { groupBy, sumBy } from "../domain/grouping.js";
import { Dec } from "../domain/money.js";
import { compareCodeUnits } from "../domain/ordering.js";
import type { Formatters } from "../i18n/format.js";
import type { Translator } from "../i18n/translate.js";
import type { MonthRecord } from "../schemas/worker-record.js";

const COLOURS = ["#0072b2", "#c25400", "#007a5a", "#a0357f", "#5b5b5b", "#6e5b00"] as const;
const HEIGHT = 180;
const TOP = 20;
const BOTTOM = 34;
const SLOT = 52;
const LEFT = 6;

interface Series {
  key: string;
  jurisdiction: string;
  scheme: string;
}

/** The chart section: a heading and one stacked bar chart per currency with a positive month; nothing when there is none. */
export function ContributionCharts(props: {
  months: readonly MonthRecord[];
  tr: Translator;
  fmt: Formatters;
  schemeLabel: (scheme: string) => string;
}) {
  const currencies = [
    ...new Set(
      props.months.flatMap((m) => m.schemes.filter((s) => new Dec(s.total).gt(0)).map((s) => s.currency)),
    ),
  ].sort(compareCodeUnits);
  if (currencies.length === 0) return null;
  return (
    <section aria-labelledby="chart-h">
      <h2 id="chart-h">{props.tr.t("chart.heading")}</h2>
      {currencies.map((currency) => (
        <CurrencyChart {...props} currency={currency} />
      ))}
    </section>
  );
}

interface ChartProps {
  months: readonly MonthRecord[];
  currency: string;
  tr: Translator;
  fmt: Formatters;
  schemeLabel: (scheme: string) => string;
}

/** One bar: a month and its segments (one per series, in series order; negative totals drawn as 0). */
interface Bar {
  month: string;
  segments: { series: Series; value: Dec }[];
}

/** The series of `currency`: one per (jurisdiction, scheme) with a total in it, in first-seen order. */
function chartSeries(months: readonly MonthRecord[], currency: string): Series[] {
  const schemes = months.flatMap((m) => m.schemes.filter((s) => s.currency === currency));
  return [...groupBy(schemes, (s) => `${s.jurisdiction}:${s.scheme}`)].map(([key, [s]]) => ({
    key,
    jurisdiction: s.jurisdiction,
    scheme: s.scheme,
  }));
}

/** The bars of `months`, one segment per series. */
function chartBars(months: readonly MonthRecord[], series: readonly Series[], currency: string): Bar[] {
  const positive = (amount: string) => Dec.max(new Dec(amount), 0);
  return months.map((m) => ({
    month: m.month,
    segments: series.map((x) => ({
      series: x,
      value: positive(
        m.schemes.find((s) => s.currency === currency && `${s.jurisdiction}:${s.scheme}` === x.key)?.total ??
          "0",
      ),
    })),
  }));
}

/** One month's stacked segments (bottom up) and its month and year labels, in slot `i`. */
function BarGroup(props: {
  bar: Bar;
  i: number;
  plot: number;
  scale: (v: Dec) => number;
  label: (x: Series) => string;
  fmt: Formatters;
  currency: string;
}) {
  const { bar, i, plot, fmt } = props;
  const x = LEFT + i * SLOT + SLOT * 0.2;
  let y = TOP + plot;
  return (
    <g>
      {bar.segments.map(({ series, value }, k) => {
        const h = props.scale(value);
        y -= h;
        return h <= 0 ? null : (
          <rect x={x} y={y} width={SLOT * 0.6} height={h} fill={COLOURS[k % COLOURS.length]}>
            <title>{`${fmt.month(bar.month)}, ${props.label(series)}: ${fmt.money(value.toString(), props.currency)}`}</title>
          </rect>
        );
      })}
      <text x={x + SLOT * 0.3} y={TOP + plot + 14} text-anchor="middle" font-size="11" fill="#1b1b1b">
        {fmt.monthShort(bar.month)}
      </text>
      {i === 0 || bar.month.endsWith("-01") ? (
        <text x={x + SLOT * 0.3} y={TOP + plot + 28} text-anchor="middle" font-size="11" fill="#474747">
          {bar.month.slice(0, 4)}
        </text>
      ) : null}
    </g>
  );
}

/** The legend: each series' colour and name. */
function Legend(props: { series: readonly Series[]; label: (x: Series) => string; tr: Translator }) {
  return (
    <figcaption>
      <span class="muted">{props.tr.t("chart.legend")}</span>
      <ul class="legend">
        {props.series.map((x, k) => (
          <li>
            <span
              class="swatch"
              style={`background:${COLOURS[k % COLOURS.length]}`}
              aria-hidden="true"
            ></span>
            {props.label(x)}
          </li>
        ))}
      </ul>
    </figcaption>
  );
}

function CurrencyChart(props: ChartProps) {
  const { tr, fmt, currency } = props;
  const months = props.months.filter((m) => m.schemes.some((s) => s.currency === currency));
  const series = chartSeries(months, currency);
  const bars = chartBars(months, series, currency);
  const max = Dec.max(...bars.map((b) => sumBy(b.segments, (s) => s.value)));
  const width = LEFT * 2 + SLOT * Math.max(bars.length, 6);
  const plot = HEIGHT - TOP - BOTTOM;
  const scale = (v: Dec) => v.div(max).times(plot).toDecimalPlaces(2).toNumber();
  const maxLabel = fmt.money(max.toString(), currency);
  const id = `chart-${currency}`;
  const label = (x: Series) => `${fmt.country(x.jurisdiction)}, ${props.schemeLabel(x.scheme)}`;
  return (
    <figure class="chart-figure">
      {/* biome-ignore lint/a11y/useSemanticElements: a focusable, scrollable chart region, not a group of form controls (fieldset) */}
      <div class="chart" tabindex={0} role="group" aria-label={tr.t("chart.title", { currency })}>
        <svg
          id={id}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          xmlns="http://www.w3.org/2000/svg"
          style={`min-width:${width}px;max-width:${width * 1.5}px`}
        >
          <title id={`${id}-title`}>{tr.t("chart.title", { currency })}</title>
          <desc id={`${id}-desc`}>{tr.t("chart.desc", { max: maxLabel })}</desc>
          <line x1={LEFT} x2={width - LEFT} y1={TOP} y2={TOP} stroke="#8a8a8a" stroke-dasharray="3 3" />
          <text x={width - LEFT} y={TOP - 6} text-anchor="end" font-size="11" fill="#1b1b1b">
            {maxLabel}
          </text>
          <line x1={LEFT} x2={width - LEFT} y1={TOP + plot} y2={TOP + plot} stroke="#1b1b1b" />
          {bars.map((bar, i) => (
            <BarGroup bar={bar} i={i} plot={plot} scale={scale} label={label} fmt={fmt} currency={currency} />
          ))}
        </svg>
      </div>
      <Legend series={series} label={label} tr={tr} />
    </figure>
  );
}
