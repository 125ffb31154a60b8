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
import { uploadFiles } from '../../app/api/endpoints';
import { endShift, logRefuel, me, reportFault, sendFixes, startShift } from './api';
import './i18n';

const big = { size: 'xl' as const, h: 64, fullWidth: true };
const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * The driver's phone (installable with the app; big targets for gloves): start a shift on a vehicle,
 * log fuel with the receipt photo, report a fault, and — only during the shift, only if chosen — send
 * the phone's position as the vehicle's tracker.
 */
export function DriverPage() {
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
          <FuelForm vehicleId={view.data.vehicle.id} err={err} />
          <FaultForm vehicleId={view.data.vehicle.id} err={err} />
        </>
      )}
    </Stack>
  );
}

function FuelForm({ vehicleId, err }: { vehicleId: string; err: (e: unknown) => string }) {
  const { t } = useTranslation('translation', { keyPrefix: 'fleet' });
  const [litres, setLitres] = useState<number | string>('');
  const [cost, setCost] = useState<number | string>('');
  const [station, setStation] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [key, setKey] = useState(newKey());
  const save = useMutation({
    mutationFn: async () => {
      const receiptFileId = photo ? ((await uploadFiles([photo]))[0]?.id ?? null) : null;
      return logRefuel({
        vehicleId,
        litres: Number(litres),
        cost: cost === '' ? null : Number(cost),
        odometerKm: null,
        station: station || null,
        receiptFileId,
        clientKey: key,
      });
    },
    onSuccess: () => {
      setLitres('');
      setCost('');
      setStation('');
      setPhoto(null);
      setKey(newKey());
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
        {save.isSuccess && <Alert color="green">{t('saved')}</Alert>}
        {save.isError && <Alert color="red">{err(save.error)}</Alert>}
      </Stack>
    </Paper>
  );
}

function FaultForm({ vehicleId, err }: { vehicleId: string; err: (e: unknown) => string }) {
  const { t } = useTranslation('translation', { keyPrefix: 'fleet' });
  const [text, setText] = useState('');
  const [canDrive, setCanDrive] = useState(true);
  const [photos, setPhotos] = useState<File[]>([]);
  const [key, setKey] = useState(newKey());
  const send = useMutation({
    mutationFn: async () => {
      const fileIds = photos.length ? (await uploadFiles(photos)).map((f) => f.id) : [];
      return reportFault({ vehicleId, description: text, canDrive, fileIds, clientKey: key });
    },
    onSuccess: () => {
      setText('');
      setPhotos([]);
      setKey(newKey());
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
        {send.isSuccess && <Alert color="green">{t('faultSent')}</Alert>}
        {send.isError && <Alert color="red">{err(send.error)}</Alert>}
      </Stack>
    </Paper>
  );
}
