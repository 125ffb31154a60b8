import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { escapeHtml, type LayerGroup, type LeafletMap, layerGroup, MapView, marker } from '../../app/map';
import { type LiveVehicle, live } from './api';
import './i18n';

export const STATE_COLOURS: Record<LiveVehicle['state'], string> = {
  moving: '#1b7a3a',
  idle: '#9a5b00',
  parked: '#1c5fa8',
  offline: '#5c5c5c',
  no_device: '#5c5c5c',
};

/** Staff: every vehicle on the map, coloured by state, live from telemetry's SSE; follow one. */
export function LivePage() {
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'fleet' });
  const qc = useQueryClient();
  const vehicles = useQuery({ queryKey: ['fleet', 'live'], queryFn: live, refetchInterval: 60_000 });
  const [follow, setFollow] = useState<string | null>(null);
  const mapRef = useRef<LeafletMap | null>(null);
  const layer = useRef<LayerGroup | null>(null);

  // new positions arrive over SSE; a burst asks for the list once per second at most
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/telemetry/live', { withCredentials: true });
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onMessage = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void qc.invalidateQueries({ queryKey: ['fleet', 'live'] });
      }, 500);
    };
    es.onmessage = onMessage;
    es.addEventListener('position', onMessage);
    es.addEventListener('positions', onMessage);
    return () => {
      if (timer) clearTimeout(timer);
      es.close();
    };
  }, [qc]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !vehicles.data) return;
    layer.current?.clearLayers();
    for (const v of vehicles.data) {
      if (v.lat == null || v.lon == null) continue;
      const colour = STATE_COLOURS[v.state];
      const m = marker({
        lat: v.lat,
        lon: v.lon,
        label: `${v.plate}: ${t(`states.${v.state}`)}`,
        html: `<span style="display:inline-block;padding:2px 6px;border-radius:6px;background:${colour};color:#fff;font:600 12px system-ui">${escapeHtml(v.plate)}</span>`,
        size: [80, 22],
        decorative: true,
      });
      layer.current?.addLayer(m);
    }
    const f = follow ? vehicles.data.find((v) => v.vehicleId === follow) : null;
    if (f?.lat != null && f.lon != null) map.setView([f.lat, f.lon], Math.max(map.getZoom(), 15), { animate: false });
  }, [vehicles.data, follow, t]);

  const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'el-GR') : t('never'));
  const followed = vehicles.data?.find((v) => v.vehicleId === follow);

  return (
    <Stack>
      <Title order={1}>{t('liveTitle')}</Title>
      {followed && (
        <Group>
          <Text role="status">{t('following', { plate: followed.plate })}</Text>
          <Button variant="default" onClick={() => setFollow(null)}>
            {t('unfollow')}
          </Button>
        </Group>
      )}
      <MapView
        label={t('mapLabel')}
        height={420}
        testId="fleet-map"
        options={{ center: [38.02, 23.73], zoom: 13 }}
        onReady={(map) => {
          mapRef.current = map;
          layer.current = layerGroup(map);
          void qc.invalidateQueries({ queryKey: ['fleet', 'live'] });
          return () => {
            mapRef.current = null;
          };
        }}
      >
        <Title order={2} size="h3" mt="md">
          {t('listTitle')}
        </Title>
        <Table striped data-testid="fleet-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plate')}</Table.Th>
              <Table.Th>{t('category')}</Table.Th>
              <Table.Th>{t('state')}</Table.Th>
              <Table.Th>{t('lastSeen')}</Table.Th>
              <Table.Th>{t('speed')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('follow', { plate: '' })}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(vehicles.data ?? []).map((v) => (
              <Table.Tr key={v.vehicleId} data-testid={`vehicle-${v.plate}`}>
                <Table.Td>
                  <Link to="/staff/fleet/vehicles/$id" params={{ id: v.vehicleId }} aria-label={t('open', { plate: v.plate })}>
                    {v.plate}
                  </Link>
                </Table.Td>
                <Table.Td>{t(`categories.${v.category}`)}</Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLOURS[v.state]} variant="filled" autoContrast>
                    {t(`states.${v.state}`)}
                  </Badge>{' '}
                  {v.onShift && <Badge variant="outline">{t('onShift')}</Badge>}
                </Table.Td>
                <Table.Td>{fmt(v.fixTime)}</Table.Td>
                <Table.Td>{v.speedKmh != null ? `${Math.round(v.speedKmh)} km/h` : '—'}</Table.Td>
                <Table.Td>
                  {v.lat != null && (
                    <Button size="xs" variant="default" onClick={() => setFollow(v.vehicleId)}>
                      {t('follow', { plate: v.plate })}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </MapView>
    </Stack>
  );
}
