import { Alert, Badge, Button, Card, Group, Loader, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { ScrollTable } from '../../app/components/scroll-table';
import { localeOf } from '../../app/i18n/format';
import { listServices, type StaffBooking } from './api';
import { ErrorAlert, timeOf } from './shared';
import { bookForCaller, dayView, deskAction, deskTimes, issueTicket, todayAthens } from './staff-api';
import { UnitPicker } from './unit-picker';
import './i18n';

type Action = 'check-in' | 'start' | 'served' | 'no-show' | 'cancel';
const NEXT: Record<string, Action[]> = {
  booked: ['check-in', 'no-show', 'cancel'],
  checked_in: ['start', 'served', 'cancel'],
  serving: ['served'],
};

function Actions({ b, onDone }: { b: StaffBooking; onDone: () => void }) {
  const { t } = useTranslation();
  const act = useMutation({ mutationFn: (a: Action) => deskAction(b.id, a), onSuccess: onDone });
  const who = b.name ?? b.ticketNumber ?? '';
  return (
    <Stack gap={4}>
      <Group gap={4}>
        {(NEXT[b.status] ?? []).map((a) => (
          <Button
            key={a}
            size="compact-sm"
            variant={a === 'cancel' || a === 'no-show' ? 'subtle' : 'light'}
            color={a === 'cancel' || a === 'no-show' ? 'red.9' : undefined}
            c={a === 'cancel' || a === 'no-show' ? 'red.9' : undefined}
            onClick={() => act.mutate(a)}
            loading={act.isPending && act.variables === a}
            aria-label={`${t(`appointments.staff.action.${a}`)}: ${who}`}
          >
            {t(`appointments.staff.action.${a}`)}
          </Button>
        ))}
      </Group>
      <ErrorAlert error={act.error} />
    </Stack>
  );
}

function BookingRows({ list, locale, lang, onDone }: { list: StaffBooking[]; locale: string; lang: 'el' | 'en'; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      {list.map((b) => (
        <Table.Tr key={b.id}>
          <Table.Td>{b.ticketNumber ?? timeOf(b.startsAt, locale)}</Table.Td>
          <Table.Td>
            <Text size="sm" fw={600}>
              {b.name ?? '—'}
            </Text>
            <Text size="xs">{[b.phone, b.email].filter(Boolean).join(' · ')}</Text>
            {b.serviceName && <Text size="xs">{b.serviceName[lang]}</Text>}
          </Table.Td>
          <Table.Td>
            <Badge variant="light" color="aegean.9" c="aegean.9">
              {t(`appointments.status.${b.status}`, { defaultValue: b.status })}
            </Badge>
          </Table.Td>
          <Table.Td>
            <Actions b={b} onDone={onDone} />
          </Table.Td>
        </Table.Tr>
      ))}
    </>
  );
}

function BookForCaller({ unitId, onDone }: { unitId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const locale = localeOf(lang);
  const services = useQuery({ queryKey: ['appointments', 'services', unitId], queryFn: () => listServices(unitId) });
  const [serviceId, setServiceId] = useState('');
  const [date, setDate] = useState(todayAthens());
  const [slotId, setSlotId] = useState('');
  const [channel, setChannel] = useState<'phone' | 'counter'>('phone');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const sid = serviceId || services.data?.[0]?.id || '';
  const times = useQuery({
    queryKey: ['appointments', 'desk-times', sid, date],
    queryFn: () => deskTimes(sid, date),
    enabled: !!sid && !!date,
  });
  const book = useMutation({
    mutationFn: () => bookForCaller({ slotId, channel, name: name.trim(), phone: phone.trim() || undefined }),
    onSuccess: () => {
      setName('');
      setPhone('');
      setSlotId('');
      onDone();
    },
  });
  const free = (times.data ?? []).filter((s) => s.free[channel] > 0);
  return (
    <Card withBorder component="section" aria-labelledby="caller-title">
      <Title order={2} size="h4" id="caller-title" mb="sm">
        {t('appointments.staff.bookCaller')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          book.mutate();
        }}
      >
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label={t('appointments.staff.service')}
              value={sid}
              onChange={(e) => setServiceId(e.currentTarget.value)}
              data={(services.data ?? []).map((s) => ({ value: s.id, label: s.name[lang] }))}
            />
            <TextInput type="date" label={t('appointments.staff.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
            <NativeSelect
              label={t('appointments.staff.channel')}
              value={channel}
              onChange={(e) => setChannel(e.currentTarget.value as 'phone' | 'counter')}
              data={[
                { value: 'phone', label: t('appointments.staff.channelPhone') },
                { value: 'counter', label: t('appointments.staff.channelCounter') },
              ]}
            />
          </SimpleGrid>
          <NativeSelect
            label={t('appointments.staff.time')}
            value={slotId}
            onChange={(e) => setSlotId(e.currentTarget.value)}
            data={[
              { value: '', label: free.length ? t('appointments.staff.pickTime') : t('appointments.staff.noTimes') },
              ...free.map((s) => ({ value: s.slotId, label: `${timeOf(s.startsAt as unknown as string, locale)} (${s.free[channel]})` })),
            ]}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('appointments.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              minLength={2}
            />
            <TextInput label={t('appointments.phone')} type="tel" value={phone} onChange={(e) => setPhone(e.currentTarget.value)} />
          </SimpleGrid>
          <ErrorAlert error={book.error} />
          {book.isSuccess && (
            <Alert color="green" variant="light" role="status" c="dark.8">
              {t('appointments.staff.booked')}
            </Alert>
          )}
          <Button type="submit" w="fit-content" disabled={!slotId} loading={book.isPending}>
            {t('appointments.staff.book')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/** The front desk: a unit's day per counter, the walk-in queue, tickets and bookings for callers. */
export function StaffDayPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const locale = localeOf(lang);
  const qc = useQueryClient();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [date, setDate] = useState(todayAthens());
  const [ticketName, setTicketName] = useState('');
  const key = ['appointments', 'day', unitId, date];
  const day = useQuery({ queryKey: key, queryFn: () => dayView(unitId as string, date), enabled: !!unitId, refetchInterval: 30_000 });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['appointments', 'day'] });
  const ticket = useMutation({
    mutationFn: () => issueTicket({ unitId: unitId as string, name: ticketName.trim() || undefined }),
    onSuccess: () => {
      setTicketName('');
      refresh();
    },
  });

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('appointments.staff.dayTitle')}
      </Title>
      <Group align="end">
        <UnitPicker value={unitId} onChange={setUnitId} />
        <TextInput type="date" label={t('appointments.staff.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
      </Group>
      {day.isPending && unitId && <Loader aria-label={t('app.loading')} />}
      {day.error && <ErrorState error={day.error} onRetry={() => void day.refetch()} />}
      {day.data && (
        <>
          {day.data.counters.length === 0 && <Text>{t('appointments.staff.noAppointments')}</Text>}
          {day.data.counters.map((c) => (
            <Card withBorder key={c.id ?? 'none'} component="section" aria-label={c.name}>
              <Title order={2} size="h4" mb="xs">
                {c.name || t('appointments.staff.noCounter')}
              </Title>
              {c.appointments.length === 0 ? (
                <Text size="sm">{t('appointments.staff.noAppointments')}</Text>
              ) : (
                <ScrollTable label={t('appointments.staff.dayTitle')} minWidth={560}>
                  <Table>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('appointments.staff.time')}</Table.Th>
                        <Table.Th>{t('appointments.staff.who')}</Table.Th>
                        <Table.Th>{t('appointments.staff.statusCol')}</Table.Th>
                        <Table.Th>{t('appointments.staff.actions')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      <BookingRows list={c.appointments} locale={locale} lang={lang} onDone={refresh} />
                    </Table.Tbody>
                  </Table>
                </ScrollTable>
              )}
            </Card>
          ))}
          <Card withBorder component="section" aria-labelledby="walkins-title">
            <Title order={2} size="h4" id="walkins-title" mb="xs">
              {t('appointments.staff.walkIns')}
            </Title>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                ticket.mutate();
              }}
            >
              <Group align="end" mb="sm">
                <TextInput
                  label={t('appointments.staff.ticketName')}
                  value={ticketName}
                  onChange={(e) => setTicketName(e.currentTarget.value)}
                />
                <Button type="submit" loading={ticket.isPending}>
                  {t('appointments.staff.issueTicket')}
                </Button>
              </Group>
            </form>
            {ticket.data && (
              <Alert variant="light" role="status" mb="sm">
                {t('appointments.staff.ticketIssued', { number: ticket.data.ticketNumber })}
              </Alert>
            )}
            <ErrorAlert error={ticket.error} />
            {day.data.walkIns.length === 0 ? (
              <Text size="sm">{t('appointments.staff.noWalkIns')}</Text>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('appointments.staff.ticket')}</Table.Th>
                    <Table.Th>{t('appointments.staff.who')}</Table.Th>
                    <Table.Th>{t('appointments.staff.statusCol')}</Table.Th>
                    <Table.Th>{t('appointments.staff.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  <BookingRows list={day.data.walkIns} locale={locale} lang={lang} onDone={refresh} />
                </Table.Tbody>
              </Table>
            )}
          </Card>
          {unitId && <BookForCaller unitId={unitId} onDone={refresh} />}
        </>
      )}
    </Stack>
  );
}
