import { ActionIcon, Button, Card, Group, MultiSelect, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { flattenUnits, type UnitNode } from './api';
import type { BuilderField } from './form-builder';
import type { Polygon } from './polygon-map';
import { useLoc } from './shared';

const PolygonMap = lazy(() => import('./polygon-map').then((m) => ({ default: m.PolygonMap })));

export type RoutingRule =
  | { kind: 'area'; unitId: string; area: Polygon | null; label?: string }
  | { kind: 'field'; unitId: string; field: string; values: (string | number | boolean)[] };

/** Routing rules in order (first match wins), then the type's default unit. */
export function RoutingEditor({
  rules,
  onChange,
  defaultUnitId,
  onDefaultUnit,
  units,
  fields,
  boundary,
  errors,
}: {
  rules: RoutingRule[];
  onChange: (r: RoutingRule[]) => void;
  defaultUnitId: string | null;
  onDefaultUnit: (id: string | null) => void;
  units: UnitNode[];
  fields: BuilderField[];
  /** undefined while the municipality's boundary is loading (the map waits for it). */
  boundary: Polygon | null | undefined;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const loc = useLoc();
  const unitOptions = flattenUnits(units).map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${loc(u.nameEl, u.nameEn)}` }));
  const set = (i: number, r: RoutingRule) => onChange(rules.map((x, j) => (j === i ? r : x)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...rules];
    const [r] = next.splice(i, 1);
    if (r) next.splice(i + d, 0, r);
    onChange(next);
  };
  const err = (i: number, k: string) => errors[`snapshot.routing.${i}.${k}`];
  const routable = fields.filter((f) => ['choice', 'multiChoice', 'yesNo', 'text', 'number'].includes(f.kind));

  return (
    <Stack>
      <Text c="dimmed">{t('admin.routing.intro')}</Text>
      {rules.map((r, i) => {
        const title = t('admin.routing.ruleN', { n: i + 1 });
        const target = r.kind === 'field' ? fields.find((f) => f.id === r.field) : undefined;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rules are ordered; their position is what matters
          <Card key={i} withBorder radius="md" padding="sm" component="section" aria-label={title}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Title order={3} size="h5">
                  {title} · {t(`admin.routing.kinds.${r.kind}`)}
                </Title>
                <Group gap={2}>
                  <ActionIcon
                    variant="subtle"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                    aria-label={t('admin.routing.moveUp', { n: i + 1 })}
                  >
                    ↑
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    disabled={i === rules.length - 1}
                    onClick={() => move(i, 1)}
                    aria-label={t('admin.routing.moveDown', { n: i + 1 })}
                  >
                    ↓
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    onClick={() => onChange(rules.filter((_, j) => j !== i))}
                    aria-label={t('admin.routing.remove', { n: i + 1 })}
                  >
                    ×
                  </ActionIcon>
                </Group>
              </Group>
              <Select
                label={t('admin.routing.unit')}
                required
                searchable
                value={r.unitId || null}
                onChange={(v) => set(i, { ...r, unitId: v ?? '' })}
                data={unitOptions}
                error={err(i, 'unitId')}
              />
              {r.kind === 'area' ? (
                <>
                  <TextInput
                    label={t('admin.routing.label')}
                    value={r.label ?? ''}
                    onChange={(e) => set(i, { ...r, label: e.currentTarget.value || undefined })}
                    error={err(i, 'label')}
                  />
                  <Suspense fallback={<Text size="sm">{t('admin.loading')}</Text>}>
                    {boundary !== undefined && (
                      <PolygonMap
                        value={r.area}
                        onChange={(area) => set(i, { ...r, area })}
                        boundary={boundary}
                        label={t('admin.routing.mapOf', { n: i + 1 })}
                      />
                    )}
                  </Suspense>
                  {(err(i, 'area') || err(i, 'area.coordinates')) && (
                    <Text c="red.8" size="sm" role="alert">
                      {err(i, 'area') ?? err(i, 'area.coordinates')}
                    </Text>
                  )}
                </>
              ) : (
                <Group grow align="flex-start">
                  <Select
                    label={t('admin.routing.field')}
                    required
                    value={r.field || null}
                    onChange={(v) => set(i, { ...r, field: v ?? '', values: [] })}
                    data={routable.map((f) => ({ value: f.id, label: loc(f.label.el, f.label.en) || f.id }))}
                    error={err(i, 'field')}
                  />
                  {target?.kind === 'choice' || target?.kind === 'multiChoice' ? (
                    <MultiSelect
                      label={t('admin.routing.values')}
                      value={r.values.map(String)}
                      onChange={(v) => set(i, { ...r, values: v })}
                      data={(target.options ?? []).map((o) => ({ value: o.value, label: loc(o.label.el, o.label.en) || o.value }))}
                      error={err(i, 'values')}
                    />
                  ) : target?.kind === 'yesNo' ? (
                    <Select
                      label={t('admin.routing.values')}
                      value={r.values[0] === false ? 'no' : r.values[0] === true ? 'yes' : null}
                      onChange={(v) => set(i, { ...r, values: v ? [v === 'yes'] : [] })}
                      data={[
                        { value: 'yes', label: t('admin.yes') },
                        { value: 'no', label: t('admin.no') },
                      ]}
                      error={err(i, 'values')}
                    />
                  ) : (
                    <TextInput
                      label={t('admin.routing.values')}
                      description={t('admin.routing.valuesHint')}
                      value={r.values.join(', ')}
                      onChange={(e) =>
                        set(i, {
                          ...r,
                          values: e.currentTarget.value
                            .split(',')
                            .map((s) => s.trim())
                            .filter(Boolean)
                            .map((s) => (target?.kind === 'number' && !Number.isNaN(Number(s)) ? Number(s) : s)),
                        })
                      }
                      error={err(i, 'values')}
                    />
                  )}
                </Group>
              )}
            </Stack>
          </Card>
        );
      })}
      <Group>
        <Button variant="light" onClick={() => onChange([...rules, { kind: 'area', unitId: '', area: null }])}>
          {t('admin.routing.addArea')}
        </Button>
        <Button variant="light" onClick={() => onChange([...rules, { kind: 'field', unitId: '', field: '', values: [] }])}>
          {t('admin.routing.addField')}
        </Button>
      </Group>
      <Select
        label={t('admin.routing.defaultUnit')}
        description={t('admin.routing.defaultUnitHint')}
        clearable
        searchable
        value={defaultUnitId}
        onChange={onDefaultUnit}
        data={unitOptions}
        error={errors['snapshot.defaultUnitId']}
      />
    </Stack>
  );
}
