// Web Push in the app's service worker (imported by the generated Workbox worker, see vite.config.ts).
// The server sends JSON: { title, body, url?, category?, messageId?, deliveryId? } (notify/push.ts).
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  const title = data.title || 'Dimos';
  const urgent = data.category === 'civil_protection';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: data.body || '',
      icon: '/pwa-192.png',
      badge: '/pwa-192.png',
      tag: data.messageId || undefined,
      requireInteraction: urgent,
      data: { url: data.url || '/notifications' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url || '/notifications', self.location.origin);
  // only our own pages: a message cannot send the citizen elsewhere
  const url = target.origin === self.location.origin ? target.href : new URL('/notifications', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((list) => {
      for (const c of list) {
        if ('focus' in c) {
          c.navigate(url);
          return c.focus();
        }
      }
      return self.clients.openWindow(url);
    }),
  );
});

// The browser may replace a subscription (expiry, key rotation): tell the server about the new one.
self.addEventListener('pushsubscriptionchange', (event) => {
  const sub = event.newSubscription;
  if (!sub) return;
  event.waitUntil(
    fetch('/api/notify/push/subscriptions', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sub.toJSON()),
    }).catch(() => undefined),
  );
});
