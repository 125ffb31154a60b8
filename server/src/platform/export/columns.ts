/** One column of an export: its heading (already in the reader's language) and how to read a row's cell. */
export type Column<T> = {
  header: string;
  value: (row: T) => string | number | Date | null | undefined;
  /** Width hint: characters in XLSX, points in a PDF table. */
  width?: number;
};

export type Cell = string | number | Date | null | undefined;
