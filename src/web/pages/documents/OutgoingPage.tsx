// Naskah Keluar: signed and delivered documents; for records officers also the outbox
// ("menunggu dikirim": external addressees and groups) with sending by e-mail or post.
import { useState } from 'react';
import { Badge, Box, Group, Pagination, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useOutbox, type DispatchStatus } from '../../api/documents';
import { hasRole, isSystemAdmin, useSignedInUser } from '../../auth/session';
import { formatDateTime } from '../../lib/format';
import { OutgoingList } from './BoxPages';
import { EmptyState, ListSkeleton, PAGE_SIZE } from './DocumentList';
import { SendDispatchButton } from './detail/SendDispatch';
import { DispatchBook } from './DispatchBook';

export function OutgoingPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const officer = hasRole(me, 'records_officer') || isSystemAdmin(me);
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const tab = officer && status === 'belum-dikirim' ? 'awaiting' : officer && status === 'terkirim' ? 'sent' : officer && status === 'buku-ekspedisi' ? 'book' : 'outgoing';
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('nav.outgoing')}
      </Title>
      {officer ? (
        <Tabs value={tab} onChange={(v) => setParams(v === 'awaiting' ? { status: 'belum-dikirim' } : v === 'sent' ? { status: 'terkirim' } : v === 'book' ? { status: 'buku-ekspedisi' } : {})} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="outgoing">{t('outbox.tabs.outgoing')}</Tabs.Tab>
            <Tabs.Tab value="awaiting">{t('outbox.tabs.awaiting')}</Tabs.Tab>
            <Tabs.Tab value="sent">{t('outbox.tabs.sent')}</Tabs.Tab>
            <Tabs.Tab value="book" data-testid="tab-dispatch-book">{t('outbox.tabs.book')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="outgoing" pt="md">
            <OutgoingList />
          </Tabs.Panel>
          <Tabs.Panel value="awaiting" pt="md">
            <Outbox status="awaiting" />
          </Tabs.Panel>
          <Tabs.Panel value="sent" pt="md">
            <Outbox status="sent" />
          </Tabs.Panel>
          <Tabs.Panel value="book" pt="md">
            <DispatchBook />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <OutgoingList />
      )}
    </Stack>
  );
}

function Outbox({ status }: { status: DispatchStatus }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const outbox = useOutbox({ page, pageSize: PAGE_SIZE, status });
  const items = outbox.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((outbox.data?.total ?? 0) / PAGE_SIZE));
  if (outbox.isPending) return <ListSkeleton />;
  if (!items.length) return <EmptyState text={t(status === 'awaiting' ? 'outbox.emptyAwaiting' : 'outbox.emptySent')} />;
  return (
    <Stack gap="xs" data-testid={`outbox-${status}`}>
      {status === 'awaiting' ? (
        <Text size="sm" c="dimmed">
          {t('outbox.awaitingHint')}
        </Text>
      ) : null}
      {items.map((d) => (
        <Paper key={d.id} withBorder p="sm" data-testid="outbox-row">
          <Group justify="space-between" gap="sm" wrap="nowrap" align="flex-start">
            <Box style={{ minWidth: 0 }}>
              <Text fw={600} data-testid="outbox-recipient">
                {d.externalName}
              </Text>
              <Text size="xs" c="dimmed">
                {[d.externalAddress, d.externalEmail].filter(Boolean).join(' · ') || t('outbox.noContact')}
              </Text>
              <Text size="sm" component={Link} to={`/naskah/${d.documentId}`} style={{ color: 'var(--mantine-color-pemda-7)' }}>
                {d.hal}
                {d.number ? ` · ${d.number}` : ''}
              </Text>
              <Text size="xs" c="dimmed">
                {d.unitName} · {t(`compose.role.${d.role}`)}
                {d.sentAt ? ` · ${t('outbox.sentVia', { channel: t(`outbox.channelName.${d.channel ?? 'other'}`), time: formatDateTime(d.sentAt) })}` : ''}
              </Text>
            </Box>
            <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
              <Badge size="sm" variant="light" color={d.status === 'sent' ? 'green' : d.status === 'failed' ? 'red' : 'orange'}>
                {d.status === 'awaiting' && d.channel === 'email' ? t('outbox.emailQueued') : t(`outbox.status.${d.status}`)}
              </Badge>
              {(d.status === 'awaiting' && d.channel !== 'email') || d.status === 'failed' ? <SendDispatchButton dispatch={d} size="sm" /> : null}
            </Stack>
          </Group>
        </Paper>
      ))}
      {pages > 1 ? (
        <Group justify="center">
          <Pagination total={pages} value={page} onChange={setPage} size="sm" />
        </Group>
      ) : null}
    </Stack>
  );
}
