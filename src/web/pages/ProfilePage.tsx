// Profil: identity, positions and roles, language, notices, password, 2FA, active sessions.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Avatar, Badge, Button, Card, Group, Modal, PasswordInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDevices, IconKey, IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate } from 'react-router-dom';
import { api, ApiError, unwrap, type Me } from '../api/client';
import { meQueryKey } from '../api/queryClient';
import { useSignedInUser } from '../auth/session';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { NotificationPreferencesCard } from '../components/NotificationPreferencesCard';
import { RecoveryCodes } from '../components/RecoveryCodes';
import { SignatureCard } from '../components/SignatureCard';
import { TotpEnrolment } from '../components/TotpEnrolment';
import { LogoutAllModal } from '../layout/AppLayout';
import { describeError, notifySuccess } from '../lib/errors';
import { describeUserAgent, formatDate, formatDateTime, formatNip, initials, positionTitle } from '../lib/format';

export function ProfilePage() {
  return (
    <Routes>
      <Route index element={<ProfileOverview />} />
      <Route path="2fa" element={<EnrolFromProfile />} />
    </Routes>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <Text size="sm">{children || '–'}</Text>
    </div>
  );
}

function ProfileOverview() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const u = me.user;
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('profile.title')}
      </Title>

      <Card>
        <Group gap="md" align="flex-start" wrap="nowrap">
          <Avatar color="pemda" radius="xl" size={56}>
            {initials(u.name)}
          </Avatar>
          <Stack gap="sm" style={{ flex: 1, minWidth: 0 }}>
            <div>
              <Text fw={700} size="lg" data-testid="profile-name">
                {u.name}
              </Text>
              <Text size="sm" c="dimmed">
                {u.username}
              </Text>
            </div>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
              <Field label="NIP">
                <span className="mono" data-testid="profile-nip">
                  {formatNip(u.nip)}
                </span>
              </Field>
              <Field label={t('profile.rank')}>{[u.pangkat, u.golongan].filter(Boolean).join(', ')}</Field>
              <Field label="NIK">
                <span className="mono">{u.nik}</span>
              </Field>
              <Field label={t('profile.email')}>{u.email}</Field>
              <Field label="WhatsApp">{u.whatsapp}</Field>
            </SimpleGrid>
          </Stack>
        </Group>
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card>
          <Title order={2} size="h4" mb="sm">
            {t('profile.positions')}
          </Title>
          {me.positions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('dashboard.noPosition')}
            </Text>
          ) : (
            <Stack gap="sm">
              {me.positions.map((p) => (
                <div key={`${p.positionId}-${p.kind}`}>
                  <Group gap={6}>
                    <Text fw={600} size="sm">
                      {positionTitle(p.kind, p.positionName)}
                    </Text>
                    <Badge size="xs" variant="light" color={p.kind === 'definitif' ? 'gray' : 'orange'}>
                      {t(`holderKind.${p.kind}`)}
                    </Badge>
                  </Group>
                  <Text size="sm" c="dimmed">
                    {p.unitName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {p.endsOn ? t('org.period', { from: formatDate(p.startsOn), to: formatDate(p.endsOn) }) : t('org.since', { from: formatDate(p.startsOn) })}
                  </Text>
                </div>
              ))}
            </Stack>
          )}
          <Title order={2} size="h4" mt="lg" mb="sm">
            {t('profile.roles')}
          </Title>
          <Stack gap={6} data-testid="my-roles">
            {me.roles.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('profile.noRoles')}
              </Text>
            ) : (
              me.roles.map((r) => (
                <Group key={`${r.role}-${r.unitId ?? 'all'}`} gap={8} wrap="nowrap" align="baseline">
                  <Badge variant="light" radius="sm" tt="none" fw={600} style={{ flexShrink: 0 }}>
                    {t(`roles.${r.role}`)}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    {r.unitName ?? t('org.wholeInstance')}
                  </Text>
                </Group>
              ))
            )}
          </Stack>
        </Card>

        <Stack gap="lg">
          <Card>
            <Group justify="space-between" wrap="nowrap">
              <div>
                <Title order={2} size="h4">
                  {t('language.label')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('profile.languageHelp')}
                </Text>
              </div>
              <LanguageSwitch size="sm" />
            </Group>
          </Card>
          <TwoFactorCard me={me} />
          {me.roles.some((r) => r.role === 'signer') ? <SignatureCard /> : null}
        </Stack>
      </SimpleGrid>

      <NotificationPreferencesCard />
      <PasswordCard me={me} />
      <SessionsCard />
    </Stack>
  );
}

function PasswordCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  return (
    <Card>
      <Group justify="space-between">
        <div>
          <Title order={2} size="h4">
            {t('password.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('password.profileHelp')}
          </Text>
        </div>
        {!open ? (
          <Button variant="light" leftSection={<IconKey size={18} />} onClick={() => setOpen(true)}>
            {t('password.title')}
          </Button>
        ) : null}
      </Group>
      {open ? (
        <Stack mt="md" maw={480}>
          <ChangePasswordForm
            username={me.user.username}
            onDone={() => {
              setOpen(false);
              notifySuccess(t('password.changedOthersEnded'));
              void qc.invalidateQueries({ queryKey: ['me', 'sessions'] });
            }}
          />
          <Button variant="subtle" onClick={() => setOpen(false)} w="fit-content">
            {t('common.cancel')}
          </Button>
        </Stack>
      ) : null}
    </Card>
  );
}

function TwoFactorCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [disableOpen, setDisableOpen] = useState(false);
  const [renewOpen, setRenewOpen] = useState(false);
  const enabled = me.user.totpEnabled;
  return (
    <Card>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={2} size="h4">
            {t('totp.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('totp.profileHelp')}
          </Text>
        </div>
        <Badge color={enabled ? 'teal' : 'gray'} variant="light" size="lg" data-testid="totp-status" style={{ flexShrink: 0 }}>
          {enabled ? t('totp.statusOn') : t('totp.statusOff')}
        </Badge>
      </Group>
      {enabled ? (
        <Text size="sm" mt="sm">
          {t('totp.codesLeft', { count: me.user.recoveryCodesLeft })}
        </Text>
      ) : null}
      {me.mfaRequired ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t('totp.requiredByPolicy')}
        </Text>
      ) : null}
      <Group mt="md" gap="sm">
        {!enabled ? (
          <Button leftSection={<IconShieldCheck size={18} />} onClick={() => void navigate('/profil/2fa')}>
            {t('totp.enable')}
          </Button>
        ) : (
          <>
            <Button variant="light" onClick={() => setRenewOpen(true)}>
              {t('totp.renewCodes')}
            </Button>
            {!me.mfaRequired ? (
              <Button variant="subtle" color="red" leftSection={<IconShieldOff size={18} />} onClick={() => setDisableOpen(true)}>
                {t('totp.disable')}
              </Button>
            ) : null}
          </>
        )}
      </Group>
      <DisableTotpModal opened={disableOpen} onClose={() => setDisableOpen(false)} />
      <RenewCodesModal me={me} opened={renewOpen} onClose={() => setRenewOpen(false)} />
    </Card>
  );
}

function DisableTotpModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const disable = useMutation({
    meta: { inlineErrors: true },
    mutationFn: () => unwrap(api.POST('/api/v1/auth/totp/disable', { body: { password, code: code.replace(/\s+/g, '') } })),
    onSuccess: () => {
      notifySuccess(t('totp.disabled'));
      setPassword('');
      setCode('');
      onClose();
      void qc.invalidateQueries({ queryKey: meQueryKey });
    },
  });
  const err = disable.error instanceof ApiError ? disable.error : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    disable.mutate();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('totp.disable')} centered>
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm">{t('totp.disableExplain')}</Text>
          <PasswordInput label={t('password.current')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={err?.code === 'PASSWORD_WRONG' ? err.message : undefined} />
          <TextInput label={t('login.totpCode')} inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.currentTarget.value)} error={err?.code === 'TOTP_INVALID' ? err.message : undefined} />
          {err && err.code !== 'PASSWORD_WRONG' && err.code !== 'TOTP_INVALID' ? (
            <Alert color="red" role="alert">
              {describeError(err)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={disable.isPending}>
              {t('totp.disable')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RenewCodesModal({ me, opened, onClose }: { me: Me; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [code, setCode] = useState('');
  const renew = useMutation({
    meta: { inlineErrors: true },
    mutationFn: () => unwrap(api.POST('/api/v1/auth/recovery-codes', { body: { code: code.replace(/\s+/g, '') } })),
  });
  const close = () => {
    renew.reset();
    setCode('');
    onClose();
    void qc.invalidateQueries({ queryKey: meQueryKey });
  };
  return (
    <Modal opened={opened} onClose={close} title={t('totp.renewCodes')} centered size="md">
      {renew.data ? (
        <RecoveryCodes codes={renew.data.recoveryCodes} username={me.user.username} instanceName={me.instance.name} onContinue={close} continueLabel={t('common.done')} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            renew.mutate();
          }}
        >
          <Stack>
            <Text size="sm">{t('totp.renewExplain')}</Text>
            <TextInput label={t('login.totpCode')} inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.currentTarget.value)} error={renew.error ? describeError(renew.error) : undefined} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={renew.isPending}>
                {t('totp.renewCodes')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function SessionsCard() {
  const { t } = useTranslation();
  const [confirm, setConfirm] = useState(false);
  const sessions = useQuery({ queryKey: ['me', 'sessions'], queryFn: () => unwrap(api.GET('/api/v1/me/sessions')) });
  const rows = [...(sessions.data ?? [])].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
  return (
    <Card>
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} size="h4">
            {t('profile.sessions.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('profile.sessions.help')}
          </Text>
        </div>
        <Button variant="light" color="red" leftSection={<IconDevices size={18} />} onClick={() => setConfirm(true)}>
          {t('nav.logoutAll')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="xs" data-testid="sessions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('profile.sessions.device')}</Table.Th>
              <Table.Th>{t('profile.sessions.ip')}</Table.Th>
              <Table.Th>{t('profile.sessions.signedIn')}</Table.Th>
              <Table.Th>{t('profile.sessions.lastSeen')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm">{describeUserAgent(s.userAgent)}</Text>
                    {s.current ? (
                      <Badge size="xs" color="teal" variant="light">
                        {t('profile.sessions.thisDevice')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" className="mono">
                    {s.ip ?? '–'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(s.createdAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(s.lastSeenAt)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LogoutAllModal opened={confirm} onClose={() => setConfirm(false)} />
    </Card>
  );
}

function EnrolFromProfile() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const back = () => void navigate('/profil');
  if (me.user.totpEnabled) {
    return (
      <Card maw={620}>
        <Stack>
          <Text>{t('totp.alreadyOn')}</Text>
          <Button variant="light" onClick={back} w="fit-content">
            {t('common.back')}
          </Button>
        </Stack>
      </Card>
    );
  }
  return (
    <Stack gap="lg" maw={620}>
      <Title order={1} size="h2">
        {t('totp.enableTitle')}
      </Title>
      <Card>
        <TotpEnrolment
          me={me}
          onCancel={back}
          onFinished={() => {
            void qc.invalidateQueries({ queryKey: meQueryKey });
            notifySuccess(t('totp.enabled'));
            back();
          }}
        />
      </Card>
    </Stack>
  );
}
