import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormField } from '../../app/api/endpoints';
import { FormRenderer, type FormValues } from '../forms';
import { useLoc } from './shared';

export const FIELD_KINDS = ['text', 'longText', 'number', 'date', 'choice', 'multiChoice', 'yesNo', 'location', 'files', 'person'] as const;
type Kind = (typeof FIELD_KINDS)[number];
const FILE_KINDS = ['image', 'document', 'video', 'audio'] as const;
const PERSON_REQS = ['requireAfm', 'requireAmka', 'requireIdNumber', 'requireParents', 'requireBirthDate'] as const;

/** A field as the builder edits it: the forms module's definition, loosely typed (the server validates). */
export type BuilderField = FormField & Record<string, unknown>;

function newField(kind: Kind, existing: BuilderField[]): BuilderField {
  let n = existing.length + 1;
  while (existing.some((f) => f.id === `field${n}`)) n++;
  const f: BuilderField = { id: `field${n}`, kind, label: { el: '', en: '' } };
  if (kind === 'choice' || kind === 'multiChoice') f.options = [{ value: 'a', label: { el: '', en: '' } }];
  return f;
}

/** Drops empty optional parts so the definition the server gets is clean. */
export function cleanField(f: BuilderField): BuilderField {
  const out: BuilderField = { ...f };
  if (out.help && !out.help.el && !out.help.en) delete out.help;
  if (!out.required) delete out.required;
  for (const k of Object.keys(out)) if (out[k] === undefined || out[k] === '' || out[k] === null) delete out[k];
  return out;
}

/**
 * Builds a case type's form: the field kinds of the forms module, each with its labels in Greek and
 * English, its options and conditions, shown live with the same renderer citizens see.
 * `errorsFor(i, key)` gives the server's error at `fields.i.key`.
 */
