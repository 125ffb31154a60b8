import { Alert, Button, Card, FileInput, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { formatDate, formatDateTime } from '../../app/i18n/format';
import './i18n';

type FileCheck = { matches: boolean; valid: boolean; revoked: unknown; signature: { intact: boolean } };

/** Checks a PDF the citizen holds against the issued one; the raw bytes go as application/pdf and are not stored. */
async function checkFile(code: string, file: File): Promise<FileCheck> {
  let response: Response;
  try {
    response = await fetch(`/api/documents/verify/${encodeURIComponent(code)}/file`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/pdf', accept: 'application/json' },
      body: file,
    });
  } catch {
    throw new ApiError(0, { code: 'api.unavailable' });
  }
  const body = await response.json().catch(() => ({ code: 'api.unavailable' }));
  if (!response.ok) throw new ApiError(response.status, body);
  return body as FileCheck;
}

/** The public verification page: a code typed or the QR code's link shows issuer, date and revocation; a PDF can be checked too. */
export function VerifyPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const navigate = useNavigate();
  const { code } = useParams({ strict: false }) as { code?: string };
  const [typed, setTyped] = useState(code ?? '');
  const [file, setFile] = useState<File | null>(null);

  const found = useQuery({
    queryKey: ['documents', 'verify', code],
    enabled: !!code,
    retry: false,
    queryFn: () => unwrap(api.GET('/api/documents/verify/{code}', { params: { path: { code: code as string } } })),
  });
  const fileCheck = useMutation({ mutationFn: () => checkFile(code as string, file as File) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = typed.trim().toUpperCase();
    if (next) void navigate({ to: '/verify/$code', params: { code: next } });
  };

  const d = found.data;
  const notFound = found.error instanceof ApiError && found.error.status === 404;
  return (
    <Stack gap="md">
      <PageHeader title={t('documents.verify.title')} intro={t('documents.verify.intro')} />
      <form onSubmit={submit} aria-label={t('documents.verify.title')}>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('documents.verify.code')}
            description={t('documents.verify.codeHint')}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            required
            style={{ flex: 1, minWidth: 220 }}
          />
          <Button type="submit">{t('documents.verify.check')}</Button>
        </Group>
      </form>

      <div aria-live="polite">
        {code && found.isPending && <Loader aria-label={t('app.loading')} />}
        {notFound && (
          <Alert color="red" variant="light" title={t('documents.verify.notFound')}>
            {code}
          </Alert>
        )}
        {found.error && !notFound && <ErrorState error={found.error} onRetry={() => void found.refetch()} />}
        {d && (
          <Card withBorder radius="md">
            <Stack gap="sm">
              {d.revoked ? (
                <Alert color="red" variant="light" role="status">
                  {t('documents.verify.revoked', { date: formatDate(d.revoked.at), reason: d.revoked.reason })}
                </Alert>
              ) : (
                <Alert color="green" variant="light" role="status">
                  {t('documents.verify.valid')}
                </Alert>
              )}
              <Title order={2} size="h3">
                {d.title[lang]}
              </Title>
              <Table>
                <Table.Tbody>
                  <Table.Tr>
                    <Table.Th scope="row">{t('documents.verify.issuer')}</Table.Th>
                    <Table.Td>{d.issuer[lang]}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('documents.verify.protocol')}</Table.Th>
                    <Table.Td>{d.protocolNumber}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('documents.verify.issuedAt')}</Table.Th>
                    <Table.Td>{formatDateTime(d.issuedAt)}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('documents.verify.signer')}</Table.Th>
                    <Table.Td>{d.signerName}</Table.Td>
                  </Table.Tr>
                  <Table.Tr>
                    <Table.Th scope="row">{t('documents.verify.fingerprint')}</Table.Th>
                    <Table.Td>
                      <Text component="span" ff="monospace" size="sm" style={{ wordBreak: 'break-all' }}>
                        {d.sha256}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Stack>
          </Card>
        )}
      </div>

      {d && (
        <Card withBorder radius="md">
          <Stack gap="sm">
            <Title order={2} size="h3">
              {t('documents.verify.fileTitle')}
            </Title>
            <Text size="sm">{t('documents.verify.fileIntro')}</Text>
            <FileInput
              label={t('documents.verify.file')}
              accept="application/pdf"
              value={file}
              onChange={(f) => {
                setFile(f);
                fileCheck.reset();
              }}
              clearable
            />
            <Group>
              <Button onClick={() => fileCheck.mutate()} disabled={!file} loading={fileCheck.isPending}>
                {t('documents.verify.checkFile')}
              </Button>
            </Group>
            <div aria-live="polite">
              {fileCheck.error && <ErrorState error={fileCheck.error} />}
              {fileCheck.data && (
                <Alert color={fileCheck.data.valid ? 'green' : 'red'} variant="light" role="status">
                  {fileCheck.data.valid
                    ? t('documents.verify.fileValid')
                    : !fileCheck.data.matches
                      ? t('documents.verify.fileMismatch')
                      : !fileCheck.data.signature.intact
                        ? t('documents.verify.signatureBroken')
                        : t('documents.verify.fileRevoked')}
                </Alert>
              )}
            </div>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
