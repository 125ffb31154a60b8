import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../i18n/format';

/** Date the statement was prepared and last reviewed (Implementing Decision (EU) 2018/1523, section 3). */
export const STATEMENT_DATE = '2026-11-22';
export const ACCESSIBILITY_EMAIL = 'accessibility@dimos.example';
export const ACCESSIBILITY_PHONE = '+30 210 000 0000';
export const SUPERVISING_BODY_URL = 'https://mindigital.gr';

/**
 * The EU model accessibility statement. `links={false}` renders contact details as text,
 * for the kiosk, which must not lead anywhere outside itself.
 */
export function AccessibilityStatement({ links = true }: { links?: boolean }) {
  const { t } = useTranslation();
  const date = formatDate(STATEMENT_DATE);
  const section = (id: string, title: string, body: React.ReactNode) => (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="xs">
        {title}
      </Title>
      {body}
    </section>
  );
  return (
    <Stack gap="lg">
      <Text>{t('a11y.intro')}</Text>
      <Text>{t('a11y.scope')}</Text>
      {section('a11y-status', t('a11y.statusTitle'), <Text>{t('a11y.status')}</Text>)}
      {section(
        'a11y-non-accessible',
        t('a11y.nonAccessibleTitle'),
        <Stack gap="sm">
          <Text>{t('a11y.nonAccessibleIntro')}</Text>
          <Title order={3} size="h5">
            {t('a11y.nonComplianceTitle')}
          </Title>
          <List spacing="xs">
            <List.Item>{t('a11y.nonCompliance1')}</List.Item>
            <List.Item>{t('a11y.nonCompliance2')}</List.Item>
          </List>
          <Title order={3} size="h5">
            {t('a11y.burdenTitle')}
          </Title>
          <Text>{t('a11y.burden')}</Text>
          <Title order={3} size="h5">
            {t('a11y.outOfScopeTitle')}
          </Title>
          <Text>{t('a11y.outOfScope')}</Text>
        </Stack>,
      )}
      {section('a11y-preparation', t('a11y.preparationTitle'), <Text>{t('a11y.preparation', { date })}</Text>)}
      {section(
        'a11y-feedback',
        t('a11y.feedbackTitle'),
        <Stack gap="xs">
          <Text>{t('a11y.feedback')}</Text>
          <List>
            <List.Item>
              {t('a11y.feedbackEmail')}:{' '}
              {links ? <Anchor href={`mailto:${ACCESSIBILITY_EMAIL}`}>{ACCESSIBILITY_EMAIL}</Anchor> : ACCESSIBILITY_EMAIL}
            </List.Item>
            <List.Item>
              {t('a11y.feedbackPhone')}:{' '}
              {links ? <Anchor href={`tel:${ACCESSIBILITY_PHONE.replace(/\s/g, '')}`}>{ACCESSIBILITY_PHONE}</Anchor> : ACCESSIBILITY_PHONE}
            </List.Item>
          </List>
        </Stack>,
      )}
      {section(
        'a11y-enforcement',
        t('a11y.enforcementTitle'),
        <Stack gap="xs">
          <Text>{t('a11y.enforcement')}</Text>
          {links ? (
            <Anchor href={SUPERVISING_BODY_URL} rel="noopener">
              {t('a11y.enforcementBody')}
            </Anchor>
          ) : (
            <Text fw={600}>{t('a11y.enforcementBody')}</Text>
          )}
        </Stack>,
      )}
    </Stack>
  );
}
