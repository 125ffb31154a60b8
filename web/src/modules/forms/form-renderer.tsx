import { Checkbox, Fieldset, FileInput, Group, NumberInput, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FormField, type Localized, uploadFiles } from '../../app/api/endpoints';
import { type Place, PlacePicker } from '../../app/components/place-picker';
import { errorMessage } from '../../app/i18n';

export type FormValues = Record<string, unknown>;
/** Server field errors by path (`size`, `applicant.afm`, `where`). */
export type FieldErrors = Record<string, string>;

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** The same rule the server applies: a field shows when its condition holds on an earlier, visible field. */
export function visibleFields(fields: FormField[], values: FormValues): FormField[] {
  const shown = new Set<string>();
  const out: FormField[] = [];
  for (const f of fields) {
    const c = f.showIf;
    let ok = true;
    if (c) {
      const v = shown.has(c.field) ? values[c.field] : undefined;
      const vs = Array.isArray(v) ? v : [v];
      if (c.notEmpty) ok = !isEmpty(v);
      else if (c.in) ok = vs.some((x) => c.in?.includes(x));
      else if ('equals' in c) ok = vs.some((x) => x === c.equals);
    }
    if (ok) {
      shown.add(f.id);
      out.push(f);
    }
  }
  return out;
}

/** Values of the visible fields only, empty ones left out (hidden answers are stale). */
export function cleanValues(fields: FormField[], values: FormValues): FormValues {
  const out: FormValues = {};
  for (const f of visibleFields(fields, values)) {
    const v = values[f.id];
    if (!isEmpty(v)) out[f.id] = v;
  }
  return out;
}

const PERSON_PARTS = ['surname', 'name', 'fatherName', 'motherName', 'birthDate', 'afm', 'amka', 'idNumber'] as const;

function personParts(f: FormField): string[] {
  if (f.parts?.length) return f.parts;
  return PERSON_PARTS.filter(
    (p) =>
      p === 'surname' ||
      p === 'name' ||
      ((p === 'fatherName' || p === 'motherName') && f.requireParents) ||
      (p === 'birthDate' && f.requireBirthDate) ||
      (p === 'afm' && f.requireAfm) ||
      (p === 'amka' && f.requireAmka) ||
      (p === 'idNumber' && f.requireIdNumber),
  );
}

/**
 * Renders a case type's form definition (forms module) for citizen and kiosk. Labels come
 * from the definition in the current language; errors are the server's, shown at the field.
 */
export function FormRenderer({
  fields,
  values,
  errors,
  onChange,
}: {
  fields: FormField[];
  values: FormValues;
  errors: FieldErrors;
  onChange: (id: string, value: unknown) => void;
}) {
  const { i18n } = useTranslation();
  const loc = (l?: Localized) => (l ? (i18n.language === 'en' ? l.en : l.el) : undefined);
  return (
    <Stack>
      {visibleFields(fields, values).map((f) => (
        <FieldInput
          key={f.id}
          field={f}
          label={loc(f.label) ?? f.id}
          help={loc(f.help)}
          loc={loc}
          value={values[f.id]}
          error={errors[f.id]}
          errors={errors}
          onChange={(v) => onChange(f.id, v)}
        />
      ))}
    </Stack>
  );
}

