import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Outbox } from './outbox';
import { usePendingChanges } from './use-outbox';

/**
 * "3 αλλαγές σε αναμονή" / "3 changes waiting": a polite live region, so a screen reader hears
 * when the count changes, and nothing at all when everything has been sent.
 */
export function PendingChanges({ outbox, retryMs }: { outbox: Outbox; retryMs?: number }) {
  const { t } = useTranslation();
  const count = usePendingChanges(outbox, { retryMs });
  return (
    <div role="status" aria-live="polite" data-testid="pending-changes">
      {count > 0 && (
        <Badge color="orange.9" variant="light" size="lg">
          {t('offline.pending', { count })}
        </Badge>
      )}
    </div>
  );
}
