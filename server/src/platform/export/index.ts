/** Exports for every module: CSV, XLSX, PDF tables, GeoJSON, GPX, and sending them from a route. */
export type { Cell, Column } from './columns.js';
export { type CsvOptions, cellText, csvCell, csvFromCells, toCsv } from './csv.js';
export { embedGreekFonts } from './fonts.js';
export {
  type Feature,
  type FeatureCollection,
  type FeatureInput,
  type Geometry,
  lineString,
  type Position,
  point,
  polygon,
  toGeoJson,
} from './geojson.js';
export { type GpxOptions, type GpxPoint, type GpxTrack, type GpxWaypoint, toGpx } from './gpx.js';
export { type PdfTableInput, toPdfTable, wrapText } from './pdf.js';
export { asciiFileName, CONTENT_TYPES, contentDisposition, type ExportKind, sendExport } from './send.js';
export { type PairSheet, type Sheet, toXlsx } from './xlsx.js';
