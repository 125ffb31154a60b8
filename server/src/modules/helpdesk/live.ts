import type { Actor } from '../../platform/access/access.js';
import type { DomainEvent } from '../../platform/jobs/jobs.js';

/**
 * Live inbox updates. Case events come from the outbox (`platform.jobs.on`) and are fanned out to
 * every process over the database's LISTEN/NOTIFY (see index.ts); each process's hub passes them to
 * its Server-Sent-Events connections of the same tenant whose staff member may read the case's
 * unit (decided by `canSee`, given per connection).
 */
export type LiveMessage = { type: string; caseId: string; unitId: string | null; at: string };

type Listener = { tenantId: string; actor: Actor; canSee: (unitId: string | null) => boolean; send: (m: LiveMessage) => void };

export class LiveHub {
  private listeners = new Set<Listener>();

  add(l: Listener) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  get size() {
    return this.listeners.size;
  }

  publish(tenantId: string, m: LiveMessage) {
    for (const l of this.listeners) {
      if (l.tenantId !== tenantId) continue;
      try {
        if (l.canSee(m.unitId)) l.send(m);
      } catch {
        // a closed connection: its own close handler removes it
      }
    }
  }

  /** Turns an outbox event into a live message (payloads carry the case id, and the unit when it moved). */
  fromEvent(e: DomainEvent, unitId: string | null): LiveMessage | null {
    const caseId = typeof e.payload.caseId === 'string' ? e.payload.caseId : null;
    if (!caseId) return null;
    return { type: e.type, caseId, unitId, at: e.createdAt.toISOString() };
  }
}

export const CASE_EVENT_TYPES = [
  'case.submitted',
  'case.protocol_assigned',
  'case.assigned',
  'case.transitioned',
  'case.replied',
  'case.info_requested',
  'case.citizen_replied',
  'case.merged',
  'case.overdue',
] as const;
