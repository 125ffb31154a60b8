import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Menu,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/i18n/format';
import {
  type BulkAction,
  type BulkResult,
  CATEGORIES,
  type CaseFilters,
  type CaseSummary,
  type Category,
  CHANNELS,
  type Channel,
  createView,
  deleteView,
  inboxCounts,
  listCasesBy,
  listViews,
  runBulk,
} from './api';
import { CaseMap } from './case-map';
import { useLiveCases } from './live';
import { CaseMarks, problem, useColleagues, useLoc, useUnits } from './shared';
import { ShortcutsHelp, useShortcuts } from './shortcuts';

const OPEN: Category[] = ['new', 'open', 'in_progress', 'waiting_citizen'];
export const LIST_KEY = 'helpdesk.list';

type Scope = 'units' | 'mine';

/** Inbox (open cases of my units, or assigned to me) and the all-cases search: one page, two modes. */
export function InboxPage({ mode = 'inbox' }: { mode?: 'inbox' | 'all' }) {
  const { t } = useTranslation();
  const loc = useLoc();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { units, byId: unitById } = useUnits();
  const { byId: staffById } = useColleagues();
  const [scope, setScope] = useState<Scope>('units');
  const [filters, setFilters] = useState<CaseFilters>({ sort: mode === 'inbox' ? 'due_asc' : 'submitted_desc' });
  const [q, setQ] = useState('');
  const [view, setView] = useState<'list' | 'map'>('list');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cursor, setCursor] = useState(0);
  const [help, setHelp] = useState(false);
  const [saveOpen, setSaveOpen] = useState(false);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);

  const effective: CaseFilters = useMemo(() => {
    const f: CaseFilters = { ...filters };
    if (scope === 'mine') f.assigneeId = 'me';
    if (q.trim()) f.q = q.trim();
    return f;
  }, [filters, scope, q]);
  // the inbox lists open cases unless a state is chosen; the server takes several categories
  const categories = mode === 'inbox' && !effective.category ? OPEN : undefined;

  const list = useInfiniteQuery({
    queryKey: ['helpdesk', 'cases', effective, categories],
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(effective)) if (v) params.set(k, String(v));
      if (categories) for (const c of categories) params.append('category', c);
      if (pageParam) params.set('cursor', pageParam);
      params.set('limit', '50');
      return listCasesBy(params);
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const counts = useQuery({ queryKey: ['helpdesk', 'inbox'], queryFn: inboxCounts, retry: false });
  const views = useQuery({ queryKey: ['helpdesk', 'views'], queryFn: listViews, retry: false });
  const live = useLiveCases();

  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const first = list.data?.pages[0];

  useEffect(() => {
    sessionStorage.setItem(LIST_KEY, JSON.stringify(items.map((c) => c.id)));
  }, [items]);

  const open = useCallback((id: string) => navigate({ to: '/staff/cases/$id', params: { id } }), [navigate]);
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  useShortcuts({
    j: () => setCursor((c) => Math.min(c + 1, items.length - 1)),
    k: () => setCursor((c) => Math.max(c - 1, 0)),
    o: () => items[cursor] && open(items[cursor].id),
    Enter: () => items[cursor] && open(items[cursor].id),
    x: () => items[cursor] && toggle(items[cursor].id),
    '?': () => setHelp(true),
  });
  useEffect(() => {
    rows.current[cursor]?.focus();
  }, [cursor]);

  const remove = useMutation({
    mutationFn: deleteView,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['helpdesk', 'views'] }),
  });

  const title = mode === 'inbox' ? t('helpdesk.inbox.title') : t('helpdesk.inbox.allTitle');
  const located = items.filter((c) => c.location);
  const mine = counts.data?.mine;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            {title}
          </Title>
          <Text c="dimmed" size="sm">
            {mode === 'inbox' ? t('helpdesk.inbox.intro') : t('helpdesk.inbox.allIntro')} {t('helpdesk.inbox.shortcutsHint')}
          </Text>
        </div>
        <Group gap="xs">
          {live && (
            <Badge color="green" variant="dot" c="dark.8">
              {t('helpdesk.inbox.live')}
            </Badge>
          )}
          <Button variant="subtle" size="xs" onClick={() => setHelp(true)}>
            {t('helpdesk.case.help')}
          </Button>
        </Group>
      </Group>

      {mode === 'inbox' && (
        <Group gap="sm" wrap="wrap">
          <SegmentedControl
            aria-label={t('helpdesk.inbox.unit')}
            value={scope}
            onChange={(v) => setScope(v as Scope)}
            data={[
              { value: 'units', label: t('helpdesk.inbox.allUnits') },
              { value: 'mine', label: `${t('helpdesk.inbox.mine')}${mine ? ` (${mine.open})` : ''}` },
            ]}
          />
          {mine && scope === 'mine' && (
            <Text size="sm" c="dimmed" data-testid="mine-counts">
              {t('helpdesk.inbox.counts', { open: mine.open, overdue: mine.overdue, dueSoon: mine.dueSoon })}
            </Text>
          )}
        </Group>
      )}
      {mode === 'inbox' && counts.data && counts.data.units.length > 0 && scope === 'units' && (
        <Group gap="xs" wrap="wrap" aria-label={t('helpdesk.inbox.unit')} role="group">
          {counts.data.units.map((u) => {
            const active = filters.unitId === u.unitId;
            return (
              <Button
                key={u.unitId ?? 'none'}
                size="compact-sm"
                variant={active ? 'filled' : 'light'}
                aria-pressed={active}
                onClick={() => setFilters((f) => ({ ...f, unitId: active || !u.unitId ? undefined : u.unitId }))}
              >
                {(u.unitId && loc(unitById.get(u.unitId)?.name)) || t('helpdesk.dashboard.noUnit')}: {u.open}
                {u.overdue > 0 ? ` · ${t('helpdesk.inbox.overdue')} ${u.overdue}` : ''}
              </Button>
            );
          })}
        </Group>
      )}

      <Card withBorder padding="sm">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            list.refetch();
          }}
        >
          <Group align="flex-end" wrap="wrap" gap="sm">
            <TextInput
              label={t('helpdesk.inbox.search')}
              placeholder={t('helpdesk.inbox.searchPlaceholder')}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              w={240}
            />
            <Select
              label={t('helpdesk.inbox.category')}
              placeholder={mode === 'inbox' ? t('helpdesk.inbox.anyCategory') : t('helpdesk.inbox.any')}
              clearable
              value={filters.category ?? null}
              onChange={(v) => setFilters((f) => ({ ...f, category: (v as Category) ?? undefined }))}
              data={CATEGORIES.map((c) => ({ value: c, label: t(`helpdesk.category.${c}`) }))}
              w={180}
            />
            <Select
              label={t('helpdesk.inbox.unit')}
              placeholder={t('helpdesk.inbox.any')}
              clearable
              searchable
              value={filters.unitId ?? null}
              onChange={(v) => setFilters((f) => ({ ...f, unitId: v ?? undefined }))}
              data={units.map((u) => ({ value: u.id, label: `${'· '.repeat(u.depth)}${loc(u.name)}` }))}
              w={220}
            />
            <Select
              label={t('helpdesk.inbox.channel')}
              placeholder={t('helpdesk.inbox.any')}
              clearable
              value={filters.channel ?? null}
              onChange={(v) => setFilters((f) => ({ ...f, channel: (v as Channel) ?? undefined }))}
              data={CHANNELS.map((c) => ({ value: c, label: t(`helpdesk.channel.${c}`) }))}
              w={150}
            />
            <Select
              label={t('helpdesk.inbox.sort')}
              value={filters.sort ?? 'submitted_desc'}
              onChange={(v) => setFilters((f) => ({ ...f, sort: (v as CaseFilters['sort']) ?? undefined }))}
              data={[
                { value: 'submitted_desc', label: t('helpdesk.inbox.sortNew') },
                { value: 'submitted_asc', label: t('helpdesk.inbox.sortOld') },
                { value: 'due_asc', label: t('helpdesk.inbox.sortDue') },
              ]}
              allowDeselect={false}
              w={170}
            />
            <Checkbox
              label={t('helpdesk.inbox.overdueOnly')}
              checked={filters.overdue === 'true'}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                setFilters((f) => ({ ...f, overdue: checked ? 'true' : undefined }));
              }}
              mb={8}
            />
            <Menu>
              <Menu.Target>
                <Button variant="default">{t('helpdesk.inbox.views')}</Button>
              </Menu.Target>
              <Menu.Dropdown>
                {(views.data ?? []).length === 0 && <Menu.Label>{t('helpdesk.inbox.noViews')}</Menu.Label>}
                {(views.data ?? []).map((v) => (
                  <Menu.Item
                    key={v.id}
                    onClick={() => {
                      const { q: vq, assigneeId, ...rest } = v.filters;
                      setQ(vq ?? '');
                      setScope(assigneeId === 'me' ? 'mine' : 'units');
                      setFilters(rest);
                    }}
                    rightSection={
                      v.mine ? (
                        <ActionIcon
                          component="span"
                          size="sm"
                          variant="subtle"
                          color="red"
                          aria-label={t('helpdesk.inbox.deleteView', { name: v.name })}
                          onClick={(e: React.MouseEvent) => {
                            e.stopPropagation();
                            remove.mutate(v.id);
                          }}
                        >
                          ×
                        </ActionIcon>
                      ) : (
                        <Badge size="xs" variant="light" c="dark.8">
                          {t('helpdesk.inbox.shared')}
                        </Badge>
                      )
                    }
                  >
                    {v.name}
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Item onClick={() => setSaveOpen(true)}>{t('helpdesk.inbox.saveView')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <SegmentedControl
              aria-label={t('helpdesk.inbox.map')}
              value={view}
              onChange={(v) => setView(v as 'list' | 'map')}
              data={[
                { value: 'list', label: t('helpdesk.inbox.list') },
                { value: 'map', label: t('helpdesk.inbox.map') },
              ]}
            />
          </Group>
        </form>
      </Card>

      <Group justify="space-between">
        <Text size="sm" role="status" aria-live="polite">
          {first ? t(first.capped ? 'helpdesk.inbox.totalCapped' : 'helpdesk.inbox.total', { count: first.total }) : ''}
        </Text>
        {first?.counts && (
          <Group gap={4}>
            {Object.entries(first.counts)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => (
                <Badge key={k} variant="outline" c="dark.8">
                  {t(`helpdesk.category.${k}`)}: {n}
                </Badge>
              ))}
          </Group>
        )}
      </Group>

      {selected.size > 0 && (
        <BulkBar
          ids={[...selected]}
          items={items}
          onDone={() => qc.invalidateQueries({ queryKey: ['helpdesk'] })}
          onClear={() => setSelected(new Set())}
        />
      )}

      {list.isError && <Alert color="red">{problem(list.error)}</Alert>}

      {view === 'map' ? (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('helpdesk.inbox.mapHint', { count: located.length })}
          </Text>
          <CaseMap
            label={t('helpdesk.inbox.map')}
            points={located.map((c) => ({
              id: c.id,
              lat: c.location?.lat as number,
              lon: c.location?.lon as number,
              label: `${c.protocolNumber ?? ''} ${c.title}`,
              color: c.overdue ? '#c92a2a' : undefined,
            }))}
            onOpen={open}
          />
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table highlightOnHover verticalSpacing="xs" aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <Checkbox
                    aria-label={t('helpdesk.inbox.selectAll')}
                    checked={items.length > 0 && selected.size === items.length}
                    indeterminate={selected.size > 0 && selected.size < items.length}
                    onChange={(e) => setSelected(e.currentTarget.checked ? new Set(items.map((c) => c.id)) : new Set())}
                  />
                </Table.Th>
                <Table.Th>{t('helpdesk.inbox.columns.protocol')}</Table.Th>
                <Table.Th>{t('helpdesk.inbox.columns.title')}</Table.Th>
                <Table.Th>{t('helpdesk.inbox.columns.state')}</Table.Th>
                <Table.Th>{t('helpdesk.inbox.columns.unit')}</Table.Th>
                <Table.Th>{t('helpdesk.inbox.columns.assignee')}</Table.Th>
                <Table.Th>{t('helpdesk.inbox.columns.submitted')}</Table.Th>
                <Table.Th>{t('helpdesk.inbox.columns.due')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c, i) => (
                <Table.Tr
                  key={c.id}
                  ref={(el) => {
                    rows.current[i] = el;
                  }}
                  tabIndex={i === cursor ? 0 : -1}
                  onFocus={() => setCursor(i)}
                  bg={i === cursor ? 'var(--mantine-color-blue-light)' : undefined}
                  data-testid="case-row"
                >
                  <Table.Td>
                    <Checkbox
                      aria-label={t('helpdesk.inbox.select', { title: c.title })}
                      checked={selected.has(c.id)}
                      onChange={() => toggle(c.id)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/staff/cases/${c.id}`} fw={600}>
                      {c.protocolNumber ?? t('helpdesk.case.pending')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.title}</Text>
                    <Text size="xs" c="dimmed">
                      {loc(c.caseType.name)} · {t(`helpdesk.channel.${c.channel}`)}
                      {c.tags.length ? ` · ${c.tags.join(', ')}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <CaseMarks c={c} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.unitId ? loc(unitById.get(c.unitId)?.name) : t('helpdesk.case.none')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.assigneeId ? (staffById.get(c.assigneeId)?.name ?? '…') : t('helpdesk.inbox.unassigned')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDate(c.submittedAt, { dateStyle: 'short', timeStyle: 'short' })}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={c.overdue ? 'red.9' : undefined} fw={c.overdue ? 700 : undefined}>
                      {c.dueDate ? formatDate(c.dueDate, { dateStyle: 'short' }) : t('helpdesk.case.none')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {!list.isPending && items.length === 0 && (
            <Text c="dimmed" ta="center" py="lg">
              {t('helpdesk.inbox.empty')}
            </Text>
          )}
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('helpdesk.inbox.more')}
        </Button>
      )}

      <SaveViewModal opened={saveOpen} onClose={() => setSaveOpen(false)} filters={effective} />
      <ShortcutsHelp opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}

function SaveViewModal({ opened, onClose, filters }: { opened: boolean; onClose: () => void; filters: CaseFilters }) {
  const { t } = useTranslation();
  const loc = useLoc();
  const qc = useQueryClient();
  const { units } = useUnits();
  const [name, setName] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => createView({ name, filters, unitId }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['helpdesk', 'views'] });
      setName('');
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('helpdesk.inbox.saveView')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('helpdesk.inbox.viewName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            data-autofocus
          />
          <Select
            label={t('helpdesk.inbox.shareWith')}
            placeholder={t('helpdesk.inbox.private')}
            clearable
            value={unitId}
            onChange={setUnitId}
            data={units.map((u) => ({ value: u.id, label: loc(u.name) }))}
          />
          {save.isError && <Alert color="red">{problem(save.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('helpdesk.inbox.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('helpdesk.inbox.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function BulkBar({ ids, items, onDone, onClear }: { ids: string[]; items: CaseSummary[]; onDone: () => void; onClear: () => void }) {
  const { t, i18n } = useTranslation();
  const loc = useLoc();
  const { units } = useUnits();
  const { colleagues } = useColleagues();
  const [kind, setKind] = useState<BulkAction['kind']>('assign');
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [transition, setTransition] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [add, setAdd] = useState('');
  const [removeTags, setRemoveTags] = useState('');
  const [result, setResult] = useState<BulkResult | null>(null);
  const workflows = useQuery({
    queryKey: ['helpdesk', 'workflows'],
    queryFn: async () => {
      const r = await fetch('/api/workflows', { credentials: 'same-origin' });
      return r.ok ? ((await r.json()) as { edges: { key: string; nameEl: string; nameEn: string }[] }[]) : [];
    },
    staleTime: 5 * 60_000,
  });
  const transitions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const w of workflows.data ?? [])
      for (const e of w.edges) if (!seen.has(e.key)) seen.set(e.key, i18n.language === 'en' ? e.nameEn : e.nameEl);
    return [...seen.entries()].map(([value, label]) => ({ value, label: `${label} (${value})` }));
  }, [workflows.data, i18n.language]);
  const split = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const run = useMutation({
    mutationFn: () => {
      const action: BulkAction =
        kind === 'assign'
          ? { kind, ...(assigneeId ? { assigneeId } : {}), ...(unitId ? { unitId } : {}) }
          : kind === 'transition'
            ? { kind, transition: transition ?? '', ...(comment ? { comment } : {}) }
            : { kind, add: split(add), remove: split(removeTags) };
      return runBulk(ids, action);
    },
    onSuccess: (r) => {
      setResult(r);
      onDone();
    },
  });
  const protocolOf = (id: string) => items.find((c) => c.id === id)?.protocolNumber ?? id.slice(0, 8);
  return (
    <Card withBorder padding="sm" bg="gray.0">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h5">
            {t('helpdesk.bulk.title')} · {t('helpdesk.inbox.selected', { count: ids.length })}
          </Title>
          <Button variant="subtle" size="xs" onClick={onClear}>
            {t('helpdesk.inbox.cancel')}
          </Button>
        </Group>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            run.mutate();
          }}
        >
          <Group align="flex-end" wrap="wrap" gap="sm">
            <SegmentedControl
              aria-label={t('helpdesk.bulk.title')}
              value={kind}
              onChange={(v) => setKind(v as BulkAction['kind'])}
              data={[
                { value: 'assign', label: t('helpdesk.bulk.assign') },
                { value: 'transition', label: t('helpdesk.bulk.transition') },
                { value: 'tag', label: t('helpdesk.bulk.tag') },
              ]}
            />
            {kind === 'assign' && (
              <>
                <Select
                  label={t('helpdesk.bulk.assignee')}
                  searchable
                  clearable
                  value={assigneeId}
                  onChange={setAssigneeId}
                  data={colleagues.map((c) => ({ value: c.id, label: c.name }))}
                  w={220}
                />
                <Select
                  label={t('helpdesk.bulk.unit')}
                  searchable
                  clearable
                  value={unitId}
                  onChange={setUnitId}
                  data={units.map((u) => ({ value: u.id, label: loc(u.name) }))}
                  w={220}
                />
              </>
            )}
            {kind === 'transition' && (
              <>
                <Select
                  label={t('helpdesk.bulk.transitionKey')}
                  value={transition}
                  onChange={setTransition}
                  data={transitions}
                  w={260}
                  required
                />
                <TextInput label={t('helpdesk.bulk.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} w={240} />
              </>
            )}
            {kind === 'tag' && (
              <>
                <TextInput label={t('helpdesk.bulk.addTags')} value={add} onChange={(e) => setAdd(e.currentTarget.value)} w={220} />
                <TextInput
                  label={t('helpdesk.bulk.removeTags')}
                  value={removeTags}
                  onChange={(e) => setRemoveTags(e.currentTarget.value)}
                  w={220}
                />
              </>
            )}
            <Button type="submit" loading={run.isPending}>
              {t('helpdesk.bulk.apply', { count: ids.length })}
            </Button>
          </Group>
        </form>
        {run.isError && <Alert color="red">{problem(run.error)}</Alert>}
        {result && (
          <Alert color={result.failed ? 'yellow' : 'green'} role="status" c="dark.8">
            <Text size="sm" fw={600}>
              {t('helpdesk.bulk.result', { done: result.done, failed: result.failed })}
            </Text>
            {result.results
              .filter((r) => !r.ok)
              .map((r) => (
                <Text size="sm" key={r.caseId}>
                  {t('helpdesk.bulk.failedCase', { protocol: protocolOf(r.caseId), message: r.message ?? r.code })}
                </Text>
              ))}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
