import { useTranslation } from 'react-i18next';
import { AreaDrawMap } from '../../app/components/area-draw-map';
import type { LatLon } from './api';

/** Draws the audience area (see AreaDrawMap): each map click, or the keyboard button, adds a corner. */
export function AreaMap({ points, onChange, error }: { points: LatLon[]; onChange: (p: LatLon[]) => void; error?: string }) {
  const { t } = useTranslation();
  return (
    <AreaDrawMap points={points} onChange={onChange} label={t('notify.form.map')} texts="notify.form" testId="area-map" error={error} />
  );
}
