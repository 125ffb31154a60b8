import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { LifecycleList } from '../../app/components/lifecycle-list';
import { ScrollTable } from '../../app/components/scroll-table';
import { formatDateTime, formatNumber } from '../../app/i18n/format';
import { listIdeas, type Verification } from './api';
import { ActionError } from './shared';
import { fieldErrors, localInput, onlyFields, openClose, StaffTabs, statusBadge, VERIFICATIONS } from './staff-shared';
import './i18n';
import { circleMarker, createMap, fitBounds, type LayerGroup, type LeafletMap, layerGroup } from '../../app/map';

const listCalls = () => unwrap(api.GET('/api/participation/idea-calls/manage'));

function NewCall({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [closesAt, setClosesAt] = useState(() => localInput(new Date(Date.now() + 30 * 86400_000)));
  const [verification, setVerification] = useState<Verification>('phone');
  const [publish, setPublish] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/participation/idea-calls', {
          body: {
            title: title.trim(),
            description: description.trim() || undefined,
            closesAt: closesAt ? new Date(closesAt).toISOString() : '',
            verification,
            publish,
          },
        }),
      ),
    onSuccess: () => {
      setTitle('');
      setDescription('');
      onCreated();
    },
  });
  const errors = fieldErrors(create.error);
  return (
    <Card withBorder component="section" aria-labelledby="new-call">
      <Title order={2} size="h4" id="new-call" mb="sm">
        {t('participation.staff.newCall')}
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('participation.staff.title')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            required
          />
          <Textarea
            label={t('participation.staff.summary')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
            autosize
            minRows={2}
          />
          <Group align="start">
            <TextInput
              type="datetime-local"
              label={t('participation.staff.closesAt')}
              value={closesAt}
              onChange={(e) => setClosesAt(e.currentTarget.value)}
              error={errors.closesAt}
              required
            />
            <NativeSelect
              label={t('participation.staff.verification')}
              value={verification}
              onChange={(e) => setVerification(e.currentTarget.value as Verification)}
              data={VERIFICATIONS.map((v) => ({ value: v, label: t(`participation.verification.${v}`) }))}
            />
          </Group>
          <Checkbox label={t('participation.staff.publishNow')} checked={publish} onChange={(e) => setPublish(e.currentTarget.checked)} />
          {!onlyFields(create.error, (f) => ['title', 'description', 'closesAt'].includes(f)) && <ActionError error={create.error} />}
          {create.isSuccess && (
            <Alert color="green" variant="light" role="status" c="dark.8">
              {t('participation.staff.callCreated')}
            </Alert>
          )}
          <Button type="submit" w="fit-content" loading={create.isPending}>
            {t('participation.staff.createCall')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/** Staff: calls for needs and ideas (drafts too), open and close them, a new one. */
export function StaffIdeaCallsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['participation', 'idea-calls', 'staff'], queryFn: listCalls });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['participation', 'idea-calls'] });
  const state = useMutation({
    mutationFn: ({ id, status }: { id: string; status: 'open' | 'closed' }) =>
      unwrap(api.POST('/api/participation/idea-calls/{id}/state', { params: { path: { id } }, body: { status } })),
    onSuccess: refresh,
  });
  return (
    <Stack>
      <StaffTabs />
      <Title order={1} size="h2">
        {t('participation.staff.callsTitle')}
      </Title>
      <LifecycleList
        label={t('participation.staff.callsTitle')}
        query={list}
        empty={t('participation.staff.noneYet')}
        name={(c) => c.title}
        columns={{
          before: [{ header: t('participation.staff.title'), cell: (c) => c.title }],
          after: [
            { header: t('participation.staff.closesAt'), cell: (c) => formatDateTime(c.closesAt) },
            { header: t('participation.ideas'), cell: (c) => c.ideaCount },
          ],
        }}
        state={{ header: t('participation.staff.state'), of: (c) => c.status, badge: (s) => statusBadge(t, s) }}
        transitions={openClose(t)}
        onTransition={(c, status) => state.mutate({ id: c.id, status: status as 'open' | 'closed' })}
        link={(c) =>
          c.status !== 'draft'
            ? { to: `/staff/participation/ideas/${c.id}`, label: t('participation.staff.ideasOf', { title: c.title }) }
            : null
        }
        actionsHeader={t('participation.staff.actions')}
      />
      <ActionError error={state.error} />
      <NewCall onCreated={refresh} />
    </Stack>
  );
}

/** Staff: the ideas of a call on a map and, the same, in a table (the text alternative of the map). */
export function StaffIdeaCallPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const data = useQuery({ queryKey: ['participation', 'ideas', id, 'staff'], queryFn: () => listIdeas(id) });
  const mapEl = useRef<HTMLDivElement>(null);
  const pinsRef = useRef<LayerGroup | null>(null);
  const mapRef = useRef<LeafletMap | null>(null);
  useEffect(() => {
    if (!mapEl.current) return;
    const map = createMap(mapEl.current);
    pinsRef.current = layerGroup(map);
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);
  useEffect(() => {
    const group = pinsRef.current;
    const map = mapRef.current;
    if (!group || !map) return;
    group.clearLayers();
    const list = data.data?.ideas ?? [];
    for (const i of list) {
      circleMarker(i, {
        radius: 9,
        color: '#0b4f8a',
        fillColor: '#2f7fc1',
        fillOpacity: 0.8,
        tooltip: `${i.title} (${i.supportCount})`,
      }).addTo(group);
    }
    fitBounds(map, list, { pad: 0.2, maxZoom: 16 });
  }, [data.data]);
  const call = data.data?.call;
  return (
    <Stack>
      <StaffTabs />
      <Title order={1} size="h2">
        {t('participation.staff.ideasOf', { title: call?.title ?? '' })}
      </Title>
      {call && (
        <Group>
          {statusBadge(t, call.status)}
          <Text size="sm">{t('participation.staff.closesAtValue', { date: formatDateTime(call.closesAt) })}</Text>
          <Anchor underline="always" component={Link} to={`/participation/ideas/${call.id}`}>
            {t('participation.staff.publicPage')}
          </Anchor>
        </Group>
      )}
      {data.error && <ErrorState error={data.error} onRetry={() => void data.refetch()} />}
      <section aria-label={t('participation.ideasMap')}>
        <div ref={mapEl} className="map-container" style={{ minHeight: 360 }} />
      </section>
      <Text size="sm" c="dimmed">
        {t('participation.staff.mapTable')}
      </Text>
      {data.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
      {data.data?.ideas.length === 0 && <Text>{t('participation.staff.noIdeas')}</Text>}
      {data.data && data.data.ideas.length > 0 && (
        <ScrollTable label={t('participation.ideaList')} minWidth={720}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('participation.ideaTitle')}</Table.Th>
                <Table.Th>{t('participation.ideaBody')}</Table.Th>
                <Table.Th>{t('participation.staff.supports')}</Table.Th>
                <Table.Th>{t('participation.staff.location')}</Table.Th>
                <Table.Th>{t('participation.staff.submitted')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.data.ideas.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{i.title}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{i.body}</Table.Td>
                  <Table.Td>{i.supportCount}</Table.Td>
                  <Table.Td>
                    {formatNumber(i.lat, { maximumFractionDigits: 5 })}, {formatNumber(i.lon, { maximumFractionDigits: 5 })}
                  </Table.Td>
                  <Table.Td>{formatDateTime(i.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
