import {
  Alert,
  Button,
  Checkbox,
  FileInput,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api/client';
import { errorMessage } from '../../app/i18n';
import { type OutboxItem, PendingChanges } from '../../app/offline';
import { endShift, me, sendFixes, startShift } from './api';
import { type FleetOutbox, fleetOutbox, type Outcome } from './outbox';
import './i18n';

const big = { size: 'xl' as const, h: 64, fullWidth: true };

/**
 * The driver's phone (installable with the app; big targets for gloves): start a shift on a vehicle,
 * log fuel with the receipt photo, report a fault, and — only during the shift, only if chosen — send
 * the phone's position as the vehicle's tracker. Fuel and faults go through the phone's outbox
 * (`outbox.ts`): entered without network, they are sent once the phone is back online.
 */
export function DriverPage({ outbox = fleetOutbox }: { outbox?: FleetOutbox } = {}) {
  const { t } = useTranslation('translation', { keyPrefix: 'fleet' });
  const qc = useQueryClient();
  const view = useQuery({ queryKey: ['fleet', 'me'], queryFn: me });
  const [vehicleId, setVehicleId] = useState('');
  const [share, setShare] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ['fleet', 'me'] });
  const start = useMutation({ mutationFn: () => startShift(vehicleId || (view.data?.vehicles[0]?.id ?? ''), share), onSuccess: refresh });
  const stop = useMutation({ mutationFn: (id: string) => endShift(id), onSuccess: refresh });
  const shift = view.data?.shift ?? null;
  const sharing = !!shift?.phoneDeviceId;

  // the phone's position goes out only while this shift is open and shares it
  useEffect(() => {
    if (!shift?.phoneDeviceId || !('geolocation' in navigator)) return;
    const id = navigator.geolocation.watchPosition(
      (p) => {
        void sendFixes(shift.id, [
          {
            time: new Date(p.timestamp).toISOString(),
            lat: p.coords.latitude,
            lon: p.coords.longitude,
            speedKmh: p.coords.speed != null ? p.coords.speed * 3.6 : null,
            accuracy: p.coords.accuracy ?? null,
          },
        ]).catch(() => undefined);
      },
      () => undefined,
      { enableHighAccuracy: true, maximumAge: 10_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [shift?.id, shift?.phoneDeviceId]);

  const err = (e: unknown) => (e instanceof ApiError ? (e.body.fields?.[0]?.message ?? e.body.message ?? t('error')) : t('error'));

  return (
    <Stack maw={520} mx="auto">
      <Title order={1}>{t('driverTitle')}</Title>
      <Alert color="blue" title={t('privacy')} />
      <PendingChanges outbox={outbox.outbox} />
      <NotSent outbox={outbox} />
      {!shift && view.data && (
        <Paper withBorder p="md">
          <Stack>
            <NativeSelect
              size="xl"
              label={t('pickVehicle')}
              value={vehicleId || (view.data.vehicles[0]?.id ?? '')}
              onChange={(e) => setVehicleId(e.currentTarget.value)}
              data={view.data.vehicles.map((v) => ({ value: v.id, label: `${v.plate} — ${t(`categories.${v.category}`)}` }))}
            />
            <Checkbox size="xl" label={t('sharePhone')} checked={share} onChange={(e) => setShare(e.currentTarget.checked)} />
            <Button {...big} onClick={() => start.mutate()} loading={start.isPending}>
              {t('startShift')}
            </Button>
            {start.isError && <Alert color="red">{err(start.error)}</Alert>}
          </Stack>
        </Paper>
      )}
      {shift && view.data?.vehicle && (
        <>
          <Paper withBorder p="md">
            <Stack>
              <Text size="xl" fw={700} role="status">
                {t('onShiftWith', { plate: view.data.vehicle.plate })}
              </Text>
              <Text>{sharing ? t('sharing') : t('notSharing')}</Text>
              <Button {...big} color="red.9" onClick={() => stop.mutate(shift.id)} loading={stop.isPending}>
                {t('endShift')}
              </Button>
            </Stack>
          </Paper>
          <FuelForm vehicleId={view.data.vehicle.id} outbox={outbox} />
          <FaultForm vehicleId={view.data.vehicle.id} outbox={outbox} />
        </>
      )}
    </Stack>
  );
}

/** Entries the server refused after they waited on the phone: shown with the reason, kept until the driver discards them. */
function NotSent({ outbox }: { outbox: FleetOutbox }) {
  const { t } = useTranslation('translation', { keyPrefix: 'fleet' });
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () =>
      void outbox.outbox
        .list()
        .then((all) => alive && setItems(all.filter((i) => i.status === 'failed' || i.status === 'conflict')))
        .catch(() => undefined);
    load();
    const off = outbox.outbox.subscribe(load);
    return () => {
      alive = false;
      off();
    };
  }, [outbox]);
  if (!items.length) return null;
  return (
    <Alert color="red" title={t('notSentTitle')}>
      <Stack gap="xs">
        {items.map((i) => (
          <Stack key={i.id} gap={4}>
            <Text>
              {t(i.kind === 'fleet.refuel' ? 'notSentFuel' : 'notSentFault', { at: new Date(i.createdAt).toLocaleString() })}:{' '}
              {i.lastError ? errorMessage(i.lastError) : t('error')}
            </Text>
            <Button size="md" variant="default" onClick={() => void outbox.outbox.remove(i.id)}>
              {t('discard')}
            </Button>
          </Stack>
        ))}
      </Stack>
    </Alert>
  );
}

