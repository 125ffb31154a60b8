import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  List,
  Loader,
  Modal,
  NativeSelect,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { errorMessage } from '../../app/i18n';
import {
  createPlace,
  deletePlace,
  formatHours,
  type ImportResult,
  importFile,
  listCategories,
  type Place,
  type PlaceBody,
  parseHours,
  staffPlace,
  staffPlaces,
  updatePlace,
} from './api';
import './i18n';
import './places.css';

const errorText = (e: unknown) => (e instanceof ApiError ? (e.body.message ?? errorMessage(e.code)) : errorMessage('generic'));

type Draft = {
  category: string;
  nameEl: string;
  nameEn: string;
  address: string;
  lat: number | string;
  lon: number | string;
  phones: string;
  hours: string;
  wheelchair: '' | 'yes' | 'limited' | 'no';
  accessibilityEl: string;
  accessibilityEn: string;
  published: boolean;
  photoIds: string[];
  dutyDates: string[];
};

const empty: Draft = {
  category: '',
  nameEl: '',
  nameEn: '',
  address: '',
  lat: '',
  lon: '',
  phones: '',
  hours: '',
  wheelchair: '',
  accessibilityEl: '',
  accessibilityEn: '',
  published: true,
  photoIds: [],
  dutyDates: [],
};

const draftOf = (p: Place): Draft => ({
  category: p.category.key,
  nameEl: p.name.el,
  nameEn: p.name.en,
  address: p.address,
  lat: p.lat,
  lon: p.lon,
  phones: p.phones.join(', '),
  hours: formatHours(p.hours),
  wheelchair: p.wheelchair ?? '',
  accessibilityEl: p.accessibility?.el ?? '',
  accessibilityEn: p.accessibility?.en ?? '',
  published: p.published,
  photoIds: p.photos.map((ph) => ph.id),
  dutyDates: p.dutyDates,
});

