import { NativeSelect } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaffUnits } from './staff-api';

/** Chooses the unit a staff screen works on (the first of the member's units by default). */
export function UnitPicker({ value, onChange }: { value: string | null; onChange: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'el';
  const { units } = useStaffUnits();
  useEffect(() => {
    if (!value && units[0]) onChange(units[0].id);
  }, [value, units, onChange]);
  return (
    <NativeSelect
      label={t('appointments.staff.unit')}
      value={value ?? ''}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name[lang]}` }))}
      maw={420}
    />
  );
}
