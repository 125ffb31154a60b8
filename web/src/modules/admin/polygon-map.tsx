import { useMemo, useState } from 'react';
import { AreaDrawMap } from '../../app/components/area-draw-map';
import { type AreaPolygon, type LatLon, ringOf, toPolygon } from '../../app/components/area-polygon';
import { config } from '../../app/config';

export type Polygon = AreaPolygon;

/**
 * Draws a routing area on the map (see AreaDrawMap): corners by click or at the map centre; the
 * polygon closes itself. `boundary` outlines the municipality; an area already drawn is fitted.
 */
export function PolygonMap({
  value,
  onChange,
  boundary,
  label,
}: {
  value: Polygon | null;
  onChange: (p: Polygon | null) => void;
  boundary: Polygon | null;
  label: string;
}) {
  const [points, setPoints] = useState<LatLon[]>(() => ringOf(value));
  const outline = useMemo(() => ringOf(boundary), [boundary]);
  const update = (pts: LatLon[]) => {
    setPoints(pts);
    onChange(toPolygon(pts));
  };
  return (
    <AreaDrawMap
      points={points}
      onChange={update}
      label={label}
      texts="admin.routing"
      testId="polygon-map"
      zoom={config.mapZoom - 1}
      outline={outline}
      fitPoints
    />
  );
}
