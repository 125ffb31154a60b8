import { deletePush, pushKey, savePush } from './citizen-api';

/** Web Push on this browser: subscribe with the municipality's VAPID key, and unsubscribe. */

export const pushSupported = () =>
  typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const pad = '='.repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob((base64url + pad).replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

async function registration(): Promise<ServiceWorkerRegistration | undefined> {
  const reg = await navigator.serviceWorker.getRegistration();
  if (reg) return reg;
  // the app registers its worker at start; wait briefly for it rather than forever
  return Promise.race([navigator.serviceWorker.ready, new Promise<undefined>((r) => setTimeout(() => r(undefined), 4000))]);
}

export async function currentPush(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const reg = await registration();
  return reg ? reg.pushManager.getSubscription() : null;
}

export type PushError = 'unsupported' | 'denied' | 'no-worker' | 'failed';

export async function enablePush(): Promise<PushSubscription> {
  if (!pushSupported()) throw 'unsupported' satisfies PushError;
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw 'denied' satisfies PushError;
  const reg = await registration();
  if (!reg) throw 'no-worker' satisfies PushError;
  const { publicKey } = await pushKey();
  let sub: PushSubscription;
  try {
    sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
  } catch {
    throw 'failed' satisfies PushError;
  }
  const json = sub.toJSON() as { endpoint: string; keys: { p256dh: string; auth: string } };
  await savePush({ endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } });
  return sub;
}

export async function disablePush(): Promise<void> {
  const sub = await currentPush();
  if (!sub) return;
  const endpoint = sub.endpoint;
  await sub.unsubscribe();
  try {
    await deletePush(endpoint);
  } catch {
    // already gone on the server: the browser side is what matters
  }
}
