import L from 'leaflet';
import { PMTiles, type Source } from 'pmtiles';

const MIME: Record<number, string> = { 2: 'image/png', 3: 'image/jpeg', 4: 'image/webp', 5: 'image/avif' };

type TileImg = HTMLImageElement & { abort?: () => void };

/**
 * Raster tiles from one PMTiles archive (`https://…/area.pmtiles` or a same-origin `/…/area.pmtiles`),
 * read with HTTP range requests: the municipality hosts one file on any static server that honours
 * `Range` (nginx, S3, this server's web root), and no tile server or outside service is needed.
 * A tile the archive lacks is left empty; vector archives are refused (they need a renderer).
 * Written against `pmtiles`' reader with our Leaflet (its own `leafletRasterLayer` expects a global `L`).
 */
export function pmtilesLayer(source: string | Source, opts: L.GridLayerOptions = {}): L.GridLayer & { archive: PMTiles } {
  const archive = new PMTiles(source);
  let mime: Promise<string | null> | null = null;
  const mimeType = () => {
    mime ??= archive.getHeader().then((h) => MIME[h.tileType] ?? null);
    return mime;
  };
  const Layer = L.GridLayer.extend({
    createTile(coords: L.Coords, done: L.DoneCallback) {
      const img = document.createElement('img') as TileImg;
      img.alt = '';
      img.setAttribute('role', 'presentation');
      const ctl = new AbortController();
      img.abort = () => ctl.abort();
      void Promise.all([mimeType(), archive.getZxy(coords.z, coords.x, coords.y, ctl.signal)])
        .then(([type, tile]) => {
          img.abort = undefined;
          if (!type || !tile) {
            img.style.visibility = 'hidden';
            done(undefined, img);
            return;
          }
          img.onload = () => done(undefined, img);
          img.onerror = () => done(new Error('tile'), img);
          img.src = URL.createObjectURL(new Blob([tile.data], { type }));
        })
        .catch((e: unknown) => {
          if ((e as Error)?.name !== 'AbortError') done(e as Error, img);
        });
      return img;
    },
    _removeTile(this: L.GridLayer & { _tiles: Record<string, { el: TileImg }> }, key: string) {
      const tile = this._tiles[key];
      if (tile) {
        tile.el.abort?.();
        if (tile.el.src.startsWith('blob:')) URL.revokeObjectURL(tile.el.src);
      }
      (L.GridLayer.prototype as unknown as { _removeTile: (k: string) => void })._removeTile.call(this, key);
    },
  });
  const layer = new (Layer as unknown as new (o: L.GridLayerOptions) => L.GridLayer)(opts) as L.GridLayer & { archive: PMTiles };
  layer.archive = archive;
  return layer;
}
