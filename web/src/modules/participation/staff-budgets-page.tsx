import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
  Progress,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { ErrorState } from '../../app/components/error-state';
import { LifecycleList } from '../../app/components/lifecycle-list';
import { ScrollTable } from '../../app/components/scroll-table';
import { formatCurrency, formatDate, formatDateTime, formatNumber } from '../../app/i18n/format';
import { type Budget, budgetResults, getBudget, listBudgets, projectProgress, type Verification } from './api';
import { ActionError, Bars } from './shared';
import { fieldErrors, localInput, onlyFields, StaffTabs, statusBadge, VERIFICATIONS } from './staff-shared';
import './i18n';

const euro = (cents: number) => formatCurrency(cents / 100);
const cents = (v: number | string) => Math.round(Number(v) * 100);
type Project = Budget['projects'][number];
type ProjectDraft = { key: number; title: string; description: string; cost: number | string };
let nextKey = 1;
const blankProject = (): ProjectDraft => ({ key: nextKey++, title: '', description: '', cost: '' });

function NewBudget({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [total, setTotal] = useState<number | string>('');
  const [mode, setMode] = useState<'budget' | 'approve_n'>('budget');
  const [maxProjects, setMaxProjects] = useState<number | string>(3);
  const [minShare, setMinShare] = useState<number | string>('');
  const [verification, setVerification] = useState<Verification>('taxisnet');
  const [closesAt, setClosesAt] = useState(() => localInput(new Date(Date.now() + 30 * 86400_000)));
  const [publish, setPublish] = useState(false);
  const [projects, setProjects] = useState<ProjectDraft[]>([]);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/participation/budgets', {
          body: {
            title: title.trim(),
            description: description.trim() || undefined,
            totalCents: total === '' ? 0 : cents(total),
            mode,
            ...(mode === 'approve_n' ? { maxProjects: Number(maxProjects) || 0 } : {}),
            ...(mode === 'budget' && minShare !== '' ? { minSharePercent: Number(minShare) } : {}),
            verification,
            closesAt: closesAt ? new Date(closesAt).toISOString() : '',
            publish,
            projects: projects.map((p) => ({
              title: p.title.trim(),
              description: p.description.trim() || undefined,
              costCents: p.cost === '' ? 0 : cents(p.cost),
            })),
          },
        }),
      ),
    onSuccess: () => {
      setTitle('');
      setDescription('');
      setProjects([]);
      onCreated();
    },
  });
  const errors = fieldErrors(create.error);
  return (
    <Card withBorder component="section" aria-labelledby="new-budget">
      <Title order={2} size="h4" id="new-budget" mb="sm">
        {t('participation.staff.newBudget')}
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('participation.staff.title')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            required
          />
          <Textarea
            label={t('participation.staff.summary')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
            autosize
            minRows={2}
          />
          <Group align="start">
            <NumberInput
              label={t('participation.staff.totalAmount')}
              value={total}
              onChange={setTotal}
              min={0}
              decimalScale={2}
              thousandSeparator="."
              decimalSeparator=","
              error={errors.totalCents}
              required
              w={220}
            />
            <NativeSelect
              label={t('participation.staff.votingMode')}
              value={mode}
              onChange={(e) => setMode(e.currentTarget.value as 'budget' | 'approve_n')}
              data={[
                { value: 'budget', label: t('participation.staff.modes.budget') },
                { value: 'approve_n', label: t('participation.staff.modes.approve_n') },
              ]}
            />
            {mode === 'budget' && (
              <NumberInput
                label={t('participation.staff.minShare')}
                description={t('participation.staff.minShareHelp')}
                value={minShare}
                onChange={setMinShare}
                min={1}
                max={100}
                allowDecimal={false}
                error={errors.minSharePercent}
                w={220}
              />
            )}
            {mode === 'approve_n' && (
              <NumberInput
                label={t('participation.staff.maxProjects')}
                value={maxProjects}
                onChange={setMaxProjects}
                min={1}
                max={100}
                allowDecimal={false}
                error={errors.maxProjects}
                required
                w={160}
              />
            )}
          </Group>
          <Group align="start">
            <TextInput
              type="datetime-local"
              label={t('participation.staff.closesAt')}
              value={closesAt}
              onChange={(e) => setClosesAt(e.currentTarget.value)}
              error={errors.closesAt}
              required
            />
            <NativeSelect
              label={t('participation.staff.verification')}
              value={verification}
              onChange={(e) => setVerification(e.currentTarget.value as Verification)}
              data={VERIFICATIONS.map((v) => ({ value: v, label: t(`participation.verification.${v}`) }))}
            />
          </Group>
          <Title order={3} size="h5">
            {t('participation.projects')}
          </Title>
          <Stack component="ol" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {projects.map((p, i) => (
              <Card withBorder component="li" key={p.key}>
                <Group align="start">
                  <TextInput
                    label={t('participation.staff.projectTitleN', { n: i + 1 })}
                    value={p.title}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setProjects((ps) => ps.map((x) => (x.key === p.key ? { ...x, title: v } : x)));
                    }}
                    error={errors[`projects.${i}.title`]}
                    required
                    style={{ flex: 1, minWidth: 220 }}
                  />
                  <NumberInput
                    label={t('participation.staff.projectCostN', { n: i + 1 })}
                    value={p.cost}
                    onChange={(v) => setProjects((ps) => ps.map((x) => (x.key === p.key ? { ...x, cost: v } : x)))}
                    min={0}
                    decimalScale={2}
                    thousandSeparator="."
                    decimalSeparator=","
                    error={errors[`projects.${i}.costCents`]}
                    required
                    w={180}
                  />
                </Group>
                <Textarea
                  label={t('participation.staff.projectDescriptionN', { n: i + 1 })}
                  value={p.description}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setProjects((ps) => ps.map((x) => (x.key === p.key ? { ...x, description: v } : x)));
                  }}
                  autosize
                  minRows={1}
                  mt="xs"
                />
                <Button
                  size="compact-sm"
                  variant="subtle"
                  c="red.9"
                  mt="xs"
                  w="fit-content"
                  onClick={() => setProjects((ps) => ps.filter((x) => x.key !== p.key))}
                >
                  {t('participation.staff.removeProjectN', { n: i + 1 })}
                </Button>
              </Card>
            ))}
          </Stack>
          <Button variant="outline" w="fit-content" onClick={() => setProjects((ps) => [...ps, blankProject()])}>
            {t('participation.staff.addProject')}
          </Button>
          <Checkbox label={t('participation.staff.publishNow')} checked={publish} onChange={(e) => setPublish(e.currentTarget.checked)} />
          {!onlyFields(
            create.error,
            (f) =>
              ['title', 'description', 'totalCents', 'maxProjects', 'minSharePercent', 'closesAt'].includes(f) ||
              /^projects\.\d+\.(title|costCents)$/.test(f),
          ) && <ActionError error={create.error} />}
          {create.isSuccess && (
            <Alert color="green" variant="light" role="status" c="dark.8">
              {t('participation.staff.budgetCreated')}
            </Alert>
          )}
          <Button type="submit" w="fit-content" loading={create.isPending}>
            {t('participation.staff.createBudget')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/** Staff: participatory budgets (drafts too), opening and closing voting, and a new one. */
export function StaffBudgetsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['participation', 'budgets', 'staff'], queryFn: listBudgets });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['participation', 'budgets'] });
  return (
    <Stack>
      <StaffTabs />
      <Title order={1} size="h2">
        {t('participation.staff.budgetsTitle')}
      </Title>
      <LifecycleList
        label={t('participation.staff.budgetsTitle')}
        query={list}
        empty={t('participation.staff.noneYet')}
        name={(b) => b.title}
        columns={{
          before: [
            {
              header: t('participation.staff.title'),
              cell: (b) => (
                <Anchor underline="always" component={Link} to={`/staff/participation/budgets/${b.id}`}>
                  {b.title}
                </Anchor>
              ),
            },
          ],
          after: [
            { header: t('participation.staff.totalAmount'), cell: (b) => euro(b.totalCents) },
            { header: t('participation.staff.closesAt'), cell: (b) => formatDateTime(b.closesAt) },
            { header: t('participation.staff.ballots'), cell: (b) => b.ballotCount },
          ],
        }}
        state={{ header: t('participation.staff.state'), of: (b) => b.status, badge: (s) => statusBadge(t, s) }}
      />
      <NewBudget onCreated={refresh} />
    </Stack>
  );
}

