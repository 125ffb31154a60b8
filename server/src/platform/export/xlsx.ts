import ExcelJS from 'exceljs';
import { athensNaive } from '../calendar/index.js';
import type { Cell, Column } from './columns.js';

/** One worksheet: a table under a bold, frozen heading row. */
export type Sheet<T = never> = {
  /** Sheet tab name; Excel allows 31 characters and none of `\ / ? * [ ] :` (they are replaced). */
  name: string;
  rows: Iterable<T>;
  columns: readonly Column<T>[];
};

/** Key–value lines (a summary sheet): no heading row. */
export type PairSheet = { name: string; pairs: readonly (readonly [string, Cell])[]; widths?: [number, number] };

// biome-ignore lint/suspicious/noExplicitAny: a list of sheets of different row types
type AnySheet = Sheet<any> | PairSheet;

const sheetName = (s: string) => s.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet';

function xlsxValue(v: Cell): ExcelJS.CellValue {
  if (v === undefined || v === null) return null;
  // XLSX dates have no zone: write the Athens wall clock, which is what a reader in Greece expects
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : athensNaive(v);
  return v;
}

/** Sheets as an .xlsx workbook. Dates become date cells, numbers number cells; text is never a formula. */
export async function toXlsx(sheets: readonly AnySheet[], opts: { creator?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = opts.creator ?? 'Dimos';
  for (const s of sheets) {
    const ws = wb.addWorksheet(sheetName(s.name));
    if ('pairs' in s) {
      for (const [k, v] of s.pairs) ws.addRow([k, xlsxValue(v)]);
      ws.getColumn(1).width = s.widths?.[0] ?? 40;
      ws.getColumn(2).width = s.widths?.[1] ?? 20;
      continue;
    }
    ws.addRow(s.columns.map((c) => c.header)).font = { bold: true };
    for (const r of s.rows) {
      const row = ws.addRow(s.columns.map((c) => xlsxValue(c.value(r))));
      row.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd hh:mm';
      });
    }
    s.columns.forEach((c, i) => {
      ws.getColumn(i + 1).width = c.width ?? 18;
    });
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
