/** The map kit: one Leaflet set-up for every map (see README.md). */
export { type CreateMapOptions, createMap } from './create-map';
export {
  bboxOf,
  type Circle,
  type CircleMarker,
  type ClusterOptions,
  circle,
  circleMarker,
  clusterLayer,
  escapeHtml,
  fitBounds,
  fitTo,
  type GeoJSON,
  geoJson,
  type LatLon,
  type LayerGroup,
  type LeafletMap,
  layerGroup,
  type MarkerSpec,
  marker,
  onMapClick,
  polygon,
  polyline,
  type Rectangle,
  rectangle,
} from './layers';
export { currentMapConfig, defaultMapConfig, loadMapConfig, type MapConfig, mergeMapConfig } from './map-config';
export { MapView } from './map-view';
