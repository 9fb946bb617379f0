// One person: identity, positions, roles; for admins the account actions.
import { useState } from 'react';
import { ActionIcon, Badge, Button, Divider, Drawer, Group, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconKey, IconLock, IconLockOpen, IconPencil, IconShieldOff, IconUserCheck, IconUserOff, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Role } from '../../api/client';
import { buildUnitTree, flattenUnitTree, orgKeys, useUnits, useUser, type User, type UserDetail } from '../../api/org';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ROLES } from '../../lib/constants';
import { notifySuccess } from '../../lib/errors';
import { formatDate, formatDateTime, formatNip, positionTitle } from '../../lib/format';
import { TemporaryPasswordModal, UserFormModal } from './userForms';

export function UserDrawer({ userId, onClose, admin }: { userId: string | null; onClose: () => void; admin: boolean }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const user = useUser(userId ?? undefined);
  return (
    <Drawer opened={Boolean(userId)} onClose={onClose} position="right" size={phone ? '100%' : 'lg'} title={<Text fw={700}>{t('org.users.detail')}</Text>}>
      {user.isPending ? <Skeleton h={200} /> : user.data ? <UserDetailView user={user.data} admin={admin} /> : null}
    </Drawer>
  );
}

function isLocked(u: User): boolean {
  return Boolean(u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now());
}

function UserDetailView({ user: u, admin }: { user: UserDetail; admin: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [edit, setEdit] = useState(false);
  const [temp, setTemp] = useState<{ username: string; password: string } | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: orgKeys.all });

  const setStatus = useMutation({
    mutationFn: (status: 'active' | 'inactive') => unwrap(api.PATCH('/api/v1/org/users/{id}', { params: { path: { id: u.id } }, body: { status, version: u.version ?? 1 } })),
    onSuccess: () => {
      refresh();
      notifySuccess(t('org.saved'));
    },
  });
  const unlock = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/org/users/{id}/unlock', { params: { path: { id: u.id } } })),
    onSuccess: () => {
      refresh();
      notifySuccess(t('org.users.unlocked'));
    },
  });
  const resetPassword = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/org/users/{id}/reset-password', { params: { path: { id: u.id } } })),
    onSuccess: (res) => {
      refresh();
      setTemp({ username: u.username ?? u.name, password: res.temporaryPassword });
    },
  });
  const resetTotp = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/org/users/{id}/reset-totp', { params: { path: { id: u.id } } })),
    onSuccess: () => {
      refresh();
      notifySuccess(t('org.users.totpReset'));
    },
  });

  return (
    <Stack gap="md">
      <div>
        <Title order={3} size="h4" data-testid="user-detail-name">
          {u.name}
        </Title>
        {u.username ? (
          <Text size="sm" c="dimmed">
            {u.username}
          </Text>
        ) : null}
        <Group gap={6} mt={6}>
          <Badge color={u.status === 'active' ? 'teal' : 'gray'} variant="light">
            {t(`org.users.status.${u.status}`)}
          </Badge>
          {admin && isLocked(u) ? (
            <Badge color="orange" variant="light" leftSection={<IconLock size={12} />}>
              {t('org.users.locked')}
            </Badge>
          ) : null}
          {admin && u.totpEnabled ? (
            <Badge color="pemda" variant="light">
              2FA
            </Badge>
          ) : null}
          {admin && u.mustChangePassword ? (
            <Badge color="yellow" variant="light">
              {t('org.users.mustChange')}
            </Badge>
          ) : null}
        </Group>
      </div>

      <SimpleGrid cols={2} spacing="sm">
        <Info label="NIP">
          <span className="mono">{formatNip(u.nip)}</span>
        </Info>
        <Info label={t('profile.rank')}>{[u.pangkat, u.golongan].filter(Boolean).join(', ') || '–'}</Info>
        {admin ? (
          <>
            <Info label="NIK">
              <span className="mono">{u.nik ?? '–'}</span>
            </Info>
            <Info label={t('profile.email')}>{u.email ?? '–'}</Info>
            <Info label="WhatsApp">{u.whatsapp ?? '–'}</Info>
            <Info label={t('org.users.lastLogin')}>{formatDateTime(u.lastLoginAt)}</Info>
          </>
        ) : null}
      </SimpleGrid>
      {admin && isLocked(u) && u.lockReason ? (
        <Text size="sm" c="orange.8">
          {u.lockReason}
        </Text>
      ) : null}

      <Divider />
      <div>
        <Text fw={600} mb={6}>
          {t('profile.positions')}
        </Text>
        {u.positions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('dashboard.noPosition')}
          </Text>
        ) : (
          <Stack gap={8}>
            {u.positions.map((p) => (
              <div key={p.holderId}>
                <Text size="sm" fw={500}>
                  {positionTitle(p.kind, p.positionName)}
                </Text>
                <Text size="xs" c="dimmed">
                  {p.unitName} · {p.endsOn ? t('org.period', { from: formatDate(p.startsOn), to: formatDate(p.endsOn) }) : t('org.since', { from: formatDate(p.startsOn) })}
                </Text>
              </div>
            ))}
          </Stack>
        )}
      </div>

      <div>
        <Text fw={600} mb={6}>
          {t('profile.roles')}
        </Text>
        <RolesEditor user={u} admin={admin} />
      </div>

      {admin ? (
        <>
          <Divider />
          <Text fw={600}>{t('org.users.accountActions')}</Text>
          <Group gap="xs">
            <Button variant="light" size="sm" leftSection={<IconPencil size={16} />} onClick={() => setEdit(true)}>
              {t('org.users.edit')}
            </Button>
            {isLocked(u) ? (
              <Button variant="light" size="sm" color="orange" leftSection={<IconLockOpen size={16} />} loading={unlock.isPending} onClick={() => unlock.mutate()}>
                {t('org.users.unlock')}
              </Button>
            ) : null}
            <ConfirmButton variant="light" size="sm" leftSection={<IconKey size={16} />} title={t('org.users.resetPassword')} message={t('org.users.resetPasswordConfirm', { name: u.name })} loading={resetPassword.isPending} onConfirm={() => resetPassword.mutate()}>
              {t('org.users.resetPassword')}
            </ConfirmButton>
            {u.totpEnabled ? (
              <ConfirmButton variant="light" size="sm" color="red" leftSection={<IconShieldOff size={16} />} title={t('org.users.resetTotp')} message={t('org.users.resetTotpConfirm', { name: u.name })} loading={resetTotp.isPending} onConfirm={() => resetTotp.mutate()}>
                {t('org.users.resetTotp')}
              </ConfirmButton>
            ) : null}
            {u.status === 'active' ? (
              <ConfirmButton variant="subtle" size="sm" color="red" leftSection={<IconUserOff size={16} />} title={t('org.users.deactivate')} message={t('org.users.deactivateConfirm', { name: u.name })} loading={setStatus.isPending} onConfirm={() => setStatus.mutate('inactive')}>
                {t('org.users.deactivate')}
              </ConfirmButton>
            ) : (
              <Button variant="light" size="sm" color="teal" leftSection={<IconUserCheck size={16} />} loading={setStatus.isPending} onClick={() => setStatus.mutate('active')}>
                {t('org.users.activate')}
              </Button>
            )}
          </Group>
          <UserFormModal opened={edit} onClose={() => setEdit(false)} user={u} />
          <TemporaryPasswordModal value={temp} onClose={() => setTemp(null)} />
        </>
      ) : null}
    </Stack>
  );
}

