import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { errorMessage } from '../i18n';

/** What a page shows when its data could not be loaded (including "there is no API yet"). */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const code = error instanceof ApiError ? error.code : 'generic';
  return (
    <Alert color="red" variant="light" title={errorMessage(code)} role="alert">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm">{t('app.unexpected')}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
