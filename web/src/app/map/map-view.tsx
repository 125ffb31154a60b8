import type L from 'leaflet';
import { type CSSProperties, useEffect, useRef } from 'react';
import { type CreateMapOptions, createMap } from './create-map';

/**
 * A map in a page: a landmark named by `label` (what the map shows, in the reader's language),
 * the base tiles from configuration, and `onReady` to add layers. `children` go below the map:
 * put the text alternative there (a list of what the map shows), as every map page must offer one.
 */
export function MapView({
  label,
  height = 360,
  options,
  onReady,
  testId,
  className,
  style,
  children,
}: {
  label: string;
  height?: number | string;
  /** Read once, when the map is made. */
  options?: Omit<CreateMapOptions, 'label'>;
  /** Called once with the map; return a clean-up if you add listeners outside the map. */
  onReady?: (map: L.Map) => undefined | (() => void);
  testId?: string;
  className?: string;
  style?: CSSProperties;
  children?: React.ReactNode;
}) {
  const el = useRef<HTMLDivElement>(null);
  const ready = useRef(onReady);
  ready.current = onReady;
  const opts = useRef(options);

  useEffect(() => {
    if (!el.current) return;
    const map = createMap(el.current, opts.current);
    const cleanup = ready.current?.(map);
    return () => {
      cleanup?.();
      map.remove();
    };
  }, []);

  return (
    <section aria-label={label} className={className}>
      <div ref={el} data-testid={testId} style={{ height, borderRadius: 8, ...style }} />
      {children}
    </section>
  );
}
