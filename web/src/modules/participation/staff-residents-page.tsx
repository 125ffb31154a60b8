import { Alert, Button, Card, FileButton, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { ScrollTable } from '../../app/components/scroll-table';
import { formatDate } from '../../app/i18n/format';
import { ActionError } from './shared';
import { fieldErrors, isValidAfm, onlyFields, StaffTabs } from './staff-shared';
import './i18n';

type Parsed = { afms: string[]; lines: number[]; invalid: { line: number; value: string }[] };

/** A roll as CSV or plain text: the ΑΦΜ is the first column; a header line (no digits) and empty lines are skipped. */
export function parseRoll(text: string): Parsed {
  const out: Parsed = { afms: [], lines: [], invalid: [] };
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const first = (raw.split(/[;,\t]/)[0] ?? '').replace(/^"|"$/g, '').trim();
      if (!first) return;
      if (i === 0 && !/\d/.test(first)) return;
      if (isValidAfm(first)) {
        out.afms.push(first.replace(/[\s.\-\u00a0]/g, ''));
        out.lines.push(i + 1);
      } else out.invalid.push({ line: i + 1, value: first.slice(0, 20) });
    });
  return out;
}

function AddByAfm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [afm, setAfm] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => unwrap(api.POST('/api/participation/residents', { body: { afm: afm.replace(/[\s.\-\u00a0]/g, '') } })),
    onSuccess: () => {
      setAfm('');
      onDone();
    },
  });
  const errors = fieldErrors(add.error);
  return (
    <Card withBorder component="section" aria-labelledby="add-afm">
      <Title order={2} size="h4" id="add-afm" mb="xs">
        {t('participation.staff.addResident')}
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!isValidAfm(afm)) {
            setLocal(t('participation.staff.afmInvalid'));
            return;
          }
          setLocal(null);
          add.mutate();
        }}
      >
        <Group align="start">
          <TextInput
            label={t('participation.staff.afm')}
            description={t('participation.staff.afmHelp')}
            value={afm}
            onChange={(e) => {
              setAfm(e.currentTarget.value);
              setLocal(null);
            }}
            error={local ?? errors.afm}
            inputMode="numeric"
            autoComplete="off"
            maxLength={15}
            required
          />
          <Button type="submit" mt={46} loading={add.isPending}>
            {t('participation.staff.confirmResident')}
          </Button>
        </Group>
        {!onlyFields(add.error, (f) => f === 'afm') && <ActionError error={add.error} />}
        {add.isSuccess && (
          <Text size="sm" role="status" mt="xs">
            {t('participation.staff.residentAdded')}
          </Text>
        )}
      </form>
    </Card>
  );
}

