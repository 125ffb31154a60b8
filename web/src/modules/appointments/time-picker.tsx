import { Alert, Button, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { localeOf } from '../../app/i18n/format';
import { listDays, listTimes } from './api';
import { DayCalendar } from './calendar';
import { dayOf, timeOf } from './shared';

/** The 60 days at a glance, then the free times of the chosen day; `onPick` gets the slot. */
export function TimePicker({ serviceId, onPick, busy }: { serviceId: string; onPick: (slotId: string) => void; busy?: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language === 'en' ? 'en' : 'el');
  const [date, setDate] = useState<string | null>(null);
  const days = useQuery({ queryKey: ['appointments', 'days', serviceId], queryFn: () => listDays(serviceId) });
  const times = useQuery({
    queryKey: ['appointments', 'times', serviceId, date],
    queryFn: () => listTimes(serviceId, date as string),
    enabled: !!date,
    staleTime: 5_000,
  });
  const firstFree = days.data?.find((d) => d.free > 0);
  const free = times.data?.filter((s) => s.free > 0);

  return (
    <Stack>
      <section aria-labelledby="days-title">
        <Title order={2} size="h4" id="days-title" mb="xs">
          {t('appointments.chooseDay')}
        </Title>
        {days.isPending && <Loader aria-label={t('app.loading')} />}
        {days.error && <ErrorState error={days.error} onRetry={() => void days.refetch()} />}
        {days.data && (
          <>
            <Text size="sm" mb="xs">
              {firstFree ? t('appointments.firstFree', { date: dayOf(firstFree.date, locale) }) : t('appointments.nothingFree')}
            </Text>
            <DayCalendar days={days.data} selected={date} onSelect={setDate} />
          </>
        )}
      </section>
      {date && (
        <section aria-labelledby="times-title">
          <Title order={2} size="h4" id="times-title" mb="xs">
            {t('appointments.timesOf', { date: dayOf(date, locale) })}
          </Title>
          {times.isPending && <Loader aria-label={t('app.loading')} />}
          {times.error && <ErrorState error={times.error} onRetry={() => void times.refetch()} />}
          {free && free.length === 0 && <Alert variant="light">{t('appointments.dayFull')}</Alert>}
          <SimpleGrid cols={{ base: 3, xs: 4, sm: 6 }} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {free?.map((s) => (
              <li key={s.slotId}>
                <Button
                  variant="light"
                  fullWidth
                  disabled={busy}
                  onClick={() => onPick(s.slotId)}
                  aria-label={`${timeOf(s.startsAt, locale)}, ${t('appointments.freeCount', { count: s.free })}`}
                >
                  {timeOf(s.startsAt, locale)}
                </Button>
              </li>
            ))}
          </SimpleGrid>
        </section>
      )}
    </Stack>
  );
}
