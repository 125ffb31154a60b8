/**
 * GPX 1.1 (https://www.topografix.com/GPX/1/1/): tracks of segments of points, and waypoints,
 * for GPS tools and QGIS. Times are written in UTC ISO 8601; text is XML-escaped.
 */

export type GpxPoint = { lat: number; lon: number; time?: Date | null; ele?: number | null };
export type GpxTrack = { name?: string; description?: string; segments: readonly (readonly GpxPoint[])[] };
export type GpxWaypoint = GpxPoint & { name?: string; description?: string };
export type GpxOptions = { name?: string; creator?: string; time?: Date; waypoints?: readonly GpxWaypoint[] };

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

const xml = (s: string) =>
  s.replace(CONTROL, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function coords(p: GpxPoint) {
  if (!Number.isFinite(p.lat) || p.lat < -90 || p.lat > 90) throw new RangeError(`latitude out of range: ${p.lat}`);
  if (!Number.isFinite(p.lon) || p.lon < -180 || p.lon > 180) throw new RangeError(`longitude out of range: ${p.lon}`);
  return `lat="${Math.round(p.lat * 1e7) / 1e7}" lon="${Math.round(p.lon * 1e7) / 1e7}"`;
}

// GPX 1.1 fixes the order of a point's children: ele, time, ..., name, desc
function pointBody(p: GpxPoint, extra = '') {
  const ele = p.ele === null || p.ele === undefined || !Number.isFinite(p.ele) ? '' : `<ele>${p.ele}</ele>`;
  const time = p.time && !Number.isNaN(p.time.getTime()) ? `<time>${p.time.toISOString()}</time>` : '';
  return `${ele}${time}${extra}`;
}

export function toGpx(tracks: readonly GpxTrack[], opts: GpxOptions = {}): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<gpx version="1.1" creator="${xml(opts.creator ?? 'Dimos')}" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">`,
  ];
  const meta = `${opts.name ? `<name>${xml(opts.name)}</name>` : ''}${opts.time ? `<time>${opts.time.toISOString()}</time>` : ''}`;
  if (meta) out.push(`<metadata>${meta}</metadata>`);
  for (const w of opts.waypoints ?? []) {
    const extra = `${w.name ? `<name>${xml(w.name)}</name>` : ''}${w.description ? `<desc>${xml(w.description)}</desc>` : ''}`;
    out.push(`<wpt ${coords(w)}>${pointBody(w, extra)}</wpt>`);
  }
  for (const t of tracks) {
    out.push('<trk>');
    if (t.name) out.push(`<name>${xml(t.name)}</name>`);
    if (t.description) out.push(`<desc>${xml(t.description)}</desc>`);
    for (const seg of t.segments) {
      out.push('<trkseg>');
      for (const p of seg) out.push(`<trkpt ${coords(p)}>${pointBody(p)}</trkpt>`);
      out.push('</trkseg>');
    }
    out.push('</trk>');
  }
  out.push('</gpx>');
  return `${out.join('\n')}\n`;
}
