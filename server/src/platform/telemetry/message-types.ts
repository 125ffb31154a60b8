import type { z } from 'zod';

const types = new Map<string, z.ZodType<unknown>>();
const NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * Declares a non-position message type (e.g. `waste.lift`, `ppe.scan`) and the zod schema its
 * payload must pass before it is stored. Declaring the same type again replaces the schema.
 */
export function defineMessageType<T>(type: string, schema: z.ZodType<T>): void {
  if (!NAME.test(type)) throw new Error(`Message type ${type}: use <module>.<name>, lower case`);
  types.set(type, schema as z.ZodType<unknown>);
}

export function messageSchema(type: string): z.ZodType<unknown> | undefined {
  return types.get(type);
}