function ProjectRow({ p, editable, onSaved }: { p: Project; editable: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const [edit, setEdit] = useState(false);
  const [title, setTitle] = useState(p.title);
  const [description, setDescription] = useState(p.description);
  const [cost, setCost] = useState<number | string>(p.costCents / 100);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/participation/projects/{id}', {
          params: { path: { id: p.id } },
          body: { title: title.trim(), description: description.trim(), costCents: cost === '' ? 0 : cents(cost) },
        }),
      ),
    onSuccess: () => {
      setEdit(false);
      onSaved();
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/participation/projects/{id}', { params: { path: { id: p.id } } })),
    onSuccess: onSaved,
  });
  const errors = fieldErrors(save.error);
  return (
    <Card withBorder component="li">
      {!edit ? (
        <Group justify="space-between" align="start">
          <div>
            <Text fw={700}>{p.title}</Text>
            {p.description && <Text size="sm">{p.description}</Text>}
          </div>
          <Group gap="xs">
            <Text fw={600}>{euro(p.costCents)}</Text>
            {editable && (
              <>
                <Button
                  size="compact-sm"
                  variant="light"
                  onClick={() => setEdit(true)}
                  aria-label={`${t('participation.staff.edit')}: ${p.title}`}
                >
                  {t('participation.staff.edit')}
                </Button>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  c="red.9"
                  onClick={() => remove.mutate()}
                  aria-label={`${t('participation.staff.remove')}: ${p.title}`}
                >
                  {t('participation.staff.remove')}
                </Button>
              </>
            )}
          </Group>
        </Group>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Stack gap="xs">
            <Group align="start">
              <TextInput
                label={t('participation.staff.projectTitle')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                error={errors.title}
                required
                style={{ flex: 1, minWidth: 220 }}
              />
              <NumberInput
                label={t('participation.staff.projectCost')}
                value={cost}
                onChange={setCost}
                min={0}
                decimalScale={2}
                thousandSeparator="."
                decimalSeparator=","
                error={errors.costCents}
                required
                w={180}
              />
            </Group>
            <Textarea
              label={t('participation.staff.projectDescription')}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              autosize
              minRows={1}
            />
            <Group>
              <Button type="submit" size="compact-md" loading={save.isPending}>
                {t('participation.staff.saveAnswer')}
              </Button>
              <Button size="compact-md" variant="subtle" onClick={() => setEdit(false)}>
                {t('participation.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {!onlyFields(save.error, (f) => ['title', 'costCents'].includes(f)) && <ActionError error={save.error} />}
      <ActionError error={remove.error} />
    </Card>
  );
}

function AddProject({ budgetId, onSaved }: { budgetId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [cost, setCost] = useState<number | string>('');
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/participation/budgets/{id}/projects', {
          params: { path: { id: budgetId } },
          body: { title: title.trim(), description: description.trim() || undefined, costCents: cost === '' ? 0 : cents(cost) },
        }),
      ),
    onSuccess: () => {
      setTitle('');
      setDescription('');
      setCost('');
      onSaved();
    },
  });
  const errors = fieldErrors(add.error);
  return (
    <Card withBorder component="section" aria-labelledby="add-project">
      <Title order={3} size="h5" id="add-project" mb="xs">
        {t('participation.staff.addProject')}
      </Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <Stack gap="xs">
          <Group align="start">
            <TextInput
              label={t('participation.staff.projectTitle')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={errors.title}
              required
              style={{ flex: 1, minWidth: 220 }}
            />
            <NumberInput
              label={t('participation.staff.projectCost')}
              value={cost}
              onChange={setCost}
              min={0}
              decimalScale={2}
              thousandSeparator="."
              decimalSeparator=","
              error={errors.costCents}
              required
              w={180}
            />
          </Group>
          <Textarea
            label={t('participation.staff.projectDescription')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
            minRows={1}
          />
          {!onlyFields(add.error, (f) => ['title', 'costCents'].includes(f)) && <ActionError error={add.error} />}
          <Button type="submit" w="fit-content" loading={add.isPending}>
            {t('participation.staff.addProject')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

const PSTATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
const MSTATUSES = ['pending', 'in_progress', 'done'] as const;
type MilestoneDraft = {
  key: string;
  id?: string;
  title: string;
  status: (typeof MSTATUSES)[number];
  percent: number;
  dueDate: string;
};

/** Accountability for one project: status, percent, milestones and a dated update. */
function Accountability({ p, onSaved }: { p: Project; onSaved: () => void }) {
  const { t } = useTranslation();
  const ids = useId();
  const progress = useQuery({ queryKey: ['participation', 'progress', p.id], queryFn: () => projectProgress(p.id) });
  const [status, setStatus] = useState<Project['progressStatus']>(p.progressStatus);
  const [percent, setPercent] = useState<number | string>(p.progressPercent);
  const [update, setUpdate] = useState('');
  const [ms, setMs] = useState<MilestoneDraft[] | null>(null);
  const milestones: MilestoneDraft[] =
    ms ??
    (progress.data?.milestones ?? []).map((m) => ({
      key: m.id,
      id: m.id,
      title: m.title,
      status: m.status as MilestoneDraft['status'],
      percent: m.percent,
      dueDate: m.dueDate ?? '',
    }));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/participation/projects/{id}/progress', {
          params: { path: { id: p.id } },
          body: {
            status,
            percent: Number(percent) || 0,
            ...(update.trim() ? { update: update.trim() } : {}),
            milestones: milestones.map((m) => ({
              ...(m.id ? { id: m.id } : {}),
              title: m.title.trim(),
              status: m.status,
              percent: m.percent,
              ...(m.dueDate ? { dueDate: m.dueDate } : {}),
            })),
          },
        }),
      ),
    onSuccess: () => {
      setUpdate('');
      setMs(null);
      void progress.refetch();
      onSaved();
    },
  });
  const errors = fieldErrors(save.error);
  const setM = (key: string, change: Partial<MilestoneDraft>) => setMs(milestones.map((m) => (m.key === key ? { ...m, ...change } : m)));
  return (
    <Card withBorder component="li" aria-labelledby={`${ids}-h`}>
      <Group justify="space-between">
        <Title order={3} size="h5" id={`${ids}-h`}>
          {p.title}
        </Title>
        <Text>{euro(p.costCents)}</Text>
      </Group>
      <Text size="sm">
        {t(`participation.progress.${p.progressStatus}`)} · {formatNumber(p.progressPercent / 100, { style: 'percent' })}
      </Text>
      <Progress value={p.progressPercent} mt={4} aria-hidden />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="xs" mt="sm">
          <Group align="start">
            <NativeSelect
              label={t('participation.staff.progressStatus')}
              value={status}
              onChange={(e) => setStatus(e.currentTarget.value as Project['progressStatus'])}
              data={PSTATUSES.map((s) => ({ value: s, label: t(`participation.progress.${s}`) }))}
            />
            <NumberInput
              label={t('participation.staff.percent')}
              value={percent}
              min={0}
              max={100}
              allowDecimal={false}
              onChange={setPercent}
              error={errors.percent}
              w={120}
            />
          </Group>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend>
              <Text fw={600} size="sm">
                {t('participation.staff.milestones')}
              </Text>
            </legend>
            <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {milestones.map((m, i) => (
                <Group component="li" key={m.key} align="start" wrap="wrap">
                  <TextInput
                    label={t('participation.staff.milestoneTitleN', { n: i + 1 })}
                    value={m.title}
                    onChange={(e) => setM(m.key, { title: e.currentTarget.value })}
                    error={errors[`milestones.${i}.title`]}
                    required
                    style={{ flex: 1, minWidth: 200 }}
                  />
                  <NativeSelect
                    label={t('participation.staff.milestoneStatusN', { n: i + 1 })}
                    value={m.status}
                    onChange={(e) => setM(m.key, { status: e.currentTarget.value as MilestoneDraft['status'] })}
                    data={MSTATUSES.map((s) => ({ value: s, label: t(`participation.milestone.${s}`) }))}
                  />
                  <NumberInput
                    label={t('participation.staff.milestonePercentN', { n: i + 1 })}
                    value={m.percent}
                    min={0}
                    max={100}
                    allowDecimal={false}
                    onChange={(v) => setM(m.key, { percent: Number(v) || 0 })}
                    error={errors[`milestones.${i}.percent`]}
                    w={110}
                  />
                  <TextInput
                    type="date"
                    label={t('participation.staff.milestoneDueN', { n: i + 1 })}
                    value={m.dueDate}
                    onChange={(e) => setM(m.key, { dueDate: e.currentTarget.value })}
                    error={errors[`milestones.${i}.dueDate`]}
                  />
                  <Button
                    mt={24}
                    size="compact-sm"
                    variant="subtle"
                    c="red.9"
                    onClick={() => setMs(milestones.filter((x) => x.key !== m.key))}
                  >
                    {t('participation.staff.removeMilestoneN', { n: i + 1 })}
                  </Button>
                </Group>
              ))}
            </Stack>
            <Button
              size="compact-sm"
              variant="outline"
              mt="xs"
              onClick={() =>
                setMs([
                  ...milestones,
                  { key: `new-${Date.now()}-${milestones.length}`, title: '', status: 'pending', percent: 0, dueDate: '' },
                ])
              }
              aria-label={`${t('participation.staff.addMilestone')}: ${p.title}`}
            >
              {t('participation.staff.addMilestone')}
            </Button>
          </fieldset>
          <Textarea
            label={t('participation.staff.update')}
            value={update}
            onChange={(e) => setUpdate(e.currentTarget.value)}
            error={errors.update}
            autosize
            minRows={1}
          />
          {!onlyFields(save.error, (f) => f === 'percent' || f === 'update' || f.startsWith('milestones.')) && (
            <ActionError error={save.error} />
          )}
          {save.isSuccess && (
            <Text size="sm" role="status">
              {t('participation.staff.saved')}
            </Text>
          )}
          <Button
            type="submit"
            w="fit-content"
            loading={save.isPending}
            aria-label={`${t('participation.staff.saveProgress')}: ${p.title}`}
          >
            {t('participation.staff.saveProgress')}
          </Button>
        </Stack>
      </form>
      {progress.data && progress.data.updates.length > 0 && (
        <section aria-label={`${t('participation.staff.updates')}: ${p.title}`}>
          <Text fw={600} size="sm" mt="sm">
            {t('participation.staff.updates')}
          </Text>
          <ul style={{ margin: 0 }}>
            {progress.data.updates.map((u) => (
              <li key={u.id}>
                <Text size="sm">
                  {formatDate(u.createdAt)}
                  {u.percent != null ? ` (${u.percent}%)` : ''}: {u.body}
                </Text>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Card>
  );
}

/** Staff: one budget — its projects (add, edit), voting open/close, results and the winners' progress. */
export function StaffBudgetPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const qc = useQueryClient();
  const budget = useQuery({ queryKey: ['participation', 'budget', id, 'staff'], queryFn: () => getBudget(id) });
  const results = useQuery({ queryKey: ['participation', 'budget-results', id, 'staff'], queryFn: () => budgetResults(id) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['participation'] });
  const state = useMutation({
    mutationFn: (status: 'open' | 'closed') =>
      unwrap(api.POST('/api/participation/budgets/{id}/state', { params: { path: { id } }, body: { status } })),
    onSuccess: refresh,
  });
  if (budget.isPending) return <Loader aria-label={t('app.loading')} />;
  if (!budget.data) return <ErrorState error={budget.error} onRetry={() => void budget.refetch()} />;
  const b = budget.data;
  const editable = b.status !== 'closed' && b.ballotCount === 0;
  const winners = new Set(results.data?.projects.filter((p) => p.winner).map((p) => p.projectId) ?? []);
  const followed = b.status === 'closed' ? b.projects.filter((p) => winners.has(p.id)) : [];
  return (
    <Stack>
      <StaffTabs />
      <Title order={1} size="h2">
        {t('participation.staff.budgetOf', { title: b.title })}
      </Title>
      <Group>
        {statusBadge(t, b.status)}
        <Text size="sm">{t('participation.budgetTotal', { amount: euro(b.totalCents) })}</Text>
        <Text size="sm">
          {b.mode === 'budget' ? t('participation.staff.modes.budget') : t('participation.modeApprove', { count: b.maxProjects ?? 0 })}
        </Text>
        {b.minSharePercent ? <Text size="sm">{t('participation.minShareNote', { percent: b.minSharePercent })}</Text> : null}
        <Text size="sm">{t('participation.staff.closesAtValue', { date: formatDateTime(b.closesAt) })}</Text>
        <Text size="sm">{t(`participation.verification.${b.verification}`)}</Text>
      </Group>
      <Group>
        {b.status !== 'open' && (
          <Button onClick={() => state.mutate('open')} disabled={b.projects.length === 0}>
            {t('participation.staff.openVoting')}
          </Button>
        )}
        {b.status === 'open' && (
          <Button variant="outline" onClick={() => state.mutate('closed')}>
            {t('participation.staff.closeVoting')}
          </Button>
        )}
        {b.status !== 'draft' && (
          <Anchor underline="always" component={Link} to={`/participation/budgets/${b.id}`}>
            {t('participation.staff.publicPage')}
          </Anchor>
        )}
      </Group>
      <ActionError error={state.error} />

      <section aria-labelledby="budget-projects">
        <Title order={2} size="h4" id="budget-projects" mb="xs">
          {t('participation.projects')}
        </Title>
        {!editable && (
          <Text size="sm" mb="xs">
            {t('participation.staff.projectsLocked')}
          </Text>
        )}
        <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {b.projects.map((p) => (
            <ProjectRow key={`${p.id}-${p.costCents}-${p.title}`} p={p} editable={editable} onSaved={refresh} />
          ))}
        </Stack>
        {editable && (
          <div style={{ marginTop: 12 }}>
            <AddProject budgetId={b.id} onSaved={refresh} />
          </div>
        )}
      </section>

      {results.data && (
        <section aria-labelledby="budget-results">
          <Title order={2} size="h4" id="budget-results" mb="xs">
            {t('participation.results')}
          </Title>
          <Text size="sm" mb="sm">
            {t('participation.ballots', { count: results.data.ballots })} ·{' '}
            {t('participation.allocated', { amount: euro(results.data.allocatedCents) })}
          </Text>
          <Bars
            caption={t('participation.staff.votesPerProject')}
            rows={results.data.projects.map((p) => ({ label: p.title, count: p.votes, percent: p.percent }))}
          />
          <ScrollTable label={t('participation.results')} minWidth={480}>
            <Table mt="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('participation.project')}</Table.Th>
                  <Table.Th>{t('participation.cost')}</Table.Th>
                  <Table.Th>{t('participation.votes')}</Table.Th>
                  <Table.Th>{t('participation.winner')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {results.data.projects.map((p) => (
                  <Table.Tr key={p.projectId}>
                    <Table.Td>{p.rank}</Table.Td>
                    <Table.Td>{p.title}</Table.Td>
                    <Table.Td>{euro(p.costCents)}</Table.Td>
                    <Table.Td>
                      {p.votes} ({formatNumber(p.percent / 100, { style: 'percent', maximumFractionDigits: 1 })})
                    </Table.Td>
                    <Table.Td>{p.winner ? t('participation.yes') : t('participation.no')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </section>
      )}

      <section aria-labelledby="budget-accountability">
        <Title order={2} size="h4" id="budget-accountability" mb="xs">
          {t('participation.staff.accountability')}
        </Title>
        {b.status !== 'closed' ? (
          <Text size="sm">{t('participation.staff.accountabilityAfterClose')}</Text>
        ) : followed.length === 0 ? (
          <Text size="sm">{t('participation.staff.noWinners')}</Text>
        ) : (
          <Stack component="ul" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {followed.map((p) => (
              <Accountability key={p.id} p={p} onSaved={refresh} />
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
