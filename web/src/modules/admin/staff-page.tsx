import { Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { flattenUnits, listUnits, UNITS_KEY } from './api';
import { type Grant, RoleGrantsEditor } from './role-grants';
import { ErrorAlert, fieldErrors, PageTitle, useLoc } from './shared';

interface StaffRow {
  id: string;
  email: string | null;
  givenName: string | null;
  familyName: string | null;
  disabled: boolean;
  totpEnabled: boolean;
  invitationPending: boolean;
  roles: { role: Grant['role']; unitId: string | null; unitNameEl: string | null; unitNameEn: string | null }[];
}

export function StaffPage() {
  const { t } = useTranslation();
  const loc = useLoc();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const units = useQuery({ queryKey: UNITS_KEY, queryFn: listUnits });
  const staff = useQuery({
    queryKey: ['admin', 'staff', q, unitId],
    queryFn: () =>
      unwrap(
        api.GET('/api/staff', { params: { query: { limit: 200, ...(q.trim() ? { q: q.trim() } : {}), ...(unitId ? { unitId } : {}) } } }),
      ) as Promise<{
        items: StaffRow[];
        total: number;
      }>,
  });
  const [roles, setRoles] = useState<{ person: StaffRow; grants: Grant[] } | null>(null);
  const [invite, setInvite] = useState<{ email: string; grants: Grant[] } | null>(null);
  const [invited, setInvited] = useState<string | null>(null);

  const saveRoles = useMutation({
    mutationFn: () =>
      unwrap(api.PUT('/api/staff/{id}/roles', { params: { path: { id: roles?.person.id ?? '' } }, body: { roles: roles?.grants ?? [] } })),
    onSuccess: async () => {
      setRoles(null);
      await qc.invalidateQueries({ queryKey: ['admin', 'staff'] });
    },
  });
  const toggle = useMutation({
    mutationFn: (p: StaffRow) => unwrap(api.PATCH('/api/staff/{id}', { params: { path: { id: p.id } }, body: { disabled: !p.disabled } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'staff'] }),
  });
  const sendInvite = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/staff/invitations', { body: { email: invite?.email.trim() ?? '', roles: invite?.grants ?? [] } })),
    onSuccess: (r) => {
      setInvited(r.email);
      setInvite(null);
    },
  });
  const unitOptions = flattenUnits(units.data ?? []).map((u) => ({
    value: u.id,
    label: `${'— '.repeat(u.depth)}${loc(u.nameEl, u.nameEn)}`,
  }));
  const name = (p: StaffRow) => [p.givenName, p.familyName].filter(Boolean).join(' ') || p.email || '';

  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle>{t('admin.staff.title')}</PageTitle>
        <Button
          onClick={() => {
            sendInvite.reset();
            setInvite({ email: '', grants: [{ role: 'employee', unitId: null }] });
          }}
        >
          {t('admin.staff.invite')}
        </Button>
      </Group>
      {invited && (
        <Text role="status" c="teal.9">
          {t('admin.staff.invited', { email: invited })}
        </Text>
      )}
      <Group grow>
        <TextInput label={t('admin.staff.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <Select
          label={t('admin.staff.unit')}
          clearable
          searchable
          value={unitId}
          onChange={setUnitId}
          data={unitOptions}
          placeholder={t('admin.staff.allUnits')}
        />
      </Group>
      <ErrorAlert error={staff.error ?? toggle.error} />
      <Table striped highlightOnHover>
        <Table.Caption>{t('admin.staff.count', { count: staff.data?.total ?? 0 })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.staff.name')}</Table.Th>
            <Table.Th>{t('admin.email')}</Table.Th>
            <Table.Th>{t('admin.staff.roles')}</Table.Th>
            <Table.Th>{t('admin.staff.status')}</Table.Th>
            <Table.Th>{t('admin.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(staff.data?.items ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{name(p)}</Table.Td>
              <Table.Td>{p.email}</Table.Td>
              <Table.Td>
                {p.roles.map((r) => `${t(`admin.roles.${r.role}`)}${r.unitId ? ` · ${loc(r.unitNameEl, r.unitNameEn)}` : ''}`).join('; ')}
              </Table.Td>
              <Table.Td>
                {p.disabled ? (
                  <Badge color="red.9" variant="outline">
                    {t('admin.staff.disabled')}
                  </Badge>
                ) : p.invitationPending ? (
                  <Badge color="dark.6" variant="outline">
                    {t('admin.staff.pending')}
                  </Badge>
                ) : (
                  <Badge color="teal.9" variant="outline">
                    {t('admin.staff.active')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    aria-label={t('admin.staff.rolesOf', { name: name(p) })}
                    onClick={() => {
                      saveRoles.reset();
                      setRoles({ person: p, grants: p.roles.map((r) => ({ role: r.role, unitId: r.unitId })) });
                    }}
                  >
                    {t('admin.staff.editRoles')}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color={p.disabled ? 'teal' : 'red'}
                    loading={toggle.isPending && toggle.variables?.id === p.id}
                    aria-label={t(p.disabled ? 'admin.staff.enableOf' : 'admin.staff.disableOf', { name: name(p) })}
                    onClick={() => toggle.mutate(p)}
                  >
                    {p.disabled ? t('admin.staff.enable') : t('admin.staff.disable')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Modal
        opened={!!roles}
        onClose={() => setRoles(null)}
        title={roles ? t('admin.staff.rolesOf', { name: name(roles.person) }) : ''}
        size="xl"
      >
        {roles && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              saveRoles.mutate();
            }}
          >
            <Stack>
              <RoleGrantsEditor
                value={roles.grants}
                onChange={(grants) => setRoles({ ...roles, grants })}
                units={units.data ?? []}
                errors={fieldErrors(saveRoles.error)}
              />
              <ErrorAlert error={saveRoles.error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setRoles(null)}>
                  {t('admin.cancel')}
                </Button>
                <Button type="submit" loading={saveRoles.isPending}>
                  {t('admin.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>

      <Modal opened={!!invite} onClose={() => setInvite(null)} title={t('admin.staff.invite')} size="xl">
        {invite && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              sendInvite.mutate();
            }}
          >
            <Stack>
              <TextInput
                label={t('admin.email')}
                type="email"
                required
                data-autofocus
                value={invite.email}
                onChange={(e) => setInvite({ ...invite, email: e.currentTarget.value })}
                error={fieldErrors(sendInvite.error).email}
              />
              <RoleGrantsEditor
                value={invite.grants}
                onChange={(grants) => setInvite({ ...invite, grants })}
                units={units.data ?? []}
                errors={fieldErrors(sendInvite.error)}
              />
              <ErrorAlert error={sendInvite.error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setInvite(null)}>
                  {t('admin.cancel')}
                </Button>
                <Button type="submit" loading={sendInvite.isPending}>
                  {t('admin.staff.send')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Stack>
  );
}
