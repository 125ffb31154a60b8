/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_MUNICIPALITY_NAME?: string;
  readonly VITE_MAP_LAT?: string;
  readonly VITE_MAP_LON?: string;
  readonly VITE_MAP_ZOOM?: string;
  readonly VITE_TILE_URL?: string;
  readonly VITE_TILE_ATTRIBUTION?: string;
  readonly VITE_KIOSK_IDLE_SECONDS?: string;
}
