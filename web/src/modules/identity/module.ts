import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../web-module';

/** Platform identity pages that need no sign-in: accepting a staff or partner invitation. */
export const identityModule: WebModule = {
  id: 'identity',
  citizen: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/invitation',
      validateSearch: (s: Record<string, unknown>): { token?: string } => ({ token: typeof s.token === 'string' ? s.token : undefined }),
      component: lazyRouteComponent(() => import('./invitation-page'), 'InvitationPage'),
    }),
  ],
};
