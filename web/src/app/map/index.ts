/** The map kit: one Leaflet set-up for every map (see README.md). */
export { type CreateMapOptions, createMap } from './create-map';
export { type ClusterOptions, clusterLayer, escapeHtml, fitTo, type LatLon, type MarkerSpec, marker, polygon, polyline } from './layers';
export { currentMapConfig, defaultMapConfig, loadMapConfig, type MapConfig, mergeMapConfig } from './map-config';
export { MapView } from './map-view';
