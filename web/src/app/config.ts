/** Build-time settings (Vite `VITE_*` env). Nothing secret belongs here: it ships to browsers. */
const env = import.meta.env;

const num = (v: string | undefined, fallback: number) => {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export const config = {
  municipalityName: env.VITE_MUNICIPALITY_NAME ?? '',
  /** Map centre [lat, lon] and zoom; defaults to the middle of the seeded demo municipality (server/src/platform/seed/demo.ts). */
  mapCenter: [num(env.VITE_MAP_LAT, 38.017), num(env.VITE_MAP_LON, 23.735)] as [number, number],
  mapZoom: num(env.VITE_MAP_ZOOM, 14),
  tileUrl: env.VITE_TILE_URL ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  tileAttribution: env.VITE_TILE_ATTRIBUTION ?? '© OpenStreetMap contributors',
  kioskIdleSeconds: num(env.VITE_KIOSK_IDLE_SECONDS, 90),
};
