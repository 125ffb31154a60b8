import type { ComponentType, SVGProps } from 'react';
import type { Me } from '../app/api/endpoints';
import { hasRole } from '../app/auth/use-me';
import { IconCalendar, IconFolder, IconInbox, IconNews, IconSettings, IconSpeaker } from '../app/components/icons';

export interface StaffModule {
  id: 'inbox' | 'cases' | 'broadcasts' | 'content' | 'appointments' | 'admin';
  Icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** roles that see the module; absent = every staff member */
  roles?: string[];
}

export const STAFF_MODULES: StaffModule[] = [
  { id: 'inbox', Icon: IconInbox },
  { id: 'cases', Icon: IconFolder },
  { id: 'broadcasts', Icon: IconSpeaker },
  { id: 'content', Icon: IconNews },
  { id: 'appointments', Icon: IconCalendar },
  { id: 'admin', Icon: IconSettings, roles: ['admin'] },
];

export const modulesFor = (me: Me | null) => STAFF_MODULES.filter((m) => !m.roles || m.roles.some((r) => hasRole(me, r)));
