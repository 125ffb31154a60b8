import { Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../app/components/page-header';
import { createMap } from '../app/map';

export function MapPage() {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!el.current) return;
    const map = createMap(el.current);
    return () => {
      map.remove();
    };
  }, []);

  return (
    <>
      <PageHeader title={t('map.title')} intro={t('map.intro')} />
      <section aria-label={t('map.label')}>
        <div ref={el} className="map-container" />
      </section>
      <Text size="sm" c="dimmed" mt="sm">
        {t('map.textAlternative')}
      </Text>
    </>
  );
}
