import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { followReport, listCategories, nearbyReports } from './api';
import { StatusBadge } from './shared';
import './i18n';

/**
 * Before a street problem is filed: open reports of the same category within 250 m (or with similar
 * text), each with "follow this one instead". Renders nothing when the case type is not a street
 * problem, when there is no point yet, or when nothing is near.
 */
export function DuplicateReports({
  caseType,
  lat,
  lon,
  text,
  onFollowed,
}: {
  caseType: string | null | undefined;
  lat: number | null | undefined;
  lon: number | null | undefined;
  text?: string;
  onFollowed?: (reportId: string) => void;
}) {
  const { t } = useTranslation();
  const [debounced, setDebounced] = useState(text ?? '');
  useEffect(() => {
    const h = setTimeout(() => setDebounced(text ?? ''), 400);
    return () => clearTimeout(h);
  }, [text]);
  const categories = useQuery({ queryKey: ['reports', 'categories'], queryFn: listCategories, staleTime: 300_000 });
  const isReport = Boolean(caseType && categories.data?.some((c) => c.key === caseType));
  const near = useQuery({
    queryKey: ['reports', 'nearby', caseType, lat, lon, debounced],
    queryFn: () => nearbyReports({ category: caseType as string, lat: lat as number, lon: lon as number, text: debounced || undefined }),
    enabled: isReport && lat != null && lon != null,
  });
  const follow = useMutation({ mutationFn: (id: string) => followReport(id), onSuccess: (_d, id) => onFollowed?.(id) });

  if (!isReport || !near.data?.length) return null;
  return (
    <Card component="section" aria-labelledby="dup-title" withBorder padding="md" radius="md" bg="yellow.0">
      <Title order={2} size="h4" id="dup-title">
        {t('reports.dupTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {t('reports.dupIntro')}
      </Text>
      {follow.isSuccess && (
        <Alert color="green" role="status" mb="sm">
          {t('reports.dupFollowed')}
        </Alert>
      )}
      <Stack component="ul" gap="xs" p={0} style={{ listStyle: 'none' }}>
        {near.data.map((r) => (
          <Card component="li" key={r.id} withBorder padding="xs" radius="sm">
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={2}>
                <Text fw={600}>{r.title}</Text>
                <Group gap="xs">
                  <StatusBadge status={r.status} />
                  <Text size="sm">{t('reports.dupDistance', { m: r.distanceM })}</Text>
                </Group>
              </Stack>
              <Group gap="xs" wrap="nowrap">
                <Anchor href={`/reports/${r.id}`} target="_blank" size="sm">
                  {t('reports.dupView')}
                </Anchor>
                <Button
                  size="compact-sm"
                  onClick={() => follow.mutate(r.id)}
                  loading={follow.isPending && follow.variables === r.id}
                  disabled={follow.isSuccess && follow.variables === r.id}
                  aria-label={`${t('reports.dupFollow')}: ${r.title}`}
                >
                  {t('reports.dupFollow')}
                </Button>
              </Group>
            </Group>
          </Card>
        ))}
      </Stack>
    </Card>
  );
}