function FieldInput({
  field: f,
  label,
  help,
  loc,
  value,
  error,
  errors,
  onChange,
}: {
  field: FormField;
  label: string;
  help?: string;
  loc: (l?: Localized) => string | undefined;
  value: unknown;
  error?: string;
  errors: FieldErrors;
  onChange: (v: unknown) => void;
}) {
  const { t } = useTranslation();
  const common = { label, description: help, error, required: f.required };
  switch (f.kind) {
    case 'text':
      return (
        <TextInput {...common} value={(value as string) ?? ''} maxLength={f.maxLength} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    case 'longText':
      return (
        <Textarea {...common} value={(value as string) ?? ''} autosize minRows={3} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={(value as number | undefined) ?? ''}
          decimalSeparator=","
          allowDecimal={!f.integer}
          onChange={(v) => onChange(v === '' ? undefined : v)}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={(value as string) ?? ''}
          min={typeof f.min === 'string' ? f.min : undefined}
          max={typeof f.max === 'string' ? f.max : undefined}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'choice':
      return (
        <Radio.Group {...common} value={(value as string) ?? null} onChange={onChange}>
          <Stack gap="xs" mt="xs">
            {(f.options ?? []).map((o) => (
              <Radio key={o.value} value={o.value} label={loc(o.label)} size="md" />
            ))}
          </Stack>
        </Radio.Group>
      );
    case 'multiChoice':
      return (
        <Checkbox.Group {...common} value={(value as string[]) ?? []} onChange={onChange}>
          <Stack gap="xs" mt="xs">
            {(f.options ?? []).map((o) => (
              <Checkbox key={o.value} value={o.value} label={loc(o.label)} size="md" />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'yesNo':
      return (
        <Radio.Group {...common} value={value === true ? 'yes' : value === false ? 'no' : null} onChange={(v) => onChange(v === 'yes')}>
          <Group mt="xs">
            <Radio value="yes" label={t('forms.yes')} size="md" />
            <Radio value="no" label={t('forms.no')} size="md" />
          </Group>
        </Radio.Group>
      );
    case 'location':
      return (
        <LocationInput
          legend={label}
          help={help}
          error={error ?? errors[`${f.id}.lat`] ?? errors[`${f.id}.lon`]}
          value={value as LocationValue | undefined}
          onChange={onChange}
        />
      );
    case 'files':
      return <FilesInput {...common} max={f.maxFiles} value={(value as string[]) ?? []} onChange={onChange} />;
    case 'person': {
      const person = (value as Record<string, string> | undefined) ?? {};
      return (
        <Fieldset legend={label}>
          {help && (
            <Text size="sm" c="dimmed" mb="xs">
              {help}
            </Text>
          )}
          {error && (
            <Text size="sm" c="red.9" mb="xs">
              {error}
            </Text>
          )}
          <Stack gap="sm">
            {personParts(f).map((p) => (
              <TextInput
                key={p}
                label={t(`forms.person.${p}`)}
                type={p === 'birthDate' ? 'date' : 'text'}
                value={person[p] ?? ''}
                error={errors[`${f.id}.${p}`]}
                required={f.required && (p === 'surname' || p === 'name')}
                onChange={(e) => {
                  const next = { ...person, [p]: e.currentTarget.value };
                  onChange(Object.values(next).some((x) => x) ? next : undefined);
                }}
              />
            ))}
          </Stack>
        </Fieldset>
      );
    }
    default:
      return null;
  }
}

export type LocationValue = Place;

/**
 * A location field: the one place picker every channel uses (address search in the municipality's
 * register, places of interest, map, the device's location, boundary check). `size="lg"` at the kiosk.
 */
export function LocationInput({
  legend,
  help,
  error,
  value,
  onChange,
  required,
  size,
}: {
  legend: string;
  help?: string;
  error?: string;
  value: LocationValue | undefined;
  onChange: (v: LocationValue | undefined) => void;
  required?: boolean;
  size?: 'md' | 'lg';
}) {
  return <PlacePicker legend={legend} help={help} error={error} value={value} onChange={onChange} required={required} size={size} />;
}

/** Files are uploaded at once (POST /api/files); the field keeps their ids. */
function FilesInput({
  label,
  description,
  error,
  required,
  max,
  value,
  onChange,
}: {
  label: string;
  description?: string;
  error?: string;
  required?: boolean;
  max?: number;
  value: string[];
  onChange: (v: string[] | undefined) => void;
}) {
  const { t } = useTranslation();
  const [names, setNames] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [uploadError, setUploadError] = useState<string>();
  const pick = async (files: File[]) => {
    if (files.length === 0) return;
    setBusy(true);
    setUploadError(undefined);
    try {
      const up = await uploadFiles(files.slice(0, max ?? 20));
      setNames(up.map((f) => f.name));
      onChange(up.map((f) => f.id));
    } catch (e) {
      setUploadError(errorMessage((e as { code?: string }).code ?? 'api.unavailable'));
      onChange(undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FileInput
      label={label}
      description={busy ? t('forms.files.uploading') : (description ?? (value.length ? names.join(', ') : undefined))}
      error={uploadError ?? error}
      required={required}
      multiple
      clearable
      placeholder={t('forms.files.pick')}
      onChange={(files) => {
        if (!files || files.length === 0) {
          setNames([]);
          onChange(undefined);
        } else void pick(files);
      }}
    />
  );
}
