// Disposisi: received (unread / due soon / overdue), sent, and what still needs a follow-up.
import { useState } from 'react';
import { Badge, Box, Group, Pagination, Paper, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useDispositionCounts, useDispositionList } from '../../api/incoming';
import { UrgencyBadges } from '../../components/StatusBadge';
import { formatDate, formatDateTime } from '../../lib/format';
import { EmptyState, ListSkeleton, PAGE_SIZE } from '../documents/DocumentList';

type Box = 'masuk' | 'keluar' | 'tindak-lanjut';
type Filter = 'all' | 'unread' | 'due' | 'overdue';

export function DispositionsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const box = (params.get('kotak') as Box | null) ?? 'masuk';
  const filter = (params.get('filter') as Filter | null) ?? 'all';
  const [page, setPage] = useState(1);
  const list = useDispositionList({ box, filter: box === 'masuk' ? filter : 'all', page, pageSize: PAGE_SIZE });
  const counts = useDispositionCounts();
  const items = list.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('disposition.title')}
      </Title>
      <Tabs value={box} onChange={(v) => { setPage(1); setParams({ kotak: v ?? 'masuk' }); }}>
        <Tabs.List>
          <Tabs.Tab value="masuk" data-testid="box-masuk" rightSection={counts.data?.unread ? <Badge size="xs" color="red">{counts.data.unread}</Badge> : null}>{t('disposition.box.masuk')}</Tabs.Tab>
          <Tabs.Tab value="keluar" data-testid="box-keluar">{t('disposition.box.keluar')}</Tabs.Tab>
          <Tabs.Tab value="tindak-lanjut" data-testid="box-tindak-lanjut" rightSection={counts.data?.pending ? <Badge size="xs">{counts.data.pending}</Badge> : null}>{t('disposition.box.tindak-lanjut')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {box === 'masuk' ? (
        <SegmentedControl
          value={filter}
          onChange={(v) => { setPage(1); setParams({ kotak: 'masuk', filter: v }); }}
          data={(['all', 'unread', 'due', 'overdue'] as const).map((f) => ({ value: f, label: `${t(`disposition.filter.${f}`)}${f === 'overdue' && counts.data?.overdue ? ` (${counts.data.overdue})` : f === 'due' && counts.data?.due ? ` (${counts.data.due})` : ''}` }))}
          style={{ alignSelf: 'flex-start' }}
        />
      ) : null}
      {list.isPending ? (
        <ListSkeleton />
      ) : items.length === 0 ? (
        <EmptyState text={t('disposition.empty')} />
      ) : (
        <Stack gap="xs" data-testid="disposition-list">
          {items.map((i) => (
            <Paper key={i.id} withBorder p="sm" className="doc-row" data-testid="disposition-row" data-state={i.state} style={i.state === 'sent' && box !== 'keluar' ? { borderLeft: '4px solid var(--mantine-color-pemda-6)' } : undefined}>
              <Box component={Link} to={`/surat-masuk/${i.letterId}`} className="doc-row-link">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text fw={i.state === 'sent' ? 700 : 500} style={{ overflowWrap: 'anywhere' }}>
                    {i.letter.hal ?? '-'}
                  </Text>
                  <Group gap={4} wrap="nowrap">
                    {i.overdue ? <Badge size="xs" color="red">{t('disposition.overdue')}</Badge> : null}
                    <Badge size="xs" variant="light">{t(`disposition.state.${i.state}`)}</Badge>
                  </Group>
                </Group>
                <Group gap={6}>
                  <UrgencyBadges sifat={i.letter.sifat} urgensi={i.letter.urgensi} />
                  <Text size="xs" c="dimmed">
                    {[i.letter.agenda, i.letter.letterNumber, i.letter.senderInstansi].filter(Boolean).join(' · ')}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {box === 'keluar' ? `→ ${i.receiverPositionName}` : `${t('incoming.from')} ${i.senderActedAs ? `${i.senderActedAs} ` : ''}${i.senderName}`} · {i.instructions.join('; ')}
                  {i.dueDate ? ` · ${t('disposition.due', { date: formatDate(i.dueDate) })}` : ''} · {formatDateTime(i.sentAt)}
                </Text>
              </Box>
            </Paper>
          ))}
        </Stack>
      )}
      {pages > 1 ? (
        <Group justify="center">
          <Pagination total={pages} value={page} onChange={setPage} size="sm" />
        </Group>
      ) : null}
    </Stack>
  );
}