function ImportRoll({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [fileName, setFileName] = useState('');
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const send = useMutation({
    mutationFn: (afms: string[]) => unwrap(api.POST('/api/participation/residents/import', { body: { afms } })),
    onSuccess: () => {
      setParsed(null);
      onDone();
    },
  });
  const serverLines = Object.entries(fieldErrors(send.error)).map(([f, m]) => {
    const idx = Number(f.split('.')[1]);
    return { line: parsed?.lines[idx] ?? idx + 1, message: m };
  });
  return (
    <Card withBorder component="section" aria-labelledby="import-roll">
      <Title order={2} size="h4" id="import-roll" mb="xs">
        {t('participation.staff.importRoll')}
      </Title>
      <Text size="sm" mb="xs">
        {t('participation.staff.importHelp')}
      </Text>
      <Group>
        <FileButton
          accept=".csv,.txt,text/csv,text/plain"
          onChange={(f) => {
            if (!f) return;
            setFileName(f.name);
            send.reset();
            void f.text().then((txt) => setParsed(parseRoll(txt)));
          }}
        >
          {(props) => (
            <Button variant="outline" {...props}>
              {t('participation.staff.chooseFile')}
            </Button>
          )}
        </FileButton>
        {fileName && <Text size="sm">{fileName}</Text>}
      </Group>
      {parsed && (
        <Stack gap="xs" mt="sm" aria-live="polite">
          <Text size="sm" fw={600}>
            {t('participation.staff.parsed', { valid: parsed.afms.length, invalid: parsed.invalid.length })}
          </Text>
          {parsed.invalid.length > 0 && (
            <Alert color="red" variant="light" role="alert" title={t('participation.staff.invalidLines')}>
              <ul style={{ margin: 0 }}>
                {parsed.invalid.slice(0, 20).map((x) => (
                  <li key={x.line}>{t('participation.staff.invalidLine', { line: x.line, value: x.value })}</li>
                ))}
              </ul>
            </Alert>
          )}
          <Button
            w="fit-content"
            disabled={parsed.afms.length === 0 || parsed.invalid.length > 0}
            loading={send.isPending}
            onClick={() => send.mutate(parsed.afms)}
          >
            {t('participation.staff.importN', { count: parsed.afms.length })}
          </Button>
        </Stack>
      )}
      {serverLines.length > 0 ? (
        <Alert color="red" variant="light" role="alert" mt="xs">
          <ul style={{ margin: 0 }}>
            {serverLines.map((l) => (
              <li key={l.line}>{l.message}</li>
            ))}
          </ul>
        </Alert>
      ) : (
        <ActionError error={send.error} />
      )}
      {send.data && (
        <Text size="sm" role="status" mt="xs">
          {t('participation.staff.imported', { added: send.data.added, existing: send.data.existing })}
        </Text>
      )}
    </Card>
  );
}

/** Staff: the residents registry used by «resident» verification — add by ΑΦΜ, import a roll, list and remove. */
export function StaffResidentsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['participation', 'residents', q],
    queryFn: () =>
      unwrap(api.GET('/api/participation/residents', { params: { query: { limit: 200, ...(q.trim() ? { q: q.trim() } : {}) } } })),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['participation', 'residents'] });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/participation/residents/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  return (
    <Stack>
      <StaffTabs />
      <Title order={1} size="h2">
        {t('participation.staff.residentsTitle')}
      </Title>
      <Text size="sm">{t('participation.staff.residentsIntro')}</Text>
      <AddByAfm onDone={refresh} />
      <ImportRoll onDone={refresh} />
      <section aria-labelledby="residents-list">
        <Title order={2} size="h4" id="residents-list" mb="xs">
          {t('participation.staff.residentsList', { count: list.data?.total ?? 0 })}
        </Title>
        <TextInput
          type="search"
          label={t('participation.staff.searchResidents')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          maw={360}
          mb="sm"
        />
        {list.isPending && <Loader size="sm" aria-label={t('app.loading')} />}
        {list.error && <ErrorState error={list.error} />}
        {list.data?.items.length === 0 && <Text c="dimmed">{t('participation.staff.noResidents')}</Text>}
        {list.data && list.data.items.length > 0 && (
          <ScrollTable label={t('participation.staff.residentsTitle')} minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('participation.staff.afm')}</Table.Th>
                  <Table.Th>{t('participation.staff.person')}</Table.Th>
                  <Table.Th>{t('participation.staff.source')}</Table.Th>
                  <Table.Th>{t('participation.staff.since')}</Table.Th>
                  <Table.Th>{t('participation.staff.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.afm ?? '—'}</Table.Td>
                    <Table.Td>{r.name ?? '—'}</Table.Td>
                    <Table.Td>{t(`participation.staff.sources.${r.source}`)}</Table.Td>
                    <Table.Td>{formatDate(r.createdAt)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        c="red.9"
                        onClick={() => remove.mutate(r.id)}
                        aria-label={`${t('participation.staff.remove')}: ${r.afm ?? r.name ?? r.id}`}
                      >
                        {t('participation.staff.remove')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        <ActionError error={remove.error} />
      </section>
    </Stack>
  );
}
