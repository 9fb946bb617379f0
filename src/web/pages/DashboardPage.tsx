// Beranda: a greeting with the user's position(s) and SRIKANDI-style tiles of waiting work.
import { Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArchive, IconArrowBackUp, IconChecklist, IconInbox, IconPencil, IconRoute, IconSend, IconSignature, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDashboard } from '../api/dashboard';
import { canDraft, hasRole, useSignedInUser } from '../auth/session';
import type { Me } from '../api/client';
import { greetingPart, hourIn } from '../../shared/dates';
import { positionTitle } from '../lib/format';
import type { DashboardCounts } from '../sectionTypes';

interface Tile {
  key: keyof DashboardCounts;
  to: string;
  icon: Icon;
  color: string;
  /** Shown only to who can act on it (a drafter has nothing to sign). */
  visible?: (me: Me) => boolean;
  /** Shown only while something waits (work that comes to a user now and then, as the panitia's). */
  onlyWhenWaiting?: boolean;
}

const tiles: Tile[] = [
  { key: 'drafts', to: '/konsep', icon: IconPencil, color: 'pemda', visible: canDraft },
  { key: 'returned', to: '/konsep?status=dikembalikan', icon: IconArrowBackUp, color: 'orange', visible: canDraft },
  { key: 'toVerify', to: '/perlu-verifikasi', icon: IconChecklist, color: 'grape', visible: (me) => hasRole(me, 'verifier') },
  { key: 'toSign', to: '/tanda-tangan', icon: IconSignature, color: 'red', visible: (me) => hasRole(me, 'signer') },
  { key: 'signedNotSent', to: '/keluar?status=belum-dikirim', icon: IconSend, color: 'teal', visible: (me) => hasRole(me, 'records_officer') },
  { key: 'incomingUnread', to: '/masuk?status=belum-dibaca', icon: IconInbox, color: 'cyan' },
  { key: 'dispositionPending', to: '/disposisi', icon: IconRoute, color: 'indigo' },
  { key: 'archiveToAssess', to: '/arsip/pemusnahan', icon: IconArchive, color: 'grape', onlyWhenWaiting: true },
  { key: 'archiveForHead', to: '/arsip/pemusnahan', icon: IconArchive, color: 'red', onlyWhenWaiting: true },
];


export function DashboardPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const dashboard = useDashboard();

  return (
    <Stack gap="lg">
      <div>
        <Text c="dimmed" size="sm">
          {t(`dashboard.greeting.${greetingPart(hourIn(me.instance.timeZone, new Date()))}`)},
        </Text>
        <Title order={1} size="h2" data-testid="greeting-name">
          {me.user.name}
        </Title>
        <Stack gap={2} mt={6} data-testid="my-positions">
          {me.positions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('dashboard.noPosition')}
            </Text>
          ) : (
            me.positions.map((p) => (
              <Group key={`${p.positionId}-${p.kind}`} gap={6} wrap="nowrap" align="baseline">
                <Text size="sm" fw={500}>
                  {positionTitle(p.kind, p.positionName)}
                </Text>
                {p.kind !== 'definitif' ? (
                  <Badge size="xs" variant="light" color="orange">
                    {t(`holderKind.${p.kind}`)}
                  </Badge>
                ) : null}
                <Text size="sm" c="dimmed" visibleFrom="sm" truncate>
                  · {p.unitName}
                </Text>
              </Group>
            ))
          )}
        </Stack>
      </div>

      <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing={{ base: 'sm', sm: 'md' }} data-testid="dashboard-tiles">
        {tiles.filter((tile) => (!tile.visible || tile.visible(me)) && (!tile.onlyWhenWaiting || (dashboard.data?.[tile.key] ?? 0) > 0)).map((tile) => {
          const count = dashboard.data?.[tile.key];
          const Icon = tile.icon;
          return (
            <Card key={tile.key} component={Link} to={tile.to} className="tile" padding="md" data-testid={`tile-${tile.key}`} aria-label={`${t(`dashboard.tiles.${tile.key}`)}: ${count ?? ''}`}>
              <Stack gap={6} justify="space-between" h="100%">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <ThemeIcon size={38} radius="md" variant="light" color={tile.color}>
                    <Icon size={22} stroke={1.6} />
                  </ThemeIcon>
                  {dashboard.isPending ? (
                    <Skeleton h={32} w={36} />
                  ) : (
                    <Text fz={30} fw={700} lh={1} c={count ? `${tile.color}.8` : 'gray.5'} data-testid="tile-count">
                      {count ?? '–'}
                    </Text>
                  )}
                </Group>
                <div>
                  <Text fw={600} size="sm" lh={1.3}>
                    {t(`dashboard.tiles.${tile.key}`)}
                  </Text>
                  <Text size="xs" c="dimmed" lh={1.3} visibleFrom="sm">
                    {t(`dashboard.hints.${tile.key}`)}
                  </Text>
                </div>
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
