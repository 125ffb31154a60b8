import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../web-module';
import { IconCertificate } from './icon';

/** `/services?event=birth&q=…`: the catalogue's life event and search, kept in the address. */
export interface CatalogueSearch {
  event?: string;
  q?: string;
}

const page = (parent: AnyRoute, path: string, load: () => Promise<Record<string, unknown>>, name: string) =>
  createRoute({ getParentRoute: () => parent, path, component: lazyRouteComponent(load as never, name as never) });

/** E-services: the catalogue of certificates and applications by life event, a page per service, and applying. */
export const eservicesModule: WebModule = {
  id: 'eservices',
  citizen: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/services',
      validateSearch: (s: Record<string, unknown>): CatalogueSearch => ({
        ...(typeof s.event === 'string' && s.event ? { event: s.event } : {}),
        ...(typeof s.q === 'string' && s.q ? { q: s.q } : {}),
      }),
      component: lazyRouteComponent(() => import('./catalogue-page'), 'CataloguePage'),
    }),
    page(parent, '/services/my-documents', () => import('./my-documents-page'), 'MyDocumentsPage'),
    page(parent, '/services/$key', () => import('./service-page'), 'ServicePage'),
    page(parent, '/services/$key/apply', () => import('./apply-page'), 'ApplyPage'),
  ],
  citizenLinks: [
    { to: '/services', label: { el: 'Πιστοποιητικά και αιτήσεις', en: 'Certificates and applications' }, Icon: IconCertificate },
  ],
};