export function FormBuilder({
  fields,
  onChange,
  errors,
  prefix,
}: {
  fields: BuilderField[];
  onChange: (f: BuilderField[]) => void;
  errors: Record<string, string>;
  prefix: string;
}) {
  const { t } = useTranslation();
  const loc = useLoc();
  const [addKind, setAddKind] = useState<Kind>('text');
  const [preview, setPreview] = useState<FormValues>({});
  const set = (i: number, patch: Partial<BuilderField>) =>
    onChange(fields.map((f, j) => (j === i ? ({ ...f, ...patch } as BuilderField) : f)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...fields];
    const [f] = next.splice(i, 1);
    if (f) next.splice(i + d, 0, f);
    onChange(next);
  };
  const err = (i: number, ...keys: string[]) => {
    for (const k of keys) {
      const e = errors[`${prefix}.${i}.${k}`];
      if (e) return e;
    }
    return undefined;
  };
  const fieldName = (f: BuilderField, i: number) => loc(f.label.el, f.label.en) || t('admin.form.fieldN', { n: i + 1 });

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Stack>
        <Title order={2} size="h4">
          {t('admin.form.fields')}
        </Title>
        {fields.length === 0 && <Text c="dimmed">{t('admin.form.empty')}</Text>}
        {fields.map((f, i) => (
          <Card
            // biome-ignore lint/suspicious/noArrayIndexKey: the id is being edited here, so position is the stable identity
            key={`${i}-${f.kind}`}
            withBorder
            radius="md"
            padding="sm"
            component="fieldset"
            aria-label={fieldName(f, i)}
            style={{ margin: 0 }}
          >
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Text fw={600}>
                  {i + 1}. {fieldName(f, i)}{' '}
                  <Text span size="sm" c="dimmed">
                    · {t(`admin.form.kinds.${f.kind}`)}
                  </Text>
                </Text>
                <Group gap={2} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                    aria-label={t('admin.form.moveUp', { name: fieldName(f, i) })}
                  >
                    ↑
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    disabled={i === fields.length - 1}
                    onClick={() => move(i, 1)}
                    aria-label={t('admin.form.moveDown', { name: fieldName(f, i) })}
                  >
                    ↓
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    onClick={() => onChange(fields.filter((_, j) => j !== i))}
                    aria-label={t('admin.form.remove', { name: fieldName(f, i) })}
                  >
                    ×
                  </ActionIcon>
                </Group>
              </Group>
              <Group grow>
                <TextInput
                  label={t('admin.form.labelEl')}
                  required
                  value={f.label.el}
                  onChange={(e) => set(i, { label: { ...f.label, el: e.currentTarget.value } })}
                  error={err(i, 'label.el', 'label')}
                />
                <TextInput
                  label={t('admin.form.labelEn')}
                  required
                  value={f.label.en}
                  onChange={(e) => set(i, { label: { ...f.label, en: e.currentTarget.value } })}
                  error={err(i, 'label.en', 'label')}
                />
              </Group>
              <Group grow>
                <TextInput
                  label={t('admin.form.fieldId')}
                  value={f.id}
                  onChange={(e) => set(i, { id: e.currentTarget.value })}
                  error={err(i, 'id')}
                  description={t('admin.form.fieldIdHint')}
                />
                <Checkbox
                  label={t('admin.form.required')}
                  checked={!!f.required}
                  onChange={(e) => set(i, { required: e.currentTarget.checked })}
                  mt="lg"
                />
              </Group>
              <Group grow>
                <TextInput
                  label={t('admin.form.helpEl')}
                  value={f.help?.el ?? ''}
                  onChange={(e) => set(i, { help: { el: e.currentTarget.value, en: f.help?.en ?? '' } })}
                  error={err(i, 'help.el', 'help')}
                />
                <TextInput
                  label={t('admin.form.helpEn')}
                  value={f.help?.en ?? ''}
                  onChange={(e) => set(i, { help: { el: f.help?.el ?? '', en: e.currentTarget.value } })}
                  error={err(i, 'help.en')}
                />
              </Group>
              <KindOptions f={f} set={(p) => set(i, p)} err={(...k) => err(i, ...k)} />
              <ShowIfEditor f={f} earlier={fields.slice(0, i)} set={(p) => set(i, p)} err={(...k) => err(i, ...k)} name={fieldName(f, i)} />
            </Stack>
          </Card>
        ))}
        <Group align="flex-end">
          <Select
            label={t('admin.form.newKind')}
            value={addKind}
            allowDeselect={false}
            onChange={(v) => v && setAddKind(v as Kind)}
            data={FIELD_KINDS.map((k) => ({ value: k, label: t(`admin.form.kinds.${k}`) }))}
          />
          <Button variant="light" onClick={() => onChange([...fields, newField(addKind, fields)])}>
            {t('admin.form.add')}
          </Button>
        </Group>
      </Stack>
      <Card withBorder radius="md" component="section" aria-labelledby="form-preview-title" bg="gray.0">
        <Stack>
          <Title order={2} size="h4" id="form-preview-title">
            {t('admin.form.preview')}
          </Title>
          <FormRenderer
            fields={fields.filter((f) => f.label.el || f.label.en)}
            values={preview}
            errors={{}}
            onChange={(id, v) => setPreview((p) => ({ ...p, [id]: v }))}
          />
        </Stack>
      </Card>
    </SimpleGrid>
  );
}

function num(v: string | number) {
  return typeof v === 'number' ? v : undefined;
}

