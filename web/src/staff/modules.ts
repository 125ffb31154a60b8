import type { ComponentType, SVGProps } from 'react';
import type { Me } from '../app/api/endpoints';
import { hasRole } from '../app/auth/use-me';
import { IconCalendar, IconFolder, IconInbox, IconNews, IconSettings, IconSpeaker } from '../app/components/icons';
import { WEB_MODULES } from '../modules/registry';

export interface StaffModule {
  id: 'inbox' | 'cases' | 'broadcasts' | 'content' | 'appointments' | 'admin';
  /** The web module (web/src/modules/<module>) that replaces this placeholder once it has staff navigation. */
  module: string;
  Icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** roles that see the module; absent = every staff member */
  roles?: string[];
}

/** Placeholders for areas whose module has no staff screens yet. */
export const STAFF_MODULES: StaffModule[] = [
  { id: 'inbox', module: 'helpdesk', Icon: IconInbox },
  { id: 'cases', module: 'helpdesk', Icon: IconFolder },
  { id: 'broadcasts', module: 'notify', Icon: IconSpeaker },
  { id: 'content', module: 'content', Icon: IconNews },
  { id: 'appointments', module: 'appointments', Icon: IconCalendar },
  { id: 'admin', module: 'admin', Icon: IconSettings, roles: ['admin'] },
];

const visible = (me: Me | null, roles?: string[]) => !roles || roles.some((r) => hasRole(me, r));
const built = new Set(WEB_MODULES.filter((m) => m.staffNav?.length).map((m) => m.id));

export const modulesFor = (me: Me | null) => STAFF_MODULES.filter((m) => !built.has(m.module) && visible(me, m.roles));

export interface StaffLink {
  key: string;
  to: string;
  params?: { module: string };
  /** Label: a translation key for placeholders, the module's own text otherwise. */
  label: (t: (k: string) => string, lng: string) => string;
  Icon: ComponentType<SVGProps<SVGSVGElement>>;
}

/** The staff navigation: every module's own entries, then the placeholders still standing. */
export function staffLinks(me: Me | null): StaffLink[] {
  const own: StaffLink[] = WEB_MODULES.flatMap((m) =>
    (m.staffNav ?? [])
      .filter((e) => visible(me, e.roles))
      .map((e) => ({
        key: e.to,
        to: e.to,
        Icon: e.Icon,
        label: (_t: (k: string) => string, lng: string) => (lng === 'en' ? e.label.en : e.label.el),
      })),
  );
  const placeholders: StaffLink[] = modulesFor(me).map((m) => ({
    key: m.id,
    to: '/staff/$module',
    params: { module: m.id },
    Icon: m.Icon,
    label: (t: (k: string) => string) => t(`staff.modules.${m.id}`),
  }));
  return [...own, ...placeholders];
}
