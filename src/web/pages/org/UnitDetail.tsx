// One unit: its data and its positions with today's holders (definitif, Plt, Plh, Pj).
import { useState } from 'react';
import { ActionIcon, Anchor, Badge, Button, Card, Group, Menu, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconDots, IconPencil, IconPlus, IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useUnit, useUnits, type Holder, type Position, type Unit } from '../../api/org';
import { formatDate, formatNip, positionTitle } from '../../lib/format';
import { EndHolderModal, HolderFormModal, PositionFormModal, UnitFormModal } from './orgForms';
import { UnitSealCard } from './UnitSealCard';
import { UnitESealCard } from './UnitESealCard';

export function UnitDetail({ unitId, admin, onOpenUser, onSelectUnit }: { unitId: string; admin: boolean; onOpenUser: (id: string) => void; onSelectUnit: (id: string) => void }) {
  const { t } = useTranslation();
  const unit = useUnit(unitId);
  const units = useUnits(admin);
  const [editUnit, setEditUnit] = useState(false);
  const [addSubunit, setAddSubunit] = useState(false);
  const [positionForm, setPositionForm] = useState<{ position?: Position } | null>(null);
  const [holderFor, setHolderFor] = useState<Position | null>(null);
  const [ending, setEnding] = useState<{ holder: Holder; positionName: string } | null>(null);

  if (unit.isPending) {
    return (
      <Card>
        <Skeleton h={28} w="60%" mb="md" />
        <Skeleton h={80} />
      </Card>
    );
  }
  if (!unit.data) return null;
  const u = unit.data;
  const contact = [u.address, u.phone, u.email, u.website].filter(Boolean).join(' · ');

  return (
    <Stack gap="md">
      <Card>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Group gap={6} mb={4}>
              <Badge variant="light" radius="sm" tt="none">
                {t(`unitKind.${u.kind}`)}
              </Badge>
              {u.code ? (
                <Badge variant="outline" color="gray" radius="sm" tt="none" className="mono">
                  {u.code}
                </Badge>
              ) : null}
              {!u.active ? (
                <Badge color="gray" radius="sm">
                  {t('org.inactive')}
                </Badge>
              ) : null}
            </Group>
            <Title order={2} size="h3" data-testid="unit-name">
              {u.name}
            </Title>
            {u.shortName ? (
              <Text size="sm" c="dimmed">
                {u.shortName}
              </Text>
            ) : null}
            {contact ? (
              <Text size="sm" c="dimmed" mt={4}>
                {contact}
              </Text>
            ) : null}
          </div>
          {admin ? (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="light" size="sm" rightSection={<IconDots size={16} />} style={{ flexShrink: 0 }}>
                  {t('org.manage')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setEditUnit(true)}>
                  {t('org.unit.edit')}
                </Menu.Item>
                <Menu.Item leftSection={<IconPlus size={16} />} onClick={() => setAddSubunit(true)}>
                  {t('org.unit.addSub')}
                </Menu.Item>
                <Menu.Item leftSection={<IconPlus size={16} />} onClick={() => setPositionForm({})}>
                  {t('org.position.add')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Group>
      </Card>

      {admin ? <UnitSealCard unit={u} /> : null}
      {admin ? <UnitESealCard unitId={u.id} /> : null}

      {(() => {
        const children = (units.data ?? []).filter((c) => c.parentId === unitId).sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'id'));
        return children.length ? (
          <div>
            <Title order={3} size="h4" mb="xs">
              {t('org.subunits')}
            </Title>
            <Group gap="xs" data-testid="subunits">
              {children.map((c) => (
                <Button key={c.id} variant="default" size="xs" radius="xl" onClick={() => onSelectUnit(c.id)} styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }} h="auto" py={6}>
                  {c.name}
                </Button>
              ))}
            </Group>
          </div>
        ) : null;
      })()}

      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('org.positions')}
        </Title>
        {admin ? (
          <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => setPositionForm({})}>
            {t('org.position.add')}
          </Button>
        ) : null}
      </Group>
      {u.positions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('org.noPositions')}
        </Text>
      ) : (
        <Stack gap="sm" data-testid="positions">
          {u.positions.map((p) => (
            <PositionCard
              key={p.id}
              position={p}
              admin={admin}
              onOpenUser={onOpenUser}
              onEdit={() => setPositionForm({ position: p })}
              onAssign={() => setHolderFor(p)}
              onEnd={(h) => setEnding({ holder: h, positionName: p.name })}
            />
          ))}
        </Stack>
      )}

      <UnitFormModal opened={editUnit} onClose={() => setEditUnit(false)} unit={u as Unit} />
      <UnitFormModal opened={addSubunit} onClose={() => setAddSubunit(false)} parentId={u.id} onSaved={(created) => onSelectUnit(created.id)} />
      <PositionFormModal opened={Boolean(positionForm)} onClose={() => setPositionForm(null)} unitId={u.id} position={positionForm?.position} />
      <HolderFormModal opened={Boolean(holderFor)} onClose={() => setHolderFor(null)} position={holderFor} />
      <EndHolderModal holder={ending?.holder ?? null} positionName={ending?.positionName ?? ''} onClose={() => setEnding(null)} />
    </Stack>
  );
}