function KindOptions({
  f,
  set,
  err,
}: {
  f: BuilderField;
  set: (p: Partial<BuilderField>) => void;
  err: (...k: string[]) => string | undefined;
}) {
  const { t } = useTranslation();
  switch (f.kind) {
    case 'text':
    case 'longText':
      return (
        <Group grow>
          <NumberInput
            label={t('admin.form.minLength')}
            min={0}
            value={(f.minLength as number) ?? ''}
            onChange={(v) => set({ minLength: num(v) })}
            error={err('minLength')}
          />
          <NumberInput
            label={t('admin.form.maxLength')}
            min={0}
            value={f.maxLength ?? ''}
            onChange={(v) => set({ maxLength: num(v) })}
            error={err('maxLength')}
          />
          {f.kind === 'text' && (
            <TextInput
              label={t('admin.form.pattern')}
              value={(f.pattern as string) ?? ''}
              onChange={(e) => set({ pattern: e.currentTarget.value || undefined })}
              error={err('pattern')}
            />
          )}
        </Group>
      );
    case 'number':
      return (
        <Group grow>
          <NumberInput
            label={t('admin.form.min')}
            value={(f.min as number) ?? ''}
            onChange={(v) => set({ min: num(v) })}
            error={err('min')}
          />
          <NumberInput
            label={t('admin.form.max')}
            value={(f.max as number) ?? ''}
            onChange={(v) => set({ max: num(v) })}
            error={err('max')}
          />
          <Checkbox
            label={t('admin.form.integer')}
            checked={!!f.integer}
            onChange={(e) => set({ integer: e.currentTarget.checked || undefined })}
            mt="lg"
          />
        </Group>
      );
    case 'date':
      return (
        <Select
          label={t('admin.form.dateRange')}
          clearable
          value={(f.range as string) ?? null}
          onChange={(v) => set({ range: v ?? undefined })}
          data={[
            { value: 'past', label: t('admin.form.past') },
            { value: 'future', label: t('admin.form.future') },
          ]}
          error={err('range')}
        />
      );
    case 'choice':
    case 'multiChoice': {
      const options = f.options ?? [];
      const setOpt = (j: number, p: Partial<(typeof options)[number]>) =>
        set({ options: options.map((o, k) => (k === j ? { ...o, ...p } : o)) });
      return (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('admin.form.options')}
          </Text>
          {options.map((o, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: options are edited in place; position is identity
            <Group key={j} grow wrap="nowrap" align="flex-end">
              <TextInput
                label={t('admin.form.optionValue')}
                value={o.value}
                onChange={(e) => setOpt(j, { value: e.currentTarget.value })}
                error={err(`options.${j}.value`)}
              />
              <TextInput
                label={t('admin.form.labelEl')}
                value={o.label.el}
                onChange={(e) => setOpt(j, { label: { ...o.label, el: e.currentTarget.value } })}
                error={err(`options.${j}.label.el`)}
              />
              <TextInput
                label={t('admin.form.labelEn')}
                value={o.label.en}
                onChange={(e) => setOpt(j, { label: { ...o.label, en: e.currentTarget.value } })}
                error={err(`options.${j}.label.en`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                style={{ flexGrow: 0 }}
                onClick={() => set({ options: options.filter((_, k) => k !== j) })}
                aria-label={t('admin.form.removeOption', { n: j + 1 })}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="subtle"
            size="compact-sm"
            w="fit-content"
            onClick={() =>
              set({
                options: [
                  ...options,
                  {
                    value: String.fromCharCode(97 + (options.length % 26)) + (options.length >= 26 ? options.length : ''),
                    label: { el: '', en: '' },
                  },
                ],
              })
            }
          >
            {t('admin.form.addOption')}
          </Button>
          {err('options') && (
            <Text c="red.8" size="sm">
              {err('options')}
            </Text>
          )}
        </Stack>
      );
    }
    case 'yesNo':
      return (
        <Checkbox
          label={t('admin.form.mustBeTrue')}
          checked={!!f.mustBeTrue}
          onChange={(e) => set({ mustBeTrue: e.currentTarget.checked || undefined })}
        />
      );
    case 'files':
      return (
        <Group grow>
          <MultiSelect
            label={t('admin.form.allowedKinds')}
            placeholder={t('admin.form.anyKind')}
            value={(f.allowedKinds as string[]) ?? []}
            onChange={(v) => set({ allowedKinds: v.length ? v : undefined })}
            data={FILE_KINDS.map((k) => ({ value: k, label: t(`admin.form.fileKinds.${k}`) }))}
          />
          <NumberInput
            label={t('admin.form.maxFiles')}
            min={1}
            max={50}
            value={f.maxFiles ?? ''}
            onChange={(v) => set({ maxFiles: num(v) })}
            error={err('maxFiles')}
          />
        </Group>
      );
    case 'person':
      return (
        <Group>
          {PERSON_REQS.map((r) => (
            <Checkbox
              key={r}
              label={t(`admin.form.person.${r}`)}
              checked={!!f[r]}
              onChange={(e) => set({ [r]: e.currentTarget.checked || undefined })}
            />
          ))}
        </Group>
      );
    default:
      return null;
  }
}

/** "Show this field only when an earlier field …": equals a value, or has any value. */
function ShowIfEditor({
  f,
  earlier,
  set,
  err,
  name,
}: {
  f: BuilderField;
  earlier: BuilderField[];
  set: (p: Partial<BuilderField>) => void;
  err: (...k: string[]) => string | undefined;
  name: string;
}) {
  const { t } = useTranslation();
  const loc = useLoc();
  if (earlier.length === 0) return null;
  const s = f.showIf;
  const target = s ? earlier.find((e) => e.id === s.field) : undefined;
  const mode = !s ? null : s.notEmpty ? 'notEmpty' : 'equals';
  const valueInput = () => {
    if (!s || mode !== 'equals') return null;
    if (target?.kind === 'choice' || target?.kind === 'multiChoice') {
      return (
        <Select
          label={t('admin.form.showIfValue')}
          value={typeof s.equals === 'string' ? s.equals : null}
          onChange={(v) => set({ showIf: { field: s.field, equals: v ?? undefined } })}
          data={(target.options ?? []).map((o) => ({ value: o.value, label: loc(o.label.el, o.label.en) || o.value }))}
          error={err('showIf.equals', 'showIf')}
        />
      );
    }
    if (target?.kind === 'yesNo') {
      return (
        <Select
          label={t('admin.form.showIfValue')}
          allowDeselect={false}
          value={s.equals === false ? 'no' : 'yes'}
          onChange={(v) => set({ showIf: { field: s.field, equals: v !== 'no' } })}
          data={[
            { value: 'yes', label: t('admin.yes') },
            { value: 'no', label: t('admin.no') },
          ]}
          error={err('showIf.equals', 'showIf')}
        />
      );
    }
    return (
      <TextInput
        label={t('admin.form.showIfValue')}
        value={s.equals === undefined ? '' : String(s.equals)}
        onChange={(e) => {
          const raw = e.currentTarget.value;
          set({
            showIf: { field: s.field, equals: target?.kind === 'number' && raw !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw },
          });
        }}
        error={err('showIf.equals', 'showIf')}
      />
    );
  };
  return (
    <Group grow align="flex-start">
      <Select
        label={t('admin.form.showIf', { name })}
        placeholder={t('admin.form.always')}
        clearable
        value={s?.field ?? null}
        onChange={(v) => set({ showIf: v ? { field: v, notEmpty: true } : undefined })}
        data={earlier.map((e) => ({ value: e.id, label: loc(e.label.el, e.label.en) || e.id }))}
        error={err('showIf.field')}
      />
      {s && (
        <Select
          label={t('admin.form.condition')}
          allowDeselect={false}
          value={mode}
          onChange={(v) =>
            set({
              showIf:
                v === 'notEmpty' ? { field: s.field, notEmpty: true } : { field: s.field, equals: target?.kind === 'yesNo' ? true : '' },
            })
          }
          data={[
            { value: 'notEmpty', label: t('admin.form.whenFilled') },
            { value: 'equals', label: t('admin.form.whenEquals') },
          ]}
        />
      )}
      {valueInput()}
    </Group>
  );
}
