/**
 * CSV formula-injection neutralisation (OWASP "CSV Injection"), for every CSV the service writes: the
 * agency report, the platform statement and the worker record.
 *
 * A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with a single
 * quote, so a spreadsheet shows it as text instead of running it (`=HYPERLINK(…)` -> `'=HYPERLINK(…)`).
 * A plain decimal number (`-12.50`, `+3`, `0.093`) is left as it is: it cannot be a formula, and amounts
 * must stay numbers. RFC 4180 quoting (csv-stringify) is applied after, as before.
 *
 * Formats: 1 is the CSV before neutralisation, 2 the CSV with it (CURRENT_CSV_FORMAT). Closed monthly
 * reports keep the format their checksum was taken over (period_closes.csv_format), so their bytes never
 * change; everything else is written in the current format.
 */
export type CsvFormat = 1 | 2;
export const CURRENT_CSV_FORMAT: CsvFormat = 2;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?[0-9]+(\.[0-9]+)?$/;

/** The cell as a spreadsheet may safely open it: quoted-prefixed when it could start a formula. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** csv-stringify options that apply `format`: the string cast of format 2, nothing for format 1. */
export function csvCellOptions(format: CsvFormat = CURRENT_CSV_FORMAT): {
  cast?: { string: (value: string) => string };
} {
  return format === 2 ? { cast: { string: neutraliseCell } } : {};
}
