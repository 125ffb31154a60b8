/** The offline kit for field apps (see README.md). */
export { type CursorStore, createCursorStore, getCursor, pull, setCursor } from './cursors';
export {
  backoffMs,
  classify,
  createOutbox,
  type Outbox,
  type OutboxFile,
  type OutboxItem,
  type OutboxStatus,
  outboxFile,
  requestOf,
  type SendResult,
} from './outbox';
export { PendingChanges } from './pending-changes';
export { createLocalStore, type LocalStore, newId } from './store';
export { usePendingChanges } from './use-outbox';
