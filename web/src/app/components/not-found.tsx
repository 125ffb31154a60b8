import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { MAIN_ID, SkipLink } from './skip-link';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <SkipLink />
      <main id={MAIN_ID} tabIndex={-1}>
        <Container size="sm" py="xl">
          <Stack>
            <Title order={1}>404</Title>
            <Text>{t('app.notFound')}</Text>
            <Button component={Link} to="/" w="fit-content">
              {t('app.backHome')}
            </Button>
          </Stack>
        </Container>
      </main>
    </>
  );
}
