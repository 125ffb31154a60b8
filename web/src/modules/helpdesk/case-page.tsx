import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Image,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WorkflowDiagram } from '../../app/components/workflow-diagram';
import { formatDate, formatDateTime } from '../../app/i18n/format';
import { FormAnswers } from '../forms';
import { type CaseDetail, caseVerb, getCase, getCaseWorkflow, listCasesBy, listTemplates, patchCase, renderTemplate } from './api';
import { CaseMap } from './case-map';
import { LIST_KEY } from './inbox-page';
import { useLiveCases } from './live';
import { CaseMarks, problem, useColleagues, useLoc, useUnits } from './shared';
import { ShortcutsHelp, useShortcuts } from './shortcuts';

type Action = 'reply' | 'note' | 'info' | 'assign' | 'merge' | 'link' | 'reopen' | { transition: string };

const PRINT_CSS = '@media print { nav, header, .no-print, [data-no-print] { display: none !important; } main { padding: 0 !important; } }';

export function CasePage() {
  const { t } = useTranslation();
  const loc = useLoc();
  const { id } = useParams({ from: '/staff/cases/$id' });
  const navigate = useNavigate();
  const { byId: unitById } = useUnits();
  const { byId: staffById } = useColleagues();
  const q = useQuery({ queryKey: ['helpdesk', 'case', id], queryFn: () => getCase(id) });
  const [action, setAction] = useState<Action | null>(null);
  const [help, setHelp] = useState(false);
  useLiveCases();

  const go = (delta: number) => {
    const ids = JSON.parse(sessionStorage.getItem(LIST_KEY) ?? '[]') as string[];
    const at = ids.indexOf(id);
    const next = at >= 0 ? ids[at + delta] : undefined;
    if (next) navigate({ to: '/staff/cases/$id', params: { id: next } });
  };
  useShortcuts({
    r: () => setAction('reply'),
    n: () => setAction('note'),
    a: () => setAction('assign'),
    i: () => setAction('info'),
    j: () => go(1),
    k: () => go(-1),
    p: () => window.print(),
    u: () => navigate({ to: '/staff/inbox' }),
    '?': () => setHelp(true),
  });

  if (q.isPending) return <Text role="status">{t('app.loading')}</Text>;
  if (q.isError)
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('helpdesk.nav.cases')}
        </Title>
        <Alert color="red">{problem(q.error)}</Alert>
      </Stack>
    );
  const c = q.data;
  const closed = ['resolved', 'rejected', 'closed'].includes(c.stateCategory);
  // attachments a form field holds are shown by the name they were uploaded with
  const fileNames = new Map(c.answers.flatMap((a) => (a.files ?? []).map((f) => [f.id, f.name] as const)));
  const files = [
    ...new Set([...c.fileIds, ...c.timeline.flatMap((e) => (Array.isArray(e.data.fileIds) ? (e.data.fileIds as string[]) : []))]),
  ];

  return (
    <Stack>
      <style>{PRINT_CSS}</style>
      <Group justify="space-between" className="no-print">
        <Anchor component={Link} to="/staff/inbox" size="sm">
          ← {t('helpdesk.case.back')}
        </Anchor>
        <Group gap="xs">
          <Button variant="subtle" size="xs" onClick={() => window.print()}>
            {t('helpdesk.case.print')}
          </Button>
          <Button variant="subtle" size="xs" onClick={() => setHelp(true)}>
            {t('helpdesk.case.help')}
          </Button>
        </Group>
      </Group>
      <div>
        <Title order={1} size="h2">
          {c.protocolNumber ?? t('helpdesk.case.pending')} · {c.title}
        </Title>
        <Group gap="xs" mt={4}>
          <Text c="dimmed" size="sm">
            {loc(c.caseType.name)}
          </Text>
          <CaseMarks c={c} />
        </Group>
      </div>

      <Card withBorder padding="sm" className="no-print">
        <Stack gap="xs">
          <Title order={2} size="h5">
            {t('helpdesk.case.actions')}
          </Title>
          <Group gap="xs" wrap="wrap">
            {c.transitions.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('helpdesk.case.noTransitions')}
              </Text>
            )}
            {c.transitions.map((tr) => (
              <Button
                key={tr.key}
                size="sm"
                disabled={!tr.allowed}
                title={tr.allowed ? undefined : t('helpdesk.case.notAllowed')}
                onClick={() => setAction({ transition: tr.key })}
              >
                {loc(tr.name)}
              </Button>
            ))}
          </Group>
          <Group gap="xs" wrap="wrap">
            <Button variant="light" onClick={() => setAction('reply')}>
              {t('helpdesk.case.reply')} <Kb k="r" />
            </Button>
            <Button variant="light" onClick={() => setAction('note')}>
              {t('helpdesk.case.note')} <Kb k="n" />
            </Button>
            <Button variant="light" onClick={() => setAction('info')}>
              {t('helpdesk.case.askInfo')} <Kb k="i" />
            </Button>
            <Button variant="light" onClick={() => setAction('assign')}>
              {t('helpdesk.case.assign')} <Kb k="a" />
            </Button>
            <Button variant="default" onClick={() => setAction('merge')}>
              {t('helpdesk.case.merge')}
            </Button>
            <Button variant="default" onClick={() => setAction('link')}>
              {t('helpdesk.case.link')}
            </Button>
            {closed && (
              <Button variant="default" onClick={() => setAction('reopen')}>
                {t('helpdesk.case.reopen')}
              </Button>
            )}
          </Group>
        </Stack>
      </Card>

      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                {t('helpdesk.case.details')}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <Field label={t('helpdesk.case.protocol')} value={c.protocolNumber ?? t('helpdesk.case.pending')} />
                <Field label={t('helpdesk.case.tracking')} value={c.trackingCode} />
                <Field label={t('helpdesk.case.type')} value={loc(c.caseType.name)} />
                <Field label={t('helpdesk.case.state')} value={loc(c.stateName)} />
                <Field label={t('helpdesk.case.unit')} value={c.unitId ? loc(unitById.get(c.unitId)?.name) : t('helpdesk.case.none')} />
                <Field
                  label={t('helpdesk.case.assignee')}
                  value={c.assigneeId ? (staffById.get(c.assigneeId)?.name ?? '…') : t('helpdesk.inbox.unassigned')}
                />
                <Field label={t('helpdesk.case.channel')} value={t(`helpdesk.channel.${c.channel}`)} />
                <Field label={t('helpdesk.case.submitted')} value={formatDateTime(c.submittedAt)} />
                <Field label={t('helpdesk.case.due')} value={c.dueDate ? formatDate(c.dueDate) : t('helpdesk.case.none')} />
                {c.resolvedAt && <Field label={t('helpdesk.case.resolved')} value={formatDateTime(c.resolvedAt)} />}
                <Field
                  label={t('helpdesk.case.contact')}
                  value={[c.contact.name, c.contact.phone, c.contact.email].filter(Boolean).join(' · ') || t('helpdesk.case.none')}
                />
              </SimpleGrid>
              <MetaEditor c={c} />
              {c.description && (
                <>
                  <Title order={3} size="h5" mt="md">
                    {t('helpdesk.case.description')}
                  </Title>
                  <Text style={{ whiteSpace: 'pre-wrap' }}>{c.description}</Text>
                </>
              )}
              {c.answers.length > 0 && (
                <>
                  <Title order={3} size="h5" mt="md">
                    {t('helpdesk.case.form')}
                  </Title>
                  <FormAnswers answers={c.answers} />
                </>
              )}
              {c.mergedIntoId && (
                <Alert mt="sm" color="gray">
                  {t('helpdesk.case.mergedInto')}:{' '}
                  <Anchor component={Link} to={`/staff/cases/${c.mergedIntoId}`}>
                    {c.mergedIntoId.slice(0, 8)}
                  </Anchor>
                </Alert>
              )}
              {c.links.length > 0 && (
                <>
                  <Title order={3} size="h5" mt="md">
                    {t('helpdesk.case.links')}
                  </Title>
                  <Group gap="xs">
                    {c.links.map((l) => (
                      <Anchor key={l} component={Link} to={`/staff/cases/${l}`}>
                        {l.slice(0, 8)}
                      </Anchor>
                    ))}
                  </Group>
                </>
              )}
            </Card>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                {t('helpdesk.case.attachments')}
              </Title>
              {files.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('helpdesk.case.noAttachments')}
                </Text>
              ) : (
                <Stack>
                  {files.map((f, i) => (
                    <FileView key={f} id={f} n={i + 1} name={fileNames.get(f)} />
                  ))}
                </Stack>
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            {c.location && (
              <Card withBorder>
                <Title order={2} size="h4" mb="sm">
                  {t('helpdesk.case.location')}
                </Title>
                {c.location.address && <Text size="sm">{c.location.address}</Text>}
                <Text size="xs" c="dimmed">
                  {c.location.lat.toFixed(5)}, {c.location.lon.toFixed(5)}
                </Text>
                <CaseMap
                  label={t('helpdesk.case.location')}
                  height={240}
                  points={[{ id: c.id, lat: c.location.lat, lon: c.location.lon, label: c.title }]}
                />
              </Card>
            )}
            <WorkflowCard id={c.id} />
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                {t('helpdesk.case.timeline')}
              </Title>
              <Timeline bulletSize={14} lineWidth={2}>
                {c.timeline.map((e) => (
                  <Timeline.Item
                    key={e.id}
                    title={
                      <Group gap={6}>
                        <Text size="sm" fw={600}>
                          {t(`helpdesk.case.events.${e.kind}`, { defaultValue: e.kind })}
                        </Text>
                        <Badge size="xs" variant="light" color={e.public ? 'blue' : 'gray'} c="dark.8">
                          {e.public ? t('helpdesk.case.public') : t('helpdesk.case.internal')}
                        </Badge>
                      </Group>
                    }
                  >
                    {e.body && (
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {e.body}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {formatDateTime(e.createdAt)}
                      {e.authorUserId ? ` · ${staffById.get(e.authorUserId)?.name ?? ''}` : ''}
                    </Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>

      {action && <ActionModal c={c} action={action} onClose={() => setAction(null)} />}
      <ShortcutsHelp opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}

const Kb = ({ k }: { k: string }) => (
  <Text span size="xs" c="dimmed" ml={6} aria-hidden>
    {k}
  </Text>
);

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

function MetaEditor({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (body: { priority?: CaseDetail['priority']; tags?: string[] }) => patchCase(c.id, body),
    onSuccess: (d) => qc.setQueryData(['helpdesk', 'case', c.id], d),
  });
  return (
    <Group mt="sm" align="flex-end" className="no-print">
      <Select
        label={t('helpdesk.case.priority')}
        value={c.priority}
        allowDeselect={false}
        onChange={(v) => v && save.mutate({ priority: v as CaseDetail['priority'] })}
        data={(['low', 'normal', 'high', 'urgent'] as const).map((p) => ({ value: p, label: t(`helpdesk.priority.${p}`) }))}
        w={160}
      />
      <TagsInput label={t('helpdesk.case.tags')} value={c.tags} onChange={(tags) => save.mutate({ tags })} w={300} />
      {save.isError && <Text c="red.9">{problem(save.error)}</Text>}
    </Group>
  );
}

function FileView({ id, n, name: given }: { id: string; n: number; name?: string }) {
  const { t } = useTranslation();
  const url = `/api/files/${id}`;
  const head = useQuery({
    queryKey: ['helpdesk', 'file', id],
    queryFn: async () => {
      const r = await fetch(url, { method: 'HEAD', credentials: 'same-origin' });
      return r.ok ? (r.headers.get('content-type') ?? '') : '';
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
  const type = head.data ?? '';
  const name = given ?? `${t('helpdesk.case.attachments')} ${n}`;
  return (
    <Stack gap={4}>
      {type.startsWith('image/') && <Image src={url} alt={name} mah={320} fit="contain" radius="sm" />}
      {type === 'application/pdf' && <iframe src={url} title={name} style={{ width: '100%', height: 420, border: '1px solid #ddd' }} />}
      <Anchor href={url} target="_blank" rel="noopener" size="sm">
        {t('helpdesk.case.open')}: {name} {type ? `(${type})` : ''}
      </Anchor>
    </Stack>
  );
}

function WorkflowCard({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const wf = useQuery({ queryKey: ['helpdesk', 'case', id, 'workflow'], queryFn: () => getCaseWorkflow(id) });
  if (!wf.data) return null;
  const name = (x: { nameEl: string; nameEn: string }) => (i18n.language === 'en' ? x.nameEn : x.nameEl);
  const current = wf.data.current;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('helpdesk.case.workflow')}
      </Title>
      <WorkflowDiagram states={wf.data.nodes} transitions={wf.data.edges} current={current} />
      <Group gap={6} wrap="wrap" mt="sm">
        {wf.data.nodes.map((s) => (
          <Badge
            key={s.key}
            variant={s.key === current ? 'filled' : 'outline'}
            c={s.key === current ? undefined : 'dark.8'}
            aria-current={s.key === current ? 'step' : undefined}
          >
            {name(s)}
          </Badge>
        ))}
      </Group>
      <Stack gap={2} mt="xs">
        {wf.data.edges
          .filter((e) => e.source === current)
          .map((e) => {
            const to = wf.data.nodes.find((s) => s.key === e.target);
            return (
              <Text size="xs" key={e.id} c="dimmed">
                {name(e)} → {to ? name(to) : e.target}
              </Text>
            );
          })}
      </Stack>
    </Card>
  );
}

function ActionModal({ c, action, onClose }: { c: CaseDetail; action: Action; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const loc = useLoc();
  const qc = useQueryClient();
  const { units } = useUnits();
  const { colleagues } = useColleagues();
  const [text, setText] = useState('');
  const [lang, setLang] = useState<'el' | 'en'>(i18n.language === 'en' ? 'en' : 'el');
  const [template, setTemplate] = useState<string | null>(null);
  const [assigneeId, setAssigneeId] = useState<string | null>(c.assigneeId);
  const [unitId, setUnitId] = useState<string | null>(c.unitId);
  const [target, setTarget] = useState('');
  const templates = useQuery({
    queryKey: ['helpdesk', 'templates', c.unitId],
    queryFn: () => listTemplates(c.unitId),
    enabled: action === 'reply',
  });
  const transition = typeof action === 'object' ? c.transitions.find((x) => x.key === action.transition) : undefined;

  const resolveTarget = async () => {
    const s = target.trim();
    if (/^[0-9a-f-]{36}$/i.test(s)) return s;
    const params = new URLSearchParams({ q: s, limit: '5' });
    const found = (await listCasesBy(params)).items.find((x) => x.protocolNumber === s);
    if (!found) throw new Error(t('helpdesk.case.targetNotFound'));
    return found.id;
  };

  const run = useMutation({
    mutationFn: async () => {
      if (typeof action === 'object')
        return caseVerb(c.id, 'transition', { transition: action.transition, ...(text ? { comment: text } : {}) });
      switch (action) {
        case 'reply':
          return caseVerb(c.id, 'reply', { body: text, fileIds: [] });
        case 'note':
          return caseVerb(c.id, 'notes', { body: text });
        case 'info':
          return caseVerb(c.id, 'request-info', { message: text });
        case 'assign':
          return caseVerb(c.id, 'assign', { unitId, assigneeId });
        case 'merge':
          return caseVerb(c.id, 'merge', { targetId: await resolveTarget() });
        case 'link':
          return caseVerb(c.id, 'links', { relatedId: await resolveTarget() });
        case 'reopen':
          return caseVerb(c.id, 'reopen', text ? { comment: text } : {});
      }
    },
    onSuccess: (d) => {
      qc.setQueryData(['helpdesk', 'case', c.id], d);
      qc.invalidateQueries({ queryKey: ['helpdesk'] });
      onClose();
    },
  });
  const title =
    typeof action === 'object'
      ? transition
        ? loc(transition.name)
        : action.transition
      : t(
          `helpdesk.case.${{ reply: 'reply', note: 'note', info: 'askInfo', assign: 'assign', merge: 'merge', link: 'link', reopen: 'reopen' }[action]}`,
        );
  const needsText = action === 'reply' || action === 'note' || action === 'info' || (transition?.commentRequired ?? false);
  const hasText = needsText || action === 'reopen' || typeof action === 'object';

  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
      >
        <Stack>
          {action === 'reply' && (
            <Group grow>
              <Select
                label={t('helpdesk.case.template')}
                placeholder={t('helpdesk.case.noTemplate')}
                clearable
                value={template}
                data={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
                onChange={async (v) => {
                  setTemplate(v);
                  if (v) setText((await renderTemplate(v, c.id, lang)).body);
                }}
              />
              <Select
                label={t('helpdesk.case.replyLang')}
                value={lang}
                allowDeselect={false}
                data={[
                  { value: 'el', label: 'Ελληνικά' },
                  { value: 'en', label: 'English' },
                ]}
                onChange={async (v) => {
                  const l = (v ?? 'el') as 'el' | 'en';
                  setLang(l);
                  if (template) setText((await renderTemplate(template, c.id, l)).body);
                }}
              />
            </Group>
          )}
          {action === 'assign' && (
            <>
              <Select
                label={t('helpdesk.bulk.unit')}
                searchable
                clearable
                value={unitId}
                onChange={setUnitId}
                data={units.map((u) => ({ value: u.id, label: loc(u.name) }))}
              />
              <Select
                label={t('helpdesk.bulk.assignee')}
                searchable
                clearable
                value={assigneeId}
                onChange={setAssigneeId}
                data={colleagues.map((x) => ({ value: x.id, label: x.name }))}
                data-autofocus
              />
            </>
          )}
          {(action === 'merge' || action === 'link') && (
            <TextInput
              label={t('helpdesk.case.targetCase')}
              value={target}
              onChange={(e) => setTarget(e.currentTarget.value)}
              required
              data-autofocus
            />
          )}
          {hasText && (
            <Textarea
              label={action === 'reply' || action === 'note' || action === 'info' ? t('helpdesk.case.message') : t('helpdesk.case.comment')}
              description={transition?.commentRequired ? t('helpdesk.case.commentRequired') : undefined}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              required={needsText}
              autosize
              minRows={4}
              data-autofocus
            />
          )}
          {run.isError && (
            <Alert color="red" role="alert">
              {run.error instanceof Error && !('status' in run.error) ? run.error.message : problem(run.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('helpdesk.inbox.cancel')}
            </Button>
            <Button type="submit" loading={run.isPending}>
              {t('helpdesk.case.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
