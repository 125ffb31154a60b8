import { Button, Group, Text, VisuallyHidden } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../app/i18n/format';
import type { Day } from './api';
import { dayOf } from './shared';

interface Month {
  key: string; // YYYY-MM
  weeks: (Day | null)[][];
}

/** Splits consecutive days into months of Monday-first weeks. */
function toMonths(days: Day[]): Month[] {
  const byMonth = new Map<string, Day[]>();
  for (const d of days) {
    const k = d.date.slice(0, 7);
    byMonth.set(k, [...(byMonth.get(k) ?? []), d]);
  }
  return [...byMonth.entries()].map(([key, list]) => {
    const weeks: (Day | null)[][] = [];
    let week: (Day | null)[] = [];
    const first = new Date(`${list[0]?.date}T12:00:00Z`).getUTCDay();
    for (let i = 0; i < (first + 6) % 7; i++) week.push(null);
    for (const d of list) {
      week.push(d);
      if (week.length === 7) {
        weeks.push(week);
        week = [];
      }
    }
    if (week.length) {
      while (week.length < 7) week.push(null);
      weeks.push(week);
    }
    return { key, weeks };
  });
}

/** A month table of the bookable days: days with free places are buttons, the rest plain text. */
export function DayCalendar({ days, selected, onSelect }: { days: Day[]; selected: string | null; onSelect: (date: string) => void }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language === 'en' ? 'en' : 'el');
  const months = useMemo(() => toMonths(days), [days]);
  // open at the month of the first free day
  const [index, setIndex] = useState(() =>
    Math.max(
      0,
      months.findIndex((m) => m.weeks.some((w) => w.some((d) => d && d.free > 0))),
    ),
  );
  const month = months[Math.min(index, months.length - 1)];
  if (!month) return null;
  const title = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
    new Date(`${month.key}-15T12:00:00Z`),
  );
  // Monday-first weekday names
  const weekdays = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i, 12)));
  const fmtShort = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short' });
  const fmtLong = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long' });
  const captionId = `cal-${month.key}`;

  return (
    <div>
      <Group justify="space-between" mb="xs">
        <Button variant="subtle" onClick={() => setIndex(index - 1)} disabled={index === 0} aria-label={t('appointments.prevMonth')}>
          ‹
        </Button>
        <Text fw={700} id={captionId} aria-live="polite">
          {title}
        </Text>
        <Button
          variant="subtle"
          onClick={() => setIndex(index + 1)}
          disabled={index >= months.length - 1}
          aria-label={t('appointments.nextMonth')}
        >
          ›
        </Button>
      </Group>
      <table className="appt-calendar" aria-labelledby={captionId}>
        <thead>
          <tr>
            {weekdays.map((d) => (
              <th key={d.toISOString()} scope="col">
                <abbr title={fmtLong.format(d)}>{fmtShort.format(d)}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {month.weeks.map((week, wi) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: weeks of a month have no identity of their own
            <tr key={wi}>
              {week.map((d, di) => {
                // biome-ignore lint/suspicious/noArrayIndexKey: padding cells
                if (!d) return <td key={`pad-${di}`} />;
                const n = Number(d.date.slice(8));
                const label = `${dayOf(d.date, locale)}: ${d.free > 0 ? t('appointments.freeCount', { count: d.free }) : t('appointments.noFree')}`;
                return (
                  <td key={d.date}>
                    {d.free > 0 ? (
                      <button
                        type="button"
                        className="appt-day"
                        data-free
                        aria-pressed={selected === d.date}
                        aria-label={label}
                        onClick={() => onSelect(d.date)}
                      >
                        <span aria-hidden>{n}</span>
                        <span aria-hidden className="appt-day-count">
                          {d.free}
                        </span>
                      </button>
                    ) : (
                      <span className="appt-day">
                        <span aria-hidden>{n}</span>
                        <VisuallyHidden>{label}</VisuallyHidden>
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