/** Staff: the places, an edit form, and import/export (CSV, GeoJSON) with errors by row and column. */
export function StaffPlacesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<{ id: string | null; draft: Draft } | null>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [importError, setImportError] = useState<unknown>(null);
  const categories = useQuery({ queryKey: ['places', 'categories'], queryFn: listCategories });
  const list = useQuery({ queryKey: ['places', 'staff', q], queryFn: () => staffPlaces(q || undefined) });

  const save = useMutation({
    mutationFn: async ({ id, draft }: { id: string | null; draft: Draft }) => {
      const hours = draft.hours.trim() ? parseHours(draft.hours) : null;
      if (draft.hours.trim() && !hours) throw new ApiError(400, { code: 'places.hours_invalid', message: t('places.staff.hoursInvalid') });
      const body: PlaceBody = {
        category: draft.category,
        nameEl: draft.nameEl,
        nameEn: draft.nameEn,
        address: draft.address,
        lat: Number(draft.lat),
        lon: Number(draft.lon),
        phones: draft.phones
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        hours,
        wheelchair: draft.wheelchair || null,
        accessibilityEl: draft.accessibilityEl || null,
        accessibilityEn: draft.accessibilityEn || null,
        published: draft.published,
        photoIds: draft.photoIds,
        dutyDates: draft.dutyDates,
      };
      return id ? updatePlace(id, body) : createPlace(body);
    },
    onSuccess: async () => {
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['places'] });
    },
    onError: (e) => setFormError(e),
  });
  const remove = useMutation({
    mutationFn: (id: string) => deletePlace(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['places'] }),
  });
  const runImport = useMutation({
    mutationFn: ({ dryRun }: { dryRun: boolean }) => importFile(file as File, dryRun),
    onMutate: () => {
      setResult(null);
      setImportError(null);
    },
    onSuccess: async (r) => {
      setResult(r);
      if (!r.dryRun) await qc.invalidateQueries({ queryKey: ['places'] });
    },
    onError: (e) => setImportError(e),
  });

  const openEdit = async (id: string | null) => {
    setFormError(null);
    if (!id) setEditing({ id: null, draft: { ...empty, category: categories.data?.[0]?.key ?? '' } });
    else setEditing({ id, draft: draftOf(await staffPlace(id)) });
  };
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setEditing((e) => (e ? { ...e, draft: { ...e.draft, [k]: v } } : e));
  const importFields = importError instanceof ApiError ? (importError.body.fields ?? []) : [];

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('places.staff.title')}
        </Title>
        <Text>{t('places.staff.intro')}</Text>
      </div>

      <section aria-labelledby="places-io">
        <Title order={2} size="h3" id="places-io" mb="xs">
          {t('places.staff.importTitle')}
        </Title>
        <Group gap="sm" mb="sm">
          <Anchor href="/api/staff/places/export.csv" download underline="always" data-testid="export-csv">
            {t('places.staff.exportCsv')}
          </Anchor>
          <Anchor href="/api/staff/places/export.geojson" download underline="always">
            {t('places.staff.exportGeojson')}
          </Anchor>
        </Group>
        <Text size="sm" mb="xs">
          {t('places.staff.importHelp')}
        </Text>
        <Group align="end" gap="sm">
          <FileInput
            label={t('places.staff.file')}
            accept=".csv,.geojson,.json,text/csv,application/geo+json"
            value={file}
            onChange={(f) => {
              setFile(f);
              setResult(null);
              setImportError(null);
            }}
            clearable
            clearButtonProps={{ 'aria-label': t('places.staff.clearFile') }}
            w={320}
            data-testid="import-file"
          />
          <Button variant="default" disabled={!file} loading={runImport.isPending} onClick={() => runImport.mutate({ dryRun: true })}>
            {t('places.staff.check')}
          </Button>
          <Button disabled={!file} loading={runImport.isPending} onClick={() => runImport.mutate({ dryRun: false })}>
            {t('places.staff.import')}
          </Button>
        </Group>
        {result && (
          <Alert color="green" variant="light" mt="sm" role="status">
            {t(result.dryRun ? 'places.staff.checkDone' : 'places.staff.importDone', { created: result.created, updated: result.updated })}
          </Alert>
        )}
        {importError != null && (
          <Alert color="red" variant="light" mt="sm" role="alert" data-testid="import-errors">
            <Text fw={600}>{errorText(importError)}</Text>
            {importFields.length > 0 && (
              <>
                <Text size="sm" mt="xs">
                  {t('places.staff.importErrors')}
                </Text>
                <List size="sm">
                  {importFields.map((f) => {
                    const [kind, a, b] = f.field.split('.');
                    return (
                      <List.Item key={f.field}>
                        {kind === 'rows'
                          ? t('places.staff.row', { row: a, column: b, message: f.message ?? f.code })
                          : t('places.staff.column', { column: a, message: f.message ?? f.code })}
                      </List.Item>
                    );
                  })}
                </List>
              </>
            )}
          </Alert>
        )}
      </section>

      <section aria-labelledby="places-table">
        <Group justify="space-between" mb="xs" align="end">
          <Title order={2} size="h3" id="places-table">
            {t('places.listTitle')}
          </Title>
          <Group align="end">
            <TextInput type="search" label={t('places.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
            <Button onClick={() => void openEdit(null)}>{t('places.staff.new')}</Button>
          </Group>
        </Group>
        {list.isPending && <Loader aria-label={t('app.loading')} />}
        {list.error && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && (
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('places.staff.name')}</Table.Th>
                <Table.Th scope="col">{t('places.category')}</Table.Th>
                <Table.Th scope="col">{t('places.staff.status')}</Table.Th>
                <Table.Th scope="col">{t('places.staff.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.name[lang]}</Table.Td>
                  <Table.Td>{p.category.name[lang]}</Table.Td>
                  <Table.Td>{p.published ? t('places.staff.published') : t('places.staff.unpublished')}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => void openEdit(p.id)}
                        aria-label={`${t('places.staff.edit')}: ${p.name[lang]}`}
                      >
                        {t('places.staff.edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`${t('places.staff.delete')}: ${p.name[lang]}`}
                        onClick={() => {
                          if (window.confirm(t('places.staff.deleteConfirm', { name: p.name[lang] }))) remove.mutate(p.id);
                        }}
                      >
                        {t('places.staff.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </section>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.id ? t('places.staff.editTitle', { name: editing.draft.nameEl }) : t('places.staff.new')}
        size="lg"
      >
        {editing && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              setFormError(null);
              save.mutate(editing);
            }}
          >
            <Stack gap="sm">
              <NativeSelect
                label={t('places.category')}
                value={editing.draft.category}
                onChange={(e) => set('category', e.currentTarget.value)}
                data={(categories.data ?? []).map((c) => ({ value: c.key, label: c.name[lang] }))}
                required
              />
              <TextInput
                label={t('places.staff.nameEl')}
                value={editing.draft.nameEl}
                onChange={(e) => set('nameEl', e.currentTarget.value)}
                required
              />
              <TextInput
                label={t('places.staff.nameEn')}
                value={editing.draft.nameEn}
                onChange={(e) => set('nameEn', e.currentTarget.value)}
                required
              />
              <TextInput
                label={t('places.address')}
                value={editing.draft.address}
                onChange={(e) => set('address', e.currentTarget.value)}
                required
              />
              <Group grow>
                <NumberInput
                  label={t('places.staff.lat')}
                  value={editing.draft.lat}
                  onChange={(v) => set('lat', v)}
                  decimalScale={6}
                  required
                />
                <NumberInput
                  label={t('places.staff.lon')}
                  value={editing.draft.lon}
                  onChange={(v) => set('lon', v)}
                  decimalScale={6}
                  required
                />
              </Group>
              <TextInput
                label={t('places.staff.phones')}
                value={editing.draft.phones}
                onChange={(e) => set('phones', e.currentTarget.value)}
              />
              <TextInput
                label={t('places.staff.hoursText')}
                value={editing.draft.hours}
                onChange={(e) => set('hours', e.currentTarget.value)}
              />
              <NativeSelect
                label={t('places.staff.wheelchairLabel')}
                value={editing.draft.wheelchair}
                onChange={(e) => set('wheelchair', e.currentTarget.value as Draft['wheelchair'])}
                data={[
                  { value: '', label: t('places.staff.unknown') },
                  { value: 'yes', label: t('places.wheelchair.yes') },
                  { value: 'limited', label: t('places.wheelchair.limited') },
                  { value: 'no', label: t('places.wheelchair.no') },
                ]}
              />
              <TextInput
                label={t('places.staff.accessibilityEl')}
                value={editing.draft.accessibilityEl}
                onChange={(e) => set('accessibilityEl', e.currentTarget.value)}
              />
              <TextInput
                label={t('places.staff.accessibilityEn')}
                value={editing.draft.accessibilityEn}
                onChange={(e) => set('accessibilityEn', e.currentTarget.value)}
              />
              <Switch
                label={t('places.staff.published')}
                checked={editing.draft.published}
                onChange={(e) => set('published', e.currentTarget.checked)}
              />
              {formError != null && (
                <Alert color="red" variant="light" role="alert">
                  {errorText(formError)}
                  {formError instanceof ApiError && (formError.body.fields?.length ?? 0) > 0 && (
                    <List size="sm">
                      {formError.body.fields?.map((f) => (
                        <List.Item key={f.field}>{f.message ?? f.field}</List.Item>
                      ))}
                    </List>
                  )}
                </Alert>
              )}
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setEditing(null)}>
                  {t('places.staff.cancel')}
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {t('places.staff.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Stack>
  );
}
