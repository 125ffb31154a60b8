import { Alert, Anchor, Badge, Button, Card, Group, List, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { getService, type ServiceDetail } from './api';
import { EventIcon } from './icon';
import { DocumentBadge, euros, IdentityNotice, TaxisnetBadge, useIdentity, useSlaText } from './shared';
import './i18n';
import './eservices.css';

/** Where the Apply button leads: a module's own page (nursery) or the generic application form. */
export const applyHref = (s: Pick<ServiceDetail, 'key' | 'applyPath'>) => s.applyPath || `/services/${encodeURIComponent(s.key)}/apply`;

/** One service: what is needed, how long, what it costs, who issues it, and the Apply button. */
export function ServicePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const { key } = useParams({ strict: false }) as { key: string };
  const service = useQuery({ queryKey: ['eservices', 'service', lang, key], queryFn: () => getService(key), retry: false });
  const identity = useIdentity();
  const sla = useSlaText();
  const s = service.data;

  if (!s) {
    const notFound = service.error instanceof ApiError && service.error.status === 404;
    return (
      <Stack>
        <Anchor component={Link} to="/services" underline="always">
          ← {t('eservices.back')}
        </Anchor>
        <PageHeader title={notFound ? t('eservices.notFound') : t('eservices.title')} />
        {service.isPending && <Loader aria-label={t('app.loading')} />}
        {service.error && !notFound && <ErrorState error={service.error} onRetry={() => void service.refetch()} />}
      </Stack>
    );
  }

  const apply = applyHref(s);
  const allowed = identity.meets(s.identity);
  const fines = s.fee?.lateFines ?? [];
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/services" underline="always">
        ← {t('eservices.back')}
      </Anchor>
      <PageHeader title={s.name} intro={s.description || undefined} />
      <Group gap={6}>
        {s.lifeEvents.map((e) => (
          <Badge key={e} variant="outline" color="dark" style={{ textTransform: 'none' }} leftSection={<EventIcon event={e} size={16} />}>
            {t(`eservices.events.${e}`)}
          </Badge>
        ))}
        {s.identity === 'taxisnet' && <TaxisnetBadge />}
        {s.issuesDocument && <DocumentBadge />}
      </Group>

      <Card withBorder radius="md" component="section" aria-labelledby="needed-title">
        <Title order={2} size="h4" id="needed-title" mb="xs">
          {t('eservices.needed')}
        </Title>
        {s.requiredDocuments.length === 0 ? (
          <Text>{t('eservices.nothingNeeded')}</Text>
        ) : (
          <List spacing="xs" data-testid="required-documents">
            {s.requiredDocuments.map((d) => (
              <List.Item key={d.key ?? d.label}>
                <Text component="span">{d.label}</Text>
                {d.optional && (
                  <Text component="span" size="sm">
                    {' '}
                    ({t('eservices.optional')})
                  </Text>
                )}
                {d.registry && (
                  <Text size="sm" c="green.9" fw={600}>
                    ✓ {t('eservices.weFetch')}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        )}
        {s.onBehalf && (
          <Text size="sm" mt="sm">
            {t('eservices.onBehalfNote')}
          </Text>
        )}
      </Card>

      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder radius="md" component="section" aria-labelledby="time-title">
          <Title order={2} size="h4" id="time-title" mb="xs">
            {t('eservices.howLong')}
          </Title>
          <Text data-testid="sla">{sla(s.slaDays)}</Text>
          {s.slaDays != null && s.slaDays > 0 && (
            <Text size="sm" mt={4}>
              {t('eservices.workingDaysNote')}
            </Text>
          )}
        </Card>
        <Card withBorder radius="md" component="section" aria-labelledby="cost-title">
          <Title order={2} size="h4" id="cost-title" mb="xs">
            {t('eservices.cost')}
          </Title>
          {!s.fee || (s.fee.cents === 0 && fines.length === 0) ? (
            <Text data-testid="cost">{t('eservices.free')}</Text>
          ) : (
            <Stack gap={4} data-testid="cost">
              <Text>
                {s.fee.cents > 0
                  ? s.fee.eParavoloCode
                    ? t('eservices.feeWithCode', { amount: euros(s.fee.cents), code: s.fee.eParavoloCode })
                    : t('eservices.feeAmount', { amount: euros(s.fee.cents) })
                  : t('eservices.freeInTime')}
              </Text>
              {fines.length > 0 && (
                <>
                  <Text size="sm">{t('eservices.finesIntro')}</Text>
                  <List size="sm">
                    {fines.map((f) => (
                      <List.Item key={f.afterDays}>
                        {t('eservices.fineLine', { days: f.afterDays, amount: euros(f.cents), code: f.eParavoloCode })}
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
              <Text size="sm">{t('eservices.paravoloHow')}</Text>
            </Stack>
          )}
        </Card>
        <Card withBorder radius="md" component="section" aria-labelledby="issuer-title">
          <Title order={2} size="h4" id="issuer-title" mb="xs">
            {t('eservices.issuer')}
          </Title>
          <Text>{s.issuingUnit?.name ?? t('eservices.issuerMunicipality')}</Text>
        </Card>
        <Card withBorder radius="md" component="section" aria-labelledby="result-title">
          <Title order={2} size="h4" id="result-title" mb="xs">
            {t('eservices.result')}
          </Title>
          <Text>{s.issuesDocument ? t('eservices.resultDocument') : t('eservices.resultDecision')}</Text>
        </Card>
      </SimpleGrid>

      {!identity.loading && !allowed && <IdentityNotice level={s.identity} returnTo={apply} />}
      {!identity.loading && allowed && s.identity === 'taxisnet' && (
        <Alert color="green" variant="light" c="dark.8">
          {t('eservices.taxisnetOk')}
        </Alert>
      )}
      <Group>
        {allowed || identity.loading ? (
          s.applyPath && /^https?:/.test(s.applyPath) ? (
            <Button component="a" href={s.applyPath} size="md">
              {t('eservices.apply')}
            </Button>
          ) : (
            <Button component={Link} to={apply} size="md" data-testid="apply">
              {t('eservices.apply')}
            </Button>
          )
        ) : (
          <Text size="sm">{t('eservices.applyAfterSignIn')}</Text>
        )}
      </Group>
    </Stack>
  );
}
