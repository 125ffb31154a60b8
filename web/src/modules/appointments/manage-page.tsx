import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/components/page-header';
import { localeOf } from '../../app/i18n/format';
import { byToken, cancelByToken, icsHref, listServices, moveByToken } from './api';
import './appointments.css';
import { dayOf, ErrorAlert, timeOf } from './shared';
import { TimePicker } from './time-picker';

const ACTIVE = ['booked', 'checked_in'];

/** The manage link: see, cancel or move an appointment with no sign-in. */
export function ManagePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const locale = localeOf(lang);
  const { token = '' } = useSearch({ strict: false }) as { token?: string };
  const qc = useQueryClient();
  const key = ['appointments', 'manage', token];
  const booking = useQuery({ queryKey: key, queryFn: () => byToken(token), enabled: !!token });
  const services = useQuery({ queryKey: ['appointments', 'services'], queryFn: () => listServices() });
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [moving, setMoving] = useState(false);
  const cancel = useMutation({ mutationFn: () => cancelByToken(token), onSuccess: (b) => qc.setQueryData(key, b) });
  const move = useMutation({
    mutationFn: (slotId: string) => moveByToken(token, slotId),
    onSuccess: (b) => {
      qc.setQueryData(key, b);
      setMoving(false);
    },
  });

  const b = booking.data;
  const service = services.data?.find((s) => s.id === b?.serviceId);
  const date = b?.startsAt ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens' }).format(new Date(b.startsAt)) : null;
  const active = !!b && ACTIVE.includes(b.status);

  return (
    <Stack gap="lg">
      <PageHeader title={t('appointments.manageTitle')} />
      {!token && <Alert variant="light">{t('appointments.noToken')}</Alert>}
      {booking.isPending && token && <Loader aria-label={t('app.loading')} />}
      <ErrorAlert error={booking.error} />
      {b && (
        <Card withBorder radius="lg" padding="lg">
          <Group justify="space-between">
            <Text fw={600}>{service?.name[lang]}</Text>
            <Badge color={active ? '#1b6b2f' : 'gray.8'} variant="filled" data-testid="booking-status">
              {t(`appointments.status.${b.status}`, { defaultValue: b.status })}
            </Badge>
          </Group>
          {date && (
            <Text fw={700} size="lg" data-testid="appointment-when">
              {dayOf(date, locale)}, {timeOf(b.startsAt, locale)}
            </Text>
          )}
          {move.isSuccess && (
            <Alert color="green" variant="light" role="status" c="dark.8" mt="sm">
              {t('appointments.moved')}
            </Alert>
          )}
          {cancel.isSuccess && (
            <Alert color="green" variant="light" role="status" c="dark.8" mt="sm">
              {t('appointments.cancelled')}
            </Alert>
          )}
          {active && (
            <Group mt="md">
              <Button component="a" href={icsHref(b.id, token)} download variant="outline">
                {t('appointments.addToCalendar')}
              </Button>
              <Button variant="outline" onClick={() => setMoving(!moving)} aria-expanded={moving}>
                {t('appointments.move')}
              </Button>
              {!confirmCancel ? (
                <Button color="red.9" c="red.9" variant="outline" onClick={() => setConfirmCancel(true)}>
                  {t('appointments.cancel')}
                </Button>
              ) : (
                <Group gap="xs" role="group" aria-label={t('appointments.cancelSure')}>
                  <Text size="sm">{t('appointments.cancelSure')}</Text>
                  <Button color="red.9" onClick={() => cancel.mutate()} loading={cancel.isPending}>
                    {t('appointments.cancelYes')}
                  </Button>
                  <Button variant="subtle" onClick={() => setConfirmCancel(false)}>
                    {t('appointments.cancelNo')}
                  </Button>
                </Group>
              )}
            </Group>
          )}
          <ErrorAlert error={cancel.error ?? move.error} />
        </Card>
      )}
      {active && moving && b?.serviceId && (
        <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="move-title">
          <Title order={2} size="h4" id="move-title" mb="sm">
            {t('appointments.moveTitle')}
          </Title>
          <TimePicker serviceId={b.serviceId} busy={move.isPending} onPick={(slotId) => move.mutate(slotId)} />
        </Card>
      )}
      <Anchor underline="always" component={Link} to="/appointments">
        {t('appointments.bookAnother')}
      </Anchor>
    </Stack>
  );
}
