import { Alert, Badge, Button, Code, Group, Modal, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { errorMessage } from '../../app/i18n';
import { addDevice, DEVICE_KINDS, type Device, type DeviceKind, listDevices, listRefusals, rotateSecret, setDisabled } from './api';
import './i18n';

const errorText = (e: unknown) => (e instanceof ApiError ? (e.body.message ?? errorMessage(e.code)) : errorMessage('generic'));

/** Mantine's green.9 (#2b8a3e) gives white badge text only 4.36:1; this green gives 7.9:1 (WCAG AA needs 4.5). */
const ACTIVE_GREEN = '#1b5e20';

type Shown = { device: Pick<Device, 'name' | 'uniqueId'>; secret: string };

/** Staff page: the tenant's telemetry devices, adding one, a new secret (shown once), refused input. */
export function DevicesPage() {
  const { t: translate, i18n } = useTranslation();
  const t = (key: string, options?: Record<string, unknown>) => translate(`telemetry.${key}`, options);
  const qc = useQueryClient();
  const devices = useQuery({ queryKey: ['telemetry', 'devices'], queryFn: listDevices });
  const refusals = useQuery({ queryKey: ['telemetry', 'refusals'], queryFn: listRefusals });
  const tenant = useQuery({ queryKey: ['tenant'], queryFn: () => unwrap(api.GET('/api/tenant')) });
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [draft, setDraft] = useState<{ kind: DeviceKind; uniqueId: string; name: string }>({
    kind: 'vehicle_tracker',
    uniqueId: '',
    name: '',
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['telemetry'] });

  const add = useMutation({
    mutationFn: () => addDevice(draft),
    onSuccess: (r) => {
      setAdding(false);
      setDraft({ kind: 'vehicle_tracker', uniqueId: '', name: '' });
      setShown({ device: r.device, secret: r.secret });
      void refresh();
    },
  });
  const rotate = useMutation({
    mutationFn: (d: Device) => rotateSecret(d.id).then((r) => ({ device: d, secret: r.secret })),
    onSuccess: (r) => {
      setShown(r);
      void refresh();
    },
  });
  const toggle = useMutation({ mutationFn: (d: Device) => setDisabled(d.id, !d.disabledAt), onSuccess: () => void refresh() });

  const fmt = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'el-GR') : t('never'));
  const fieldError = (field: string) =>
    add.error instanceof ApiError && add.error.body.fields?.some((f) => f.field === field) ? errorText(add.error) : undefined;
  const names = new Map((devices.data ?? []).map((d) => [d.id, d.name]));
  const origin = window.location.origin;
  const slug = tenant.data?.slug ?? '';

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('title')}</Title>
        <Button onClick={() => setAdding(true)}>{t('add')}</Button>
      </Group>
      <Text>{t('intro')}</Text>
      {devices.isError ? <ErrorState error={devices.error} onRetry={() => devices.refetch()} /> : null}
      {rotate.isError ? <Alert color="red">{errorText(rotate.error)}</Alert> : null}
      {toggle.isError ? <Alert color="red">{errorText(toggle.error)}</Alert> : null}
      {devices.data && devices.data.length === 0 ? <Text>{t('empty')}</Text> : null}
      {devices.data && devices.data.length > 0 ? (
        <Table.ScrollContainer minWidth={800}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('name')}</Table.Th>
                <Table.Th scope="col">{t('uniqueId')}</Table.Th>
                <Table.Th scope="col">{t('kind')}</Table.Th>
                <Table.Th scope="col">{t('lastSeen')}</Table.Th>
                <Table.Th scope="col">{t('accepted')}</Table.Th>
                <Table.Th scope="col">{t('refused')}</Table.Th>
                <Table.Th scope="col">{t('status')}</Table.Th>
                <Table.Th scope="col">{t('actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {devices.data.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Th scope="row">{d.name}</Table.Th>
                  <Table.Td>
                    <Code>{d.uniqueId}</Code>
                  </Table.Td>
                  <Table.Td>{t(`kinds.${d.kind}`)}</Table.Td>
                  <Table.Td>{fmt(d.lastSeenAt)}</Table.Td>
                  <Table.Td>{d.accepted.toLocaleString(i18n.language)}</Table.Td>
                  <Table.Td>{d.refused.toLocaleString(i18n.language)}</Table.Td>
                  <Table.Td>
                    <Badge color={d.disabledAt ? 'gray.7' : ACTIVE_GREEN} variant="filled">
                      {d.disabledAt ? t('disabled') : t('active')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t('rotate', { name: d.name })}
                        onClick={() => {
                          if (window.confirm(t('rotateConfirm', { name: d.name }))) rotate.mutate(d);
                        }}
                      >
                        {t('rotateShort')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-label={d.disabledAt ? t('enableLabel', { name: d.name }) : t('disableLabel', { name: d.name })}
                        onClick={() => toggle.mutate(d)}
                      >
                        {d.disabledAt ? t('enable') : t('disable')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}

      <Title order={2}>{t('refusalsTitle')}</Title>
      <Text>{t('refusalsIntro')}</Text>
      {refusals.data && refusals.data.length === 0 ? <Text>{t('noRefusals')}</Text> : null}
      {refusals.data && refusals.data.length > 0 ? (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('device')}</Table.Th>
              <Table.Th scope="col">{t('reason')}</Table.Th>
              <Table.Th scope="col">{t('count')}</Table.Th>
              <Table.Th scope="col">{t('lastAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {refusals.data.map((r) => (
              <Table.Tr key={`${r.deviceId}-${r.reason}`}>
                <Table.Td>{r.deviceId ? (names.get(r.deviceId) ?? r.deviceId) : t('unknownDevices')}</Table.Td>
                <Table.Td>{t(`reasons.${r.reason}`, { defaultValue: r.reason })}</Table.Td>
                <Table.Td>{r.count.toLocaleString(i18n.language)}</Table.Td>
                <Table.Td>{fmt(r.lastAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}

      <Modal opened={adding} onClose={() => setAdding(false)} title={t('add')} closeButtonProps={{ 'aria-label': t('close') }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <Stack>
            <NativeSelect
              label={t('kind')}
              value={draft.kind}
              onChange={(e) => setDraft({ ...draft, kind: e.currentTarget.value as DeviceKind })}
              data={DEVICE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            />
            <TextInput
              label={t('uniqueId')}
              description={t('uniqueIdHint')}
              required
              value={draft.uniqueId}
              error={fieldError('uniqueId')}
              onChange={(e) => setDraft({ ...draft, uniqueId: e.currentTarget.value })}
            />
            <TextInput
              label={t('name')}
              description={t('nameHint')}
              required
              value={draft.name}
              error={fieldError('name')}
              onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            />
            {add.isError && !fieldError('uniqueId') && !fieldError('name') ? <Alert color="red">{errorText(add.error)}</Alert> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAdding(false)}>
                {t('cancel')}
              </Button>
              <Button type="submit" loading={add.isPending}>
                {t('save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>

      <Modal
        opened={shown !== null}
        onClose={() => setShown(null)}
        title={t('secretTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('close') }}
      >
        {shown ? (
          <Stack>
            <Alert color="yellow">{t('secretOnce')}</Alert>
            <TextInput label={t('secret')} readOnly value={shown.secret} onFocus={(e) => e.currentTarget.select()} />
            <Title order={3}>{t('howTo')}</Title>
            <TextInput label={t('mqttUser')} readOnly value={`${slug}/${shown.device.uniqueId}`} />
            <TextInput label={t('mqttTopic')} readOnly value={`dimos/${slug}/${shown.device.uniqueId}/position`} />
            <TextInput
              label={t('osmand')}
              description={t('osmandHint')}
              readOnly
              value={`${origin}/t/${slug}/api/telemetry/osmand/${shown.secret}`}
            />
            <Group justify="flex-end">
              <Button onClick={() => setShown(null)}>{t('done')}</Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}