/** What the driver reads after saving: sent, kept on the phone until there is network, or refused (and why). */
function OutcomeAlert({ outcome, sent }: { outcome: Outcome | undefined; sent: string }) {
  const { t } = useTranslation('translation', { keyPrefix: 'fleet' });
  if (!outcome) return null;
  if (outcome.state === 'sent') return <Alert color="green">{sent}</Alert>;
  if (outcome.state === 'waiting') return <Alert color="orange">{t('savedOffline')}</Alert>;
  return <Alert color="red">{outcome.message ?? (outcome.code ? errorMessage(outcome.code) : t('error'))}</Alert>;
}

function FuelForm({ vehicleId, outbox }: { vehicleId: string; outbox: FleetOutbox }) {
  const { t } = useTranslation('translation', { keyPrefix: 'fleet' });
  const [litres, setLitres] = useState<number | string>('');
  const [cost, setCost] = useState<number | string>('');
  const [station, setStation] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const save = useMutation({
    // the outbox keeps the entry when there is no network: the mutation must run offline too
    // (TanStack Query pauses mutations while offline by default)
    networkMode: 'always',
    mutationFn: () =>
      outbox.refuel(
        {
          vehicleId,
          litres: Number(litres),
          cost: cost === '' ? null : Number(cost),
          station: station || null,
          at: new Date().toISOString(),
        },
        photo,
      ),
    onSuccess: (outcome) => {
      if (outcome.state === 'refused') return; // the form keeps what was typed, to correct it
      setLitres('');
      setCost('');
      setStation('');
      setPhoto(null);
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="fuel-title">
      <Stack>
        <Title order={2} id="fuel-title">
          {t('fuelTitle')}
        </Title>
        <NumberInput size="xl" label={t('litres')} value={litres} onChange={setLitres} min={0} decimalScale={2} required />
        <NumberInput size="xl" label={t('cost')} value={cost} onChange={setCost} min={0} decimalScale={2} />
        <TextInput size="xl" label={t('station')} value={station} onChange={(e) => setStation(e.currentTarget.value)} />
        <FileInput size="xl" label={t('receipt')} accept="image/*" capture="environment" value={photo} onChange={setPhoto} clearable />
        <Button {...big} onClick={() => save.mutate()} loading={save.isPending} disabled={!litres}>
          {t('save')}
        </Button>
        <OutcomeAlert outcome={save.data} sent={t('saved')} />
        {save.isError && <Alert color="red">{t('error')}</Alert>}
      </Stack>
    </Paper>
  );
}

function FaultForm({ vehicleId, outbox }: { vehicleId: string; outbox: FleetOutbox }) {
  const { t } = useTranslation('translation', { keyPrefix: 'fleet' });
  const [text, setText] = useState('');
  const [canDrive, setCanDrive] = useState(true);
  const [photos, setPhotos] = useState<File[]>([]);
  const send = useMutation({
    // the outbox keeps the entry when there is no network: the mutation must run offline too
    // (TanStack Query pauses mutations while offline by default)
    networkMode: 'always',
    mutationFn: () => outbox.fault({ vehicleId, description: text, canDrive }, photos),
    onSuccess: (outcome) => {
      if (outcome.state === 'refused') return;
      setText('');
      setPhotos([]);
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="fault-title">
      <Stack>
        <Title order={2} id="fault-title">
          {t('faultTitle')}
        </Title>
        <Textarea size="xl" label={t('faultText')} value={text} onChange={(e) => setText(e.currentTarget.value)} minRows={3} required />
        <Checkbox size="xl" label={t('canDrive')} checked={canDrive} onChange={(e) => setCanDrive(e.currentTarget.checked)} />
        <FileInput size="xl" label={t('photos')} accept="image/*" multiple value={photos} onChange={setPhotos} clearable />
        <Button {...big} onClick={() => send.mutate()} loading={send.isPending} disabled={text.trim().length < 5}>
          {t('sendFault')}
        </Button>
        <OutcomeAlert outcome={send.data} sent={t('faultSent')} />
        {send.isError && <Alert color="red">{t('error')}</Alert>}
      </Stack>
    </Paper>
  );
}
