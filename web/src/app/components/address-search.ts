import { api, unwrap } from '../api/client';

/**
 * An address as the server's register compares it (server/src/modules/places/addresses.ts): accents
 * off, lower case, final sigma as σ, anything not a letter or digit as one space. The picker asks the
 * server once per normalised text, so «Ερμού 2», «ΕΡΜΟΥ 2» and «ερμου 2» share one answer.
 */
export function normaliseAddress(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ς/g, 'σ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Worth asking about: at least two letters of a street or place (a house number alone finds nothing). */
export const searchable = (normalised: string) => (normalised.match(/\p{L}/gu)?.length ?? 0) >= 2;

export type PlaceHit =
  | { kind: 'address'; id: string; label: string; lat: number; lon: number }
  | { kind: 'place'; id: string; label: string; name: { el: string; en: string }; address: string; lat: number; lon: number };

/** Addresses of the municipality's register and places of interest whose name or address match, in that order. */
export async function searchPlaces(q: string): Promise<PlaceHit[]> {
  const [found, pois] = await Promise.all([
    unwrap(api.GET('/api/addresses/search', { params: { query: { q, limit: 8 } } })).catch(() => ({ items: [] })),
    unwrap(api.GET('/api/places', { params: { query: { q, limit: 5 } } })).catch(() => ({ items: [] })),
  ]);
  return [
    ...found.items.map((a) => ({
      kind: 'address' as const,
      id: a.id,
      label: a.number ? `${a.street} ${a.number.toLocaleUpperCase('el')}` : a.street,
      lat: a.lat,
      lon: a.lon,
    })),
    ...pois.items.map((p) => ({
      kind: 'place' as const,
      id: p.id,
      label: p.name.el,
      name: p.name,
      address: p.address,
      lat: p.lat,
      lon: p.lon,
    })),
  ];
}

/** Inside the municipality? `neighbour`: the neighbouring municipality that holds the point, when known. */
export async function checkBoundary(lat: number, lon: number) {
  return unwrap(api.GET('/api/reports/boundary-check', { params: { query: { lat, lon } } }));
}
