import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Loader,
  NativeSelect,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { ScrollTable } from '../../app/components/scroll-table';
import { formatDateTime } from '../../app/i18n/format';
import { listConsultations, type Verification } from './api';
import { ActionError } from './shared';
import { StaffTabs } from './staff-shared';
import './i18n';

const VERIFICATIONS: Verification[] = ['none', 'phone', 'taxisnet', 'resident'];

function NewConsultation({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const [verification, setVerification] = useState<Verification>('phone');
  const [format, setFormat] = useState<'markdown' | 'text'>('markdown');
  const [text, setText] = useState('');
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/participation/consultations', {
          body: {
            title: title.trim(),
            summary: summary.trim() || undefined,
            closesAt: new Date(closesAt).toISOString(),
            verification,
            format,
            text,
          },
        }),
      ),
    onSuccess: () => {
      setTitle('');
      setSummary('');
      setText('');
      onCreated();
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="new-consultation">
      <Title order={2} size="h4" id="new-consultation" mb="sm">
        {t('participation.staff.newConsultation')}
      </Title>
      <form
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
            required
            minLength={3}
          />
          <Textarea
            label={t('participation.staff.summary')}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group align="end">
            <TextInput
              type="datetime-local"
              label={t('participation.staff.closesAt')}
              value={closesAt}
              onChange={(e) => setClosesAt(e.currentTarget.value)}
              required
            />
            <NativeSelect
              label={t('participation.staff.verification')}
              value={verification}
              onChange={(e) => setVerification(e.currentTarget.value as Verification)}
              data={VERIFICATIONS.map((v) => ({ value: v, label: t(`participation.verification.${v}`) }))}
            />
          </Group>
          <div>
            <Text id="format-label" size="sm" fw={500} mb={4}>
              {t('participation.staff.format')}
            </Text>
            <SegmentedControl
              aria-labelledby="format-label"
              value={format}
              onChange={(v) => setFormat(v as 'markdown' | 'text')}
              data={[
                { value: 'markdown', label: 'Markdown' },
                { value: 'text', label: t('participation.staff.plainText') },
              ]}
            />
          </div>
          <Textarea
            label={t('participation.staff.draftText')}
            description={t('participation.staff.draftHelp')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            required
            autosize
            minRows={8}
            maxRows={24}
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <FileButton accept=".md,.markdown,.txt,text/markdown,text/plain" onChange={(f) => void f?.text().then(setText)}>
            {(props) => (
              <Button variant="outline" w="fit-content" {...props}>
                {t('participation.staff.importFile')}
              </Button>
            )}
          </FileButton>
          <ActionError error={create.error} />
          {create.data && (
            <Alert color="green" variant="light" role="status" c="dark.8">
              {t('participation.staff.created', { count: create.data.articles.length })}
            </Alert>
          )}
          <Button type="submit" w="fit-content" loading={create.isPending}>
            {t('participation.staff.createDraft')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/** Staff: consultations (drafts included), publishing and closing, a new one from a Markdown draft. */
export function StaffConsultationsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['participation', 'consultations', 'staff'], queryFn: listConsultations });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['participation', 'consultations'] });
  const state = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'publish' | 'close' }) =>
      unwrap(api.POST('/api/participation/consultations/{id}/state', { params: { path: { id } }, body: { action } })),
    onSuccess: refresh,
  });
  return (
    <Stack>
      <StaffTabs />
      <Title order={1} size="h2">
        {t('participation.staff.consultationsTitle')}
      </Title>
      {list.isPending && <Loader aria-label={t('app.loading')} />}
      {list.error && <ErrorState error={list.error} />}
      {list.data && (
        <ScrollTable label={t('participation.staff.consultationsTitle')} minWidth={720}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('participation.staff.title')}</Table.Th>
                <Table.Th>{t('participation.staff.state')}</Table.Th>
                <Table.Th>{t('participation.staff.closesAt')}</Table.Th>
                <Table.Th>{t('participation.staff.comments')}</Table.Th>
                <Table.Th>{t('participation.staff.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.title}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`participation.status.${c.status}`)}</Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(c.closesAt)}</Table.Td>
                  <Table.Td>{c.commentCount}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {c.status === 'draft' && (
                        <Button
                          size="compact-sm"
                          onClick={() => state.mutate({ id: c.id, action: 'publish' })}
                          aria-label={`${t('participation.staff.publish')}: ${c.title}`}
                        >
                          {t('participation.staff.publish')}
                        </Button>
                      )}
                      {c.status === 'open' && (
                        <Button
                          size="compact-sm"
                          variant="outline"
                          onClick={() => state.mutate({ id: c.id, action: 'close' })}
                          aria-label={`${t('participation.staff.close')}: ${c.title}`}
                        >
                          {t('participation.staff.close')}
                        </Button>
                      )}
                      {c.status !== 'draft' && (
                        <Anchor underline="always" component={Link} to={`/staff/participation/consultations/${c.id}`} size="sm">
                          {t('participation.staff.answers')}
                        </Anchor>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <ActionError error={state.error} />
      <NewConsultation onCreated={refresh} />
    </Stack>
  );
}
