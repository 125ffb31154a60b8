import { clearOutbox } from '../app/pwa/outbox';
import { queryClient } from '../app/query';

function expireCookies() {
  const paths = ['/', '/kiosk', location.pathname];
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]?.trim();
    if (!name) continue;
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every kiosk browser
    for (const path of paths) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}`;
  }
}

async function deleteDatabases() {
  await clearOutbox().catch(() => undefined);
  // Any other database too (where the browser can list them). Deletion finishes once this
  // page's open connections close, i.e. on the reload below; do not wait for it.
  const dbs = await indexedDB.databases?.().catch(() => []);
  for (const db of dbs ?? []) if (db.name) indexedDB.deleteDatabase(db.name);
}

/**
 * Wipes everything the previous person left that JavaScript can reach, then reloads the
 * kiosk home so no in-memory state survives either. `idle` keeps a test/operator override.
 */
export async function resetKiosk(idle?: number) {
  try {
    // The session cookie is http-only: only the server can end it. Do not wait long for it.
    await Promise.race([
      fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 1500)),
    ]);
    queryClient.clear();
    localStorage.clear();
    sessionStorage.clear();
    expireCookies();
    await deleteDatabases();
  } finally {
    location.replace(idle ? `/kiosk?idle=${idle}` : '/kiosk');
  }
}
