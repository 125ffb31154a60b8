import { Alert, Anchor, Card, Group, Loader, SimpleGrid, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useRouter, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { formatNumber } from '../../app/i18n/format';
import { getCatalogue, LIFE_EVENTS, type LifeEvent, type ServiceSummary } from './api';
import { EventIcon } from './icon';
import type { CatalogueSearch } from './module';
import { DocumentBadge, TaxisnetBadge, useCostText, useSlaText } from './shared';
import './i18n';
import './eservices.css';

/** The catalogue: life events to browse by, and a search whose results follow the typing. */
export function CataloguePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const search = useSearch({ strict: false }) as CatalogueSearch;
  const navigate = useNavigate();
  const router = useRouter();
  const [text, setText] = useState(search.q ?? '');
  const [q] = useDebouncedValue(text.trim(), 250);
  const event = LIFE_EVENTS.includes(search.event as LifeEvent) ? (search.event as LifeEvent) : '';

  // the address keeps the search, so "back" from a service comes back to the same list
  useEffect(() => {
    // not while the citizen is already on the way to a service page (a late debounce must not pull them back)
    if (router.state.location.pathname !== '/services') return;
    if ((search.q ?? '') !== q) {
      void navigate({ to: '/services', search: { ...(event ? { event } : {}), ...(q ? { q } : {}) }, replace: true });
    }
  }, [q, event, search.q, navigate, router]);

  const catalogue = useQuery({
    queryKey: ['eservices', 'catalogue', lang, q, event],
    queryFn: () => getCatalogue(q, event),
    placeholderData: keepPreviousData,
  });
  // the life events count the services that match the search
  const events = catalogue.data?.lifeEvents ?? [];
  const services = catalogue.data?.services;
  const eventName = events.find((e) => e.key === event)?.name;

  const pick = (key: string) =>
    void navigate({ to: '/services', search: { ...(key && key !== event ? { event: key } : {}), ...(q ? { q } : {}) } });

  return (
    <Stack gap="lg">
      <PageHeader title={t('eservices.title')} intro={t('eservices.intro')} />

      <section aria-labelledby="events-title">
        <Title order={2} size="h4" id="events-title" mb="sm">
          {t('eservices.byLifeEvent')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="sm" component="ul" className="eservices-events" data-testid="life-events">
          {events.map((e) => {
            const active = e.key === event;
            return (
              <li key={e.key}>
                <UnstyledButton
                  onClick={() => pick(e.key)}
                  aria-pressed={active}
                  className="eservices-event"
                  data-active={active || undefined}
                  w="100%"
                  h="100%"
                >
                  <span className="eservices-event-icon" aria-hidden="true">
                    <EventIcon event={e.key} size={32} />
                  </span>
                  <Text fw={700} component="span" display="block">
                    {e.name}
                  </Text>
                  <Text size="sm" component="span" display="block">
                    {t('eservices.servicesCount', { count: e.count, n: formatNumber(e.count) })}
                  </Text>
                </UnstyledButton>
              </li>
            );
          })}
        </SimpleGrid>
      </section>

      <section aria-labelledby="services-title">
        <Title order={2} size="h4" id="services-title" mb="sm">
          {eventName ? t('eservices.servicesFor', { event: eventName }) : t('eservices.allServices')}
        </Title>
        <TextInput
          type="search"
          label={t('eservices.search')}
          description={t('eservices.searchHint')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autoComplete="off"
          data-testid="eservices-search"
          mb="sm"
        />
        <Group justify="space-between" mb="sm" mih={24}>
          <Text size="sm" aria-live="polite" aria-atomic="true" data-testid="eservices-count">
            {services ? t('eservices.results', { count: services.length, n: formatNumber(services.length) }) : ''}
          </Text>
          {event && (
            <Anchor component="button" type="button" onClick={() => pick('')} underline="always" size="sm">
              {t('eservices.allEvents')}
            </Anchor>
          )}
        </Group>
        {catalogue.isPending && <Loader aria-label={t('app.loading')} />}
        {catalogue.error && <ErrorState error={catalogue.error} onRetry={() => void catalogue.refetch()} />}
        {services?.length === 0 && <Alert variant="light">{t('eservices.noResults')}</Alert>}
        <Stack component="ul" gap="sm" className="eservices-list" data-testid="services">
          {services?.map((s) => (
            <li key={s.key}>
              <ServiceCard s={s} />
            </li>
          ))}
        </Stack>
      </section>

      <Text size="sm">
        <Anchor component={Link} to="/services/my-documents" underline="always">
          {t('eservices.myDocuments.link')}
        </Anchor>
      </Text>
    </Stack>
  );
}

function ServiceCard({ s }: { s: ServiceSummary }) {
  const { t } = useTranslation();
  const cost = useCostText();
  const sla = useSlaText();
  return (
    <Card withBorder radius="md" padding="md" data-testid="service-card">
      <Stack gap={6}>
        <Anchor component={Link} to={`/services/${encodeURIComponent(s.key)}`} fw={700} size="lg" underline="always">
          {s.name}
        </Anchor>
        {s.summary && <Text size="sm">{s.summary}</Text>}
        <Group gap="lg" component="dl" className="eservices-facts">
          <div>
            <dt>{t('eservices.howLong')}</dt>
            <dd>{sla(s.slaDays)}</dd>
          </div>
          <div>
            <dt>{t('eservices.cost')}</dt>
            <dd>{cost(s.fee)}</dd>
          </div>
        </Group>
        {(s.identity === 'taxisnet' || s.issuesDocument) && (
          <Group gap={6}>
            {s.identity === 'taxisnet' && <TaxisnetBadge />}
            {s.issuesDocument && <DocumentBadge />}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
