import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { localeOf } from '../../app/i18n/format';
import type { UnitConfig } from './api';
import { dayOf, ErrorAlert } from './shared';
import { unitConfig } from './staff-api';
import { UnitPicker } from './unit-picker';
import './i18n';

type Interval = { from: string; to: string };
type Weekly = UnitConfig['weekly'];
type DayKey = keyof Weekly;
type AdminService = UnitConfig['services'][number];
const DAYS: DayKey[] = [1, 2, 3, 4, 5, 6, 0];

const showIntervals = (list?: Interval[]) => (list ?? []).map((i) => `${i.from}-${i.to}`).join(', ');
/** "08:00-10:30, 11:00-14:00" → intervals; null when it does not read. */
function parseIntervals(text: string): Interval[] | null {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const out: Interval[] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(p);
    if (!m) return null;
    out.push({ from: `${m[1]?.padStart(2, '0')}:${m[2]}`, to: `${m[3]?.padStart(2, '0')}:${m[4]}` });
  }
  return out;
}

function HoursEditor({ unitId, weekly, onSaved }: { unitId: string; weekly: Weekly; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language === 'en' ? 'en' : 'el');
  const [text, setText] = useState<Record<string, string>>({});
  useEffect(() => setText(Object.fromEntries(DAYS.map((d) => [d, showIntervals(weekly[d])]))), [weekly]);
  const bad = DAYS.filter((d) => parseIntervals(text[d] ?? '') === null);
  const save = useMutation({
    mutationFn: () => {
      const body: Weekly = {};
      for (const d of DAYS) body[d] = parseIntervals(text[d] ?? '') ?? [];
      return unwrap(api.PUT('/api/appointments/admin/units/{unitId}/hours', { params: { path: { unitId } }, body: { weekly: body } }));
    },
    onSuccess: onSaved,
  });
  // 2024-01-07 was a Sunday: +n days gives weekday n
  const dayName = (d: DayKey) =>
    new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 7 + Number(d), 12)));
  return (
    <Card withBorder component="section" aria-labelledby="hours-title">
      <Title order={2} size="h4" id="hours-title">
        {t('appointments.staff.hours')}
      </Title>
      <Text size="sm" mb="sm">
        {t('appointments.staff.hoursHelp')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!bad.length) save.mutate();
        }}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {DAYS.map((d) => (
            <TextInput
              key={d}
              label={dayName(d)}
              value={text[d] ?? ''}
              placeholder="08:00-10:30, 11:00-14:00"
              onChange={(e) => {
                const v = e.currentTarget.value;
                setText((s) => ({ ...s, [d]: v }));
              }}
              error={bad.includes(d) ? t('appointments.staff.badHours') : undefined}
            />
          ))}
        </SimpleGrid>
        <ErrorAlert error={save.error} />
        {save.isSuccess && (
          <Alert color="green" variant="light" role="status" c="dark.8" mt="sm">
            {t('appointments.staff.saved')}
          </Alert>
        )}
        <Button type="submit" mt="sm" loading={save.isPending}>
          {t('appointments.staff.save')}
        </Button>
      </form>
    </Card>
  );
}

type ServiceDraft = Omit<AdminService, 'id' | 'unitId'>;
const EMPTY: ServiceDraft = {
  nameEl: '',
  nameEn: '',
  durationMin: 15,
  bufferMin: 0,
  documentsEl: [],
  documentsEn: [],
  capOnline: 1,
  capPhone: 0,
  capCounter: 0,
  minLeadHours: 2,
  horizonDays: 60,
  limitPerCitizen: 1,
  limitPeriodDays: 30,
  active: true,
};
const NUMBERS: (keyof ServiceDraft)[] = [
  'durationMin',
  'bufferMin',
  'capOnline',
  'capPhone',
  'capCounter',
  'minLeadHours',
  'horizonDays',
  'limitPerCitizen',
  'limitPeriodDays',
];

