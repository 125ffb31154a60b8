import './i18n';
import { ActionIcon, Alert, Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/i18n';
import { codeOf, createSchool, fieldErrorsOf, LEVELS, type Level, type School, updateSchool } from './api';

type Contact = { name: string; role: string; phone: string };

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/** Add a school, or edit one (`school` given). Server errors show at their field. */
export function SchoolForm({ school, onDone }: { school?: School; onDone: (s?: School) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(school?.name ?? '');
  const [level, setLevel] = useState<Level>(school?.level ?? 'primary');
  const [code, setCode] = useState(school?.code ?? '');
  const [address, setAddress] = useState(school?.address ?? '');
  const [lat, setLat] = useState(school?.location ? String(school.location.lat) : '');
  const [lon, setLon] = useState(school?.location ? String(school.location.lon) : '');
  const [principalName, setPrincipalName] = useState(school?.principalName ?? '');
  const [phone, setPhone] = useState(school?.phone ?? '');
  const [email, setEmail] = useState(school?.email ?? '');
  const [notes, setNotes] = useState(school?.notes ?? '');
  const [active, setActive] = useState(school?.active ?? true);
  const [contacts, setContacts] = useState<Contact[]>(
    (school?.contacts ?? []).map((c) => ({ name: c.name, role: c.role ?? '', phone: c.phone ?? '' })),
  );

  const save = useMutation({
    mutationFn: async () => {
      const location = lat.trim() && lon.trim() ? { lat: Number(lat.replace(',', '.')), lon: Number(lon.replace(',', '.')) } : null;
      const body = {
        name: name.trim(),
        level,
        code: orNull(code),
        address: orNull(address),
        location,
        principalName: orNull(principalName),
        phone: orNull(phone),
        email: orNull(email),
        notes: orNull(notes),
        contacts: contacts.filter((c) => c.name.trim()).map((c) => ({ name: c.name.trim(), role: orNull(c.role), phone: orNull(c.phone) })),
      };
      return school ? updateSchool(school.id, { ...body, active }) : createSchool({ ...body, active: true });
    },
    onSuccess: (s) => onDone(s),
  });
  const errors = fieldErrorsOf(save.error);
  const err = (f: string) => errors[f];

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack maw={720}>
        <TextInput
          label={t('schools.form.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          error={err('name')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('schools.form.level')}
            value={level}
            onChange={(e) => setLevel(e.currentTarget.value as Level)}
            data={LEVELS.map((l) => ({ value: l, label: t(`schools.levels.${l}`) }))}
            error={err('level')}
          />
          <TextInput label={t('schools.form.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} error={err('code')} />
        </SimpleGrid>
        <TextInput
          label={t('schools.form.address')}
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          error={err('address')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('schools.form.lat')}
            inputMode="decimal"
            value={lat}
            onChange={(e) => setLat(e.currentTarget.value)}
            error={err('location.lat') ?? err('location')}
          />
          <TextInput
            label={t('schools.form.lon')}
            inputMode="decimal"
            value={lon}
            onChange={(e) => setLon(e.currentTarget.value)}
            error={err('location.lon')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('schools.form.principalName')}
            value={principalName}
            onChange={(e) => setPrincipalName(e.currentTarget.value)}
            error={err('principalName')}
          />
          <TextInput
            label={t('schools.form.phone')}
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={err('phone')}
          />
          <TextInput
            label={t('schools.form.email')}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={err('email')}
          />
        </SimpleGrid>
        <Fieldset legend={t('schools.form.contacts')}>
          <Stack gap="xs">
            {contacts.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
              <Group key={i} align="flex-end" wrap="nowrap">
                <TextInput
                  label={t('schools.form.contactName')}
                  value={c.name}
                  onChange={(e) => setContacts(contacts.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)))}
                  style={{ flex: 2 }}
                />
                <TextInput
                  label={t('schools.form.contactRole')}
                  value={c.role}
                  onChange={(e) => setContacts(contacts.map((x, j) => (j === i ? { ...x, role: e.currentTarget.value } : x)))}
                  style={{ flex: 1 }}
                />
                <TextInput
                  label={t('schools.form.phone')}
                  type="tel"
                  value={c.phone}
                  onChange={(e) => setContacts(contacts.map((x, j) => (j === i ? { ...x, phone: e.currentTarget.value } : x)))}
                  style={{ flex: 1 }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t('schools.form.removeContact', { name: c.name || i + 1 })}
                  onClick={() => setContacts(contacts.filter((_, j) => j !== i))}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button variant="subtle" size="compact-sm" onClick={() => setContacts([...contacts, { name: '', role: '', phone: '' }])}>
                {t('schools.form.addContact')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <Textarea label={t('schools.form.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} />
        {school && <Checkbox label={t('schools.form.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />}
        {save.isError && !Object.keys(errors).length && (
          <Alert color="red" role="alert">
            {errorMessage(codeOf(save.error))}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('schools.form.save')}
          </Button>
          <Button variant="default" onClick={() => onDone()}>
            {t('schools.form.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
