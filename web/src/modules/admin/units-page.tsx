import { ActionIcon, Badge, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { flattenUnits, listUnits, subtreeIds, UNITS_KEY, type UnitNode } from './api';
import { ErrorAlert, fieldErrors, PageTitle, useLoc } from './shared';

type UnitForm = {
  kind: 'directorate' | 'department' | 'office';
  code: string;
  nameEl: string;
  nameEn: string;
  parentId: string | null;
  email: string;
  phone: string;
};
const EMPTY: UnitForm = { kind: 'department', code: '', nameEl: '', nameEn: '', parentId: null, email: '', phone: '' };

export function UnitsPage() {
  const { t } = useTranslation();
  const loc = useLoc();
  const qc = useQueryClient();
  const units = useQuery({ queryKey: UNITS_KEY, queryFn: listUnits });
  const [editing, setEditing] = useState<{ node: UnitNode | null; form: UnitForm } | null>(null);

  const save = useMutation({
    mutationFn: async () => {
      if (!editing) return;
      const f = editing.form;
      const body = { ...f, email: f.email.trim() || null, phone: f.phone.trim() || null };
      if (editing.node) await unwrap(api.PATCH('/api/units/{id}', { params: { path: { id: editing.node.id } }, body }));
      else await unwrap(api.POST('/api/units', { body }));
    },
    onSuccess: async () => {
      setEditing(null);
      await qc.invalidateQueries({ queryKey: UNITS_KEY });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/units/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: UNITS_KEY }),
  });

  const all = flattenUnits(units.data ?? []);
  const errors = fieldErrors(save.error);
  const open = (node: UnitNode | null, parentId: string | null = null) => {
    save.reset();
    setEditing({
      node,
      form: node
        ? {
            kind: node.kind,
            code: node.code,
            nameEl: node.nameEl,
            nameEn: node.nameEn,
            parentId: node.parentId,
            email: node.email ?? '',
            phone: node.phone ?? '',
          }
        : { ...EMPTY, parentId },
    });
  };
  const set = (patch: Partial<UnitForm>) => setEditing((e) => (e ? { ...e, form: { ...e.form, ...patch } } : e));
  const excluded = new Set(editing?.node ? subtreeIds(editing.node) : []);

  return (
    <Stack>
      <Group justify="space-between">
        <PageTitle>{t('admin.units.title')}</PageTitle>
        <Button onClick={() => open(null)}>{t('admin.units.create')}</Button>
      </Group>
      <Text c="dimmed">{t('admin.units.intro')}</Text>
      <ErrorAlert error={units.error ?? remove.error} />
      <ul aria-label={t('admin.units.tree')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {all.map((u) => (
          <li key={u.id} style={{ paddingInlineStart: u.depth * 28 }}>
            <Group gap="xs" py={6} wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
              <Text fw={u.depth === 0 ? 700 : 500} style={{ flex: 1 }}>
                {loc(u.nameEl, u.nameEn)}{' '}
                <Text span c="dimmed" size="sm">
                  ({u.code})
                </Text>
              </Text>
              <Badge variant="light" color="gray" c="dark.7">
                {t(`admin.units.kinds.${u.kind}`)}
              </Badge>
              <Text size="sm" c="dimmed" w={90}>
                {t('admin.units.staffCount', { count: u.staffCount })}
              </Text>
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={() => open(u)}
                aria-label={t('admin.units.editOf', { name: loc(u.nameEl, u.nameEn) })}
              >
                {t('admin.edit')}
              </Button>
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={() => open(null, u.id)}
                aria-label={t('admin.units.addUnder', { name: loc(u.nameEl, u.nameEn) })}
              >
                {t('admin.units.addChild')}
              </Button>
              <ActionIcon
                variant="subtle"
                color="red"
                disabled={u.children.length > 0 || u.staffCount > 0}
                loading={remove.isPending && remove.variables === u.id}
                onClick={() => {
                  if (window.confirm(t('admin.units.confirmDelete', { name: loc(u.nameEl, u.nameEn) }))) remove.mutate(u.id);
                }}
                aria-label={t('admin.units.deleteOf', { name: loc(u.nameEl, u.nameEn) })}
                title={u.children.length > 0 || u.staffCount > 0 ? t('admin.units.cannotDelete') : undefined}
              >
                ×
              </ActionIcon>
            </Group>
          </li>
        ))}
      </ul>

      <Modal
        opened={!!editing}
        onClose={() => setEditing(null)}
        title={editing?.node ? t('admin.units.edit') : t('admin.units.create')}
        size="lg"
      >
        {editing && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate();
            }}
          >
            <Stack>
              <TextInput
                label={t('admin.nameEl')}
                required
                value={editing.form.nameEl}
                onChange={(e) => set({ nameEl: e.currentTarget.value })}
                error={errors.nameEl}
                data-autofocus
              />
              <TextInput
                label={t('admin.nameEn')}
                required
                value={editing.form.nameEn}
                onChange={(e) => set({ nameEn: e.currentTarget.value })}
                error={errors.nameEn}
              />
              <Group grow>
                <TextInput
                  label={t('admin.units.code')}
                  required
                  value={editing.form.code}
                  onChange={(e) => set({ code: e.currentTarget.value })}
                  error={errors.code}
                />
                <Select
                  label={t('admin.units.kind')}
                  value={editing.form.kind}
                  onChange={(v) => v && set({ kind: v as UnitForm['kind'] })}
                  data={(['directorate', 'department', 'office'] as const).map((k) => ({ value: k, label: t(`admin.units.kinds.${k}`) }))}
                  allowDeselect={false}
                />
              </Group>
              <Select
                label={t('admin.units.parent')}
                placeholder={t('admin.units.noParent')}
                clearable
                searchable
                value={editing.form.parentId}
                onChange={(v) => set({ parentId: v })}
                data={all
                  .filter((u) => !excluded.has(u.id))
                  .map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${loc(u.nameEl, u.nameEn)}` }))}
                error={errors.parentId}
              />
              <Group grow>
                <TextInput
                  label={t('admin.email')}
                  type="email"
                  value={editing.form.email}
                  onChange={(e) => set({ email: e.currentTarget.value })}
                  error={errors.email}
                />
                <TextInput
                  label={t('admin.phone')}
                  value={editing.form.phone}
                  onChange={(e) => set({ phone: e.currentTarget.value })}
                  error={errors.phone}
                />
              </Group>
              <ErrorAlert error={save.error} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setEditing(null)}>
                  {t('admin.cancel')}
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {t('admin.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Stack>
  );
}
