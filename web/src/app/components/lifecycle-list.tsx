import { Anchor, Button, Group, Loader, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from './error-state';
import { ScrollTable } from './scroll-table';

/** One column of the list: its header and what a row shows in it. */
export type LifecycleColumn<T> = { header: string; cell: (row: T) => ReactNode };

/**
 * A move from one lifecycle state to another (publish, open, close …), offered on the rows whose
 * state `when` accepts. The button says `label`; its accessible name adds the row's name.
 */
export type LifecycleTransition<S extends string> = {
  action: string;
  label: string;
  when: (state: S) => boolean;
  variant?: 'filled' | 'outline';
};

/**
 * The staff list of things that live through states (draft → open → closed): loading, error and
 * empty states, a table with the state as a badge, and per row the transitions its state allows
 * plus a link (answers, results). The caller runs the transition (`onTransition`) and shows its
 * error; the list is the same on every staff page that manages such things.
 */
export function LifecycleList<T extends { id: string }, S extends string>({
  label,
  query,
  empty,
  name,
  columns,
  state,
  transitions = [],
  onTransition,
  link,
  actionsHeader,
}: {
  /** Names the table's scroll region (usually the page title). */
  label: string;
  query: { isPending: boolean; error: unknown; data?: readonly T[] };
  /** Shown instead of an empty table; without it an empty table is shown. */
  empty?: string;
  /** The row's name, added to each transition button's accessible name. */
  name: (row: T) => string;
  /** The columns before the state, then the state, then `after` columns. */
  columns: { before: LifecycleColumn<T>[]; after?: LifecycleColumn<T>[] };
  state: { header: string; of: (row: T) => S; badge: (state: S) => ReactNode };
  transitions?: LifecycleTransition<S>[];
  onTransition?: (row: T, action: string) => void;
  /** A link per row in the actions column (null for none on that row). */
  link?: (row: T) => { to: string; label: string } | null;
  /** The actions column's header; the column is shown when there are transitions or links. */
  actionsHeader?: string;
}) {
  const { t } = useTranslation();
  const hasActions = Boolean(actionsHeader) && (transitions.length > 0 || link !== undefined);
  const all = [...columns.before, { header: state.header, cell: (row: T) => state.badge(state.of(row)) }, ...(columns.after ?? [])];
  return (
    <>
      {query.isPending && <Loader aria-label={t('app.loading')} />}
      {Boolean(query.error) && <ErrorState error={query.error} />}
      {empty !== undefined && query.data?.length === 0 && <Text c="dimmed">{empty}</Text>}
      {query.data && (empty === undefined || query.data.length > 0) && (
        <ScrollTable label={label} minWidth={720}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                {all.map((c) => (
                  <Table.Th key={c.header}>{c.header}</Table.Th>
                ))}
                {hasActions && <Table.Th>{actionsHeader}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((row) => {
                const s = state.of(row);
                const to = link?.(row);
                return (
                  <Table.Tr key={row.id}>
                    {all.map((c) => (
                      <Table.Td key={c.header}>{c.cell(row)}</Table.Td>
                    ))}
                    {hasActions && (
                      <Table.Td>
                        <Group gap={4}>
                          {transitions
                            .filter((tr) => tr.when(s))
                            .map((tr) => (
                              <Button
                                key={tr.action}
                                size="compact-sm"
                                variant={tr.variant ?? 'filled'}
                                onClick={() => onTransition?.(row, tr.action)}
                                aria-label={`${tr.label}: ${name(row)}`}
                              >
                                {tr.label}
                              </Button>
                            ))}
                          {to && (
                            <Anchor underline="always" component={Link} to={to.to} size="sm">
                              {to.label}
                            </Anchor>
                          )}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </>
  );
}
