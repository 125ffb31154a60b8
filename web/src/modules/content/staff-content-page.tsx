import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  Image,
  Loader,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { errorMessage } from '../../app/i18n';
import { formatDateTime } from '../../app/i18n/format';
import {
  archiveItem,
  createItem,
  editorItem,
  editorItems,
  type Item,
  type ItemBody,
  listCategories,
  myContentPerms,
  updateItem,
  uploadPublic,
} from './api';
import { useLang } from './shared';
import './i18n';

// Dark shades on white (outline badges) keep the text contrast at AA.
const STATUS_COLOR = { draft: 'gray.8', scheduled: 'blue.9', published: '#1b6b2e', archived: 'dark.6' } as const;
const KINDS = ['news', 'announcement', 'event', 'internal'] as const;

/** `YYYY-MM-DDTHH:mm` in the browser's time, for <input type="datetime-local">. */
export function toLocalInput(d: string | Date | null | undefined) {
  if (!d) return '';
  const x = new Date(d);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${x.getFullYear()}-${p(x.getMonth() + 1)}-${p(x.getDate())}T${p(x.getHours())}:${p(x.getMinutes())}`;
}
export const fromLocalInput = (s: string) => (s ? new Date(s).toISOString() : null);

/** Field errors of a failed save, by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries((error.body.fields ?? []).map((f) => [f.field, f.message ?? f.code]));
}

export function usePerms() {
  return useQuery({ queryKey: ['content', 'perms'], queryFn: myContentPerms });
}

export function ContentListPage() {
  const { t, i18n } = useTranslation();
  const lang = useLang(i18n.language);
  const perms = usePerms();
  const [status, setStatus] = useState<Item['status'] | ''>('');
  const q = useQuery({
    queryKey: ['content', 'editor', status],
    queryFn: () => editorItems(status ? { status } : {}),
    enabled: !!perms.data?.publish,
  });
  if (perms.isPending) return <Loader aria-label={t('app.loading')} />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('content.staff.contentTitle')}
        </Title>
        {perms.data?.publish && (
          <Button component={Link} to="/staff/content/new">
            {t('content.staff.new')}
          </Button>
        )}
      </Group>
      <Text c="dimmed">{t('content.staff.contentIntro')}</Text>
      {!perms.data?.publish && <Alert color="yellow">{t('content.staff.forbidden')}</Alert>}
      {perms.data?.publish && (
        <>
          <Select
            label={t('content.staff.filterStatus')}
            w={240}
            allowDeselect={false}
            value={status}
            onChange={(v) => setStatus((v ?? '') as Item['status'] | '')}
            data={[
              { value: '', label: t('content.staff.all') },
              ...(['draft', 'scheduled', 'published', 'archived'] as const).map((s) => ({
                value: s,
                label: t(`content.staff.statuses.${s}`),
              })),
            ]}
          />
          {q.isPending && <Loader aria-label={t('app.loading')} />}
          {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
          {q.data && q.data.items.length === 0 && <Alert variant="light">{t('content.staff.empty')}</Alert>}
          {q.data && q.data.items.length > 0 && (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('content.staff.colTitle')}</Table.Th>
                  <Table.Th>{t('content.staff.colKind')}</Table.Th>
                  <Table.Th>{t('content.staff.colStatus')}</Table.Th>
                  <Table.Th>{t('content.staff.colUpdated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.items.map((it) => (
                  <Table.Tr key={it.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/staff/content/${it.id}`} lang={lang === 'en' && it.titleEn ? 'en' : 'el'}>
                        {lang === 'en' && it.titleEn ? it.titleEn : it.titleEl}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`content.staff.kinds.${it.kind}`)}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[it.status]} variant="outline">
                        {t(`content.staff.statuses.${it.status}`)}
                      </Badge>
                      {it.status === 'scheduled' && it.publishAt && (
                        <Text size="xs" c="dimmed">
                          {formatDateTime(it.publishAt)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDateTime(it.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Stack>
  );
}

type Form = {
  kind: ItemBody['kind'];
  categoryId: string;
  titleEl: string;
  titleEn: string;
  summaryEl: string;
  summaryEn: string;
  bodyEl: string;
  bodyEn: string;
  imageFileId: string | null;
  imageUrl: string | null;
  imageAltEl: string;
  imageAltEn: string;
  startsAt: string;
  endsAt: string;
  placeEl: string;
  placeEn: string;
  lat: number | '';
  lon: number | '';
  organiser: string;
  push: boolean;
  publishAt: string;
};

const EMPTY: Form = {
  kind: 'news',
  categoryId: '',
  titleEl: '',
  titleEn: '',
  summaryEl: '',
  summaryEn: '',
  bodyEl: '',
  bodyEn: '',
  imageFileId: null,
  imageUrl: null,
  imageAltEl: '',
  imageAltEn: '',
  startsAt: '',
  endsAt: '',
  placeEl: '',
  placeEn: '',
  lat: '',
  lon: '',
  organiser: '',
  push: false,
  publishAt: '',
};

const fromItem = (it: Item): Form => ({
  kind: it.kind,
  categoryId: it.categoryId ?? '',
  titleEl: it.titleEl,
  titleEn: it.titleEn ?? '',
  summaryEl: it.summaryEl,
  summaryEn: it.summaryEn ?? '',
  bodyEl: it.bodyEl,
  bodyEn: it.bodyEn ?? '',
  imageFileId: it.imageFileId,
  imageUrl: it.thumbUrl,
  imageAltEl: it.imageAltEl ?? '',
  imageAltEn: it.imageAltEn ?? '',
  startsAt: toLocalInput(it.startsAt),
  endsAt: toLocalInput(it.endsAt),
  placeEl: it.placeEl ?? '',
  placeEn: it.placeEn ?? '',
  lat: it.lat ?? '',
  lon: it.lon ?? '',
  organiser: it.organiser ?? '',
  push: it.push,
  publishAt: toLocalInput(it.publishAt),
});

const toBody = (f: Form, action: 'draft' | 'schedule' | 'publish'): ItemBody => ({
  kind: f.kind,
  categoryId: f.categoryId || null,
  titleEl: f.titleEl,
  titleEn: f.titleEn || null,
  summaryEl: f.summaryEl,
  summaryEn: f.summaryEn || null,
  bodyEl: f.bodyEl,
  bodyEn: f.bodyEn || null,
  imageFileId: f.imageFileId,
  imageAltEl: f.imageAltEl || null,
  imageAltEn: f.imageAltEn || null,
  startsAt: fromLocalInput(f.startsAt),
  endsAt: fromLocalInput(f.endsAt),
  placeEl: f.placeEl || null,
  placeEn: f.placeEn || null,
  lat: f.lat === '' ? null : f.lat,
  lon: f.lon === '' ? null : f.lon,
  organiser: f.organiser || null,
  push: f.push,
  publishAt: action === 'schedule' ? fromLocalInput(f.publishAt) : null,
  action,
});

export function ContentEditPage() {
  const { id } = useParams({ strict: false }) as { id?: string };
  const { t } = useTranslation();
  const perms = usePerms();
  const q = useQuery({ queryKey: ['content', 'editor', 'item', id], queryFn: () => editorItem(id as string), enabled: !!id });
  if (perms.isPending || (id && q.isPending)) return <Loader aria-label={t('app.loading')} />;
  if (!perms.data?.publish) {
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('content.staff.edit')}
        </Title>
        <Alert color="yellow">{t('content.staff.forbidden')}</Alert>
      </Stack>
    );
  }
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return <Editor key={id ?? 'new'} item={q.data ?? null} />;
}

