import { Alert, Button, Card, Group, Loader, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { formatNumber } from '../../app/i18n/format';
import { addIdea, type Idea, listIdeas, supportIdea } from './api';
import { ActionError, Deadline, ReportAbuse } from './shared';
import './i18n';
import { type CircleMarker, circleMarker, createMap, type LayerGroup, type LeafletMap, layerGroup, onMapClick } from '../../app/map';

function IdeaItem({ idea }: { idea: Idea }) {
  const { t } = useTranslation();
  const [count, setCount] = useState(idea.supportCount);
  const support = useMutation({ mutationFn: () => supportIdea(idea.id), onSuccess: (i) => setCount(i.supportCount) });
  return (
    <Card component="li" withBorder radius="md" padding="sm">
      <Text fw={700}>{idea.title}</Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {idea.body}
      </Text>
      <Group gap="sm" mt="xs">
        <Text size="sm">{t('participation.supportsCount', { count })}</Text>
        {!support.isSuccess && (
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => support.mutate()}
            loading={support.isPending}
            aria-label={`${t('participation.supportIdea')}: ${idea.title}`}
          >
            {t('participation.supportIdea')}
          </Button>
        )}
        <ReportAbuse kind="idea" id={idea.id} />
      </Group>
      <ActionError error={support.error} />
    </Card>
  );
}

/** An open call for needs and ideas: pins on the map, a list of the same pins, a form to add one. */
export function IdeasPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const qc = useQueryClient();
  const data = useQuery({ queryKey: ['participation', 'ideas', id], queryFn: () => listIdeas(id) });
  const mapEl = useRef<HTMLDivElement>(null);
  const mapRef = useRef<LeafletMap | null>(null);
  const pinsRef = useRef<LayerGroup | null>(null);
  const newPinRef = useRef<CircleMarker | null>(null);
  const [point, setPoint] = useState<{ lat: number; lon: number } | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');

  useEffect(() => {
    if (!mapEl.current) return;
    const map = createMap(mapEl.current);
    pinsRef.current = layerGroup(map);
    onMapClick(map, setPoint);
    mapRef.current = map;
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const group = pinsRef.current;
    if (!group) return;
    group.clearLayers();
    for (const i of data.data?.ideas ?? []) {
      circleMarker(i, { radius: 9, color: '#0b4f8a', fillColor: '#2f7fc1', fillOpacity: 0.8, tooltip: i.title }).addTo(group);
    }
  }, [data.data]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    newPinRef.current?.remove();
    newPinRef.current = point
      ? circleMarker(point, { radius: 11, color: '#b3261e', fillColor: '#e4572e', fillOpacity: 0.9 }).addTo(map)
      : null;
  }, [point]);

  const add = useMutation({
    mutationFn: () => addIdea(id, { title: title.trim(), body: body.trim(), lat: point?.lat ?? 0, lon: point?.lon ?? 0 }),
    onSuccess: () => {
      setTitle('');
      setBody('');
      setPoint(null);
      void qc.invalidateQueries({ queryKey: ['participation', 'ideas', id] });
    },
  });
  const call = data.data?.call;
  const open = !!call && call.status === 'open' && new Date(call.closesAt).getTime() > Date.now();

  return (
    <Stack gap="lg">
      <PageHeader title={call?.title ?? t('participation.ideas')} intro={call?.description} />
      {call && <Deadline closesAt={call.closesAt} closed={!open} />}
      {data.error && <ErrorState error={data.error} onRetry={() => void data.refetch()} />}
      <section aria-label={t('participation.ideasMap')}>
        <div ref={mapEl} className="map-container" style={{ minHeight: 360 }} />
      </section>
      <Text size="sm" c="dimmed">
        {t('participation.mapTextAlternative')}
      </Text>
      {open && (
        <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="new-idea">
          <Title order={2} size="h4" id="new-idea" mb="xs">
            {t('participation.newIdea')}
          </Title>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (point) add.mutate();
            }}
          >
            <Stack>
              <Group>
                <Text size="sm" role="status">
                  {point
                    ? t('participation.pinAt', {
                        lat: formatNumber(point.lat, { maximumFractionDigits: 5 }),
                        lon: formatNumber(point.lon, { maximumFractionDigits: 5 }),
                      })
                    : t('participation.pinHelp')}
                </Text>
                <Button
                  variant="outline"
                  size="compact-sm"
                  onClick={() => {
                    const c = mapRef.current?.getCenter();
                    if (c) setPoint({ lat: c.lat, lon: c.lng });
                  }}
                >
                  {t('participation.useCentre')}
                </Button>
              </Group>
              <TextInput
                label={t('participation.ideaTitle')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                required
                minLength={3}
                maxLength={300}
              />
              <Textarea
                label={t('participation.ideaBody')}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                required
                minLength={2}
                autosize
                minRows={3}
              />
              <ActionError error={add.error} />
              {add.isSuccess && (
                <Alert color="green" variant="light" role="status" c="dark.8">
                  {t('participation.ideaAdded')}
                </Alert>
              )}
              <Button type="submit" w="fit-content" disabled={!point} loading={add.isPending}>
                {t('participation.addIdea')}
              </Button>
            </Stack>
          </form>
        </Card>
      )}
      <section aria-labelledby="idea-list">
        <Title order={2} size="h4" id="idea-list" mb="sm">
          {t('participation.ideaList', { count: data.data?.ideas.length ?? 0 })}
        </Title>
        {data.isPending && <Loader aria-label={t('app.loading')} />}
        <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {data.data?.ideas.map((i) => (
            <IdeaItem key={i.id} idea={i} />
          ))}
        </Stack>
      </section>
    </Stack>
  );
}
