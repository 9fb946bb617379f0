// Layanan (seed 004, Diskominfo: Layanan Penerbitan Email Kedinasan): the ticket list with state
// and age, the request form (step 1), one ticket with the action of whoever's step it is
// (steps 2–5, later: suspend / reset / close), and the monthly report.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Checkbox, FileInput, Group, Pagination, Radio, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconMailPlus, IconReportAnalytics } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router-dom';
import { api, postForm, unwrap } from '../../api/client';
import { useUnits } from '../../api/org';
import { useFileAccess, useInvalidateTickets, useMonthlyReport, useTicket, useTickets, type TicketDetail, type TicketStatus } from '../../api/servicedesk';
import { useSignedInUser } from '../../auth/session';
import { describeError, notifyError, notifySuccess } from '../../lib/errors';
import { fieldErrorsOf } from '../../lib/forms';
import { formatDateTime } from '../../lib/format';

const STATUS_COLOR: Record<string, string> = {
  in_progress: 'blue',
  returned: 'orange',
  provisioning: 'grape',
  provision_failed: 'red',
  awaiting_activation: 'cyan',
  active: 'teal',
  suspended: 'gray',
  closed: 'dark',
  cancelled: 'gray',
};

export function TicketStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status] ?? 'gray'} variant="light" tt="none" data-testid="ticket-status">
      {t(`servicedesk.status.${status}`)}
    </Badge>
  );
}

export function formatMinutes(m: number | null): string {
  if (m === null) return '—';
  if (m < 60) return `${Math.round(m)} mnt`;
  if (m < 60 * 24) return `${Math.floor(m / 60)} j ${Math.round(m % 60)} mnt`;
  return `${Math.floor(m / 1440)} h ${Math.floor((m % 1440) / 60)} j`;
}

export function ServiceDeskSection() {
  return (
    <Routes>
      <Route index element={<TicketListPage />} />
      <Route path="ajukan" element={<RequestPage />} />
      <Route path="tiket/:id" element={<TicketPage />} />
      <Route path="laporan" element={<ReportPage />} />
    </Routes>
  );
}

function TicketListPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>('open');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const list = useTickets({ status: status ?? undefined, q: debounced || undefined, page });
  const data = list.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('servicedesk.title')}</Title>
        <Group>
          <Button component={Link} to="/layanan/laporan" variant="light" leftSection={<IconReportAnalytics size={16} />}>
            {t('servicedesk.report.title')}
          </Button>
          <Button component={Link} to="/layanan/ajukan" leftSection={<IconMailPlus size={16} />} data-testid="new-request">
            {t('servicedesk.newRequest')}
          </Button>
        </Group>
      </Group>
      <Group>
        <Select
          label={t('servicedesk.filter')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          data={[
            { value: 'open', label: t('servicedesk.filterOpen') },
            { value: 'done', label: t('servicedesk.filterDone') },
            { value: 'left', label: t('servicedesk.filterLeft') },
            ...(['in_progress', 'returned', 'provision_failed', 'awaiting_activation', 'active'] as TicketStatus[]).map((s) => ({ value: s, label: t(`servicedesk.status.${s}`) })),
          ]}
          clearable
          placeholder={t('servicedesk.filterAll')}
        />
        <TextInput label={t('servicedesk.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} placeholder={t('servicedesk.searchHint')} />
        <Anchor href={`/api/v1/servicedesk/tickets.csv${status ? `?status=${status}` : ''}`} mt="lg">
          <Group gap={4}>
            <IconDownload size={16} /> CSV
          </Group>
        </Anchor>
      </Group>
      {list.isError ? <Alert color="red">{describeError(list.error)}</Alert> : null}
      {data && data.items.length === 0 ? <Text c="dimmed">{t('servicedesk.empty')}</Text> : null}
      {data && data.items.length > 0 ? (
        <Table striped highlightOnHover data-testid="ticket-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('servicedesk.number')}</Table.Th>
              <Table.Th>{t('servicedesk.applicant')}</Table.Th>
              <Table.Th>{t('servicedesk.address')}</Table.Th>
              <Table.Th>{t('servicedesk.whatsapp')}</Table.Th>
              <Table.Th>{t('servicedesk.state')}</Table.Th>
              <Table.Th>{t('servicedesk.age')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((x) => (
              <Table.Tr key={x.id} data-testid={`ticket-row-${x.number}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/layanan/tiket/${x.id}`}>
                    {x.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{x.applicantName}</Text>
                  <Text size="xs" c="dimmed">
                    {x.unitName}
                  </Text>
                </Table.Td>
                <Table.Td>{x.accountAddress ?? x.desiredAddress}</Table.Td>
                <Table.Td>{x.whatsapp}</Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <TicketStatusBadge status={x.status} />
                    {x.applicantLeft ? (
                      <Badge color="red" variant="light" tt="none" data-testid="applicant-left">
                        {t('servicedesk.applicantLeftBadge')}
                      </Badge>
                    ) : null}
                    <Text size="xs" c="dimmed">
                      {t('servicedesk.stepN', { n: x.step })} · {x.stepActor}
                    </Text>
                    {x.status === 'returned' && x.returnReason ? (
                      <Text size="xs" c="orange">
                        {x.returnReason}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>{formatMinutes(x.ageMinutes)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {data && data.total > data.pageSize ? <Pagination total={Math.ceil(data.total / data.pageSize)} value={page} onChange={setPage} /> : null}
    </Stack>
  );
}

function RequestPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const navigate = useNavigate();
  const invalidate = useInvalidateTickets();
  const units = useUnits();
  const held = me.positions[0];
  const [name, setName] = useState(me.user.name);
  const [nip, setNip] = useState((me.user as { nip?: string | null }).nip ?? '');
  const [unitId, setUnitId] = useState<string | null>(held?.unitId ?? null);
  const [position, setPosition] = useState(held?.positionName ?? '');
  const [whatsapp, setWhatsapp] = useState((me.user as { whatsapp?: string | null }).whatsapp ?? '');
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [verified, setVerified] = useState(false);
  const [address, setAddress] = useState<string>('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [debouncedName] = useDebouncedValue(name, 400);
  const suggestions = useQuery({
    queryKey: ['servicedesk', 'suggest', debouncedName],
    enabled: debouncedName.trim().length >= 3,
    queryFn: () => unwrap(api.GET('/api/v1/servicedesk/address-suggestions', { params: { query: { name: debouncedName } } })),
  });
  useEffect(() => {
    const first = suggestions.data?.find((s) => s.availability !== 'taken');
    if (first && !address) setAddress(first.address);
  }, [suggestions.data, address]);
  const sendCode = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/servicedesk/phone-verifications', { body: { whatsapp } })),
    onSuccess: (r) => {
      setVerificationId(r.id);
      setVerified(false);
      notifySuccess(t('servicedesk.codeSent', { number: r.whatsappMasked }));
    },
    onError: (e) => setErrors(fieldErrorsOf(e)),
  });
  const confirm = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/servicedesk/phone-verifications/{id}/confirm', { params: { path: { id: verificationId! } }, body: { code } })),
    onSuccess: () => setVerified(true),
    onError: notifyError,
  });
  const submit = useMutation({
    mutationFn: () =>
      postForm<{ id: string; number: string }>(
        '/api/v1/servicedesk/tickets',
        { serviceKey: 'email-kedinasan', applicantName: name, nip, unitId, positionTitle: position, whatsappVerificationId: verificationId, desiredAddress: address },
        file ? { blob: file, name: file.name } : undefined,
      ),
    onSuccess: (r) => {
      void invalidate();
      notifySuccess(t('servicedesk.filed', { number: r.number }));
      navigate(`/layanan/tiket/${r.id}`);
    },
    onError: (e) => {
      setErrors(fieldErrorsOf(e, { NIP_INVALID: 'nip', ADDRESS_TAKEN: 'desiredAddress', PHONE_NOT_VERIFIED: 'whatsapp', ATTACHMENT_INVALID: 'file' }));
      notifyError(e);
    },
  });
  const unitOptions = useMemo(() => (units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name })), [units.data]);
  return (
    <Stack maw={720}>
      <Title order={2}>{t('servicedesk.requestTitle')}</Title>
      <Text c="dimmed" size="sm">
        {t('servicedesk.requestIntro')}
      </Text>
      <Card withBorder>
        <Stack>
          <TextInput label={t('servicedesk.applicantName')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.applicantName} required data-testid="req-name" />
          <TextInput label="NIP" value={nip} onChange={(e) => setNip(e.currentTarget.value)} error={errors.nip} required data-testid="req-nip" />
          <Select label={t('servicedesk.unit')} data={unitOptions} value={unitId} onChange={setUnitId} searchable error={errors.unitId} required data-testid="req-unit" />
          <TextInput label={t('servicedesk.position')} value={position} onChange={(e) => setPosition(e.currentTarget.value)} error={errors.positionTitle} required data-testid="req-position" />
        </Stack>
      </Card>
      <Card withBorder>
        <Stack>
          <Text fw={600}>{t('servicedesk.whatsappTitle')}</Text>
          <Group align="end">
            <TextInput label={t('servicedesk.whatsapp')} value={whatsapp} onChange={(e) => setWhatsapp(e.currentTarget.value)} error={errors.whatsapp} placeholder="0812…" data-testid="req-whatsapp" />
            <Button variant="light" onClick={() => sendCode.mutate()} loading={sendCode.isPending} data-testid="req-send-code">
              {t('servicedesk.sendCode')}
            </Button>
          </Group>
          {verificationId && !verified ? (
            <Group align="end">
              <TextInput label={t('servicedesk.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} maxLength={6} data-testid="req-code" />
              <Button onClick={() => confirm.mutate()} loading={confirm.isPending} data-testid="req-verify">
                {t('servicedesk.verify')}
              </Button>
            </Group>
          ) : null}
          {verified ? (
            <Alert color="teal" data-testid="req-verified">
              {t('servicedesk.verified')}
            </Alert>
          ) : null}
        </Stack>
      </Card>
      <Card withBorder>
        <Stack>
          <Text fw={600}>{t('servicedesk.addressTitle')}</Text>
          <Radio.Group value={address} onChange={setAddress} error={errors.desiredAddress}>
            <Stack gap={4}>
              {(suggestions.data ?? []).map((s) => (
                <Radio key={s.address} value={s.address} disabled={s.availability === 'taken'} label={`${s.address}${s.availability === 'taken' ? ` (${t('servicedesk.taken')})` : s.availability === 'unknown' ? ` (${t('servicedesk.unknown')})` : ''}`} />
              ))}
            </Stack>
          </Radio.Group>
          <TextInput label={t('servicedesk.ownAddress')} value={address} onChange={(e) => setAddress(e.currentTarget.value)} data-testid="req-address" />
        </Stack>
      </Card>
      <Card withBorder>
        <FileInput label={t('servicedesk.letter')} description={t('servicedesk.letterHint')} accept="application/pdf" value={file} onChange={setFile} error={errors.file} required data-testid="req-file" />
      </Card>
      <Group>
        <Button onClick={() => submit.mutate()} loading={submit.isPending} disabled={!verified || !file} data-testid="req-submit">
          {t('servicedesk.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

function TicketPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const ticket = useTicket(id);
  const d = ticket.data;
  if (ticket.isError) return <Alert color="red">{describeError(ticket.error)}</Alert>;
  if (!d) return null;
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2} data-testid="ticket-number">
            {d.number}
          </Title>
          <Text c="dimmed" size="sm">
            {d.serviceName} · SOP {d.sopNumber}
          </Text>
        </div>
        <TicketStatusBadge status={d.status} />
      </Group>
      <Text data-testid="ticket-step">
        {t('servicedesk.stepN', { n: d.step })} · {d.stepActor}: {d.stepName}
      </Text>
      {d.status === 'returned' && d.returnReason ? (
        <Alert color="orange" title={t('servicedesk.returnedTitle')} data-testid="return-reason">
          {d.returnReason}
        </Alert>
      ) : null}
      {d.lastError && d.status !== 'awaiting_activation' && d.status !== 'active' ? (
        <Alert color="red" title={t('servicedesk.directoryProblem')} data-testid="last-error">
          {d.lastErrorCode ? t(`servicedesk.errorCode.${d.lastErrorCode}`, { defaultValue: d.lastErrorCode }) : null} ({d.lastError})
        </Alert>
      ) : null}
      {d.applicantLeft ? (
        <Alert color="red" title={t('servicedesk.applicantLeftTitle')} data-testid="applicant-left-alert">
          {t('servicedesk.applicantLeftText')}
        </Alert>
      ) : null}
      {d.activationExpired ? (
        <Alert color="orange" data-testid="activation-expired">
          {t('servicedesk.activationExpired')}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Stack gap={4}>
            <Field label={t('servicedesk.applicant')} value={`${d.applicantName} (NIP ${d.nip})`} />
            <Field label={t('servicedesk.unit')} value={`${d.unitName ?? ''} · ${d.positionTitle}`} />
            <Field label={t('servicedesk.address')} value={d.accountAddress ?? d.desiredAddress} testId="ticket-address" />
            {d.incomingAgendaNumber ? <Field label={t('servicedesk.agendaNumber')} value={d.incomingAgendaNumber} testId="ticket-agenda" /> : null}
            <Field label={t('servicedesk.whatsapp')} value={d.whatsapp} testId="ticket-whatsapp" />
            {d.requestFile.available ? (
              <Anchor href={`/api/v1/servicedesk/tickets/${d.id}/request-file`} target="_blank" data-testid="request-file-link">
                {t('servicedesk.openLetter')}
              </Anchor>
            ) : (
              <Text size="sm" c="dimmed" data-testid="request-file-hidden">
                {t('servicedesk.letterKept')}
              </Text>
            )}
          </Stack>
        </Card>
        <ActionPanel d={d} />
      </SimpleGrid>
      <Card withBorder>
        <Text fw={600} mb="xs">
          {t('servicedesk.stepTimes')}
        </Text>
        <Table data-testid="step-times">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>No</Table.Th>
              <Table.Th>{t('servicedesk.activity')}</Table.Th>
              <Table.Th>{t('servicedesk.actor')}</Table.Th>
              <Table.Th>{t('servicedesk.standard')}</Table.Th>
              <Table.Th>{t('servicedesk.actual')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.steps.map((s) => (
              <Table.Tr key={s.no}>
                <Table.Td>{s.no}</Table.Td>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td>{s.actorLabel}</Table.Td>
                <Table.Td>{s.standardMinutes ? `${s.standardMinutes} mnt` : '—'}</Table.Td>
                <Table.Td c={s.overStandard ? 'red' : undefined}>{formatMinutes(s.minutes)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Text fw={600} mb="xs">
          {t('servicedesk.timeline')}
        </Text>
        <Stack gap={4}>
          {d.timeline.map((e, i) => (
            <Text key={i} size="sm">
              {formatDateTime(e.at)} · {t(`servicedesk.event.${e.action}`, { defaultValue: e.action })}
              {e.actorName ? ` · ${e.actorName}` : ''}
              {e.note ? ` — ${e.note}` : ''}
            </Text>
          ))}
        </Stack>
      </Card>
      {d.capacities.includes('pii_officer') ? <FileAccessLog id={d.id} /> : null}
    </Stack>
  );
}

function Field({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="start">
      <Text size="sm" c="dimmed" w={140}>
        {label}
      </Text>
      <Text size="sm" data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

function FileAccessLog({ id }: { id: string }) {
  const { t } = useTranslation();
  const log = useFileAccess(id, true);
  return (
    <Card withBorder data-testid="file-access-log">
      <Text fw={600} mb="xs">
        {t('servicedesk.accessLog')}
      </Text>
      {(log.data ?? []).length === 0 ? <Text c="dimmed">{t('servicedesk.accessLogEmpty')}</Text> : null}
      {(log.data ?? []).map((r, i) => (
        <Text key={i} size="sm">
          {formatDateTime(r.at)} · {r.userName} ({r.username}) · {r.capacity}
        </Text>
      ))}
    </Card>
  );
}

function ActionPanel({ d }: { d: TicketDetail }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateTickets();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [checks, setChecks] = useState<Record<string, boolean>>({});
  const [file, setFile] = useState<File | null>(null);
  const [newAddress, setNewAddress] = useState('');
  const act = useMutation({
    mutationFn: (action: string) =>
      unwrap(
        api.POST('/api/v1/servicedesk/tickets/{id}/actions', {
          params: { path: { id: d.id } },
          body: { action: action as 'dispose', version: d.version, ...(note ? { note } : {}), ...(reason ? { reason } : {}), ...(action === 'accept' ? { checklist: checks } : {}) },
        }),
      ),
    onSuccess: () => {
      setNote('');
      setReason('');
      void invalidate();
      notifySuccess(t('servicedesk.done'));
    },
    onError: notifyError,
  });
  const resubmit = useMutation({
    mutationFn: () => postForm(`/api/v1/servicedesk/tickets/${d.id}/resubmit`, { version: d.version, note, desiredAddress: newAddress || undefined }, file ? { blob: file, name: file.name } : undefined),
    onSuccess: () => {
      void invalidate();
      notifySuccess(t('servicedesk.resubmitted'));
    },
    onError: notifyError,
  });
  const a = new Set(d.actions);
  const isApplicant = d.capacities.includes('applicant');
  if (a.size === 0 && !(isApplicant && d.status === 'returned')) {
    return (
      <Card withBorder>
        <Text c="dimmed" size="sm" data-testid="no-action">
          {t('servicedesk.noAction', { actor: d.stepActor })}
        </Text>
      </Card>
    );
  }
  const btn = (action: string, color?: string) => (
    <Button key={action} color={color} onClick={() => act.mutate(action)} loading={act.isPending && act.variables === action} data-testid={`action-${action}`}>
      {t(`servicedesk.action.${action}`)}
    </Button>
  );
  return (
    <Card withBorder data-testid="action-panel">
      <Stack>
        {a.has('dispose') ? (
          <>
            <Textarea label={t('servicedesk.dispositionNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} placeholder={t('servicedesk.dispositionHint')} data-testid="disposition-note" />
            {btn('dispose')}
          </>
        ) : null}
        {a.has('accept') ? (
          <Stack gap={4} data-testid="checklist">
            <Text fw={600}>{t('servicedesk.checklist')}</Text>
            {d.checklist.map((i) =>
              i.automatic ? (
                <Checkbox key={i.key} label={`${i.label} (${i.value === true ? t('servicedesk.checkedByNaskah') : i.value === false ? t('servicedesk.notMet') : t('servicedesk.unknown')})`} checked={i.value === true} disabled readOnly />
              ) : (
                <Checkbox key={i.key} label={i.label} checked={checks[i.key] ?? false} onChange={(e) => setChecks({ ...checks, [i.key]: e.currentTarget.checked })} data-testid={`check-${i.key}`} />
              ),
            )}
            {btn('accept')}
          </Stack>
        ) : null}
        {a.has('return') ? (
          <>
            <Textarea label={t('servicedesk.returnReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="return-reason-input" />
            {btn('return', 'orange')}
          </>
        ) : null}
        {a.has('provision') ? (
          <>
            <Text size="sm">{t('servicedesk.provisionHint', { address: d.desiredAddress })}</Text>
            {btn('provision')}
          </>
        ) : null}
        {isApplicant && d.status === 'returned' ? (
          <Stack gap="xs" data-testid="resubmit-form">
            <FileInput label={t('servicedesk.newLetter')} accept="application/pdf" value={file} onChange={setFile} data-testid="resubmit-file" />
            <TextInput label={t('servicedesk.newAddress')} value={newAddress} onChange={(e) => setNewAddress(e.currentTarget.value)} placeholder={d.desiredAddress} />
            <Textarea label={t('servicedesk.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
            <Button onClick={() => resubmit.mutate()} loading={resubmit.isPending} data-testid="action-resubmit">
              {t('servicedesk.action.resubmit')}
            </Button>
          </Stack>
        ) : null}
        <Group>
          {a.has('resend_activation') ? btn('resend_activation') : null}
          {a.has('suspend') ? btn('suspend', 'gray') : null}
          {a.has('unsuspend') ? btn('unsuspend') : null}
          {a.has('reset') ? btn('reset', 'gray') : null}
          {a.has('close_account') ? btn('close_account', 'red') : null}
        </Group>
        {a.has('cancel') ? (
          <Group align="end">
            <TextInput label={t('servicedesk.cancelReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
            {btn('cancel', 'red')}
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function ReportPage() {
  const { t } = useTranslation();
  const now = new Date();
  const [month, setMonth] = useState(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`);
  const report = useMonthlyReport(month);
  const r = report.data;
  const scale = Math.max(15, ...(r?.steps ?? []).map((s) => s.p90Minutes ?? 0));
  return (
    <Stack>
      <Title order={2}>{t('servicedesk.report.title')}</Title>
      <TextInput type="month" label={t('servicedesk.report.month')} value={month} onChange={(e) => setMonth(e.currentTarget.value)} w={200} data-testid="report-month" />
      {report.isError ? <Alert color="red">{describeError(report.error)}</Alert> : null}
      {r ? (
        <>
          <Group data-testid="report-summary">
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('servicedesk.report.requests')}
              </Text>
              <Text fw={700} size="xl">
                {r.requests}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('servicedesk.report.active')}
              </Text>
              <Text fw={700} size="xl">
                {r.active}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('servicedesk.report.returnedShare')}
              </Text>
              <Text fw={700} size="xl">
                {r.returnedShare}%
              </Text>
            </Card>
          </Group>
          <Table data-testid="report-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>No</Table.Th>
                <Table.Th>{t('servicedesk.actor')}</Table.Th>
                <Table.Th>{t('servicedesk.standard')}</Table.Th>
                <Table.Th>{t('servicedesk.report.median')}</Table.Th>
                <Table.Th>p90</Table.Th>
                <Table.Th>n</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.steps.map((s) => (
                <Table.Tr key={s.no}>
                  <Table.Td>{s.no}</Table.Td>
                  <Table.Td>{s.actorLabel}</Table.Td>
                  <Table.Td>{s.standardMinutes ? `${s.standardMinutes} mnt` : '—'}</Table.Td>
                  <Table.Td>{formatMinutes(s.medianMinutes)}</Table.Td>
                  <Table.Td>{formatMinutes(s.p90Minutes)}</Table.Td>
                  <Table.Td>{s.count}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Card withBorder data-testid="report-chart">
            <Text fw={600} mb="xs">
              {t('servicedesk.report.chart')}
            </Text>
            <svg width="100%" viewBox={`0 0 640 ${r.steps.length * 34 + 10}`} role="img" aria-label={t('servicedesk.report.chart')}>
              {r.steps.map((s, i) => {
                const y = i * 34 + 5;
                const w = (m: number | null) => ((m ?? 0) / scale) * 440;
                return (
                  <g key={s.no}>
                    <text x={0} y={y + 16} fontSize={12}>
                      {`${s.no}. ${s.actorLabel}`.slice(0, 28)}
                    </text>
                    <rect x={190} y={y} width={w(s.p90Minutes)} height={12} fill="#a5d8ff" />
                    <rect x={190} y={y + 13} width={w(s.medianMinutes)} height={12} fill="#1c7ed6" />
                    {s.standardMinutes ? <line x1={190 + w(s.standardMinutes)} x2={190 + w(s.standardMinutes)} y1={y - 2} y2={y + 27} stroke="#e03131" strokeDasharray="3 2" /> : null}
                  </g>
                );
              })}
            </svg>
            <Text size="xs" c="dimmed">
              {t('servicedesk.report.legend')}
            </Text>
          </Card>
        </>
      ) : null}
    </Stack>
  );
}