function Info({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function RolesEditor({ user: u, admin }: { user: UserDetail; admin: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const units = useUnits();
  const [role, setRole] = useState<Role | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: orgKeys.all });
  const grant = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/org/users/{id}/roles', { params: { path: { id: u.id } }, body: { role: role!, unitId } })),
    onSuccess: () => {
      refresh();
      setRole(null);
      setUnitId(null);
      notifySuccess(t('org.roles.granted'));
    },
  });
  const revoke = useMutation({
    mutationFn: (grantId: string) => unwrap(api.DELETE('/api/v1/org/roles/{id}', { params: { path: { id: grantId } } })),
    onSuccess: () => {
      refresh();
      notifySuccess(t('org.roles.revoked'));
    },
  });
  const unitOptions = flattenUnitTree(buildUnitTree(units.data ?? [])).map((x) => ({ value: x.unit.id, label: `${'— '.repeat(x.depth)}${x.unit.name}` }));
  return (
    <Stack gap="xs">
      {u.roles.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('profile.noRoles')}
        </Text>
      ) : (
        u.roles.map((r) => (
          <Group key={r.id} gap={8} wrap="nowrap" justify="space-between" data-testid="role-row">
            <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
              <Badge variant="light" radius="sm" tt="none" style={{ flexShrink: 0 }}>
                {t(`roles.${r.role}`)}
              </Badge>
              <Text size="sm" c="dimmed" truncate>
                {r.unitName ?? t('org.wholeInstance')}
              </Text>
            </Group>
            {admin ? (
              <ActionIcon variant="subtle" color="red" size="sm" aria-label={t('org.roles.revoke')} title={t('org.roles.revoke')} loading={revoke.isPending && revoke.variables === r.id} onClick={() => revoke.mutate(r.id)}>
                <IconX size={14} />
              </ActionIcon>
            ) : null}
          </Group>
        ))
      )}
      {admin ? (
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Select size="sm" label={t('org.roles.role')} data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} value={role} onChange={(v) => setRole(v as Role | null)} w={200} comboboxProps={{ withinPortal: true }} />
          <Select size="sm" label={t('org.roles.forUnit')} data={unitOptions} value={unitId} onChange={setUnitId} clearable searchable placeholder={t('org.wholeInstance')} style={{ flex: 1, minWidth: 180 }} comboboxProps={{ withinPortal: true }} />
          <Button size="sm" disabled={!role} loading={grant.isPending} onClick={() => grant.mutate()}>
            {t('org.roles.grant')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
