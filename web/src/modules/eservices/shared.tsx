import { Alert, Badge, Button, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { TAXISNET_START } from '../../app/api/endpoints';
import { useMe } from '../../app/auth/use-me';
import { formatCurrency } from '../../app/i18n/format';
import type { Fee, Identity, MeLevels } from './api';

export const euros = (cents: number) => formatCurrency(cents / 100);

/** "Free", or the fee, with "+ fine if late" when the service has late-declaration fines. */
export function useCostText() {
  const { t } = useTranslation();
  return (fee: Fee | null | undefined) => {
    if (!fee || (fee.cents === 0 && !fee.lateFines?.length)) return t('eservices.free');
    const base = fee.cents > 0 ? euros(fee.cents) : t('eservices.free');
    return fee.lateFines?.length ? t('eservices.costWithFines', { base }) : base;
  };
}

export function useSlaText() {
  const { t } = useTranslation();
  return (slaDays: number | null | undefined) =>
    slaDays == null ? t('eservices.slaUnknown') : slaDays === 0 ? t('eservices.sameDay') : t('eservices.slaDays', { count: slaDays });
}

/** What the signed-in person can prove, from GET /api/me. */
export function useIdentity() {
  const q = useMe();
  const me = q.me as (MeLevels & object) | null;
  const signedIn = me?.kind === 'citizen';
  const taxisnet = signedIn && !!me?.taxisnetVerified;
  const verified = taxisnet || (signedIn && (!!me?.emailVerified || !!me?.phoneVerified));
  const meets = (level: Identity) => (level === 'taxisnet' ? taxisnet : level === 'verified' ? verified : true);
  return { loading: q.isPending, signedIn, taxisnet, verified, meets };
}

export function TaxisnetBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="#0b4f8a" variant="filled" style={{ textTransform: 'none' }}>
      {t('eservices.taxisnetBadge')}
    </Badge>
  );
}

export function DocumentBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="#1b5e20" variant="filled" style={{ textTransform: 'none' }}>
      {t('eservices.digitalBadge')}
    </Badge>
  );
}

/** Explains why TaxisNet (or a verified contact) is needed and links to it, coming back to `returnTo`. */
export function IdentityNotice({ level, returnTo }: { level: Identity; returnTo: string }) {
  const { t } = useTranslation();
  if (level === 'any') return null;
  if (level === 'taxisnet') {
    return (
      <Alert color="yellow" variant="light" c="dark.8" title={t('eservices.taxisnetNeededTitle')} data-testid="taxisnet-needed">
        <Text size="sm">{t('eservices.taxisnetNeededText')}</Text>
        {/* A full page navigation: the server redirects to TaxisNet and back here. */}
        <Button component="a" href={`${TAXISNET_START}?returnTo=${encodeURIComponent(returnTo)}`} variant="outline" mt="sm">
          {t('eservices.taxisnetSignIn')}
        </Button>
      </Alert>
    );
  }
  return (
    <Alert color="yellow" variant="light" c="dark.8" title={t('eservices.verifiedNeededTitle')}>
      <Text size="sm">{t('eservices.verifiedNeededText')}</Text>
      <Group mt="sm">
        <Button component="a" href={`${TAXISNET_START}?returnTo=${encodeURIComponent(returnTo)}`} variant="outline">
          {t('eservices.taxisnetSignIn')}
        </Button>
        <Button component={Link} to="/account" variant="subtle">
          {t('eservices.verifyContact')}
        </Button>
      </Group>
    </Alert>
  );
}
