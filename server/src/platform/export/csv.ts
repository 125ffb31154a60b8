import type { Column } from './columns.js';

/**
 * CSV as spreadsheet programs read it: RFC 4180 quoting, CRLF line ends and a UTF-8 byte-order
 * mark (so Excel shows Greek right). A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return would run as a formula (CSV injection, OWASP): it gets a leading apostrophe.
 */

export type CsvOptions = {
  /** `,` (default) or `;` (what Greek-locale Excel expects when it opens a file by double-click). */
  separator?: ',' | ';';
  /** Leave out the byte-order mark (default: included). */
  bom?: boolean;
  /** Neutralise formulas (default true). Turn off only for files meant to be imported back verbatim. */
  neutralise?: boolean;
};

const FORMULA = /^[=+\-@\t\r]/;

/** Text of one cell: null/undefined empty, numbers as written, dates as ISO 8601 (UTC). */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  return String(v);
}

/** One cell, neutralised and quoted when it holds a quote, a separator (`,` or `;`) or a line break. */
export function csvCell(v: unknown, opts: { neutralise?: boolean } = {}): string {
  let s = cellText(v);
  if (opts.neutralise !== false && typeof v === 'string' && FORMULA.test(s)) s = `'${s}`;
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of raw cells (first row is the heading) as CSV text. */
export function csvFromCells(lines: readonly (readonly unknown[])[], opts: CsvOptions = {}): string {
  const sep = opts.separator ?? ',';
  const body = lines.map((cells) => cells.map((c) => csvCell(c, opts)).join(sep)).join('\r\n');
  return `${opts.bom === false ? '' : '\uFEFF'}${body}\r\n`;
}

/** `rows` under `columns` as CSV text (heading line first). */
export function toCsv<T>(rows: Iterable<T>, columns: readonly Column<T>[], opts: CsvOptions = {}): string {
  const lines: unknown[][] = [columns.map((c) => c.header)];
  for (const r of rows) lines.push(columns.map((c) => c.value(r)));
  return csvFromCells(lines, opts);
}
