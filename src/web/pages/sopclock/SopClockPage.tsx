// Kinerja SOP: for heads of office, actual time per SOP step against the office's standard over a
// period (median, p90, share on time, as a chart and a table) and the letters late now; the SOP
// time standards per office, which the admin edits.
import { Alert, Anchor, Badge, Button, Card, Group, NumberInput, Select, SimpleGrid, Skeleton, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconChartBar, IconClockEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { api, isApiError, unwrap, type Schemas } from '../../api/client';
import { useDocumentTypes } from '../../api/documents';
import { isSystemAdmin, useSignedInUser } from '../../auth/session';
import { formatMinutes } from '../../lib/documents';
import { describeError, notifySuccess } from '../../lib/errors';

type Report = Schemas['SopReport'];
type Standard = Schemas['SopTimeStandard'];
type StepRow = Standard['steps'][number];
const PHASES: StepRow['phase'][] = ['draft', 'numbering', 'register', 'review', 'verify', 'sign', 'send'];

const isoDate = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function SopClockSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tab = pathname.startsWith('/kinerja-sop/standar') ? 'standar' : 'laporan';
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('nav.sopClock')}
      </Title>
      <Tabs value={tab} onChange={(v) => void navigate(v === 'standar' ? '/kinerja-sop/standar' : '/kinerja-sop')}>
        <Tabs.List>
          <Tabs.Tab value="laporan" leftSection={<IconChartBar size={16} />}>
            {t('sopClock.tabs.report')}
          </Tabs.Tab>
          <Tabs.Tab value="standar" leftSection={<IconClockEdit size={16} />}>
            {t('sopClock.tabs.standards')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<ReportView />} />
        <Route path="standar" element={<StandardsView />} />
        <Route path="*" element={<Navigate to="/kinerja-sop" replace />} />
      </Routes>
    </Stack>
  );
}

/** "Verifikasi ke-2", "Penyusunan konsep" … for a step key of the report. */
function useStepLabel() {
  const { t } = useTranslation();
  return (key: string) => (key.startsWith('verify:') ? t('sopClock.step.verify', { n: key.split(':')[1] }) : t(`sopClock.step.${key}`));
}

