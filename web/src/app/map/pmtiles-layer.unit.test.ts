import L from 'leaflet';
import type { Source } from 'pmtiles';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPmtiles } from './map-config';
import { pmtilesLayer } from './pmtiles-layer';

/** A PMTiles v3 archive (no compression) holding one PNG-typed tile at z0, built byte by byte from the spec. */
function archive(tile: Uint8Array, tileType = 2) {
  const dir = [1, 0, 1, tile.length, 1]; // one entry: tile id 0, run 1, length, offset 0 (+1)
  const rootOffset = 127;
  const dataOffset = rootOffset + dir.length;
  const buf = new Uint8Array(dataOffset + tile.length);
  const v = new DataView(buf.buffer);
  buf.set([0x50, 0x4d, 0x54, 0x69, 0x6c, 0x65, 0x73, 3]); // "PMTiles", spec version 3
  const u64 = (at: number, n: number) => v.setUint32(at, n, true);
  u64(8, rootOffset);
  u64(16, dir.length);
  u64(24, dataOffset);
  u64(32, 0);
  u64(40, dataOffset);
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, tile.length);
  u64(72, 1);
  u64(80, 1);
  u64(88, 1);
  buf[96] = 1; // clustered
  buf[97] = 1; // internal compression: none
  buf[98] = 1; // tile compression: none
  buf[99] = tileType;
  buf[100] = 0; // min zoom
  buf[101] = 0; // max zoom
  v.setInt32(102, -1800000000, true);
  v.setInt32(106, -850000000, true);
  v.setInt32(110, 1800000000, true);
  v.setInt32(114, 850000000, true);
  buf.set(dir, rootOffset);
  buf.set(tile, dataOffset);
  let reads = 0;
  const source: Source = {
    getKey: () => `test-${tileType}`,
    getBytes: async (offset: number, length: number) => {
      reads++;
      return { data: buf.slice(offset, offset + length).buffer };
    },
  };
  return { source, reads: () => reads };
}

const coords = (z: number, x: number, y: number) => Object.assign(L.point(x, y), { z }) as L.Coords;
const tick = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => vi.restoreAllMocks());

describe('PMTiles base map', () => {
  it('tells an archive URL from a tile template', () => {
    expect(isPmtiles('/tiles/nea-arkadia.pmtiles')).toBe(true);
    expect(isPmtiles('https://maps.example.gr/area.PMTILES?v=2')).toBe(true);
    expect(isPmtiles('https://tile.example.gr/{z}/{x}/{y}.png')).toBe(false);
  });

  it("draws a tile from the archive's bytes with its image type, and leaves a missing one empty", async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const { source, reads } = archive(bytes);
    const blobs: Blob[] = [];
    URL.createObjectURL ??= () => '';
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return `blob:tile-${blobs.length}`;
    });
    const layer = pmtilesLayer(source) as unknown as { createTile(c: L.Coords, done: L.DoneCallback): HTMLImageElement };
    const img = layer.createTile(coords(0, 0, 0), () => {});
    for (let i = 0; i < 20 && !img.src; i++) await tick();
    expect(img.src).toBe('blob:tile-1');
    expect(img.alt).toBe('');
    expect(blobs[0]!.type).toBe('image/png');
    expect(new Uint8Array(await blobs[0]!.arrayBuffer())).toEqual(bytes);
    expect(reads()).toBeGreaterThan(0);

    // beyond the archive's zoom range: no image, the tile is done and hidden
    let finished = false;
    const none = layer.createTile(coords(3, 1, 1), () => {
      finished = true;
    });
    for (let i = 0; i < 20 && !finished; i++) await tick();
    expect(finished).toBe(true);
    expect(none.style.visibility).toBe('hidden');
    expect(blobs).toHaveLength(1);
  });

  it('refuses a vector archive instead of drawing garbage', async () => {
    const { source } = archive(new Uint8Array([1, 2, 3]), 1);
    const layer = pmtilesLayer(source) as unknown as { createTile(c: L.Coords, done: L.DoneCallback): HTMLImageElement };
    let finished = false;
    const img = layer.createTile(coords(0, 0, 0), () => {
      finished = true;
    });
    for (let i = 0; i < 20 && !finished; i++) await tick();
    expect(img.src).toBe('');
    expect(img.style.visibility).toBe('hidden');
  });
});
