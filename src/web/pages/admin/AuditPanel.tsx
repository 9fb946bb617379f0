// The audit trail for the system administrator: who did what to which object, newest first,
// filtered by user, action (or a whole domain such as "auth.") and period; CSV for a
// spreadsheet; and the hash-chain check that tells whether any event was changed or removed.
import { useState } from 'react';
import { Alert, Button, Card, Code, Group, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconLink, IconLinkOff, IconShieldCheck } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { UserSelect } from '../../components/UserSelect';
import { notifyError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';

const ACTION = /^[a-z][a-z0-9_]*\.([a-z][a-z0-9_]*)?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day typed in the browser, as the instant its local midnight is (`to`: the next midnight). */
function dayStart(day: string, next = false): string | undefined {
  if (!DAY.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (next) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

export function AuditPanel() {
  const { t } = useTranslation();
  const [actorUserId, setActor] = useState<string | null>(null);
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const actionError = action && !ACTION.test(action) ? t('admin.audit.actionInvalid') : undefined;
  const periodError = from && to && from > to ? t('admin.audit.periodInvalid') : undefined;
  const filter = {
    actorUserId: actorUserId ?? undefined,
    action: action && !actionError ? action : undefined,
    from: from ? dayStart(from) : undefined,
    to: to ? dayStart(to, true) : undefined,
  };
  const events = useInfiniteQuery({
    queryKey: ['admin', 'audit', filter],
    enabled: !actionError && !periodError,
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/admin/audit/events', { params: { query: { ...filter, limit: 50, before: pageParam } } })),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const verify = useMutation({ mutationFn: () => unwrap(api.GET('/api/v1/admin/audit/verify')), onError: notifyError });
  const exportQuery = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      <Card>
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={2} size="h4">
                {t('admin.audit.title')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('admin.audit.explain')}
              </Text>
            </div>
            <Button variant="light" leftSection={<IconShieldCheck size={16} />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
              {t('admin.audit.verify')}
            </Button>
          </Group>
          {verify.data ? (
            verify.data.ok ? (
              <Alert color="green" icon={<IconLink size={18} />} data-testid="audit-verify-result">
                {t('admin.audit.chainOk', { count: verify.data.checked })}
              </Alert>
            ) : (
              <Alert color="red" icon={<IconLinkOff size={18} />} data-testid="audit-verify-result">
                {t('admin.audit.chainBroken', { seq: verify.data.firstBroken?.seq, reason: t(`admin.audit.reason.${verify.data.firstBroken?.reason ?? 'hash_mismatch'}`) })}
              </Alert>
            )
          ) : null}
          <Group align="flex-start" grow wrap="wrap">
            <UserSelect label={t('admin.audit.user')} value={actorUserId} onChange={setActor} testId="audit-user" />
            <TextInput
              label={t('admin.audit.action')}
              placeholder="auth. / outgoing.approved"
              value={action}
              onChange={(e) => setAction(e.currentTarget.value.trim())}
              error={actionError}
              data-testid="audit-action"
            />
            <TextInput type="date" label={t('admin.audit.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
            <TextInput type="date" label={t('admin.audit.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} error={periodError} />
          </Group>
          <Group>
            <Button
              component="a"
              href={`/api/v1/admin/audit/events/export${exportQuery ? `?${exportQuery}` : ''}`}
              variant="default"
              leftSection={<IconFileSpreadsheet size={16} />}
              disabled={Boolean(actionError || periodError)}
              data-testid="audit-csv"
            >
              CSV
            </Button>
          </Group>
        </Stack>
      </Card>
      {events.isPending && !actionError && !periodError ? <Skeleton h={240} /> : null}
      {events.data && !items.length ? <Text c="dimmed">{t('admin.audit.empty')}</Text> : null}
      {items.length ? (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing={4} data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                {['at', 'user', 'action', 'entity', 'ip', 'data'].map((k) => (
                  <Table.Th key={k}>{t(`admin.audit.col.${k}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id} data-testid="audit-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                  <Table.Td>{e.actor ? (e.actor.name ?? e.actor.username ?? e.actor.id) : <Text span c="dimmed" size="sm">{t('admin.audit.system')}</Text>}</Table.Td>
                  <Table.Td>
                    <Code>{e.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.entityType}</Text>
                    {e.entityId ? (
                      <Text size="xs" c="dimmed" className="mono" style={{ wordBreak: 'break-all' }}>
                        {e.entityId}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td className="mono">{e.ip ?? '-'}</Table.Td>
                  <Table.Td>
                    <Text size="xs" className="mono" lineClamp={2} style={{ wordBreak: 'break-all' }}>
                      {Object.keys(e.data).length ? JSON.stringify(e.data) : '-'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {events.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()} data-testid="audit-more">
            {t('admin.audit.more')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
