// People: search and page through users (server-side); admins create accounts here.
import { useState } from 'react';
import { Badge, Button, Card, Group, Pagination, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/client';
import { buildUnitTree, flattenUnitTree, useUnits, useUsers, type User } from '../../api/org';
import { ROLES } from '../../lib/constants';
import { formatNip } from '../../lib/format';
import { TemporaryPasswordModal, UserFormModal } from './userForms';
import { UserDrawer } from './UserDrawer';

const PAGE_SIZE = 25;

export function UsersPanel({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [role, setRole] = useState<Role | null>(null);
  const [status, setStatus] = useState<'active' | 'inactive' | null>(admin ? null : 'active');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [openUser, setOpenUser] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [temp, setTemp] = useState<{ username: string; password: string } | null>(null);
  const units = useUnits();
  const users = useUsers({ q, page, pageSize: PAGE_SIZE, role: role ?? undefined, status: status ?? undefined, unitId: unitId ?? undefined });
  const total = users.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const resetPage = <T,>(fn: (v: T) => void) => (v: T) => {
    fn(v);
    setPage(1);
  };
  const unitOptions = flattenUnitTree(buildUnitTree(units.data ?? [])).map((x) => ({ value: x.unit.id, label: `${'— '.repeat(x.depth)}${x.unit.name}` }));

  return (
    <Stack gap="md">
      <Card p="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('common.search')}
            placeholder={t('org.users.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            style={{ flex: '2 1 220px' }}
            size="sm"
            data-testid="user-search"
          />
          <Select label={t('org.unitFilter')} data={unitOptions} value={unitId} onChange={resetPage(setUnitId)} clearable searchable placeholder={t('org.allUnits')} style={{ flex: '2 1 200px' }} size="sm" comboboxProps={{ withinPortal: true }} />
          <Select label={t('org.roles.role')} data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} value={role} onChange={resetPage((v: string | null) => setRole(v as Role | null))} clearable placeholder={t('org.allRoles')} style={{ flex: '1 1 160px' }} size="sm" comboboxProps={{ withinPortal: true }} />
          {admin ? (
            <Select
              label={t('org.users.statusLabel')}
              data={[
                { value: 'active', label: t('org.users.status.active') },
                { value: 'inactive', label: t('org.users.status.inactive') },
              ]}
              value={status}
              onChange={resetPage((v: string | null) => setStatus(v as 'active' | 'inactive' | null))}
              clearable
              placeholder={t('org.users.allStatuses')}
              style={{ flex: '1 1 130px' }}
              size="sm"
            />
          ) : null}
          {admin ? (
            <Button leftSection={<IconUserPlus size={18} />} onClick={() => setCreating(true)} size="sm">
              {t('org.users.add')}
            </Button>
          ) : null}
        </Group>
      </Card>

      <Card p={0}>
        <Table.ScrollContainer minWidth={360}>
          <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('org.users.name')}</Table.Th>
                <Table.Th>NIP</Table.Th>
                <Table.Th visibleFrom="sm">{t('profile.rank')}</Table.Th>
                <Table.Th visibleFrom="xs">{t('org.users.statusLabel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(users.data?.items ?? []).map((u) => (
                <Table.Tr key={u.id} onClick={() => setOpenUser(u.id)} style={{ cursor: 'pointer' }} data-testid="user-row">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {u.name}
                    </Text>
                    {u.username ? (
                      <Text size="xs" c="dimmed">
                        {u.username}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="mono" style={{ whiteSpace: 'nowrap' }}>
                      {formatNip(u.nip)}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Text size="sm">{[u.pangkat, u.golongan].filter(Boolean).join(', ') || '–'}</Text>
                  </Table.Td>
                  <Table.Td visibleFrom="xs">
                    <StatusBadges u={u} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {users.data && users.data.items.length === 0 ? (
          <Text c="dimmed" ta="center" p="lg" size="sm">
            {t('org.users.none')}
          </Text>
        ) : null}
      </Card>

      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" data-testid="users-count">
          {total ? t('org.users.showing', { from: (page - 1) * PAGE_SIZE + 1, to: Math.min(page * PAGE_SIZE, total), total }) : ''}
        </Text>
        {pages > 1 ? <Pagination total={pages} value={page} onChange={setPage} size="sm" /> : null}
      </Group>

      <UserDrawer userId={openUser} onClose={() => setOpenUser(null)} admin={admin} />
      <UserFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(u, password) => {
          setTemp({ username: u.username ?? '', password });
        }}
      />
      <TemporaryPasswordModal value={temp} onClose={() => setTemp(null)} />
    </Stack>
  );
}

function StatusBadges({ u }: { u: User }) {
  const { t } = useTranslation();
  const locked = u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now();
  return (
    <Group gap={4}>
      <Badge size="sm" variant="light" color={u.status === 'active' ? 'teal' : 'gray'}>
        {t(`org.users.status.${u.status}`)}
      </Badge>
      {locked ? (
        <Badge size="sm" variant="light" color="orange">
          {t('org.users.locked')}
        </Badge>
      ) : null}
      {u.totpEnabled ? (
        <Badge size="sm" variant="light" color="pemda">
          2FA
        </Badge>
      ) : null}
    </Group>
  );
}