function ReportView() {
  const { t } = useTranslation();
  const label = useStepLabel();
  const units = useQuery({ queryKey: ['sop-report', 'units'], queryFn: () => unwrap(api.GET('/api/v1/sop-report/units')) });
  const types = useDocumentTypes();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [to, setTo] = useState(isoDate(new Date()));
  const [from, setFrom] = useState(isoDate(new Date(Date.now() - 29 * 86_400_000)));
  useEffect(() => {
    if (!unitId && units.data?.[0]) setUnitId(units.data[0].id);
  }, [units.data, unitId]);
  const report = useQuery({
    queryKey: ['sop-report', unitId, typeId, from, to],
    enabled: !!unitId && /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to),
    queryFn: () => unwrap(api.GET('/api/v1/sop-report', { params: { query: { unitId: unitId!, ...(typeId ? { documentTypeId: typeId } : {}), from, to } } })),
  });
  if (units.data && units.data.length === 0) return <Alert color="gray">{t('sopClock.noUnits')}</Alert>;
  const r = report.data;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('sopClock.explain')}
      </Text>
      <Group align="end" wrap="wrap">
        <Select
          label={t('sopClock.unit')}
          data={(units.data ?? []).map((u) => ({ value: u.id, label: `${'\u2003'.repeat(Math.max(0, u.depth - 1))}${u.name}` }))}
          value={unitId}
          onChange={setUnitId}
          searchable
          w={340}
          data-testid="sop-unit"
        />
        <Select
          label={t('sopClock.type')}
          placeholder={t('sopClock.allTypes')}
          data={(types.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          value={typeId}
          onChange={setTypeId}
          clearable
          w={240}
        />
        <TextInput type="date" label={t('sopClock.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={170} />
        <TextInput type="date" label={t('sopClock.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} w={170} />
      </Group>
      {report.isError ? <Alert color="red">{describeError(report.error)}</Alert> : null}
      {report.isPending && unitId ? <Skeleton h={240} /> : null}
      {r ? <ReportBody r={r} label={label} /> : null}
    </Stack>
  );
}

function ReportBody({ r, label }: { r: Report; label: (key: string) => string }) {
  const { t } = useTranslation();
  const scale = Math.max(5, ...r.steps.map((s) => Math.max(s.p90Minutes ?? 0, s.standardMinutes ?? 0)));
  const w = (m: number | null) => ((m ?? 0) / scale) * 400;
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }} data-testid="sop-summary">
        <Card withBorder>
          <Text size="xs" c="dimmed">
            {t('sopClock.letters')}
          </Text>
          <Text fw={700} size="xl">
            {r.letters}
          </Text>
          {r.truncated ? <Text size="xs">{t('sopClock.truncated')}</Text> : null}
        </Card>
        <Card withBorder>
          <Text size="xs" c="dimmed">
            {r.standard?.sopName ?? t('sopClock.noStandard')}
          </Text>
          <Text fw={700} size="xl">
            {r.standard ? formatMinutes(r.standard.statedTotalMinutes ?? r.standard.totalMinutes) : '—'}
          </Text>
          {r.standard?.statedTotalMinutes && r.standard.statedTotalMinutes !== r.standard.totalMinutes ? (
            <Text size="xs">{t('sopClock.statedTotal', { stated: r.standard.statedTotalMinutes, rows: r.standard.totalMinutes })}</Text>
          ) : null}
        </Card>
        <Card withBorder>
          <Text size="xs" c="dimmed">
            {t('sopClock.overdueNow')}
          </Text>
          <Text fw={700} size="xl" c={r.overdueCount ? 'red.8' : undefined}>
            {r.overdueCount}
          </Text>
        </Card>
      </SimpleGrid>

      <Card withBorder data-testid="sop-chart">
        <Text fw={600} mb="xs">
          {t('sopClock.chart')}
        </Text>
        <svg width="100%" viewBox={`0 0 640 ${r.steps.length * 36 + 10}`} role="img" aria-label={t('sopClock.chartLabel', { unit: r.unit.name })}>
          {r.steps.map((s, i) => {
            const y = i * 36 + 5;
            const late = s.medianMinutes !== null && s.standardMinutes !== null && s.medianMinutes > s.standardMinutes;
            return (
              <g key={s.key}>
                <text x={0} y={y + 17} fontSize={12}>
                  {label(s.key).slice(0, 30)}
                </text>
                <rect x={220} y={y} width={w(s.p90Minutes)} height={13} fill="#a5d8ff" />
                <rect x={220} y={y + 14} width={w(s.medianMinutes)} height={13} fill={late ? '#c92a2a' : '#1864ab'} />
                {s.standardMinutes !== null ? <line x1={220 + w(s.standardMinutes)} x2={220 + w(s.standardMinutes)} y1={y - 2} y2={y + 29} stroke="#212529" strokeWidth={2} strokeDasharray="4 2" /> : null}
              </g>
            );
          })}
        </svg>
        <Text size="xs" c="dimmed">
          {t('sopClock.legend')}
        </Text>
      </Card>

      <Table.ScrollContainer minWidth={720}>
        <Table data-testid="sop-table" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sopClock.col.step')}</Table.Th>
              <Table.Th>{t('sopClock.col.sopRows')}</Table.Th>
              <Table.Th>{t('sopClock.col.standard')}</Table.Th>
              <Table.Th>{t('sopClock.col.median')}</Table.Th>
              <Table.Th>p90</Table.Th>
              <Table.Th>{t('sopClock.col.onTime')}</Table.Th>
              <Table.Th>n</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.steps.map((s) => (
              <Table.Tr key={s.key}>
                <Table.Td>{label(s.key)}</Table.Td>
                <Table.Td>
                  <Text size="xs" title={s.activities.join('; ')}>
                    {s.sopNos.length ? s.sopNos.join(', ') : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>{s.standardMinutes === null ? '—' : formatMinutes(s.standardMinutes)}</Table.Td>
                <Table.Td>{s.medianMinutes === null ? '—' : formatMinutes(s.medianMinutes)}</Table.Td>
                <Table.Td>{s.p90Minutes === null ? '—' : formatMinutes(s.p90Minutes)}</Table.Td>
                <Table.Td>{pct(s.onTimeShare)}</Table.Td>
                <Table.Td>{s.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Title order={2} size="h4">
        {t('sopClock.overdueTitle')}
      </Title>
      {r.overdueNow.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('sopClock.noneOverdue')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table data-testid="sop-overdue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sopClock.col.letter')}</Table.Th>
                <Table.Th>{t('sopClock.col.step')}</Table.Th>
                <Table.Th>{t('sopClock.col.waitingAt')}</Table.Th>
                <Table.Th>{t('sopClock.col.elapsed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.overdueNow.map((o) => (
                <Table.Tr key={`${o.documentId}-${o.key}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/naskah/${o.documentId}`} size="sm">
                      {o.hal ?? t('sopClock.secret')}
                    </Anchor>
                    {o.number ? (
                      <Text size="xs" c="dimmed">
                        {o.number}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{label(o.key)}</Table.Td>
                  <Table.Td>{o.positionName ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge color="red" variant="light">
                      {t('sopClock.elapsedOf', { elapsed: formatMinutes(o.elapsedMinutes), standard: formatMinutes(o.standardMinutes) })}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}

function StandardsView() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const admin = isSystemAdmin(me);
  const list = useQuery({ queryKey: ['sop-standards'], queryFn: () => unwrap(api.GET('/api/v1/sop-standards')) });
  const [openId, setOpenId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  if (list.isPending) return <Skeleton h={200} />;
  if (list.isError) return <Alert color="red">{describeError(list.error)}</Alert>;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('sopClock.standardsExplain')}
      </Text>
      {admin && !adding ? (
        <Group>
          <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => setAdding(true)} data-testid="sop-add">
            {t('sopClock.add')}
          </Button>
        </Group>
      ) : null}
      {adding ? <StandardEditor onDone={() => setAdding(false)} /> : null}
      {list.data.map((s) => (
        <Card key={s.id} withBorder data-testid="sop-standard">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={600}>{s.unitName ?? t('sopClock.instanceDefault')}</Text>
              <Text size="sm">
                {s.sopName} · {s.documentTypeName ?? t('sopClock.allTypes')} · {formatMinutes(s.statedTotalMinutes ?? s.steps.reduce((a, x) => a + x.minutes, 0))}
              </Text>
            </div>
            <Button variant="subtle" onClick={() => setOpenId(openId === s.id ? null : s.id)} aria-expanded={openId === s.id}>
              {openId === s.id ? t('sopClock.close') : admin ? t('sopClock.edit') : t('sopClock.view')}
            </Button>
          </Group>
          {openId === s.id ? <StandardEditor standard={s} readOnly={!admin} onDone={() => setOpenId(null)} /> : null}
        </Card>
      ))}
    </Stack>
  );
}

function StandardEditor({ standard, readOnly = false, onDone }: { standard?: Standard; readOnly?: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const types = useDocumentTypes();
  const units = useQuery({ queryKey: ['sop-report', 'units'], queryFn: () => unwrap(api.GET('/api/v1/sop-report/units')), enabled: !standard });
  const [sopName, setSopName] = useState(standard?.sopName ?? '');
  const [steps, setSteps] = useState<StepRow[]>(standard?.steps ?? [{ no: 1, activity: '', phase: 'draft', minutes: 5 }]);
  const [stated, setStated] = useState<number | ''>(standard?.statedTotalMinutes ?? '');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const sum = useMemo(() => steps.reduce((a, s) => a + (Number.isFinite(s.minutes) ? s.minutes : 0), 0), [steps]);
  const save = useMutation({
    mutationFn: async () => {
      const body = { sopName, steps, statedTotalMinutes: stated === '' ? null : stated };
      if (standard) return unwrap(api.PUT('/api/v1/sop-standards/{id}', { params: { path: { id: standard.id } }, body: { ...body, version: standard.version } }));
      return unwrap(api.POST('/api/v1/sop-standards', { body: { ...body, unitId: unitId ?? '', documentTypeId: typeId } }));
    },
    onSuccess: async () => {
      setErrors({});
      await qc.invalidateQueries({ queryKey: ['sop-standards'] });
      await qc.invalidateQueries({ queryKey: ['sop-report'] });
      notifySuccess(t('sopClock.saved'));
      onDone();
    },
    onError: (e) => setErrors(isApiError(e) ? e.fieldErrors : {}),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/sop-standards/{id}', { params: { path: { id: standard!.id }, query: { version: standard!.version } } })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['sop-standards'] });
      notifySuccess(t('sopClock.deleted'));
      onDone();
    },
  });
  const setStep = (i: number, patch: Partial<StepRow>) => {
    setSteps((xs) => xs.map((s, j) => (j === i ? { ...s, ...patch } : s)));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(`steps.${i}.`))));
  };
  const err = (k: string) => errors[k];
  return (
    <Stack gap="sm" mt="sm" data-testid="sop-editor">
      {!standard ? (
        <Group grow align="start">
          <Select label={t('sopClock.unit')} data={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} value={unitId} onChange={setUnitId} searchable required error={err('unitId')} />
          <Select label={t('sopClock.type')} placeholder={t('sopClock.allTypes')} data={(types.data ?? []).map((x) => ({ value: x.id, label: x.name }))} value={typeId} onChange={setTypeId} clearable />
        </Group>
      ) : null}
      <TextInput label={t('sopClock.sopName')} value={sopName} onChange={(e) => setSopName(e.currentTarget.value)} readOnly={readOnly} error={err('sopName')} required />
      <Table.ScrollContainer minWidth={640}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>No</Table.Th>
              <Table.Th>{t('sopClock.col.activity')}</Table.Th>
              <Table.Th w={190}>{t('sopClock.col.phase')}</Table.Th>
              <Table.Th w={120}>{t('sopClock.col.minutes')}</Table.Th>
              {!readOnly ? <Table.Th w={50} /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {steps.map((s, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  <NumberInput aria-label={t('sopClock.col.no', { n: i + 1 })} value={s.no} min={1} onChange={(v) => setStep(i, { no: Number(v) || 0 })} readOnly={readOnly} error={err(`steps.${i}.no`)} />
                </Table.Td>
                <Table.Td>
                  <TextInput aria-label={t('sopClock.col.activityN', { n: i + 1 })} value={s.activity} onChange={(e) => setStep(i, { activity: e.currentTarget.value })} readOnly={readOnly} error={err(`steps.${i}.activity`)} />
                </Table.Td>
                <Table.Td>
                  <Select aria-label={t('sopClock.col.phaseN', { n: i + 1 })} data={PHASES.map((p) => ({ value: p, label: t(`sopClock.phase.${p}`) }))} value={s.phase} onChange={(v) => v && setStep(i, { phase: v as StepRow['phase'] })} readOnly={readOnly} allowDeselect={false} />
                </Table.Td>
                <Table.Td>
                  <NumberInput aria-label={t('sopClock.col.minutesN', { n: i + 1 })} value={s.minutes} min={0} onChange={(v) => setStep(i, { minutes: Number(v) || 0 })} readOnly={readOnly} suffix=" mnt" error={err(`steps.${i}.minutes`)} />
                </Table.Td>
                {!readOnly ? (
                  <Table.Td>
                    <Button variant="subtle" color="red" px={6} aria-label={t('sopClock.removeRow', { n: i + 1 })} onClick={() => setSteps((xs) => xs.filter((_, j) => j !== i))} disabled={steps.length === 1}>
                      <IconTrash size={16} />
                    </Button>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" align="end">
        <Group align="end">
          {!readOnly ? (
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setSteps((xs) => [...xs, { no: (xs[xs.length - 1]?.no ?? 0) + 1, activity: '', phase: 'send', minutes: 5 }])}>
              {t('sopClock.addRow')}
            </Button>
          ) : null}
          <Text size="sm">{t('sopClock.rowsTotal', { total: formatMinutes(sum) })}</Text>
        </Group>
        <NumberInput label={t('sopClock.statedTotalLabel')} description={t('sopClock.statedTotalHelp')} value={stated} onChange={(v) => setStated(v === '' ? '' : Number(v))} min={1} readOnly={readOnly} w={220} suffix=" mnt" />
      </Group>
      {save.isError ? <Alert color="red">{describeError(save.error)}</Alert> : null}
      {remove.isError ? <Alert color="red">{describeError(remove.error)}</Alert> : null}
      {!readOnly ? (
        <Group justify="space-between">
          {standard && (standard.unitId !== null || standard.documentTypeId !== null) ? (
            <Button variant="subtle" color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
              {t('sopClock.delete')}
            </Button>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onDone}>
              {t('sopClock.cancel')}
            </Button>
            <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="sop-save">
              {t('sopClock.save')}
            </Button>
          </Group>
        </Group>
      ) : null}
    </Stack>
  );
}
