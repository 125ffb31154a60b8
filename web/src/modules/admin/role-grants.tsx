import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UnitNode } from './api';
import { flattenUnits } from './api';
import { useLoc } from './shared';

export const STAFF_ROLES = ['admin', 'head', 'employee', 'operator', 'council', 'mayor_office'] as const;
export type Grant = { role: (typeof STAFF_ROLES)[number]; unitId: string | null };

/** Role grants per unit (unit empty = the whole municipality; administrators are always tenant-wide). */
export function RoleGrantsEditor({
  value,
  onChange,
  units,
  errors,
}: {
  value: Grant[];
  onChange: (v: Grant[]) => void;
  units: UnitNode[];
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const loc = useLoc();
  const unitOptions = flattenUnits(units).map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${loc(u.nameEl, u.nameEn)}` }));
  const set = (i: number, patch: Partial<Grant>) => onChange(value.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  return (
    <Stack gap="xs">
      <Text fw={500} size="sm">
        {t('admin.staff.roles')}
      </Text>
      {value.map((g, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: grants have no id; order is their identity
        <Group key={i} align="flex-end" wrap="nowrap">
          <Select
            label={t('admin.staff.role')}
            value={g.role}
            allowDeselect={false}
            onChange={(v) => v && set(i, { role: v as Grant['role'], unitId: v === 'admin' ? null : g.unitId })}
            data={STAFF_ROLES.map((r) => ({ value: r, label: t(`admin.roles.${r}`) }))}
            error={errors[`roles.${i}.role`]}
            style={{ flex: 1 }}
          />
          <Select
            label={t('admin.staff.unit')}
            placeholder={t('admin.staff.tenantWide')}
            clearable
            searchable
            disabled={g.role === 'admin'}
            value={g.unitId}
            onChange={(v) => set(i, { unitId: v })}
            data={unitOptions}
            error={errors[`roles.${i}.unitId`] ?? errors[`${i}.unitId`]}
            style={{ flex: 2 }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            onClick={() => onChange(value.filter((_, j) => j !== i))}
            aria-label={t('admin.staff.removeRole', { n: i + 1 })}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Button variant="light" size="compact-sm" w="fit-content" onClick={() => onChange([...value, { role: 'employee', unitId: null }])}>
        {t('admin.staff.addRole')}
      </Button>
    </Stack>
  );
}
