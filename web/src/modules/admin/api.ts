import { api, unwrap } from '../../app/api/client';
import type { components } from '../../app/api/schema';

export type UnitNode = components['schemas']['UnitNode'];

export const UNITS_KEY = ['admin', 'units'] as const;
export const listUnits = () => unwrap(api.GET('/api/units')).then((r) => r.items);

/** The unit tree flattened in display order, with each unit's depth. */
export function flattenUnits(nodes: UnitNode[], depth = 0): (UnitNode & { depth: number })[] {
  return nodes.flatMap((n) => [{ ...n, depth }, ...flattenUnits(n.children, depth + 1)]);
}

/** A unit and every unit below it (a unit may not move under its own branch). */
export function subtreeIds(node: UnitNode): string[] {
  return [node.id, ...node.children.flatMap(subtreeIds)];
}
