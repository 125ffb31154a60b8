import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Minutes:seconds left until `until`; tells screen readers only at the last minute, not every second. */
export function Countdown({ until, onExpire }: { until: string; onExpire?: () => void }) {
  const { t } = useTranslation();
  const end = new Date(until).getTime();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.round((end - now) / 1000));
  useEffect(() => {
    if (left === 0) onExpire?.();
  }, [left, onExpire]);
  const mm = Math.floor(left / 60);
  const ss = String(left % 60).padStart(2, '0');
  return (
    <>
      <Text role="timer" aria-live="off" fw={700} size="xl" data-testid="hold-countdown" c={left < 60 ? 'red.9' : 'aegean.8'}>
        {t('appointments.heldFor', { time: `${mm}:${ss}` })}
      </Text>
      <Text size="sm" aria-live="polite">
        {left <= 60 && left > 0 ? t('appointments.lastMinute') : ''}
      </Text>
    </>
  );
}
