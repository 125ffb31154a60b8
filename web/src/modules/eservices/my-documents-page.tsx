import { Alert, Anchor, Badge, Card, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { formatDateTime } from '../../app/i18n/format';
import { getMyDocuments } from './api';
import './i18n';
import './eservices.css';

/** The signed documents issued to me: download, and the public verification page of each. */
export function MyDocumentsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const docs = useQuery({ queryKey: ['eservices', 'my-documents'], queryFn: getMyDocuments });
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/services" underline="always">
        ← {t('eservices.back')}
      </Anchor>
      <PageHeader title={t('eservices.myDocuments.title')} intro={t('eservices.myDocuments.intro')} />
      {docs.isPending && <Loader aria-label={t('app.loading')} />}
      {docs.error && <ErrorState error={docs.error} onRetry={() => void docs.refetch()} />}
      {docs.data?.length === 0 && <Alert variant="light">{t('eservices.myDocuments.none')}</Alert>}
      <Stack component="ul" gap="sm" className="eservices-docs" data-testid="my-documents">
        {docs.data?.map((d) => (
          <li key={d.id}>
            <Card withBorder radius="md" padding="md">
              <Stack gap={4}>
                <Group gap="xs">
                  <Text fw={700}>{d.title[lang]}</Text>
                  {d.revokedAt && (
                    <Badge color="#b71c1c" variant="filled" style={{ textTransform: 'none' }}>
                      {t('eservices.myDocuments.revoked')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm">
                  {t('eservices.myDocuments.meta', { protocol: d.protocolNumber, date: formatDateTime(d.issuedAt), signer: d.signerName })}
                </Text>
                <Text size="sm">
                  {t('eservices.myDocuments.code')}:{' '}
                  <Text component="span" ff="monospace" data-testid="document-code">
                    {d.code}
                  </Text>
                </Text>
                <Group gap="md">
                  <Anchor href={`/api/files/${d.fileId}`} underline="always" download>
                    {t('eservices.myDocuments.download', { title: d.title[lang] })}
                  </Anchor>
                  <Anchor component={Link} to={`/verify/${encodeURIComponent(d.code)}`} underline="always">
                    {t('eservices.myDocuments.verify')}
                  </Anchor>
                </Group>
              </Stack>
            </Card>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
