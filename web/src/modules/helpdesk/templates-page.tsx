import { Alert, Button, Card, Group, Modal, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createTemplate, deleteTemplate, listTemplates, type Template, type TemplateBody, updateTemplate } from './api';
import { problem, useLoc, useUnits } from './shared';

const PLACEHOLDERS = '{protocol} {name} {title} {type} {due} {tracking} {unit} {date} {municipality}';

/** Reply templates per unit: list, create, edit, delete. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const loc = useLoc();
  const { byId } = useUnits();
  const q = useQuery({ queryKey: ['helpdesk', 'templates', 'all'], queryFn: () => listTemplates() });
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: deleteTemplate,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['helpdesk', 'templates'] }),
  });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('helpdesk.templates.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('helpdesk.templates.intro', { placeholders: PLACEHOLDERS, interpolation: { escapeValue: false } })}
          </Text>
        </div>
        <Button onClick={() => setEditing('new')}>{t('helpdesk.templates.new')}</Button>
      </Group>
      {q.isError && <Alert color="red">{problem(q.error)}</Alert>}
      {remove.isError && <Alert color="red">{problem(remove.error)}</Alert>}
      {q.data?.length === 0 && <Text>{t('helpdesk.templates.empty')}</Text>}
      {q.data?.map((tpl) => (
        <Card key={tpl.id} withBorder>
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={2} size="h4">
                {tpl.name}
              </Title>
              <Text size="xs" c="dimmed">
                {tpl.unitId ? loc(byId.get(tpl.unitId)?.name) : t('helpdesk.templates.allUnits')}
              </Text>
            </div>
            <Group gap="xs">
              <Button
                size="xs"
                variant="light"
                onClick={() => setEditing(tpl)}
                aria-label={t('helpdesk.templates.edit', { name: tpl.name })}
              >
                ✎
              </Button>
              <Button
                size="xs"
                variant="light"
                color="red"
                aria-label={t('helpdesk.templates.delete', { name: tpl.name })}
                onClick={() => {
                  if (window.confirm(t('helpdesk.templates.confirmDelete', { name: tpl.name }))) remove.mutate(tpl.id);
                }}
              >
                ×
              </Button>
            </Group>
          </Group>
          <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }} lang="el">
            {tpl.bodyEl}
          </Text>
          <Text size="sm" mt="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} lang="en">
            {tpl.bodyEn}
          </Text>
        </Card>
      ))}
      {editing && <TemplateEditor template={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function TemplateEditor({ template, onClose }: { template: Template | null; onClose: () => void }) {
  const { t } = useTranslation();
  const loc = useLoc();
  const qc = useQueryClient();
  const { units } = useUnits();
  const [body, setBody] = useState<TemplateBody>(template ?? { unitId: null, name: '', bodyEl: '', bodyEn: '' });
  const save = useMutation({
    mutationFn: () => (template ? updateTemplate(template.id, body) : createTemplate(body)),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['helpdesk', 'templates'] });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={template ? t('helpdesk.templates.edit', { name: template.name }) : t('helpdesk.templates.new')}
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('helpdesk.templates.name')}
            value={body.name}
            onChange={(e) => setBody({ ...body, name: e.currentTarget.value })}
            required
            data-autofocus
          />
          <Select
            label={t('helpdesk.templates.unit')}
            placeholder={t('helpdesk.templates.allUnits')}
            clearable
            searchable
            value={body.unitId}
            onChange={(v) => setBody({ ...body, unitId: v })}
            data={units.map((u) => ({ value: u.id, label: loc(u.name) }))}
          />
          <Textarea
            label={t('helpdesk.templates.bodyEl')}
            value={body.bodyEl}
            onChange={(e) => setBody({ ...body, bodyEl: e.currentTarget.value })}
            autosize
            minRows={4}
            required
          />
          <Textarea
            label={t('helpdesk.templates.bodyEn')}
            value={body.bodyEn}
            onChange={(e) => setBody({ ...body, bodyEn: e.currentTarget.value })}
            autosize
            minRows={4}
            required
          />
          {save.isError && (
            <Alert color="red" role="alert">
              {problem(save.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('helpdesk.templates.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('helpdesk.templates.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
