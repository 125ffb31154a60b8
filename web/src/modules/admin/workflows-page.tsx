import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../app/api/client';
import { CATEGORY_COLOURS, type DiagramState, type DiagramTransition, WorkflowDiagram } from '../../app/components/workflow-diagram';
import { STAFF_ROLES } from './role-grants';
import { ErrorAlert, fieldErrors, PageTitle, useLoc } from './shared';

type WfState = DiagramState;
interface WfTransition extends DiagramTransition {
  roles: string[];
  citizenVisible: boolean;
  messageEl?: string;
  messageEn?: string;
}

const CATEGORIES = ['new', 'open', 'in_progress', 'waiting_citizen', 'resolved', 'rejected', 'closed'] as const;
const WF_KEY = ['admin', 'workflows'] as const;

type Draft = { nameEl: string; nameEn: string; states: WfState[]; transitions: WfTransition[] };
type Editing = { kind: 'state'; index: number; value: WfState } | { kind: 'transition'; index: number; value: WfTransition };

/** Workflows: a diagram to see them, lists and dialogs to change them; the server checks the result. */
export function WorkflowsPage() {
  const { t } = useTranslation();
  const loc = useLoc();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: WF_KEY, queryFn: () => unwrap(api.GET('/api/workflows')) });
  const [selected, setSelected] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saved, setSaved] = useState(false);
  const [creating, setCreating] = useState<{ key: string; nameEl: string; nameEn: string } | null>(null);
  const wf = list.data?.find((w) => w.id === selected) ?? null;

  useEffect(() => {
    if (!selected && list.data?.[0]) setSelected(list.data[0].id);
  }, [list.data, selected]);
  useEffect(() => {
    if (!wf) return;
    setDraft({
      nameEl: wf.nameEl,
      nameEn: wf.nameEn,
      states: wf.nodes.map((n) => ({
        key: n.key,
        nameEl: n.nameEl,
        nameEn: n.nameEn,
        category: n.category,
        ...(n.initial ? { initial: true } : {}),
      })),
      transitions: wf.edges.map((e) => ({
        key: e.key,
        from: e.from,
        to: e.to,
        nameEl: e.nameEl,
        nameEn: e.nameEn,
        roles: e.roles,
        commentRequired: e.commentRequired,
        citizenVisible: e.citizenVisible,
        ...(e.messageEl ? { messageEl: e.messageEl } : {}),
        ...(e.messageEn ? { messageEn: e.messageEn } : {}),
      })),
    });
  }, [wf]);

  const save = useMutation({
    mutationFn: (d: Draft) =>
      unwrap(
        api.PUT('/api/admin/workflows/{id}', {
          params: { path: { id: selected ?? '' } },
          body: { nameEl: d.nameEl, nameEn: d.nameEn, definition: { states: d.states, transitions: d.transitions } } as never,
        }),
      ),
    onSuccess: async () => {
      setSaved(true);
      await qc.invalidateQueries({ queryKey: WF_KEY });
    },
  });
  // a different workflow: its own, unsaved state
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the choice changes
  useEffect(() => {
    setSaved(false);
    save.reset();
  }, [selected]);
  const create = useMutation({
    mutationFn: (c: { key: string; nameEl: string; nameEn: string }) =>
      unwrap(
        api.POST('/api/admin/workflows', {
          body: {
            ...c,
            definition: {
              states: [{ key: 'submitted', nameEl: 'Υποβλήθηκε', nameEn: 'Submitted', category: 'new', initial: true }],
              transitions: [],
            },
          } as never,
        }),
      ),
    onSuccess: async (w) => {
      setCreating(null);
      await qc.invalidateQueries({ queryKey: WF_KEY });
      setSelected(w.id);
    },
  });

  const errors = fieldErrors(save.error);
  const stateErr = (i: number) => errors[`definition.states.${i}.key`] ?? errors[`definition.states.${i}`];
  const trErr = (i: number) =>
    errors[`definition.transitions.${i}.key`] ?? errors[`definition.transitions.${i}.from`] ?? errors[`definition.transitions.${i}.to`];
  const stateName = (k: string) => {
    const s = draft?.states.find((x) => x.key === k);
    return s ? loc(s.nameEl, s.nameEn) : k;
  };
  const apply = () => {
    if (!draft || !editing) return;
    if (editing.kind === 'state') {
      const prev = draft.states[editing.index];
      const states = [...draft.states];
      let transitions = draft.transitions;
      const v = editing.value;
      if (editing.index === states.length) states.push(v);
      else states[editing.index] = v;
      const others = v.initial ? states.map((s, i) => (i !== editing.index && s.initial ? { ...s, initial: undefined } : s)) : states;
      // a renamed key carries its transitions along
      if (prev && prev.key !== v.key)
        transitions = transitions.map((tr) => ({
          ...tr,
          from: tr.from === prev.key ? v.key : tr.from,
          to: tr.to === prev.key ? v.key : tr.to,
        }));
      setDraft({ ...draft, states: others.map((s) => (s.initial ? s : { ...s, initial: undefined })), transitions });
    } else {
      const transitions = [...draft.transitions];
      if (editing.index === transitions.length) transitions.push(editing.value);
      else transitions[editing.index] = editing.value;
      setDraft({ ...draft, transitions });
    }
    setSaved(false);
    setEditing(null);
  };
  const removeEditing = () => {
    if (!draft || !editing) return;
    if (editing.kind === 'state') {
      const key = draft.states[editing.index]?.key;
      setDraft({
        ...draft,
        states: draft.states.filter((_, i) => i !== editing.index),
        transitions: draft.transitions.filter((tr) => tr.from !== key && tr.to !== key),
      });
    } else setDraft({ ...draft, transitions: draft.transitions.filter((_, i) => i !== editing.index) });
    setSaved(false);
    setEditing(null);
  };
  const openState = (i: number) => draft && setEditing({ kind: 'state', index: i, value: { ...(draft.states[i] as WfState) } });
  const openTransition = (i: number) =>
    draft && setEditing({ kind: 'transition', index: i, value: { ...(draft.transitions[i] as WfTransition) } });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <PageTitle>{t('admin.workflows.title')}</PageTitle>
        <Group align="flex-end">
          <Select
            label={t('admin.workflows.pick')}
            allowDeselect={false}
            value={selected}
            onChange={setSelected}
            data={(list.data ?? []).map((w) => ({ value: w.id, label: loc(w.nameEl, w.nameEn) }))}
          />
          <Button variant="light" onClick={() => setCreating({ key: '', nameEl: '', nameEn: '' })}>
            {t('admin.workflows.create')}
          </Button>
        </Group>
      </Group>
      <Text c="dimmed">{t('admin.workflows.intro')}</Text>
      <ErrorAlert error={list.error} />
      {draft && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setSaved(false);
            save.mutate(draft);
          }}
        >
          <Stack>
            <Group grow>
              <TextInput
                label={t('admin.nameEl')}
                required
                value={draft.nameEl}
                onChange={(e) => setDraft({ ...draft, nameEl: e.currentTarget.value })}
                error={errors.nameEl}
              />
              <TextInput
                label={t('admin.nameEn')}
                required
                value={draft.nameEn}
                onChange={(e) => setDraft({ ...draft, nameEn: e.currentTarget.value })}
                error={errors.nameEn}
              />
            </Group>
            <WorkflowDiagram states={draft.states} transitions={draft.transitions} onState={openState} onTransition={openTransition} />
            {errors['definition.states'] && (
              <Text c="red.8" role="alert">
                {errors['definition.states']}
              </Text>
            )}
            <ErrorAlert error={save.error} />
            {saved && (
              <Text role="status" c="teal.9" fw={500}>
                {t('admin.workflows.saved')}
              </Text>
            )}
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('admin.workflows.save')}
              </Button>
            </Group>

            <Title order={2} size="h4">
              {t('admin.workflows.states')}
            </Title>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.workflows.state')}</Table.Th>
                  <Table.Th>{t('admin.workflows.key')}</Table.Th>
                  <Table.Th>{t('admin.workflows.category')}</Table.Th>
                  <Table.Th>{t('admin.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {draft.states.map((s, i) => (
                  <Table.Tr key={s.key}>
                    <Table.Td>
                      {loc(s.nameEl, s.nameEn)}
                      {s.initial && (
                        <Badge ml="xs" variant="light" size="sm" c="dark.7">
                          {t('workflowDiagram.initial')}
                        </Badge>
                      )}
                      {stateErr(i) && (
                        <Text c="red.8" size="sm">
                          {stateErr(i)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{s.key}</Table.Td>
                    <Table.Td>
                      <span
                        aria-hidden="true"
                        style={{
                          display: 'inline-block',
                          width: 10,
                          height: 10,
                          borderRadius: 5,
                          background: CATEGORY_COLOURS[s.category],
                          marginInlineEnd: 6,
                        }}
                      />
                      {t(`workflowDiagram.categories.${s.category}`)}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => openState(i)}
                        aria-label={t('workflowDiagram.editStateOf', { name: loc(s.nameEl, s.nameEn) })}
                      >
                        {t('admin.edit')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Button
              variant="light"
              w="fit-content"
              onClick={() =>
                setEditing({
                  kind: 'state',
                  index: draft.states.length,
                  value: { key: '', nameEl: '', nameEn: '', category: 'in_progress' },
                })
              }
            >
              {t('admin.workflows.addState')}
            </Button>

            <Title order={2} size="h4">
              {t('admin.workflows.transitions')}
            </Title>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.workflows.transition')}</Table.Th>
                  <Table.Th>{t('admin.workflows.fromTo')}</Table.Th>
                  <Table.Th>{t('admin.workflows.roles')}</Table.Th>
                  <Table.Th>{t('admin.workflows.commentRequired')}</Table.Th>
                  <Table.Th>{t('admin.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {draft.transitions.map((tr, i) => (
                  <Table.Tr key={tr.key}>
                    <Table.Td>
                      {loc(tr.nameEl, tr.nameEn)}
                      {trErr(i) && (
                        <Text c="red.8" size="sm">
                          {trErr(i)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {stateName(tr.from)} → {stateName(tr.to)}
                    </Table.Td>
                    <Table.Td>
                      {tr.roles.length ? tr.roles.map((r) => t(`admin.roles.${r}`)).join(', ') : t('admin.workflows.anyHandler')}
                    </Table.Td>
                    <Table.Td>{tr.commentRequired ? t('admin.yes') : t('admin.no')}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => openTransition(i)}
                        aria-label={t('workflowDiagram.editTransitionOf', { name: loc(tr.nameEl, tr.nameEn) })}
                      >
                        {t('admin.edit')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Button
              variant="light"
              w="fit-content"
              disabled={!draft.states.length}
              onClick={() =>
                setEditing({
                  kind: 'transition',
                  index: draft.transitions.length,
                  value: {
                    key: '',
                    from: draft.states[0]?.key ?? '',
                    to: draft.states[0]?.key ?? '',
                    nameEl: '',
                    nameEn: '',
                    roles: [],
                    commentRequired: false,
                    citizenVisible: true,
                  },
                })
              }
            >
              {t('admin.workflows.addTransition')}
            </Button>
          </Stack>
        </form>
      )}

      <Modal
        opened={!!editing}
        onClose={() => setEditing(null)}
        size="lg"
        title={editing?.kind === 'state' ? t('admin.workflows.stateDialog') : t('admin.workflows.transitionDialog')}
      >
        {editing && draft && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              apply();
            }}
          >
            <Stack>
              {editing.kind === 'state' ? (
                <StateFields value={editing.value} onChange={(value) => setEditing({ ...editing, value })} />
              ) : (
                <TransitionFields value={editing.value} states={draft.states} onChange={(value) => setEditing({ ...editing, value })} />
              )}
              <Group justify="space-between">
                <Button variant="subtle" color="red" onClick={removeEditing}>
                  {t('admin.remove')}
                </Button>
                <Group>
                  <Button variant="default" onClick={() => setEditing(null)}>
                    {t('admin.cancel')}
                  </Button>
                  <Button type="submit">{t('admin.apply')}</Button>
                </Group>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>

      <Modal opened={!!creating} onClose={() => setCreating(null)} title={t('admin.workflows.create')}>
        {creating && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate(creating);
            }}
          >
            <Stack>
              <TextInput
                label={t('admin.workflows.key')}
                required
                data-autofocus
                value={creating.key}
                onChange={(e) => setCreating({ ...creating, key: e.currentTarget.value })}
                error={fieldErrors(create.error).key}
              />
              <TextInput
                label={t('admin.nameEl')}
                required
                value={creating.nameEl}
                onChange={(e) => setCreating({ ...creating, nameEl: e.currentTarget.value })}
                error={fieldErrors(create.error).nameEl}
              />
              <TextInput
                label={t('admin.nameEn')}
                required
                value={creating.nameEn}
                onChange={(e) => setCreating({ ...creating, nameEn: e.currentTarget.value })}
                error={fieldErrors(create.error).nameEn}
              />
              <ErrorAlert error={create.error} />
              <Group justify="flex-end">
                <Button type="submit" loading={create.isPending}>
                  {t('admin.workflows.createSubmit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Stack>
  );
}

function StateFields({ value, onChange }: { value: WfState; onChange: (v: WfState) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t('admin.nameEl')}
        required
        data-autofocus
        value={value.nameEl}
        onChange={(e) => onChange({ ...value, nameEl: e.currentTarget.value })}
      />
      <TextInput
        label={t('admin.nameEn')}
        required
        value={value.nameEn}
        onChange={(e) => onChange({ ...value, nameEn: e.currentTarget.value })}
      />
      <TextInput
        label={t('admin.workflows.key')}
        description={t('admin.caseTypes.keyHint')}
        required
        value={value.key}
        onChange={(e) => onChange({ ...value, key: e.currentTarget.value })}
      />
      <Radio.Group label={t('admin.workflows.category')} value={value.category} onChange={(category) => onChange({ ...value, category })}>
        <Group mt="xs">
          {CATEGORIES.map((c) => (
            <Radio key={c} value={c} label={t(`workflowDiagram.categories.${c}`)} />
          ))}
        </Group>
      </Radio.Group>
      <Checkbox
        label={t('admin.workflows.initialLabel')}
        checked={!!value.initial}
        onChange={(e) => onChange({ ...value, initial: e.currentTarget.checked || undefined })}
      />
    </>
  );
}

function TransitionFields({ value, states, onChange }: { value: WfTransition; states: WfState[]; onChange: (v: WfTransition) => void }) {
  const { t } = useTranslation();
  const loc = useLoc();
  const stateOptions = states.map((s) => ({ value: s.key, label: loc(s.nameEl, s.nameEn) }));
  return (
    <>
      <TextInput
        label={t('admin.nameEl')}
        required
        data-autofocus
        value={value.nameEl}
        onChange={(e) => onChange({ ...value, nameEl: e.currentTarget.value })}
      />
      <TextInput
        label={t('admin.nameEn')}
        required
        value={value.nameEn}
        onChange={(e) => onChange({ ...value, nameEn: e.currentTarget.value })}
      />
      <TextInput
        label={t('admin.workflows.key')}
        description={t('admin.caseTypes.keyHint')}
        required
        value={value.key}
        onChange={(e) => onChange({ ...value, key: e.currentTarget.value })}
      />
      <Group grow>
        <Select
          label={t('admin.workflows.from')}
          allowDeselect={false}
          value={value.from}
          onChange={(v) => v && onChange({ ...value, from: v })}
          data={stateOptions}
        />
        <Select
          label={t('admin.workflows.to')}
          allowDeselect={false}
          value={value.to}
          onChange={(v) => v && onChange({ ...value, to: v })}
          data={stateOptions}
        />
      </Group>
      <MultiSelect
        searchable
        label={t('admin.workflows.roles')}
        description={t('admin.workflows.rolesHint')}
        value={value.roles}
        onChange={(roles) => onChange({ ...value, roles })}
        data={STAFF_ROLES.map((r) => ({ value: r, label: t(`admin.roles.${r}`) }))}
      />
      <Checkbox
        label={t('admin.workflows.commentRequired')}
        checked={value.commentRequired}
        onChange={(e) => onChange({ ...value, commentRequired: e.currentTarget.checked })}
      />
      <Checkbox
        label={t('admin.workflows.citizenVisible')}
        checked={value.citizenVisible}
        onChange={(e) => onChange({ ...value, citizenVisible: e.currentTarget.checked })}
      />
      <Textarea
        label={t('admin.workflows.messageEl')}
        autosize
        minRows={2}
        disabled={!value.citizenVisible}
        value={value.messageEl ?? ''}
        onChange={(e) => onChange({ ...value, messageEl: e.currentTarget.value || undefined })}
      />
      <Textarea
        label={t('admin.workflows.messageEn')}
        autosize
        minRows={2}
        disabled={!value.citizenVisible}
        value={value.messageEn ?? ''}
        onChange={(e) => onChange({ ...value, messageEn: e.currentTarget.value || undefined })}
      />
    </>
  );
}