function Editor({ item: initial }: { item: Item | null }) {
  const { t, i18n } = useTranslation();
  const lang = useLang(i18n.language);
  const qc = useQueryClient();
  const navigate = useNavigate();
  // The item as last saved: a new one gets its id on the first save and is updated from then on.
  const [item, setItem] = useState<Item | null>(initial);
  const [f, setF] = useState<Form>(initial ? fromItem(initial) : EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));
  const cats = useQuery({ queryKey: ['content', 'categories'], queryFn: listCategories });

  const save = useMutation({
    mutationFn: (action: 'draft' | 'schedule' | 'publish') =>
      item ? updateItem(item.id, toBody(f, action)) : createItem(toBody(f, action)),
    onSuccess: async (saved) => {
      setItem(saved);
      await qc.invalidateQueries({ queryKey: ['content', 'editor'], exact: false });
      setDone(
        saved.status === 'published'
          ? t('content.staff.published')
          : saved.status === 'scheduled' && saved.publishAt
            ? t('content.staff.scheduledFor', { date: formatDateTime(saved.publishAt) })
            : t('content.staff.saved'),
      );
    },
  });
  const archive = useMutation({
    mutationFn: () => archiveItem(item?.id as string),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['content'] });
      await navigate({ to: '/staff/content' as '/' });
    },
  });
  const errs = fieldErrors(save.error);

  async function onImage(file: File | null) {
    setUploadError(null);
    if (!file) return;
    setUploading(true);
    try {
      const up = await uploadPublic(file, 'image');
      setF((x) => ({ ...x, imageFileId: up.id, imageUrl: `/api/files/${up.id}/thumb` }));
    } catch (e) {
      setUploadError(errorMessage((e as { code?: string }).code));
    } finally {
      setUploading(false);
    }
  }

  const isEvent = f.kind === 'event';
  const langTab = (l: 'el' | 'en') => {
    const s = l === 'el' ? 'El' : 'En';
    const k = (name: string) => `${name}${s}` as keyof Form;
    return (
      <Stack gap="sm" pt="sm" lang={l}>
        <TextInput
          label={t('content.staff.titleField')}
          required={l === 'el'}
          value={f[k('title')] as string}
          onChange={(e) => set(k('title'), e.currentTarget.value as never)}
          error={errs[`title${s}`]}
          maxLength={200}
        />
        <Textarea
          label={t('content.staff.summary')}
          autosize
          minRows={2}
          value={f[k('summary')] as string}
          onChange={(e) => set(k('summary'), e.currentTarget.value as never)}
          error={errs[`summary${s}`]}
          maxLength={500}
        />
        <Textarea
          label={t('content.staff.body')}
          autosize
          minRows={6}
          value={f[k('body')] as string}
          onChange={(e) => set(k('body'), e.currentTarget.value as never)}
          error={errs[`body${s}`]}
        />
        {f.imageFileId && (
          <TextInput
            label={t('content.staff.imageAlt')}
            required={l === 'el'}
            value={f[k('imageAlt')] as string}
            onChange={(e) => set(k('imageAlt'), e.currentTarget.value as never)}
            error={errs[`imageAlt${s}`]}
          />
        )}
        {isEvent && (
          <TextInput
            label={t('content.staff.place')}
            value={f[k('place')] as string}
            onChange={(e) => set(k('place'), e.currentTarget.value as never)}
            error={errs[`place${s}`]}
          />
        )}
      </Stack>
    );
  };

  return (
    <Stack gap="md" maw={860}>
      <Anchor component={Link} to="/staff/content" size="sm">
        {t('content.staff.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {item ? t('content.staff.edit') : t('content.staff.new')}
        </Title>
        {item && (
          <Badge color={STATUS_COLOR[item.status]} variant="outline" size="lg">
            {t(`content.staff.statuses.${item.status}`)}
          </Badge>
        )}
      </Group>
      {done && (
        <Alert color="green" role="status">
          {done}
        </Alert>
      )}
      {save.error && (
        <Alert color="red.9" role="alert">
          {save.error instanceof ApiError ? (save.error.body.message ?? errorMessage(save.error.code)) : errorMessage('generic')}
        </Alert>
      )}
      <Group grow>
        <Select
          label={t('content.staff.kind')}
          allowDeselect={false}
          value={f.kind}
          onChange={(v) => set('kind', (v ?? 'news') as Form['kind'])}
          data={KINDS.map((k) => ({ value: k, label: t(`content.staff.kinds.${k}`) }))}
        />
        <Select
          label={t('content.staff.category')}
          allowDeselect={false}
          value={f.categoryId}
          onChange={(v) => set('categoryId', v ?? '')}
          error={errs.categoryId}
          data={[
            { value: '', label: t('content.staff.noCategory') },
            ...(cats.data ?? []).map((c) => ({ value: c.id, label: lang === 'en' ? c.nameEn : c.nameEl })),
          ]}
        />
      </Group>
      <Tabs defaultValue="el">
        <Tabs.List>
          <Tabs.Tab value="el">{t('content.staff.greek')}</Tabs.Tab>
          <Tabs.Tab value="en">{t('content.staff.english')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="el">{langTab('el')}</Tabs.Panel>
        <Tabs.Panel value="en">
          <Text size="sm" c="dimmed" pt="sm">
            {t('content.staff.englishOptional')}
          </Text>
          {langTab('en')}
        </Tabs.Panel>
      </Tabs>

      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <FileInput
            label={t('content.staff.image')}
            description={t('content.staff.imageHelp')}
            accept="image/jpeg,image/png,image/webp,image/gif"
            onChange={(file) => void onImage(file)}
            error={uploadError ?? errs.imageFileId}
            clearable
          />
          {uploading && <Text size="sm">{t('content.staff.uploading')}</Text>}
          {f.imageUrl && (
            <Group>
              <Image src={f.imageUrl} alt={f.imageAltEl} w={160} radius="md" />
              <Button variant="subtle" color="red.9" onClick={() => setF((x) => ({ ...x, imageFileId: null, imageUrl: null }))}>
                {t('content.staff.removeImage')}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>

      {isEvent && (
        <Paper withBorder p="md" radius="md" component="fieldset">
          <Title order={2} size="h5" component="legend">
            {t('content.staff.event')}
          </Title>
          <Stack gap="sm">
            <Group grow>
              <TextInput
                type="datetime-local"
                label={t('content.staff.startsAt')}
                required
                value={f.startsAt}
                onChange={(e) => set('startsAt', e.currentTarget.value)}
                error={errs.startsAt}
              />
              <TextInput
                type="datetime-local"
                label={t('content.staff.endsAt')}
                value={f.endsAt}
                onChange={(e) => set('endsAt', e.currentTarget.value)}
                error={errs.endsAt}
              />
            </Group>
            <Group grow>
              <NumberInput
                label={t('content.staff.lat')}
                decimalScale={6}
                min={-90}
                max={90}
                value={f.lat}
                onChange={(v) => set('lat', typeof v === 'number' ? v : '')}
                error={errs.lat}
              />
              <NumberInput
                label={t('content.staff.lon')}
                decimalScale={6}
                min={-180}
                max={180}
                value={f.lon}
                onChange={(v) => set('lon', typeof v === 'number' ? v : '')}
                error={errs.lon}
              />
            </Group>
            <TextInput label={t('content.staff.organiser')} value={f.organiser} onChange={(e) => set('organiser', e.currentTarget.value)} />
          </Stack>
        </Paper>
      )}

      {f.kind !== 'internal' && (
        <Checkbox label={t('content.staff.push')} checked={f.push} onChange={(e) => set('push', e.currentTarget.checked)} />
      )}
      <Group align="flex-end">
        <TextInput
          type="datetime-local"
          label={t('content.staff.publishAt')}
          value={f.publishAt}
          onChange={(e) => set('publishAt', e.currentTarget.value)}
          error={errs.publishAt}
        />
        <Button variant="light" loading={save.isPending} onClick={() => save.mutate('schedule')}>
          {t('content.staff.schedule')}
        </Button>
      </Group>
      <Group>
        <Button variant="default" loading={save.isPending} onClick={() => save.mutate('draft')}>
          {t('content.staff.saveDraft')}
        </Button>
        <Button loading={save.isPending} onClick={() => save.mutate('publish')}>
          {t('content.staff.publish')}
        </Button>
        {item && item.status !== 'archived' && (
          <Button variant="subtle" color="red.9" loading={archive.isPending} onClick={() => archive.mutate()}>
            {t('content.staff.archive')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