function PositionCard({ position: p, admin, onOpenUser, onEdit, onAssign, onEnd }: { position: Position; admin: boolean; onOpenUser: (id: string) => void; onEdit: () => void; onAssign: () => void; onEnd: (h: Holder) => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="position">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Text fw={600}>{p.name}</Text>
          <Group gap={6} mt={2}>
            <Badge size="xs" variant="light" color="gray" radius="sm" tt="none">
              {p.level}
            </Badge>
            {p.isUnitHead ? (
              <Badge size="xs" variant="light" radius="sm" tt="none">
                {t('org.position.head')}
              </Badge>
            ) : null}
            {!p.active ? (
              <Badge size="xs" color="gray" radius="sm">
                {t('org.inactive')}
              </Badge>
            ) : null}
          </Group>
        </div>
        {admin ? (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={t('org.position.manage', { name: p.name })}>
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconUserPlus size={16} />} onClick={onAssign}>
                {t('org.holder.assign')}
              </Menu.Item>
              <Menu.Item leftSection={<IconPencil size={16} />} onClick={onEdit}>
                {t('org.position.edit')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        ) : null}
      </Group>
      <Stack gap={6} mt="sm">
        {p.holders.length === 0 ? (
          <Text size="sm" c="dimmed" fs="italic">
            {t('org.vacant')}
          </Text>
        ) : (
          p.holders.map((h) => (
            <Group key={h.holderId} justify="space-between" wrap="nowrap" gap="xs" data-testid="holder">
              <div style={{ minWidth: 0 }}>
                <Group gap={6} wrap="nowrap">
                  <Badge size="sm" radius="sm" variant={h.kind === 'definitif' ? 'light' : 'filled'} color={h.kind === 'definitif' ? 'gray' : 'orange'} style={{ flexShrink: 0 }}>
                    {t(`holderKind.${h.kind}`)}
                  </Badge>
                  <Anchor component="button" type="button" size="sm" fw={500} onClick={() => onOpenUser(h.userId)} ta="left">
                    {h.name}
                  </Anchor>
                </Group>
                <Text size="xs" c="dimmed" mt={2}>
                  {h.nip ? <span className="mono">{formatNip(h.nip)}</span> : null}
                  {h.nip ? ' · ' : ''}
                  {h.kind !== 'definitif' ? `${positionTitle(h.kind, p.name)} · ` : ''}
                  {h.endsOn ? t('org.period', { from: formatDate(h.startsOn), to: formatDate(h.endsOn) }) : t('org.since', { from: formatDate(h.startsOn) })}
                </Text>
              </div>
              {admin ? (
                <ActionIcon variant="subtle" color="red" onClick={() => onEnd(h)} aria-label={t('org.holder.end')} title={t('org.holder.end')}>
                  <IconUserMinus size={18} />
                </ActionIcon>
              ) : null}
            </Group>
          ))
        )}
      </Stack>
    </Paper>
  );
}
