import './i18n';
import { Alert, Anchor, Badge, Button, Card, Group, Loader, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useMe } from '../../app/auth/use-me';
import { ErrorState } from '../../app/components/error-state';
import { errorMessage } from '../../app/i18n';
import { formatDate } from '../../app/i18n/format';
import { codeOf, fileForSchool, getSchool, invite, type RequestItem, reportHref, schoolRequestsStaff, staffRequestTypes } from './api';
import { NewRequest } from './principal-page';
import { SchoolForm } from './school-form';

const thisYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens', year: 'numeric' }).format(new Date()));

/** One school: details (editable), its principal and deputies (invite more), its requests and its yearly report. */
export function SchoolPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const { me } = useMe();
  const canManage = hasRole(me, 'admin') || hasRole(me, 'head');
  const canIntake = canManage || hasRole(me, 'employee') || hasRole(me, 'operator');
  const [filing, setFiling] = useState(false);
  const qc = useQueryClient();
  const school = useQuery({ queryKey: ['school', id], queryFn: () => getSchool(id) });
  const requests = useQuery({ queryKey: ['school-requests-staff', id], queryFn: () => schoolRequestsStaff(id) });
  const [editing, setEditing] = useState(false);
  const [year, setYear] = useState(thisYear());

  if (school.isPending) return <Loader aria-label={t('app.loading')} />;
  if (school.isError) return <ErrorState error={school.error} onRetry={() => void school.refetch()} />;
  const s = school.data;
  const years = Array.from({ length: 5 }, (_, i) => thisYear() - i);

  return (
    <Stack>
      <Anchor component={Link} to="/staff/schools" size="sm">
        ← {t('schools.detail.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {s.name}
          </Title>
          <Text c="dimmed">
            {t(`schools.levels.${s.level}`)}
            {s.address ? ` · ${s.address}` : ''}
            {s.code ? ` · ${s.code}` : ''}
          </Text>
        </div>
        {canManage && !editing && (
          <Button variant="light" onClick={() => setEditing(true)}>
            {t('schools.form.editTitle')}
          </Button>
        )}
      </Group>
      {editing && (
        <section aria-labelledby="edit-school">
          <Title order={2} size="h3" id="edit-school" mb="sm">
            {t('schools.form.editTitle')}
          </Title>
          <SchoolForm
            school={s}
            onDone={() => {
              setEditing(false);
              void qc.invalidateQueries({ queryKey: ['school', id] });
            }}
          />
        </section>
      )}
      <Group gap="lg">
        <Text>
          {t('schools.overview.open')}: <strong>{s.figures.open}</strong>
        </Text>
        <Text>
          {t('schools.overview.overdue')}: <strong>{s.figures.overdue}</strong>
        </Text>
        <Text>
          {t('schools.overview.completed')}: <strong>{s.figures.completed}</strong>
        </Text>
        <Text>
          {t('schools.overview.avgDays')}: <strong>{s.figures.avgCompletionDays ?? '–'}</strong>
        </Text>
      </Group>

      <section aria-labelledby="people-title">
        <Title order={2} size="h3" id="people-title" mb="sm">
          {t('schools.detail.people')}
        </Title>
        {s.people.length === 0 && <Text>{t('schools.detail.noPeople')}</Text>}
        <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {s.people.map((p) => (
            <li key={p.id}>
              <Text>
                {[p.givenName, p.familyName].filter(Boolean).join(' ') || p.email} — {t(`schools.detail.${p.role}`)}
                {p.email ? ` · ${p.email}` : ''}
                {p.invitationPending ? ` (${t('schools.detail.pending')})` : ''}
              </Text>
            </li>
          ))}
        </Stack>
        {canManage && <InviteForm orgId={s.partnerOrgId} onSent={() => void qc.invalidateQueries({ queryKey: ['school', id] })} />}
      </section>

      <section aria-labelledby="report-title">
        <Title order={2} size="h3" id="report-title" mb="sm">
          {t('schools.detail.report')}
        </Title>
        <Group align="flex-end">
          <NativeSelect
            label={t('schools.detail.year')}
            value={String(year)}
            onChange={(e) => setYear(Number(e.currentTarget.value))}
            data={years.map(String)}
          />
          <Button component="a" href={reportHref(s.id, year, 'pdf')} variant="light" download>
            {t('schools.detail.pdf')}
          </Button>
          <Button component="a" href={reportHref(s.id, year, 'csv')} variant="light" download>
            {t('schools.detail.csv')}
          </Button>
        </Group>
      </section>

      <section aria-labelledby="requests-title">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3" id="requests-title">
            {t('schools.detail.requests')}
          </Title>
          {canIntake && !filing && (
            <Button variant="light" onClick={() => setFiling(true)}>
              {t('schools.detail.fileFor')}
            </Button>
          )}
        </Group>
        {filing && (
          <Stack mb="md">
            <NewRequest
              typesKey="staff-school-types"
              loadTypes={staffRequestTypes}
              submit={(body) => fileForSchool(id, body)}
              onFiled={() => void qc.invalidateQueries({ queryKey: ['school-requests-staff', id] })}
            />
            <Group>
              <Button variant="default" onClick={() => setFiling(false)}>
                {t('schools.form.cancel')}
              </Button>
            </Group>
          </Stack>
        )}
        {requests.isPending && <Loader aria-label={t('app.loading')} />}
        {requests.isError && <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />}
        {requests.data && requests.data.items.length === 0 && <Text>{t('schools.detail.noRequests')}</Text>}
        {requests.data && requests.data.items.length > 0 && <RequestsTable items={requests.data.items} />}
      </section>
    </Stack>
  );
}

export function RequestsTable({ items }: { items: RequestItem[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('schools.table.protocol')}</Table.Th>
            <Table.Th scope="col">{t('schools.table.kind')}</Table.Th>
            <Table.Th scope="col">{t('schools.table.state')}</Table.Th>
            <Table.Th scope="col">{t('schools.table.priority')}</Table.Th>
            <Table.Th scope="col">{t('schools.table.submitted')}</Table.Th>
            <Table.Th scope="col">{t('schools.table.expected')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Th scope="row" fw={500}>
                {c.protocolNumber ?? '–'}
              </Table.Th>
              <Table.Td>{en ? c.caseType.name.en : c.caseType.name.el}</Table.Td>
              <Table.Td>
                {en ? c.stateName.en : c.stateName.el}{' '}
                {c.overdue && (
                  <Badge color="red" variant="light" c="red.9">
                    {t('schools.table.overdue')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{t(`schools.priority.${c.priority}`)}</Table.Td>
              <Table.Td>{formatDate(c.submittedAt, { dateStyle: 'medium' })}</Table.Td>
              <Table.Td>{c.expectedDate ? formatDate(c.expectedDate, { dateStyle: 'medium' }) : '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function InviteForm({ orgId, onSent }: { orgId: string; onSent: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'manager' | 'member'>('manager');
  const send = useMutation({
    mutationFn: () => invite(orgId, email.trim(), role),
    onSuccess: () => onSent(),
  });
  return (
    <Card withBorder mt="md" maw={720}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('schools.detail.inviteTitle')}
          </Title>
          <Group align="flex-end">
            <TextInput
              label={t('schools.detail.inviteEmail')}
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <NativeSelect
              label={t('schools.detail.inviteRole')}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as 'manager' | 'member')}
              data={[
                { value: 'manager', label: t('schools.detail.principal') },
                { value: 'member', label: t('schools.detail.deputy') },
              ]}
            />
            <Button type="submit" loading={send.isPending}>
              {t('schools.detail.invite')}
            </Button>
          </Group>
          {send.isSuccess && (
            <Alert color="green" role="status">
              {t('schools.detail.invited', { email })}
            </Alert>
          )}
          {send.isError && (
            <Alert color="red" role="alert">
              {errorMessage(codeOf(send.error))}
            </Alert>
          )}
        </Stack>
      </form>
    </Card>
  );
}
