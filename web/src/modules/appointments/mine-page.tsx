import { Alert, Anchor, Badge, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth/use-me';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { localeOf } from '../../app/i18n/format';
import { icsHref, listServices, myBookings } from './api';
import { dayOf, timeOf } from './shared';
import './i18n';

/** A signed-in citizen's appointments. */
export function MinePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const locale = localeOf(lang);
  const { me, isPending } = useMe();
  const citizen = me?.kind === 'citizen';
  const list = useQuery({ queryKey: ['appointments', 'mine'], queryFn: myBookings, enabled: citizen });
  const services = useQuery({ queryKey: ['appointments', 'services'], queryFn: () => listServices() });
  return (
    <Stack gap="lg">
      <PageHeader title={t('appointments.mineTitle')} />
      {isPending && <Loader aria-label={t('app.loading')} />}
      {!isPending && !citizen && (
        <Alert variant="light">
          {t('appointments.mineSignIn')}{' '}
          <Anchor underline="always" component={Link} to="/account">
            {t('appointments.verifyLink')}
          </Anchor>
        </Alert>
      )}
      {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.length === 0 && <Text>{t('appointments.mineEmpty')}</Text>}
      <Stack component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {list.data?.map((b) => {
          const s = services.data?.find((x) => x.id === b.serviceId);
          const date = b.startsAt ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens' }).format(new Date(b.startsAt)) : b.date;
          return (
            <Card component="li" key={b.id} withBorder radius="lg" padding="md">
              <Group justify="space-between">
                <Text fw={600}>{s?.name[lang] ?? b.ticketNumber}</Text>
                <Badge variant="filled" color="aegean.8">
                  {t(`appointments.status.${b.status}`, { defaultValue: b.status })}
                </Badge>
              </Group>
              <Text>
                {dayOf(date, locale)}
                {b.startsAt ? `, ${timeOf(b.startsAt, locale)}` : ''}
              </Text>
              {['booked', 'checked_in'].includes(b.status) && (
                <Anchor underline="always" href={icsHref(b.id)} download size="sm">
                  {t('appointments.addToCalendar')}
                </Anchor>
              )}
            </Card>
          );
        })}
      </Stack>
      <Anchor underline="always" component={Link} to="/appointments">
        {t('appointments.bookAnother')}
      </Anchor>
    </Stack>
  );
}
