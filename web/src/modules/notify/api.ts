import { api, unwrap } from '../../app/api/client';
import type { paths } from '../../app/api/schema';

export type Broadcast = paths['/api/notify/broadcasts/{id}']['get']['responses'][200]['content']['application/json'];
export type BroadcastBody = NonNullable<paths['/api/notify/broadcasts']['post']['requestBody']>['content']['application/json'];
export type Category = Broadcast['category'];

export const CATEGORIES: Category[] = ['civil_protection', 'weather', 'transport', 'schools', 'events', 'general'];
export const CHANNELS = ['push', 'sms', 'email', 'inapp'] as const;
export const FIGURES = ['queued', 'sent', 'delivered', 'failed'] as const;

export const listBroadcasts = () => unwrap(api.GET('/api/notify/broadcasts', { params: { query: { limit: 100 } } }));
export const getBroadcast = (id: string) => unwrap(api.GET('/api/notify/broadcasts/{id}', { params: { path: { id } } }));
export const createBroadcast = (body: BroadcastBody) => unwrap(api.POST('/api/notify/broadcasts', { body }));
export const approveBroadcast = (id: string) => unwrap(api.POST('/api/notify/broadcasts/{id}/approve', { params: { path: { id } } }));
export const cancelBroadcast = (id: string) => unwrap(api.POST('/api/notify/broadcasts/{id}/cancel', { params: { path: { id } } }));

/** SMS segments of a text: GSM-7 160/153 per segment, anything else (Greek) UCS-2 70/67. */
const GSM7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/;
export function smsSegments(text: string): { chars: number; segments: number; perSegment: number; ucs2: boolean } {
  const ucs2 = !GSM7.test(text);
  const chars = [...text].length;
  const single = ucs2 ? 70 : 160;
  const multi = ucs2 ? 67 : 153;
  const segments = chars === 0 ? 0 : chars <= single ? 1 : Math.ceil(chars / multi);
  return { chars, segments, perSegment: segments > 1 ? multi : single, ucs2 };
}

export { type LatLon, toPolygon } from '../../app/components/area-polygon';
