import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { listUnits, UNITS_KEY } from './api';
import { CASE_TYPES_KEY, listAdminCaseTypes } from './case-types-page';
import { type BuilderField, cleanField, FormBuilder } from './form-builder';
import type { Polygon } from './polygon-map';
import { RoutingEditor, type RoutingRule } from './routing-editor';
import { ErrorAlert, fieldErrors, PageTitle, useLoc } from './shared';

interface Draft {
  key: string;
  group: string;
  icon: string;
  active: boolean;
  nameEl: string;
  nameEn: string;
  descriptionEl: string;
  descriptionEn: string;
  fields: BuilderField[];
  requiredDocuments: { el: string; en: string }[];
  defaultUnitId: string | null;
  routing: RoutingRule[];
  workflowKey: string;
  slaDays: number | null;
  feeCents: number | null;
  eParavoloCode: string;
  public: boolean;
  anonymousAllowed: boolean;
  locationRequired: boolean;
  issuedDocument: { templateKey: string } | null;
}

const NEW: Draft = {
  key: '',
  group: '',
  icon: '',
  active: true,
  nameEl: '',
  nameEn: '',
  descriptionEl: '',
  descriptionEn: '',
  fields: [],
  requiredDocuments: [],
  defaultUnitId: null,
  routing: [],
  workflowKey: 'applications',
  slaDays: null,
  feeCents: null,
  eParavoloCode: '',
  public: true,
  anonymousAllowed: false,
  locationRequired: false,
  issuedDocument: null,
};

type CaseTypeOut = Awaited<ReturnType<typeof listAdminCaseTypes>>[number];

function draftOf(ct: CaseTypeOut): Draft {
  const s = ct.snapshot;
  return {
    key: ct.key,
    group: ct.group,
    icon: ct.icon ?? '',
    active: ct.active,
    nameEl: s.nameEl,
    nameEn: s.nameEn,
    descriptionEl: s.descriptionEl ?? '',
    descriptionEn: s.descriptionEn ?? '',
    fields: s.form.fields as BuilderField[],
    requiredDocuments: s.requiredDocuments,
    defaultUnitId: s.defaultUnitId,
    routing: s.routing as RoutingRule[],
    workflowKey: s.workflowKey,
    slaDays: s.slaDays,
    feeCents: s.fee?.cents ?? null,
    eParavoloCode: s.fee?.eParavoloCode ?? '',
    public: s.public,
    anonymousAllowed: s.anonymousAllowed,
    locationRequired: s.locationRequired,
    issuedDocument: s.issuedDocument,
  };
}

function bodyOf(d: Draft) {
  return {
    group: d.group.trim(),
    icon: d.icon.trim() || null,
    active: d.active,
    snapshot: {
      nameEl: d.nameEl.trim(),
      nameEn: d.nameEn.trim(),
      ...(d.descriptionEl.trim() ? { descriptionEl: d.descriptionEl.trim() } : {}),
      ...(d.descriptionEn.trim() ? { descriptionEn: d.descriptionEn.trim() } : {}),
      form: { fields: d.fields.map(cleanField) },
      requiredDocuments: d.requiredDocuments,
      defaultUnitId: d.defaultUnitId,
      routing: d.routing,
      workflowKey: d.workflowKey,
      slaDays: d.slaDays,
      fee: d.feeCents === null ? null : { cents: d.feeCents, ...(d.eParavoloCode.trim() ? { eParavoloCode: d.eParavoloCode.trim() } : {}) },
      issuedDocument: d.issuedDocument,
      public: d.public,
      anonymousAllowed: d.anonymousAllowed,
      locationRequired: d.locationRequired,
    },
  };
}

