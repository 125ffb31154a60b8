import { Alert, Stack, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../app/auth/use-me';
import { modulesFor } from './modules';

/** Placeholder for each module's UI (web/src/modules/<name>/) until it is built. */
export function ModulePage() {
  const { t } = useTranslation();
  const { module } = useParams({ from: '/staff/$module' });
  const { me } = useMe();
  const mod = modulesFor(me).find((m) => m.id === module);
  if (!mod) return <Alert color="red">{t('app.notFound')}</Alert>;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t(`staff.modules.${mod.id}`)}
      </Title>
      <Alert variant="light">{t('staff.underConstruction')}</Alert>
    </Stack>
  );
}
