// Tujuan and tembusan: positions and units of the pemda (searched), distribution groups, and
// external addressees (name, address, e-mail) who receive the letter by e-mail or post.
import { useState } from 'react';
import { ActionIcon, Badge, Button, Card, Collapse, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconTrash, IconWorld } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRecipientGroups } from '../../../api/documents';
import { usePositionSearch, useUnits } from '../../../api/org';
import { holdersText } from '../../../components/PositionSelect';

export type RecipientRole = 'to' | 'cc';
export type RecipientKind = 'position' | 'unit' | 'group' | 'external';

export interface RecipientDraft {
  key: string;
  role: RecipientRole;
  kind: RecipientKind;
  positionId?: string | null;
  unitId?: string | null;
  groupId?: string | null;
  externalName?: string | null;
  externalAddress?: string | null;
  externalEmail?: string | null;
  label: string;
  sub?: string;
}

export function recipientKey(r: Pick<RecipientDraft, 'role' | 'kind' | 'positionId' | 'unitId' | 'groupId' | 'externalName'>): string {
  return `${r.role}:${r.kind}:${r.positionId ?? r.unitId ?? r.groupId ?? r.externalName ?? ''}`;
}

export function RecipientsEditor({ value, onChange, errors }: { value: RecipientDraft[]; onChange: (v: RecipientDraft[]) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const roleError = (role: RecipientRole) =>
    value
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.role === role)
      .flatMap(({ i }) => Object.entries(errors).filter(([k]) => k.startsWith(`recipients.${i}.`)).map(([, m]) => m));
  return (
    <Card>
      <Stack gap="md">
        <Title order={2} size="h4">
          {t('compose.recipients')}
        </Title>
        {(['to', 'cc'] as const).map((role) => (
          <RoleList key={role} role={role} value={value} onChange={onChange} errors={roleError(role)} />
        ))}
        {errors.recipients ? (
          <Text c="red" size="sm">
            {errors.recipients}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function RoleList({ role, value, onChange, errors }: { role: RecipientRole; value: RecipientDraft[]; onChange: (v: RecipientDraft[]) => void; errors: string[] }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const [externalOpen, setExternalOpen] = useState(false);
  const [ext, setExt] = useState({ name: '', address: '', email: '' });
  const positions = usePositionSearch(debounced);
  const units = useUnits();
  const groups = useRecipientGroups();
  const mine = value.filter((r) => r.role === role);
  const taken = new Set(value.map(recipientKey));
  const q = debounced.toLocaleLowerCase('id');
  const vacant = t('compose.vacant');

  const candidates = new Map<string, RecipientDraft>();
  for (const p of positions.data ?? []) {
    const r: RecipientDraft = { key: '', role, kind: 'position', positionId: p.id, label: p.name, sub: `${p.unitName} · ${holdersText(p.holders, vacant)}` };
    r.key = recipientKey(r);
    if (!taken.has(r.key)) candidates.set(`position:${p.id}`, r);
  }
  for (const u of (units.data ?? []).filter((u) => u.active && u.depth > 0 && (!q || u.name.toLocaleLowerCase('id').includes(q))).slice(0, 15)) {
    const r: RecipientDraft = { key: '', role, kind: 'unit', unitId: u.id, label: u.name, sub: t('compose.kind.unit') };
    r.key = recipientKey(r);
    if (!taken.has(r.key)) candidates.set(`unit:${u.id}`, r);
  }
  for (const g of (groups.data ?? []).filter((g) => !q || g.name.toLocaleLowerCase('id').includes(q))) {
    const r: RecipientDraft = { key: '', role, kind: 'group', groupId: g.id, label: g.name, sub: t('compose.groupMembers', { count: g.members.length }) };
    r.key = recipientKey(r);
    if (!taken.has(r.key)) candidates.set(`group:${g.id}`, r);
  }
  const grouped = (['position', 'unit', 'group'] as const)
    .map((kind) => ({
      group: t(`compose.kindPlural.${kind}`),
      items: [...candidates.entries()].filter(([, r]) => r.kind === kind).map(([v, r]) => ({ value: v, label: r.label })),
    }))
    .filter((g) => g.items.length);

  const add = (r: RecipientDraft) => onChange([...value, r]);
  const addExternal = () => {
    if (!ext.name.trim()) return;
    const r: RecipientDraft = {
      key: '',
      role,
      kind: 'external',
      externalName: ext.name.trim(),
      externalAddress: ext.address.trim() || null,
      externalEmail: ext.email.trim() || null,
      label: ext.name.trim(),
      sub: [ext.address.trim(), ext.email.trim()].filter(Boolean).join(' · ') || t('compose.kind.external'),
    };
    r.key = recipientKey(r);
    if (!taken.has(r.key)) add(r);
    setExt({ name: '', address: '', email: '' });
    setExternalOpen(false);
  };

  return (
    <Stack gap="xs" data-testid={`recipients-${role}`}>
      <Group justify="space-between" gap="xs">
        <Text fw={600}>{t(`compose.role.${role}`)}</Text>
        <Text size="xs" c="dimmed">
          {t(`compose.roleHint.${role}`)}
        </Text>
      </Group>
      {mine.length ? (
        <Stack gap={4}>
          {mine.map((r) => (
            <Group key={r.key} gap="xs" wrap="nowrap" justify="space-between" px="sm" py={6} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Group gap={6} wrap="nowrap">
                  <Badge size="xs" variant="light" style={{ flexShrink: 0 }} color={r.kind === 'external' ? 'orange' : r.kind === 'group' ? 'grape' : 'pemda'}>
                    {t(`compose.kind.${r.kind}`)}
                  </Badge>
                  <Text size="sm" fw={500} truncate>
                    {r.label}
                  </Text>
                </Group>
                {r.sub ? (
                  <Text size="xs" c="dimmed" truncate>
                    {r.sub}
                  </Text>
                ) : null}
              </Stack>
              <ActionIcon variant="subtle" color="red" aria-label={t('compose.removeRecipient', { name: r.label })} onClick={() => onChange(value.filter((x) => x.key !== r.key))}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      ) : null}
      <Select
        aria-label={t(`compose.addTo.${role}`)}
        placeholder={t(`compose.addTo.${role}`)}
        searchable
        data={grouped}
        value={null}
        onChange={(v) => {
          const r = v ? candidates.get(v) : undefined;
          if (r) add(r);
          setSearch('');
        }}
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options }) => options}
        renderOption={({ option }) => {
          const r = candidates.get(option.value);
          return (
            <Stack gap={0}>
              <Text size="sm">{option.label}</Text>
              {r?.sub ? (
                <Text size="xs" c="dimmed">
                  {r.sub}
                </Text>
              ) : null}
            </Stack>
          );
        }}
        nothingFoundMessage={positions.isFetching ? t('common.loading') : t('compose.noRecipient')}
        comboboxProps={{ withinPortal: true }}
        maxDropdownHeight={320}
        data-testid={`recipient-search-${role}`}
      />
      <Button variant="subtle" size="compact-sm" leftSection={<IconWorld size={16} />} onClick={() => setExternalOpen((o) => !o)} style={{ alignSelf: 'flex-start' }}>
        {t('compose.addExternal')}
      </Button>
      <Collapse expanded={externalOpen}>
        <Stack gap="xs" p="sm" style={{ background: 'var(--mantine-color-gray-0)', borderRadius: 8 }}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <TextInput size="sm" label={t('compose.externalName')} required value={ext.name} onChange={(e) => setExt({ ...ext, name: e.currentTarget.value })} data-testid={`external-name-${role}`} />
            <TextInput size="sm" label={t('compose.externalAddress')} value={ext.address} onChange={(e) => setExt({ ...ext, address: e.currentTarget.value })} data-testid={`external-address-${role}`} />
            <TextInput size="sm" type="email" label={t('compose.externalEmail')} value={ext.email} onChange={(e) => setExt({ ...ext, email: e.currentTarget.value })} data-testid={`external-email-${role}`} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={addExternal} disabled={!ext.name.trim()}>
              {t('compose.addExternalConfirm')}
            </Button>
          </Group>
        </Stack>
      </Collapse>
      {errors.map((m, i) => (
        <Text key={i} c="red" size="sm">
          {m}
        </Text>
      ))}
    </Stack>
  );
}
