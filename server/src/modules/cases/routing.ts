import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { TRoutingRule } from './case-type.model.js';

export type TRoutingInput = { lat?: number | null; lon?: number | null; data: Record<string, unknown> };

function valueAt(data: Record<string, unknown>, path: string): unknown {
  let v: unknown = data;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/**
 * Picks the unit a new case goes to: the first rule that matches (a map area containing the
 * case's point, or a form field with one of the listed values), else the type's default unit.
 */
export function routeCase(
  rules: TRoutingRule[],
  defaultUnitId: string | null,
  input: TRoutingInput,
): { unitId: string | null; rule: number | null } {
  for (const [i, rule] of rules.entries()) {
    if (rule.kind === 'area') {
      if (input.lat == null || input.lon == null) continue;
      try {
        if (booleanPointInPolygon([input.lon, input.lat], rule.area as never)) return { unitId: rule.unitId, rule: i };
      } catch {
        // a malformed polygon never matches; the admin form validates shapes on save
      }
    } else {
      const v = valueAt(input.data, rule.field);
      const values = Array.isArray(v) ? v : [v];
      if (values.some((x) => rule.values.includes(x as string | number | boolean))) return { unitId: rule.unitId, rule: i };
    }
  }
  return { unitId: defaultUnitId, rule: null };
}
