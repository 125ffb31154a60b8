import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../web-module';

const verifyPage = (parent: AnyRoute, path: string) =>
  createRoute({ getParentRoute: () => parent, path, component: lazyRouteComponent(() => import('./verify-page'), 'VerifyPage') });

/** Issued documents: the public verification page (code typed, or the QR code's link). */
export const documentsModule: WebModule = {
  id: 'documents',
  citizen: (parent) => [verifyPage(parent, '/verify'), verifyPage(parent, '/verify/$code')],
};