function ServiceForm({ unitId, service, onSaved }: { unitId: string; service: AdminService | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState<ServiceDraft>(service ?? EMPTY);
  const save = useMutation({
    mutationFn: () => {
      const { id: _id, unitId: _u, ...body } = { ...d, id: '', unitId: '' };
      return service
        ? unwrap(api.PATCH('/api/appointments/admin/services/{id}', { params: { path: { id: service.id } }, body }))
        : unwrap(api.POST('/api/appointments/admin/services', { body: { ...body, unitId } }));
    },
    onSuccess: () => {
      if (!service) setD(EMPTY);
      onSaved();
    },
  });
  const set = <K extends keyof ServiceDraft>(k: K, v: ServiceDraft[K]) => setD((s) => ({ ...s, [k]: v }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('appointments.staff.nameEl')}
            value={d.nameEl}
            onChange={(e) => set('nameEl', e.currentTarget.value)}
            required
          />
          <TextInput
            label={t('appointments.staff.nameEn')}
            value={d.nameEn}
            onChange={(e) => set('nameEn', e.currentTarget.value)}
            required
          />
          <Textarea
            label={t('appointments.staff.docsEl')}
            description={t('appointments.staff.onePerLine')}
            value={d.documentsEl.join('\n')}
            onChange={(e) =>
              set(
                'documentsEl',
                e.currentTarget.value.split('\n').filter((x) => x.trim()),
              )
            }
          />
          <Textarea
            label={t('appointments.staff.docsEn')}
            description={t('appointments.staff.onePerLine')}
            value={d.documentsEn.join('\n')}
            onChange={(e) =>
              set(
                'documentsEn',
                e.currentTarget.value.split('\n').filter((x) => x.trim()),
              )
            }
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          {NUMBERS.map((k) => (
            <NumberInput
              key={k}
              label={t(`appointments.staff.field.${k}`)}
              value={d[k] as number}
              min={0}
              allowDecimal={false}
              onChange={(v) => set(k, (typeof v === 'number' ? v : Number(v) || 0) as never)}
            />
          ))}
        </SimpleGrid>
        <Checkbox label={t('appointments.staff.active')} checked={d.active} onChange={(e) => set('active', e.currentTarget.checked)} />
        <ErrorAlert error={save.error} />
        {save.isSuccess && (
          <Alert color="green" variant="light" role="status" c="dark.8">
            {t('appointments.staff.saved')}
          </Alert>
        )}
        <Button type="submit" w="fit-content" loading={save.isPending}>
          {service ? t('appointments.staff.save') : t('appointments.staff.addService')}
        </Button>
      </Stack>
    </form>
  );
}

function Counters({ unitId, config, onSaved }: { unitId: string; config: UnitConfig; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const [name, setName] = useState('');
  const [ids, setIds] = useState<string[]>([]);
  const add = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/appointments/admin/resources', { body: { unitId, name: name.trim(), serviceIds: ids, active: true } })),
    onSuccess: () => {
      setName('');
      setIds([]);
      onSaved();
    },
  });
  const svcName = (id: string) => {
    const s = config.services.find((x) => x.id === id);
    return s ? (lang === 'en' ? s.nameEn : s.nameEl) : id;
  };
  return (
    <Card withBorder component="section" aria-labelledby="counters-title">
      <Title order={2} size="h4" id="counters-title" mb="sm">
        {t('appointments.staff.counters')}
      </Title>
      {config.resources.length === 0 ? (
        <Text size="sm">{t('appointments.staff.noCounters')}</Text>
      ) : (
        <Table mb="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('appointments.staff.counter')}</Table.Th>
              <Table.Th>{t('appointments.staff.services')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {config.resources.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>{r.serviceIds.map(svcName).join(', ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('appointments.staff.counterName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            maw={320}
          />
          <Checkbox.Group label={t('appointments.staff.services')} value={ids} onChange={setIds}>
            <Group mt={4}>
              {config.services.map((s) => (
                <Checkbox key={s.id} value={s.id} label={lang === 'en' ? s.nameEn : s.nameEl} />
              ))}
            </Group>
          </Checkbox.Group>
          <ErrorAlert error={add.error} />
          <Button type="submit" w="fit-content" loading={add.isPending}>
            {t('appointments.staff.addCounter')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function Exceptions({ unitId, config, onSaved }: { unitId: string; config: UnitConfig; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language === 'en' ? 'en' : 'el');
  const [date, setDate] = useState('');
  const [closed, setClosed] = useState(true);
  const [hours, setHours] = useState('');
  const [note, setNote] = useState('');
  const intervals = parseIntervals(hours);
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/appointments/admin/units/{unitId}/exceptions/{date}', {
          params: { path: { unitId, date } },
          body: { closed, intervals: closed ? [] : (intervals ?? []), note: note.trim() || undefined },
        }),
      ),
    onSuccess: () => {
      setDate('');
      setHours('');
      setNote('');
      onSaved();
    },
  });
  const remove = useMutation({
    mutationFn: (d: string) =>
      unwrap(api.DELETE('/api/appointments/admin/units/{unitId}/exceptions/{date}', { params: { path: { unitId, date: d } } })),
    onSuccess: onSaved,
  });
  return (
    <Card withBorder component="section" aria-labelledby="exc-title">
      <Title order={2} size="h4" id="exc-title">
        {t('appointments.staff.exceptions')}
      </Title>
      <Text size="sm" mb="sm">
        {t('appointments.staff.exceptionsHelp')}
      </Text>
      {config.exceptions.length > 0 && (
        <Table mb="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('appointments.staff.date')}</Table.Th>
              <Table.Th>{t('appointments.staff.hours')}</Table.Th>
              <Table.Th>{t('appointments.staff.note')}</Table.Th>
              <Table.Th>{t('appointments.staff.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {config.exceptions.map((x) => (
              <Table.Tr key={x.date}>
                <Table.Td>{dayOf(x.date, locale, { dateStyle: 'medium' })}</Table.Td>
                <Table.Td>{x.closed ? t('appointments.staff.closed') : showIntervals(x.intervals)}</Table.Td>
                <Table.Td>{x.note}</Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="subtle" color="red.9" c="red.9" onClick={() => remove.mutate(x.date)}>
                    {t('appointments.staff.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (date && (closed || intervals)) add.mutate();
        }}
      >
        <Group align="end">
          <TextInput
            type="date"
            label={t('appointments.staff.date')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            required
          />
          <Checkbox
            label={t('appointments.staff.closedAllDay')}
            checked={closed}
            onChange={(e) => setClosed(e.currentTarget.checked)}
            mb={8}
          />
          {!closed && (
            <TextInput
              label={t('appointments.staff.hours')}
              placeholder="09:00-12:00"
              value={hours}
              onChange={(e) => setHours(e.currentTarget.value)}
              error={intervals === null ? t('appointments.staff.badHours') : undefined}
            />
          )}
          <TextInput label={t('appointments.staff.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button type="submit" loading={add.isPending}>
            {t('appointments.staff.addException')}
          </Button>
        </Group>
        <ErrorAlert error={add.error ?? remove.error} />
      </form>
    </Card>
  );
}

/** Per-unit configuration: weekly hours with breaks, services, counters, exceptions. */
export function StaffSettingsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [unitId, setUnitId] = useState<string | null>(null);
  const config = useQuery({ queryKey: ['appointments', 'config', unitId], queryFn: () => unitConfig(unitId as string), enabled: !!unitId });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['appointments', 'config', unitId] });
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('appointments.staff.settingsTitle')}
      </Title>
      <UnitPicker value={unitId} onChange={setUnitId} />
      {config.isPending && unitId && <Loader aria-label={t('app.loading')} />}
      {config.error && <ErrorState error={config.error} />}
      {config.data && unitId && (
        <>
          <HoursEditor unitId={unitId} weekly={config.data.weekly} onSaved={refresh} />
          <Card withBorder component="section" aria-labelledby="services-title">
            <Title order={2} size="h4" id="services-title" mb="sm">
              {t('appointments.staff.services')}
            </Title>
            <Stack>
              {config.data.services.map((s) => (
                <details key={s.id}>
                  <summary>
                    <Text span fw={600}>
                      {s.nameEl}
                    </Text>{' '}
                    ({s.nameEn}){!s.active && ` — ${t('appointments.staff.inactive')}`}
                  </summary>
                  <div style={{ padding: '12px 0' }}>
                    <ServiceForm unitId={unitId} service={s} onSaved={refresh} />
                  </div>
                </details>
              ))}
              <details>
                <summary>
                  <Text span fw={600}>
                    {t('appointments.staff.newService')}
                  </Text>
                </summary>
                <div style={{ padding: '12px 0' }}>
                  <ServiceForm unitId={unitId} service={null} onSaved={refresh} />
                </div>
              </details>
            </Stack>
          </Card>
          <Counters unitId={unitId} config={config.data} onSaved={refresh} />
          <Exceptions unitId={unitId} config={config.data} onSaved={refresh} />
        </>
      )}
    </Stack>
  );
}
