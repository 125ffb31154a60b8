import { Alert, Anchor, Card, Group, Image, List, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../app/components/error-state';
import { PageHeader } from '../../app/components/page-header';
import { formatDate } from '../../app/i18n/format';
import { DAYS, getPlace } from './api';
import { CategoryIcon, StatusBadges } from './shared';
import './i18n';
import './places.css';

/** One place: address, phones, weekly hours, accessibility, photos, duty days. */
export function PlacePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const { id } = useParams({ strict: false }) as { id: string };
  const place = useQuery({ queryKey: ['places', 'one', id], queryFn: () => getPlace(id) });
  const p = place.data;
  const today = new Date().toISOString().slice(0, 10);

  if (!p) {
    return (
      <Stack>
        <PageHeader title={t('places.title')} />
        {place.isPending && <Loader aria-label={t('app.loading')} />}
        {place.error && <ErrorState error={place.error} onRetry={() => void place.refetch()} />}
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/places" underline="always">
        ← {t('places.back')}
      </Anchor>
      <Group gap="sm" wrap="nowrap" align="center">
        <CategoryIcon icon={p.category.icon} color={p.category.color} />
        <Text fw={600}>{p.category.name[lang]}</Text>
      </Group>
      <PageHeader title={p.name[lang]} intro={p.description?.[lang]} />
      <StatusBadges p={p} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder radius="md">
          <Title order={2} size="h4">
            {t('places.address')}
          </Title>
          <Text>{p.address}</Text>
          <Anchor
            href={`https://www.openstreetmap.org/directions?to=${p.lat}%2C${p.lon}#map=17/${p.lat}/${p.lon}`}
            target="_blank"
            rel="noopener"
            underline="always"
            size="sm"
          >
            {t('places.directions')}
          </Anchor>
          {p.phones.length > 0 && (
            <>
              <Title order={2} size="h4" mt="md">
                {t('places.phones')}
              </Title>
              <List>
                {p.phones.map((ph) => (
                  <List.Item key={ph}>
                    <Anchor href={`tel:${ph.replace(/\s/g, '')}`} underline="always">
                      {ph}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </>
          )}
          {p.email && (
            <Text mt="sm">
              {t('places.email')}:{' '}
              <Anchor href={`mailto:${p.email}`} underline="always">
                {p.email}
              </Anchor>
            </Text>
          )}
          {p.website && (
            <Text mt="sm">
              <Anchor href={p.website} target="_blank" rel="noopener" underline="always">
                {t('places.website')}
              </Anchor>
            </Text>
          )}
        </Card>
        <Card withBorder radius="md">
          <Title order={2} size="h4">
            {t('places.hours')}
          </Title>
          {p.hours ? (
            <Table className="places-hours" withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                {DAYS.map((d) => (
                  <Table.Tr key={d}>
                    <Table.Th scope="row">{t(`places.days.${d}`)}</Table.Th>
                    <Table.Td>
                      {p.hours?.[d]?.length ? p.hours[d]?.map((i) => `${i.open}–${i.close}`).join(', ') : t('places.closed')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Text>{t('places.noHours')}</Text>
          )}
          {p.hoursNote && (
            <Text size="sm" mt="xs">
              {p.hoursNote[lang]}
            </Text>
          )}
        </Card>
      </SimpleGrid>
      {(p.wheelchair || p.accessibility) && (
        <Card withBorder radius="md">
          <Title order={2} size="h4">
            {t('places.accessibility')}
          </Title>
          {p.wheelchair && <Text>{t(`places.wheelchair.${p.wheelchair}`)}</Text>}
          {p.accessibility && <Text>{p.accessibility[lang]}</Text>}
        </Card>
      )}
      {p.dutyDates.some((d) => d >= today) && (
        <Card withBorder radius="md">
          <Title order={2} size="h4">
            {t('places.dutyDates')}
          </Title>
          <List>
            {p.dutyDates
              .filter((d) => d >= today)
              .slice(0, 5)
              .map((d) => (
                <List.Item key={d}>{formatDate(`${d}T12:00:00`, { dateStyle: 'full' })}</List.Item>
              ))}
          </List>
        </Card>
      )}
      {p.photos.length > 0 && (
        <section aria-labelledby="place-photos">
          <Title order={2} size="h4" id="place-photos" mb="xs">
            {t('places.photos')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 3 }}>
            {p.photos.map((ph, i) => (
              <Image key={ph.id} src={ph.thumbUrl ?? ph.url} alt={`${t('places.photoAlt', { name: p.name[lang] })} ${i + 1}`} radius="md" />
            ))}
          </SimpleGrid>
        </section>
      )}
      {place.error && <Alert color="red">{String(place.error)}</Alert>}
    </Stack>
  );
}
