import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { formatDate } from '../../app/i18n/format';
import { cleanValues, type FieldErrors, FormRenderer, type FormValues, LocationInput, type LocationValue } from '../forms';
import { findPeople, intakeCase, intakeCaseTypes, type Person, personCases } from './api';
import { problem, useLoc } from './shared';

type Caller = { userId: string | null; name: string; phone: string; email: string };
const EMPTY: Caller = { userId: null, name: '', phone: '', email: '' };

/** The call centre and the counter: find the caller, see their cases, file a new one for them. */
export function IntakePage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [caller, setCaller] = useState<Caller | null>(null);
  const [filedKey, setFiledKey] = useState(0);
  const search = useMutation({ mutationFn: () => findPeople(q) });

  const choose = (p: Person | null) =>
    setCaller(
      p
        ? { userId: p.userId, name: p.name ?? '', phone: p.phone ?? '', email: p.email ?? '' }
        : { ...EMPTY, phone: /\d{6,}/.test(q) ? q : '' },
    );

  return (
    <Stack>
      <div>
        <Title order={1} size="h2">
          {t('helpdesk.intake.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('helpdesk.intake.intro')}
        </Text>
      </div>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                {t('helpdesk.intake.find')}
              </Title>
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  search.mutate();
                }}
              >
                <Group align="flex-end">
                  <TextInput
                    label={t('helpdesk.intake.findLabel')}
                    value={q}
                    onChange={(e) => setQ(e.currentTarget.value)}
                    style={{ flex: 1 }}
                    required
                    minLength={3}
                  />
                  <Button type="submit" loading={search.isPending}>
                    {t('helpdesk.intake.search')}
                  </Button>
                </Group>
              </form>
              {search.isError && (
                <Alert color="red" mt="sm">
                  {problem(search.error)}
                </Alert>
              )}
              {search.data && (
                <Stack gap="xs" mt="sm" aria-live="polite">
                  {search.data.length === 0 && <Text size="sm">{t('helpdesk.intake.noPeople')}</Text>}
                  {search.data.map((p) => (
                    <Card key={`${p.kind}-${p.userId ?? p.phone}`} withBorder padding="xs">
                      <Group justify="space-between" wrap="nowrap">
                        <div>
                          <Text fw={600} size="sm">
                            {p.name ?? p.phone}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {[p.phone, p.email, p.afm && `ΑΦΜ ${p.afm}`].filter(Boolean).join(' · ')}
                          </Text>
                          <Group gap={4} mt={2}>
                            <Badge size="xs" variant="light" c="dark.8">
                              {p.kind === 'citizen' ? t('helpdesk.intake.account') : t('helpdesk.intake.knownContact')}
                            </Badge>
                            <Badge size="xs" variant="outline" c="dark.8">
                              {t('helpdesk.intake.casesCount', { count: p.caseCount })}
                            </Badge>
                          </Group>
                        </div>
                        <Button
                          size="xs"
                          onClick={() => choose(p)}
                          aria-label={`${t('helpdesk.intake.choose')} ${p.name ?? p.phone ?? ''}`}
                        >
                          {t('helpdesk.intake.choose')}
                        </Button>
                      </Group>
                    </Card>
                  ))}
                  <Button variant="default" onClick={() => choose(null)}>
                    {t('helpdesk.intake.newCaller')}
                  </Button>
                </Stack>
              )}
            </Card>
            {caller && (caller.userId || caller.phone) && <History caller={caller} key={`${caller.userId}-${caller.phone}-${filedKey}`} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {caller ? (
            <FileCase
              key={`${caller.userId}-${caller.phone}`}
              caller={caller}
              onFiled={() => setFiledKey((k) => k + 1)}
              onNext={() => {
                setCaller(null);
                setQ('');
                search.reset();
              }}
            />
          ) : null}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function History({ caller }: { caller: Caller }) {
  const { t } = useTranslation();
  const loc = useLoc();
  const q = useQuery({
    queryKey: ['helpdesk', 'person-cases', caller.userId, caller.phone],
    queryFn: () => personCases(caller.userId ? { userId: caller.userId } : { phone: caller.phone }),
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('helpdesk.intake.history')}
      </Title>
      {q.isError && <Alert color="red">{problem(q.error)}</Alert>}
      {q.data?.length === 0 && <Text size="sm">{t('helpdesk.intake.noHistory')}</Text>}
      {q.data && q.data.length > 0 && (
        <Table aria-label={t('helpdesk.intake.history')}>
          <Table.Tbody>
            {q.data.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  {c.canOpen ? (
                    <Anchor component={Link} to={`/staff/cases/${c.id}`} size="sm">
                      {c.protocolNumber ?? '—'}
                    </Anchor>
                  ) : (
                    <Text size="sm">{c.protocolNumber ?? '—'}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{c.title}</Text>
                  <Text size="xs" c="dimmed">
                    {loc(c.caseType.name)} · {t(`helpdesk.channel.${c.channel}`)} · {formatDate(c.submittedAt, { dateStyle: 'short' })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" c="dark.8">
                    {loc(c.stateName)}
                  </Badge>
                  {c.overdue && (
                    <Badge color="red" ml={4}>
                      {t('helpdesk.inbox.overdue')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function FileCase({ caller, onFiled, onNext }: { caller: Caller; onFiled: () => void; onNext: () => void }) {
  const { t } = useTranslation();
  const loc = useLoc();
  const types = useQuery({ queryKey: ['helpdesk', 'intake-types'], queryFn: intakeCaseTypes });
  const [typeKey, setTypeKey] = useState<string | null>(null);
  const [channel, setChannel] = useState<'phone' | 'counter'>('phone');
  const [contact, setContact] = useState(caller);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [values, setValues] = useState<FormValues>({});
  const [location, setLocation] = useState<LocationValue | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [key, setKey] = useState(() => crypto.randomUUID());
  const type = types.data?.find((x) => x.key === typeKey);

  const file = useMutation({
    mutationFn: () => {
      const fields = type?.snapshot.form.fields ?? [];
      return intakeCase(
        {
          caseType: typeKey,
          channel,
          data: cleanValues(fields, values),
          ...(title.trim() ? { title: title.trim() } : {}),
          ...(description.trim() ? { description: description.trim() } : {}),
          ...(location && Number.isFinite(location.lat) && Number.isFinite(location.lon) ? { location } : {}),
          ...(caller.userId ? { citizenUserId: caller.userId } : {}),
          contact: Object.fromEntries(
            Object.entries({ name: contact.name.trim(), phone: contact.phone.trim(), email: contact.email.trim() }).filter(([, v]) => v),
          ),
        },
        key,
      );
    },
    onSuccess: () => {
      setErrors({});
      onFiled();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.body.fields) {
        setErrors(Object.fromEntries(e.body.fields.map((f) => [f.field.replace(/^data\./, ''), f.message ?? f.code])));
      }
    },
  });

  if (file.data) {
    return (
      <Card withBorder>
        <Alert color="green" role="status" c="dark.8">
          {t('helpdesk.intake.filed', { protocol: file.data.protocolNumber ?? '—', code: file.data.trackingCode })}
        </Alert>
        <Group mt="sm">
          <Button component={Link} to={`/staff/cases/${file.data.id}`} variant="light">
            {t('helpdesk.intake.openCase')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setKey(crypto.randomUUID());
              onNext();
            }}
          >
            {t('helpdesk.intake.another')}
          </Button>
        </Group>
      </Card>
    );
  }

  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('helpdesk.intake.file')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          file.mutate();
        }}
      >
        <Stack>
          <Text size="sm" fw={600}>
            {t('helpdesk.intake.caller')}: {caller.name || caller.phone || t('helpdesk.intake.newCaller')}
          </Text>
          <SegmentedControl
            aria-label={t('helpdesk.intake.channel')}
            value={channel}
            onChange={(v) => setChannel(v as 'phone' | 'counter')}
            data={[
              { value: 'phone', label: t('helpdesk.channel.phone') },
              { value: 'counter', label: t('helpdesk.channel.counter') },
            ]}
          />
          <Group grow>
            <TextInput
              label={t('helpdesk.intake.name')}
              value={contact.name}
              onChange={(e) => setContact({ ...contact, name: e.currentTarget.value })}
            />
            <TextInput
              label={t('helpdesk.intake.phone')}
              value={contact.phone}
              onChange={(e) => setContact({ ...contact, phone: e.currentTarget.value })}
            />
            <TextInput
              label={t('helpdesk.intake.email')}
              type="email"
              value={contact.email}
              onChange={(e) => setContact({ ...contact, email: e.currentTarget.value })}
              error={errors['contact.email']}
            />
          </Group>
          <Select
            label={t('helpdesk.intake.caseType')}
            searchable
            required
            value={typeKey}
            onChange={(v) => {
              setTypeKey(v);
              setValues({});
              setErrors({});
            }}
            data={(types.data ?? []).map((x) => ({ value: x.key, label: loc({ el: x.snapshot.nameEl, en: x.snapshot.nameEn }) }))}
            error={errors.caseType}
          />
          <TextInput
            label={t('helpdesk.intake.subject')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            maxLength={200}
            error={errors.title}
          />
          <Textarea
            label={t('helpdesk.intake.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          {type && (
            <FormRenderer
              fields={type.snapshot.form.fields}
              values={values}
              errors={errors}
              onChange={(id, v) => setValues((s) => ({ ...s, [id]: v }))}
            />
          )}
          {type?.snapshot.locationRequired && (
            <LocationInput
              legend={t('helpdesk.case.location')}
              value={location}
              onChange={setLocation}
              error={errors.location ?? errors['location.lat']}
              required
            />
          )}
          {file.isError && (
            <Alert color="red" role="alert">
              {problem(file.error)}
            </Alert>
          )}
          <Button type="submit" loading={file.isPending} disabled={!typeKey}>
            {t('helpdesk.intake.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
