// Naskah Masuk: documents delivered to the positions the user holds (tujuan and tembusan), the
// unread ones marked; opening one marks it read.
import { useState } from 'react';
import { Badge, Box, Group, Pagination, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useInbox } from '../../api/documents';
import { UrgencyBadges } from '../../components/StatusBadge';
import { formatDate, formatDateTime } from '../../lib/format';
import { EmptyState, ListSkeleton, PAGE_SIZE } from './DocumentList';
import { RegisteredInbox } from '../incoming/RegisteredInbox';

export function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unread = params.get('status') === 'belum-dibaca';
  const [page, setPage] = useState(1);
  const inbox = useInbox({ page, pageSize: PAGE_SIZE, unread });
  const items = inbox.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((inbox.data?.total ?? 0) / PAGE_SIZE));

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Title order={1} size="h2">
          {t('nav.incoming')}
        </Title>
        {inbox.data?.unread ? (
          <Badge color="red" variant="filled" size="lg" data-testid="unread-count">
            {t('inbox.unreadCount', { count: inbox.data.unread })}
          </Badge>
        ) : null}
      </Group>
      <SegmentedControl
        value={unread ? 'unread' : 'all'}
        onChange={(v) => {
          setPage(1);
          setParams(v === 'unread' ? { status: 'belum-dibaca' } : {});
        }}
        data={[
          { value: 'all', label: t('inbox.all') },
          { value: 'unread', label: t('inbox.unread') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <RegisteredInbox unread={unread} />
      {inbox.isPending ? (
        <ListSkeleton />
      ) : items.length === 0 ? (
        <EmptyState text={t(unread ? 'inbox.emptyUnread' : 'inbox.empty')} />
      ) : (
        <Stack gap="xs" data-testid="inbox-list">
          {items.map((i) => (
            <Paper key={i.deliveryId} withBorder p="sm" className="doc-row" data-testid="inbox-row" data-unread={i.readAt ? undefined : true} style={i.readAt ? undefined : { borderLeft: '4px solid var(--mantine-color-pemda-6)' }}>
              <Box component={Link} to={`/naskah/${i.document.id}`} className="doc-row-link">
                <Group gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
                  <Text fw={i.readAt ? 500 : 700} style={{ overflowWrap: 'anywhere' }} data-testid="inbox-hal">
                    {i.document.hal}
                  </Text>
                  <Group gap={4} wrap="nowrap">
                    {!i.readAt ? (
                      <Badge size="xs" color="pemda" variant="filled" data-testid="unread-badge">
                        {t('inbox.new')}
                      </Badge>
                    ) : null}
                    <Badge size="xs" variant="light" color={i.role === 'to' ? 'pemda' : 'gray'}>
                      {t(`compose.role.${i.role}`)}
                    </Badge>
                  </Group>
                </Group>
                <Group gap={6} wrap="wrap">
                  <UrgencyBadges sifat={i.document.sifat} urgensi={i.document.urgensi} />
                  <Text size="xs" c="dimmed">
                    {[i.document.typeName, i.document.number, i.document.documentDate ? formatDate(i.document.documentDate) : null, i.document.unitName].filter(Boolean).join(' · ')}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {i.document.signedAs ? `${t('inbox.from', { name: i.document.signedAs })} · ` : ''}
                  {t('inbox.received', { time: formatDateTime(i.deliveredAt) })}
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
