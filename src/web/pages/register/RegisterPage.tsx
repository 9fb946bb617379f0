// Agenda (buku register) of the records officer: every number of the unit's register for a year,
// reserved / used / cancelled, searchable, exported to CSV for Excel; cancelling a reserved number
// (it is never given again); and "Beri Nomor" (seed 002 step 2): the next number, given to the
// drafter before he drafts.
import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Anchor, Badge, Button, Card, CopyButton, Group, Modal, Pagination, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCheck, IconCopy, IconDownload, IconHash, IconSearch, IconX } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router-dom';
import { api, unwrap, type Schemas } from '../../api/client';
import { useDocumentTypes, useInvalidateDocuments, useReservedNumbers, type NumberEntry } from '../../api/documents';
import { useUnits } from '../../api/org';
import { isSystemAdmin, useSignedInUser } from '../../auth/session';
import { ClassificationSelect } from '../../components/ClassificationSelect';
import { fieldErrorsOf } from '../../lib/forms';
import { formatDate, formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/errors';

const PAGE_SIZE = 25;

export function RegisterSection() {
  return (
    <Routes>
      <Route index element={<RegisterPage />} />
      <Route path="beri-nomor" element={<ReserveNumberPage />} />
    </Routes>
  );
}

/** Units whose register this user keeps: his records-officer scopes (all PDs for instance-wide roles). */
function useRegisterUnits() {
  const me = useSignedInUser();
  const units = useUnits();
  const scoped = me.roles.filter((r) => r.role === 'records_officer' && r.unitId).map((r) => ({ value: r.unitId!, label: r.unitName ?? r.unitId! }));
  const wide = isSystemAdmin(me) || me.roles.some((r) => r.role === 'records_officer' && !r.unitId);
  const all = wide ? (units.data ?? []).filter((u) => u.active && u.code && u.depth === 1).map((u) => ({ value: u.id, label: u.name })) : [];
  const seen = new Set<string>();
  return [...scoped, ...all].filter((o) => (seen.has(o.value) ? false : (seen.add(o.value), true)));
}

function UnitPicker({ value, onChange }: { value: string | null; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const options = useRegisterUnits();
  const first = options[0]?.value;
  useEffect(() => {
    if (!value && first) onChange(first);
  }, [value, first, onChange]);
  if (options.length <= 1) return null;
  return <Select label={t('register.unit')} data={options} value={value} onChange={(v) => v && onChange(v)} allowDeselect={false} size="sm" comboboxProps={{ withinPortal: true }} />;
}

const STATUS_COLOR: Record<NumberEntry['status'], string> = { reserved: 'orange', used: 'teal', cancelled: 'gray' };

export function RegisterPage() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | null>(null);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [status, setStatus] = useState<NumberEntry['status'] | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [cancelling, setCancelling] = useState<NumberEntry | null>(null);
  const entries = useQuery({
    queryKey: ['numbering', 'entries', unitId, year, status, q, page],
    queryFn: () => unwrap(api.GET('/api/v1/numbering/units/{unitId}/entries', { params: { path: { unitId: unitId! }, query: { year: Number(year), status: status ?? undefined, q: q || undefined, page, pageSize: PAGE_SIZE } } })),
    enabled: Boolean(unitId),
    placeholderData: keepPreviousData,
  });
  const items = entries.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((entries.data?.total ?? 0) / PAGE_SIZE));
  const exportUrl = unitId ? `/api/v1/numbering/units/${unitId}/entries/export?${new URLSearchParams({ year, ...(status ? { status } : {}), ...(q ? { q } : {}) }).toString()}` : undefined;

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Title order={1} size="h2">
          {t('register.title')}
        </Title>
        <Group gap="xs">
          <Button component="a" href={exportUrl} download variant="light" leftSection={<IconDownload size={18} />} disabled={!unitId} data-testid="export-csv">
            {t('register.export')}
          </Button>
          <Button component={Link} to="/agenda/beri-nomor" leftSection={<IconHash size={18} />} data-testid="reserve-number">
            {t('register.reserve')}
          </Button>
        </Group>
      </Group>
      <Card p="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <UnitPicker value={unitId} onChange={(v) => (setUnitId(v), setPage(1))} />
          <Select label={t('register.year')} data={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map(String)} value={year} onChange={(v) => v && (setYear(v), setPage(1))} allowDeselect={false} size="sm" w={110} comboboxProps={{ withinPortal: true }} />
          <Select
            label={t('register.status')}
            data={(['reserved', 'used', 'cancelled'] as const).map((s) => ({ value: s, label: t(`register.statuses.${s}`) }))}
            value={status}
            onChange={(v) => (setStatus(v as NumberEntry['status'] | null), setPage(1))}
            clearable
            placeholder={t('register.allStatuses')}
            size="sm"
            w={170}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput label={t('common.search')} placeholder={t('register.searchPlaceholder')} leftSection={<IconSearch size={16} />} value={search} onChange={(e) => (setSearch(e.currentTarget.value), setPage(1))} size="sm" style={{ flex: '1 1 200px' }} />
        </Group>
      </Card>
      <Card p={0}>
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="register-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('register.seq')}</Table.Th>
                <Table.Th>{t('register.number')}</Table.Th>
                <Table.Th>{t('register.date')}</Table.Th>
                <Table.Th>{t('compose.hal')}</Table.Th>
                <Table.Th>{t('register.status')}</Table.Th>
                <Table.Th>{t('register.issuedBy')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id} data-testid="register-row">
                  <Table.Td>{e.seq}</Table.Td>
                  <Table.Td className="mono" style={{ whiteSpace: 'nowrap' }}>
                    {e.documentId ? (
                      <Anchor component={Link} to={`/naskah/${e.documentId}`} size="sm">
                        {e.number}
                      </Anchor>
                    ) : (
                      e.number
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(e.date)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.hal}</Text>
                    <Text size="xs" c="dimmed">
                      {[e.classificationCode, e.documentTypeName].filter(Boolean).join(' · ')}
                      {e.cancelReason ? ` · ${t('register.cancelledBecause', { reason: e.cancelReason })}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={STATUS_COLOR[e.status]}>
                      {t(`register.statuses.${e.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{e.issuedByName ?? '–'}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(e.issuedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {e.status === 'reserved' ? (
                      <Tooltip label={t('register.cancel')}>
                        <ActionIcon variant="subtle" color="red" aria-label={t('register.cancelNumber', { number: e.number })} onClick={() => setCancelling(e)}>
                          <IconX size={16} />
                        </ActionIcon>
                      </Tooltip>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {!items.length && !entries.isPending ? (
          <Text c="dimmed" ta="center" py="md" data-testid="empty">
            {t('register.empty')}
          </Text>
        ) : null}
      </Card>
      {pages > 1 ? (
        <Group justify="center">
          <Pagination total={pages} value={page} onChange={setPage} size="sm" />
        </Group>
      ) : null}
      <CancelEntryModal entry={cancelling} onClose={() => setCancelling(null)} />
    </Stack>
  );
}

function CancelEntryModal({ entry, onClose }: { entry: NumberEntry | null; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateDocuments();
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/numbering/entries/{id}/cancel', { params: { path: { id: entry!.id } }, body: { reason: reason.trim(), version: entry!.version } })),
    onSuccess: () => {
      notifySuccess(t('register.cancelled', { number: entry?.number ?? '' }));
      setReason('');
      onClose();
    },
    onSettled: invalidate,
  });
  return (
    <Modal opened={entry !== null} onClose={onClose} title={<Text fw={700}>{t('register.cancelNumber', { number: entry?.number ?? '' })}</Text>} centered>
      <Stack gap="sm">
        <Text size="sm">{t('register.cancelExplain')}</Text>
        <Textarea label={t('register.cancelReason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.back')}
          </Button>
          <Button color="red" disabled={reason.trim().length < 3} loading={cancel.isPending} onClick={() => cancel.mutate()}>
            {t('register.cancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

type Reserved = Schemas['ReservedNumber'];

export function ReserveNumberPage() {
  const { t } = useTranslation();
  const invalidate = useInvalidateDocuments();
  const types = useDocumentTypes();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [classificationCode, setClassificationCode] = useState<string | null>(null);
  const [hal, setHal] = useState('');
  const [documentTypeId, setDocumentTypeId] = useState<string | null>(null);
  const [result, setResult] = useState<Reserved | null>(null);
  const reserved = useReservedNumbers(unitId ?? undefined);
  const reserve = useMutation({
    meta: { inlineErrors: true },
    mutationFn: () => unwrap(api.POST('/api/v1/numbering/reservations', { body: { unitId: unitId!, classificationCode: classificationCode ?? '', hal: hal.trim(), documentTypeId } })),
    onSuccess: (r) => {
      setResult(r);
      setHal('');
      invalidate();
    },
  });
  const errors = fieldErrorsOf(reserve.error, { CLASSIFICATION_UNKNOWN: 'classificationCode', CLASSIFICATION_INACTIVE: 'classificationCode', CLASSIFICATION_CODE_INVALID: 'classificationCode' });

  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} to="/agenda" size="sm">
          ← {t('register.title')}
        </Anchor>
        <Title order={1} size="h2">
          {t('register.reserveTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('register.reserveHint')}
        </Text>
      </div>
      {result ? (
        <Alert color="teal" icon={<IconCheck />} title={t('register.reservedTitle')} data-testid="reserved-result">
          <Group gap="xs" wrap="nowrap">
            <Text fz={22} fw={700} className="mono" data-testid="reserved-number" style={{ overflowWrap: 'anywhere' }}>
              {result.number}
            </Text>
            <CopyButton value={result.message}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('common.copied') : t('register.copyMessage')}>
                  <ActionIcon variant="light" onClick={copy} aria-label={t('register.copyMessage')}>
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" mt={4}>
            {result.message}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDate(result.date)} · {result.classificationCode} {result.classificationName}
          </Text>
        </Alert>
      ) : null}
      <Card>
        <Stack gap="sm">
          <UnitPicker value={unitId} onChange={setUnitId} />
          <TextInput label={t('register.subject')} description={t('register.subjectHint')} required value={hal} onChange={(e) => setHal(e.currentTarget.value)} error={errors.hal} data-testid="reserve-hal" />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <ClassificationSelect required value={classificationCode} onChange={setClassificationCode} error={errors.classificationCode} />
            <Select label={t('compose.type')} description={t('register.typeHint')} data={(types.data ?? []).map((x) => ({ value: x.id, label: x.name }))} value={documentTypeId} onChange={setDocumentTypeId} clearable searchable comboboxProps={{ withinPortal: true }} />
          </SimpleGrid>
          {reserve.error && !Object.keys(errors).length ? <Alert color="red">{reserve.error.message}</Alert> : null}
          <Group justify="flex-end">
            <Button onClick={() => reserve.mutate()} loading={reserve.isPending} disabled={!unitId || !classificationCode || hal.trim().length < 3} leftSection={<IconHash size={18} />} data-testid="confirm-reserve">
              {t('register.giveNumber')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <Card>
        <Title order={2} size="h4" mb="sm">
          {t('register.openReservations')}
        </Title>
        <Stack gap={4}>
          {(reserved.data ?? []).map((e) => (
            <Group key={e.id} gap="sm" wrap="nowrap" data-testid="open-reservation">
              <Text size="sm" className="mono" style={{ whiteSpace: 'nowrap' }}>
                {e.number}
              </Text>
              <Text size="sm" truncate>
                {e.hal}
              </Text>
            </Group>
          ))}
          {!reserved.data?.length ? (
            <Text size="sm" c="dimmed">
              {t('register.noOpen')}
            </Text>
          ) : null}
        </Stack>
      </Card>
    </Stack>
  );
}
