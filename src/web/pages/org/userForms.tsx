// Admin forms for accounts: create/edit a user, and the temporary password shown once.
import { useState } from 'react';
import { Alert, Autocomplete, Button, Code, CopyButton, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isPhone } from '../../lib/viewport';
import { api, unwrap } from '../../api/client';
import { orgKeys, type User } from '../../api/org';
import { GOLONGAN, PANGKAT } from '../../lib/constants';
import { notifySuccess } from '../../lib/errors';
import { fieldErrorsOf, orNull } from '../../lib/forms';

export function UserFormModal({ opened, onClose, user, onCreated }: { opened: boolean; onClose: () => void; user?: User | undefined; onCreated?: (u: User, temporaryPassword: string) => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{user ? t('org.users.edit') : t('org.users.add')}</Text>} size="lg" centered fullScreen={isPhone()}>
      {opened ? <UserForm user={user} onClose={onClose} onCreated={onCreated} /> : null}
    </Modal>
  );
}

function UserForm({ user, onClose, onCreated }: { user?: User | undefined; onClose: () => void; onCreated?: ((u: User, temporaryPassword: string) => void) | undefined }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [v, setV] = useState({
    username: user?.username ?? '',
    name: user?.name ?? '',
    nip: user?.nip ?? '',
    nik: user?.nik ?? '',
    pangkat: user?.pangkat ?? '',
    golongan: user?.golongan ?? '',
    email: user?.email ?? '',
    whatsapp: user?.whatsapp ?? '',
  });
  const set = (k: keyof typeof v, val: string) => setV((s) => ({ ...s, [k]: val }));
  const save = useMutation({
    mutationFn: async () => {
      const body = {
        username: v.username.trim(),
        name: v.name.trim(),
        nip: orNull(v.nip),
        nik: orNull(v.nik),
        pangkat: orNull(v.pangkat),
        golongan: orNull(v.golongan),
        email: orNull(v.email),
        whatsapp: orNull(v.whatsapp),
      };
      if (user) return { user: await unwrap(api.PATCH('/api/v1/org/users/{id}', { params: { path: { id: user.id } }, body: { ...body, version: user.version ?? 1 } })), temporaryPassword: null };
      return unwrap(api.POST('/api/v1/org/users', { body }));
    },
    onSuccess: (res) => {
      void qc.invalidateQueries({ queryKey: orgKeys.all });
      if (res.temporaryPassword) onCreated?.(res.user, res.temporaryPassword);
      else notifySuccess(t('org.saved'));
      onClose();
    },
  });
  const fe = fieldErrorsOf(save.error, { USERNAME_TAKEN: 'username', NIP_TAKEN: 'nip', NIP_INVALID: 'nip', NIK_INVALID: 'nik' });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      noValidate
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput label={t('org.users.name')} description={t('org.users.nameHelp')} required name="name" value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={fe.name} data-autofocus />
          <TextInput label={t('login.username')} description={t('org.users.usernameHelp')} required name="username" autoCapitalize="none" spellCheck={false} value={v.username} onChange={(e) => set('username', e.currentTarget.value)} error={fe.username} />
          <TextInput label="NIP" description={t('org.users.nipHelp')} name="nip" inputMode="numeric" value={v.nip} onChange={(e) => set('nip', e.currentTarget.value)} error={fe.nip} classNames={{ input: 'mono' }} />
          <TextInput label="NIK" description={t('org.users.nikHelp')} name="nik" inputMode="numeric" value={v.nik} onChange={(e) => set('nik', e.currentTarget.value)} error={fe.nik} classNames={{ input: 'mono' }} />
          <Autocomplete label={t('org.users.pangkat')} name="pangkat" data={PANGKAT} value={v.pangkat} onChange={(x) => set('pangkat', x)} error={fe.pangkat} comboboxProps={{ withinPortal: true }} />
          <Autocomplete label={t('org.users.golongan')} name="golongan" data={GOLONGAN} value={v.golongan} onChange={(x) => set('golongan', x)} error={fe.golongan} comboboxProps={{ withinPortal: true }} />
          <TextInput label={t('profile.email')} name="email" type="email" value={v.email} onChange={(e) => set('email', e.currentTarget.value)} error={fe.email} />
          <TextInput label="WhatsApp" description={t('org.users.whatsappHelp')} name="whatsapp" inputMode="tel" value={v.whatsapp} onChange={(e) => set('whatsapp', e.currentTarget.value)} error={fe.whatsapp} />
        </SimpleGrid>
        {!user ? (
          <Text size="sm" c="dimmed">
            {t('org.users.createNote')}
          </Text>
        ) : null}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {user ? t('common.save') : t('org.users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The temporary password, shown once; the user must change it at first sign-in. */
export function TemporaryPasswordModal({ value, onClose }: { value: { username: string; password: string } | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={Boolean(value)} onClose={onClose} title={<Text fw={700}>{t('org.users.tempTitle')}</Text>} centered closeOnClickOutside={false}>
      {value ? (
        <Stack>
          <Alert color="orange" variant="light" icon={<IconKey size={18} />}>
            {t('org.users.tempExplain')}
          </Alert>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('login.username')}
            </Text>
            <Code fz="md" data-testid="temporary-username">
              {value.username}
            </Code>
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('org.users.tempPassword')}
            </Text>
            <Group gap="xs">
              <Code fz="lg" className="mono" data-testid="temporary-password">
                {value.password}
              </Code>
              <CopyButton value={value.password}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}>
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </div>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
