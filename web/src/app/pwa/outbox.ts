import {
  createOutbox,
  type OutboxItem as KitOutboxItem,
  type SendResult as KitResult,
  type OutboxStatus as KitStatus,
  newId,
} from '../offline';

/**
 * The citizen's outbox: drafts and not-yet-sent submissions, kept in IndexedDB so they survive a
 * closed tab, a dead battery or a flaky mobile network. It is the offline kit's outbox
 * (`app/offline`) on the `dimos-outbox` database, where it has always been kept.
 */
/** A citizen's items carry no base version, so they never become a conflict. */
export type OutboxStatus = Exclude<KitStatus, 'conflict'>;
export type OutboxItem<T = unknown> = Omit<KitOutboxItem<T>, 'status'> & { status: OutboxStatus };
export type SendResult = KitResult;

export const OUTBOX_DB = 'dimos-outbox';
export const citizenOutbox = createOutbox({ db: OUTBOX_DB });

export const subscribe = (l: () => void) => citizenOutbox.subscribe(l);
export const listItems = (): Promise<OutboxItem[]> => citizenOutbox.list() as Promise<OutboxItem[]>;
export const putItem = (item: OutboxItem) => citizenOutbox.put(item);
export const removeItem = (id: string) => citizenOutbox.remove(id);
export const clearOutbox = () => citizenOutbox.clear();
/** Sends every queued item; safe to call repeatedly (one flush at a time). */
export const flushOutbox = () => citizenOutbox.flush();
export { newId };
