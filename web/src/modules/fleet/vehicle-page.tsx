import { Alert, Badge, Button, Group, Slider, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CircleMarker, circleMarker, fitTo, type LayerGroup, type LeafletMap, layerGroup, MapView, polyline } from '../../app/map';
import { confirmLog, getVehicle, maintenanceDue, papers, track, vehicleLog } from './api';
import './i18n';

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Athens' });

/** Staff: one vehicle — details, trip replay with a time slider, the day's δελτίο κίνησης, papers, maintenance, exports. */
export function VehiclePage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t, i18n } = useTranslation('translation', { keyPrefix: 'fleet' });
  const qc = useQueryClient();
  const [day, setDay] = useState(today());
  const [at, setAt] = useState(0);
  const vehicle = useQuery({ queryKey: ['fleet', 'vehicle', id], queryFn: () => getVehicle(id) });
  const from = new Date(`${day}T00:00:00`).toISOString();
  const to = new Date(`${day}T23:59:59`).toISOString();
  const tr = useQuery({ queryKey: ['fleet', 'track', id, day], queryFn: () => track(id, from, to) });
  const log = useQuery({ queryKey: ['fleet', 'log', id, day], queryFn: () => vehicleLog(id, day) });
  const due = useQuery({ queryKey: ['fleet', 'due', id], queryFn: () => maintenanceDue(id) });
  const docs = useQuery({ queryKey: ['fleet', 'papers', id], queryFn: () => papers(id) });
  const confirm = useMutation({
    mutationFn: () => confirmLog(id, day),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['fleet', 'log', id, day] }),
  });
  const mapRef = useRef<LeafletMap | null>(null);
  const layer = useRef<LayerGroup | null>(null);
  const dot = useRef<CircleMarker | null>(null);
  const points = tr.data?.points ?? [];
  const cur = points[Math.min(at, Math.max(0, points.length - 1))];
  const locale = i18n.language === 'en' ? 'en-GB' : 'el-GR';
  const fmt = (iso: string) => new Date(iso).toLocaleString(locale);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !layer.current) return;
    layer.current.clearLayers();
    dot.current = null;
    if (points.length > 1) {
      layer.current.addLayer(polyline(points, { label: t('replay'), color: '#1c5fa8', weight: 4 }));
      fitTo(map, points);
    }
    setAt(0);
  }, [points, t]);

  useEffect(() => {
    if (!cur || !layer.current) return;
    if (!dot.current) dot.current = circleMarker(cur, { radius: 8, color: '#b00020', fillOpacity: 1 }).addTo(layer.current);
    else dot.current.setLatLng([cur.lat, cur.lon]);
  }, [cur]);

  const v = vehicle.data;
  const q = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&vehicleId=${id}`;
  return (
    <Stack>
      <Title order={1}>{v ? t('vehicleTitle', { plate: v.plate }) : ' '}</Title>
      {v && (
        <Text>
          {t(`categories.${v.category}`)} · {[v.make, v.model].filter(Boolean).join(' ')} · {t('odometer')}:{' '}
          {Math.round(v.odometerKm).toLocaleString(locale)} · {t('engineHours')}: {Math.round(v.engineHours)} · {t('norm')}:{' '}
          {v.normLPer100Km != null ? `${v.normLPer100Km} l/100 km` : v.normLPerHour != null ? `${v.normLPerHour} l/h` : '—'}
        </Text>
      )}
      <Title order={2}>{t('replay')}</Title>
      <TextInput
        type="date"
        label={t('day')}
        value={day}
        onChange={(e) => e.currentTarget.value && setDay(e.currentTarget.value)}
        maw={220}
      />
      <MapView
        label={t('replay')}
        height={360}
        testId="replay-map"
        options={{ center: [38.02, 23.73], zoom: 13 }}
        onReady={(map) => {
          mapRef.current = map;
          layer.current = layerGroup(map);
          return () => {
            mapRef.current = null;
          };
        }}
      >
        {points.length > 1 ? (
          <Stack gap={4} mt="sm">
            <Text id="replay-time">
              {t('time')}: {cur ? `${fmt(cur.t)} · ${cur.speedKmh != null ? Math.round(cur.speedKmh) : 0} km/h` : ''}
            </Text>
            <Slider
              min={0}
              max={points.length - 1}
              value={at}
              onChange={setAt}
              label={null}
              thumbLabel={t('time')}
              aria-describedby="replay-time"
            />
          </Stack>
        ) : (
          <Text mt="sm">{t('noTrack')}</Text>
        )}
      </MapView>

      <Title order={2}>{t('log')}</Title>
      {log.data && (
        <Stack gap="xs">
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('start')}</Table.Th>
                <Table.Th>{t('end')}</Table.Th>
                <Table.Th>{t('km')}</Table.Th>
                <Table.Th>{t('logDrivers')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.trips.map((x) => (
                <Table.Tr key={x.startAt}>
                  <Table.Td>{fmt(x.startAt)}</Table.Td>
                  <Table.Td>{fmt(x.endAt)}</Table.Td>
                  <Table.Td>{x.distanceKm.toFixed(1)}</Table.Td>
                  <Table.Td>{x.driverName ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text>
            {t('km')}: {log.data.distanceKm} · {t('refuelled')}: {log.data.refuelledL} · {t('fuelUsed')}: {log.data.fuelUsedL ?? '—'} (
            {log.data.fuelSource === 'sensor' ? t('fuelBySensor') : t('fuelByNorm')}) · {t('normL')}: {log.data.normL ?? '—'}{' '}
            <Badge color={log.data.normCheck === 'over' ? 'red.9' : log.data.normCheck === 'within' ? 'green.9' : 'gray.8'}>
              {t(`normCheck.${log.data.normCheck}`)}
            </Badge>
          </Text>
          {log.data.confirmed ? (
            <Text>{t('confirmedBy', { name: log.data.confirmed.by })}</Text>
          ) : (
            log.data.trips.length > 0 && (
              <Group>
                <Button onClick={() => confirm.mutate()} loading={confirm.isPending}>
                  {t('confirm')}
                </Button>
              </Group>
            )
          )}
          {confirm.isError && <Alert color="red">{confirm.error instanceof Error ? confirm.error.message : t('error')}</Alert>}
        </Stack>
      )}

      <Title order={2}>{t('papers')}</Title>
      <Table striped>
        <Table.Tbody>
          {(docs.data ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{t(`paperKinds.${p.kind}`)}</Table.Td>
              <Table.Td>
                {t('validUntil')}: {new Date(p.validUntil).toLocaleDateString(locale)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Title order={2}>{t('maintenance')}</Title>
      <Table striped>
        <Table.Tbody>
          {(due.data ?? []).map((d) => (
            <Table.Tr key={d.planId}>
              <Table.Td>{d.name}</Table.Td>
              <Table.Td>
                <Badge color={d.status === 'overdue' ? 'red.9' : d.status === 'due' ? 'orange.9' : 'green.9'}>
                  {t(`status.${d.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {t('left')}:{' '}
                {[
                  d.kmLeft != null ? `${d.kmLeft} km` : null,
                  d.hoursLeft != null ? `${d.hoursLeft} h` : null,
                  d.daysLeft != null ? `${d.daysLeft} d` : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Title order={2}>{t('exports')}</Title>
      <Group>
        <Button
          component="a"
          variant="default"
          href={`/api/fleet/vehicles/${id}/track.gpx?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`}
        >
          GPX
        </Button>
        <Button
          component="a"
          variant="default"
          href={`/api/fleet/vehicles/${id}/track.geojson?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`}
        >
          GeoJSON
        </Button>
        <Button component="a" variant="default" href={`/api/fleet/reports/trips?${q}&format=csv`}>
          {t('download', { kind: t('reportKinds.trips'), format: 'CSV' })}
        </Button>
      </Group>
    </Stack>
  );
}
