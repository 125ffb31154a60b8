import type { AnyRoute } from '@tanstack/react-router';
import type { ComponentType, SVGProps } from 'react';

/** A label given in both languages inline, so navigation needs no module chunk to be loaded. */
export type Label = { el: string; en: string };

export interface NavEntry {
  /** Absolute path, e.g. "/staff/reports" or "/news". */
  to: string;
  label: Label;
  Icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** Roles that see the entry (staff face); absent = everyone who can open the face. */
  roles?: string[];
}

/**
 * A feature's share of the web app. Route factories receive the face's layout route and return
 * child routes; their components must be lazy (`lazyRouteComponent`) so the entry chunk stays small.
 * A module's pages load its translations with `registerTranslations` (app/i18n).
 */
export interface WebModule {
  id: string;
  citizen?: (parent: AnyRoute) => AnyRoute[];
  staff?: (parent: AnyRoute) => AnyRoute[];
  kiosk?: (parent: AnyRoute) => AnyRoute[];
  /** Entries in the staff navigation. */
  staffNav?: NavEntry[];
  /** Links on the citizen "more" list (the bottom tabs stay fixed). */
  citizenLinks?: NavEntry[];
}
