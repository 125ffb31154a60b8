/**
 * The catalogue of domain events: each event's name and the type of its payload, in one place
 * that `tsc` reads, so `emit` refuses an unknown name or a wrong payload and a reader can go from
 * an `emit` to every `on` of the same name. Modules add their events by declaration merging, in
 * their own `events.ts` (the platform never imports a module):
 *
 *   declare module '../../platform/jobs/catalogue.js' {
 *     interface EventCatalogue {
 *       'content.published': { id: string; kind: string };
 *     }
 *   }
 *
 * Payloads are stored as JSON: plain values only (Dates as ISO strings). Declare them as object
 * literal types, and make new fields optional (old rows in the outbox lack them).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each module's events.ts
export interface EventCatalogue {}

export type EventName = keyof EventCatalogue & string;
export type EventPayload<T extends EventName> = EventCatalogue[T];

/** An event as a handler receives it. */
export type TypedEvent<T extends EventName> = {
  id: string;
  tenantId: string;
  type: T;
  payload: EventPayload<T>;
  createdAt: Date;
};