/** Creates a case type, or edits one by writing its next version (cases filed earlier keep theirs). */
export function CaseTypeEditorPage() {
  const { t } = useTranslation();
  const loc = useLoc();
  const { id } = useParams({ strict: false }) as { id: string };
  const isNew = id === 'new';
  const qc = useQueryClient();
  const navigate = useNavigate();
  const types = useQuery({ queryKey: CASE_TYPES_KEY, queryFn: listAdminCaseTypes });
  const units = useQuery({ queryKey: UNITS_KEY, queryFn: listUnits });
  const workflows = useQuery({ queryKey: ['admin', 'workflows'], queryFn: () => unwrap(api.GET('/api/workflows')) });
  const tenant = useQuery({ queryKey: ['admin', 'tenant'], queryFn: () => unwrap(api.GET('/api/tenant')) });
  const current = types.data?.find((c) => c.id === id);
  const [draft, setDraft] = useState<Draft | null>(isNew ? NEW : null);
  const [tab, setTab] = useState<string | null>('general');
  const [saved, setSaved] = useState<number | null>(null);

  useEffect(() => {
    if (!isNew && current && !draft) setDraft(draftOf(current));
  }, [isNew, current, draft]);

  const save = useMutation({
    mutationFn: async (d: Draft) => {
      const body = bodyOf(d);
      if (isNew) return unwrap(api.POST('/api/admin/case-types', { body: { ...body, key: d.key.trim() } as never }));
      return unwrap(api.PUT('/api/admin/case-types/{id}', { params: { path: { id } }, body: body as never }));
    },
    onSuccess: async (ct) => {
      await qc.invalidateQueries({ queryKey: CASE_TYPES_KEY });
      setSaved(ct.version);
      if (isNew) await navigate({ to: '/staff/admin/case-types/$id', params: { id: ct.id } });
    },
  });
  const errors = fieldErrors(save.error);
  const errorKeys = Object.keys(errors);
  const tabHasError = (prefixes: string[]) => errorKeys.some((k) => prefixes.some((p) => k.startsWith(p)));

  if (!draft) return <ErrorAlert error={types.error} />;
  const set = (p: Partial<Draft>) => setDraft({ ...draft, ...p });
  const title = isNew
    ? t('admin.caseTypes.create')
    : t('admin.caseTypes.editTitle', { name: loc(current?.snapshot.nameEl, current?.snapshot.nameEn) });

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(null);
        save.mutate(draft);
      }}
    >
      <Stack>
        <Group justify="space-between">
          <PageTitle>{title}</PageTitle>
          <Group>
            <Button variant="default" renderRoot={(props) => <Link {...props} to="/staff/admin/case-types" />}>
              {t('admin.back')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {isNew ? t('admin.caseTypes.createSubmit') : t('admin.caseTypes.saveVersion')}
            </Button>
          </Group>
        </Group>
        {!isNew && current && <Text c="dimmed">{t('admin.caseTypes.versionNote', { version: current.version })}</Text>}
        {saved !== null && (
          <Text role="status" c="teal.9" fw={500}>
            {t('admin.caseTypes.saved', { version: saved })}
          </Text>
        )}
        <ErrorAlert error={save.error} />
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab
              value="general"
              c={
                tabHasError([
                  'key',
                  'group',
                  'icon',
                  'snapshot.name',
                  'snapshot.desc',
                  'snapshot.sla',
                  'snapshot.fee',
                  'snapshot.required',
                  'snapshot.workflowKey',
                ])
                  ? 'red.8'
                  : undefined
              }
            >
              {t('admin.caseTypes.tabs.general')}
            </Tabs.Tab>
            <Tabs.Tab value="form" c={tabHasError(['snapshot.form']) ? 'red.8' : undefined}>
              {t('admin.caseTypes.tabs.form')} ({draft.fields.length})
            </Tabs.Tab>
            <Tabs.Tab value="routing" c={tabHasError(['snapshot.routing', 'snapshot.defaultUnitId']) ? 'red.8' : undefined}>
              {t('admin.caseTypes.tabs.routing')} ({draft.routing.length})
            </Tabs.Tab>
          </Tabs.List>

          <Tabs.Panel value="general" pt="md">
            <Stack>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('admin.nameEl')}
                  required
                  value={draft.nameEl}
                  onChange={(e) => set({ nameEl: e.currentTarget.value })}
                  error={errors['snapshot.nameEl']}
                />
                <TextInput
                  label={t('admin.nameEn')}
                  required
                  value={draft.nameEn}
                  onChange={(e) => set({ nameEn: e.currentTarget.value })}
                  error={errors['snapshot.nameEn']}
                />
                <Textarea
                  label={t('admin.caseTypes.descriptionEl')}
                  autosize
                  minRows={2}
                  value={draft.descriptionEl}
                  onChange={(e) => set({ descriptionEl: e.currentTarget.value })}
                  error={errors['snapshot.descriptionEl']}
                />
                <Textarea
                  label={t('admin.caseTypes.descriptionEn')}
                  autosize
                  minRows={2}
                  value={draft.descriptionEn}
                  onChange={(e) => set({ descriptionEn: e.currentTarget.value })}
                  error={errors['snapshot.descriptionEn']}
                />
                <TextInput
                  label={t('admin.caseTypes.key')}
                  description={t('admin.caseTypes.keyHint')}
                  required
                  disabled={!isNew}
                  value={draft.key}
                  onChange={(e) => set({ key: e.currentTarget.value })}
                  error={errors.key}
                />
                <TextInput
                  label={t('admin.caseTypes.group')}
                  required
                  value={draft.group}
                  onChange={(e) => set({ group: e.currentTarget.value })}
                  error={errors.group}
                />
                <TextInput
                  label={t('admin.caseTypes.icon')}
                  value={draft.icon}
                  onChange={(e) => set({ icon: e.currentTarget.value })}
                  error={errors.icon}
                />
                <Select
                  label={t('admin.caseTypes.workflow')}
                  allowDeselect={false}
                  value={draft.workflowKey}
                  onChange={(v) => v && set({ workflowKey: v })}
                  data={(workflows.data ?? []).map((w) => ({ value: w.key, label: loc(w.nameEl, w.nameEn) }))}
                  error={errors['snapshot.workflowKey']}
                />
                <NumberInput
                  label={t('admin.caseTypes.sla')}
                  min={0}
                  max={3650}
                  value={draft.slaDays ?? ''}
                  onChange={(v) => set({ slaDays: typeof v === 'number' ? v : null })}
                  error={errors['snapshot.slaDays']}
                />
                <NumberInput
                  label={t('admin.caseTypes.fee')}
                  min={0}
                  decimalScale={2}
                  fixedDecimalScale
                  value={draft.feeCents === null ? '' : draft.feeCents / 100}
                  onChange={(v) => set({ feeCents: typeof v === 'number' ? Math.round(v * 100) : null })}
                  error={errors['snapshot.fee.cents'] ?? errors['snapshot.fee']}
                />
                <TextInput
                  label={t('admin.caseTypes.eParavolo')}
                  value={draft.eParavoloCode}
                  disabled={draft.feeCents === null}
                  onChange={(e) => set({ eParavoloCode: e.currentTarget.value })}
                  error={errors['snapshot.fee.eParavoloCode']}
                />
              </SimpleGrid>
              <Group>
                <Checkbox
                  label={t('admin.caseTypes.active')}
                  checked={draft.active}
                  onChange={(e) => set({ active: e.currentTarget.checked })}
                />
                <Checkbox
                  label={t('admin.caseTypes.publicLabel')}
                  checked={draft.public}
                  onChange={(e) => set({ public: e.currentTarget.checked })}
                />
                <Checkbox
                  label={t('admin.caseTypes.anonymous')}
                  checked={draft.anonymousAllowed}
                  onChange={(e) => set({ anonymousAllowed: e.currentTarget.checked })}
                />
                <Checkbox
                  label={t('admin.caseTypes.location')}
                  checked={draft.locationRequired}
                  onChange={(e) => set({ locationRequired: e.currentTarget.checked })}
                />
              </Group>
              <Stack gap="xs" component="fieldset" style={{ border: 'none', padding: 0, margin: 0 }}>
                <Text component="legend" fw={500}>
                  {t('admin.caseTypes.documents')}
                </Text>
                {draft.requiredDocuments.map((doc, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: edited in place
                  <Group key={i} grow wrap="nowrap" align="flex-end">
                    <TextInput
                      label={t('admin.caseTypes.documentEl', { n: i + 1 })}
                      value={doc.el}
                      onChange={(e) =>
                        set({
                          requiredDocuments: draft.requiredDocuments.map((d, j) => (j === i ? { ...d, el: e.currentTarget.value } : d)),
                        })
                      }
                      error={errors[`snapshot.requiredDocuments.${i}.el`]}
                    />
                    <TextInput
                      label={t('admin.caseTypes.documentEn', { n: i + 1 })}
                      value={doc.en}
                      onChange={(e) =>
                        set({
                          requiredDocuments: draft.requiredDocuments.map((d, j) => (j === i ? { ...d, en: e.currentTarget.value } : d)),
                        })
                      }
                      error={errors[`snapshot.requiredDocuments.${i}.en`]}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      style={{ flexGrow: 0 }}
                      onClick={() => set({ requiredDocuments: draft.requiredDocuments.filter((_, j) => j !== i) })}
                      aria-label={t('admin.caseTypes.removeDocument', { n: i + 1 })}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                <Button
                  variant="subtle"
                  size="compact-sm"
                  w="fit-content"
                  onClick={() => set({ requiredDocuments: [...draft.requiredDocuments, { el: '', en: '' }] })}
                >
                  {t('admin.caseTypes.addDocument')}
                </Button>
              </Stack>
            </Stack>
          </Tabs.Panel>

          <Tabs.Panel value="form" pt="md">
            <FormBuilder fields={draft.fields} onChange={(fields) => set({ fields })} errors={errors} prefix="snapshot.form.fields" />
          </Tabs.Panel>

          <Tabs.Panel value="routing" pt="md">
            <RoutingEditor
              rules={draft.routing}
              onChange={(routing) => set({ routing })}
              defaultUnitId={draft.defaultUnitId}
              onDefaultUnit={(defaultUnitId) => set({ defaultUnitId })}
              units={units.data ?? []}
              fields={draft.fields}
              boundary={tenant.data ? ((tenant.data.boundary as Polygon | null) ?? null) : undefined}
              errors={errors}
            />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </form>
  );
}
