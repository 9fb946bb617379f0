// Arsip, the records officer's section (unit kearsipan): records (found through the one search,
// with filters), one record with its PDFs and the history frozen when it was declared, berkas
// (list, open per activity, physical location, close, legal hold, lend), loans (pinjam, kembali,
// overdue), the retention report, and (DisposalPages.tsx) pemusnahan and serah arsip statis.
import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Modal, NumberInput, Pagination, Select, SimpleGrid, Stack, Switch, Table, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArchive, IconDownload, IconFolderPlus, IconLock, IconSearch } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { useBerkas, useBerkasList, useInvalidateArchive, useLoans, useRecord, useRetentionReport, useSearch, type Berkas, type BerkasItem } from '../../api/archive';
import { ClassificationSelect } from '../../components/ClassificationSelect';
import { ConfirmButton } from '../../components/ConfirmButton';
import { UserSelect } from '../../components/UserSelect';
import { PdfViewer } from '../../components/pdf/PdfViewer';
import { notifyError, notifySuccess } from '../../lib/errors';
import { fieldErrorsOf } from '../../lib/forms';
import { formatDate, formatDateTime } from '../../lib/format';
import { Highlighted } from '../search/SearchPage';
import { hasRole, isSystemAdmin, useSignedInUser } from '../../auth/session';
import { Info, StateBadge, UnitFilter } from './archiveShared';
import { DisposalListPage, DisposalPage, ProposeDisposalPage } from './DisposalPages';

export function ArchiveSection() {
  return (
    <Routes>
      <Route index element={<Tabbed tab="records" page={<RecordsPage />} />} />
      <Route path="berkas" element={<Tabbed tab="berkas" page={<BerkasListPage />} />} />
      <Route path="berkas/:id" element={<BerkasPage />} />
      <Route path="arsip/:id" element={<RecordPage />} />
      <Route path="peminjaman" element={<Tabbed tab="loans" page={<LoansPage />} />} />
      <Route path="retensi" element={<Tabbed tab="retention" page={<RetentionPage />} />} />
      <Route path="pemusnahan" element={<Tabbed tab="disposals" page={<DisposalListPage kind="musnah" />} />} />
      <Route path="pemusnahan/baru" element={<ProposeDisposalPage kind="musnah" />} />
      <Route path="pemusnahan/:id" element={<DisposalPage />} />
      <Route path="penyerahan" element={<Tabbed tab="transfers" page={<DisposalListPage kind="serah" />} />} />
      <Route path="penyerahan/baru" element={<ProposeDisposalPage kind="serah" />} />
      <Route path="penyerahan/:id" element={<DisposalPage />} />
    </Routes>
  );
}

const TABS = { records: '/arsip', berkas: '/arsip/berkas', loans: '/arsip/peminjaman', retention: '/arsip/retensi', disposals: '/arsip/pemusnahan', transfers: '/arsip/penyerahan' } as const;

function Tabbed({ tab, page }: { tab: keyof typeof TABS; page: React.ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // The head of a Perangkat Daerah comes here for the disposals he decides and signs; the
  // records themselves are the records officers' (he finds what he may read through search).
  const me = useSignedInUser();
  const officer = hasRole(me, 'records_officer') || isSystemAdmin(me);
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('archive.title')}
      </Title>
      <Tabs value={tab} onChange={(v) => v && void navigate(TABS[v as keyof typeof TABS])}>
        <Tabs.List>
          {(Object.keys(TABS) as Array<keyof typeof TABS>).filter((k) => officer || k === 'disposals' || k === 'transfers').map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`archive.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {page}
    </Stack>
  );
}

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 8 }, (_, i) => String(thisYear - i));
const PAGE = 20;

// ----- Records ------------------------------------------------------------------------------

function RecordsPage() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [classification, setClassification] = useState<string | null>(null);
  const [year, setYear] = useState<string | null>(null);
  const [sifat, setSifat] = useState<string | null>(null);
  const [state, setState] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [q, unitId, classification, year, sifat, state]);
  const result = useSearch({
    q,
    unitId: unitId ?? undefined,
    classification: classification ?? undefined,
    from: year ? `${year}-01-01` : undefined,
    to: year ? `${year}-12-31` : undefined,
    sifat: sifat ?? undefined,
    state: state ?? undefined,
    recordsOnly: true,
    offset: (page - 1) * PAGE,
  });
  const items = result.data?.items ?? [];
  const total = result.data?.total ?? 0;
  return (
    <Stack gap="md">
      <Card p="md">
        <Stack gap="sm">
          <TextInput label={t('archive.records.search')} placeholder={t('archive.records.searchPlaceholder')} leftSection={<IconSearch size={16} />} value={text} onChange={(e) => setText(e.currentTarget.value)} data-testid="records-search" />
          <Group gap="sm" align="flex-end" wrap="wrap">
            <UnitFilter value={unitId} onChange={setUnitId} />
            <div style={{ width: 260 }}>
              <ClassificationSelect label={t('archive.classification')} value={classification} onChange={setClassification} />
            </div>
            <Select label={t('archive.year')} data={YEARS} value={year} onChange={setYear} clearable placeholder={t('archive.allYears')} size="sm" w={120} comboboxProps={{ withinPortal: true }} />
            <Select
              label={t('archive.sifat')}
              data={(['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] as const).map((s) => ({ value: s, label: t(`sifat.${s}`) }))}
              value={sifat}
              onChange={setSifat}
              clearable
              placeholder={t('archive.all')}
              size="sm"
              w={160}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label={t('archive.state')}
              data={(['aktif', 'inaktif'] as const).map((s) => ({ value: s, label: t(`archive.states.${s}`) }))}
              value={state}
              onChange={setState}
              clearable
              placeholder={t('archive.all')}
              size="sm"
              w={140}
              comboboxProps={{ withinPortal: true }}
              data-testid="records-state"
            />
          </Group>
        </Stack>
      </Card>
      <Text size="sm" c="dimmed" data-testid="records-total">
        {t('archive.records.total', { count: total, more: result.data?.totalIsLowerBound ? '+' : '' })}
      </Text>
      <Card p={0}>
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="records-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('archive.number')}</Table.Th>
                <Table.Th>{t('archive.hal')}</Table.Th>
                <Table.Th>{t('archive.classification')}</Table.Th>
                <Table.Th>{t('archive.date')}</Table.Th>
                <Table.Th>{t('archive.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((h) => (
                <Table.Tr key={h.sourceId} data-testid="record-row">
                  <Table.Td className="mono" style={{ whiteSpace: 'nowrap' }}>
                    {h.number ?? '–'}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/arsip/arsip/${h.recordId}`} size="sm">
                      <Highlighted segments={h.titleSegments} />
                    </Anchor>
                    {q && h.snippet.length ? (
                      <Text size="xs" c="gray.8">
                        <Highlighted segments={h.snippet} />
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td className="mono">{h.classificationCode}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(h.entryDate)}</Table.Td>
                  <Table.Td>
                    <StateBadge state={h.state} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {!items.length && !result.isPending ? (
          <Text c="dimmed" ta="center" py="md">
            {t('archive.records.empty')}
          </Text>
        ) : null}
      </Card>
      {total > PAGE ? (
        <Group justify="center">
          <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={setPage} size="sm" />
        </Group>
      ) : null}
    </Stack>
  );
}

function RecordPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const record = useRecord(id);
  const invalidate = useInvalidateArchive();
  const [hold, setHold] = useState(false);
  if (record.isPending) return <Text>{t('common.loading')}</Text>;
  if (record.isError || !record.data) return <Alert color="red">{t('archive.record.notFound')}</Alert>;
  const r = record.data;
  const pdf = r.files.find((f) => f.available && f.name.toLowerCase().endsWith('.pdf')) ?? r.files.find((f) => f.available);
  const rows: Array<[string, React.ReactNode]> = [
    [t('archive.number'), <span className="mono">{r.number ?? '–'}</span>],
    [t('archive.date'), formatDate(r.documentDate)],
    [t('archive.unit'), r.unitName ?? '–'],
    [t('archive.classification'), `${r.classificationCode}${r.classificationName ? ` — ${r.classificationName}` : ''}`],
    [t('archive.sifat'), t(`sifat.${r.sifat}`, { defaultValue: r.sifat })],
    [t('archive.accessClass'), t(`sifat.${r.accessClass}`, { defaultValue: r.accessClass })],
    [t('archive.record.parties'), r.parties.join(', ') || '–'],
    [
      t('archive.record.berkas'),
      r.berkas ? (
        <Anchor component={Link} to={`/arsip/berkas/${r.berkas.id}`} size="sm">
          {r.berkas.uraian}
        </Anchor>
      ) : (
        '–'
      ),
    ],
    [t('archive.record.declaredAt'), formatDateTime(r.declaredAt)],
    [t('archive.record.digest'), <span className="mono" style={{ wordBreak: 'break-all', fontSize: 12 }}>{r.snapshotSha256}</span>],
  ];
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/arsip" size="sm">
        ← {t('archive.title')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={1} size="h2" data-testid="record-title">
          {r.title}
        </Title>
        <Group gap="xs">
          {r.berkas ? <StateBadge state={r.berkas.state} /> : null}
          {r.legalHold ? (
            <Badge color="red.9" variant="outline" leftSection={<IconLock size={12} />} data-testid="record-hold">
              {t('archive.legalHold')}
            </Badge>
          ) : null}
        </Group>
      </Group>
      <Alert color="gray" icon={<IconArchive size={18} />}>
        {r.contentDeletedAt ? t('archive.record.destroyed', { date: formatDate(String(r.contentDeletedAt)) }) : t('archive.record.frozen')}
      </Alert>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card p="md">
          <Title order={2} size="h4" mb="xs">
            {t('archive.record.metadata')}
          </Title>
          <Table verticalSpacing={4} data-testid="record-metadata">
            <Table.Tbody>
              {rows.map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Th w={170} fw={500} c="dimmed">
                    {k}
                  </Table.Th>
                  <Table.Td>{v}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group mt="sm">
            <Button size="xs" variant="light" color={r.legalHold ? 'gray' : 'red'} onClick={() => setHold(true)} data-testid="record-hold-button">
              {r.legalHold ? t('archive.liftHold') : t('archive.setHold')}
            </Button>
          </Group>
        </Card>
        <Card p="md">
          <Title order={2} size="h4" mb="xs">
            {t('archive.record.files')}
          </Title>
          <Stack gap={4}>
            {r.files.map((f) => (
              <Group key={f.index} justify="space-between" wrap="nowrap">
                <div>
                  <Text size="sm">
                    {f.name} <Text span size="xs" c="dimmed">({t(`archive.fileRoles.${f.role}`, { defaultValue: f.role })}, {Math.ceil(f.size / 1024)} KB)</Text>
                  </Text>
                  {f.longTerm ? (
                    <Text size="xs" c="dimmed" data-testid="file-long-term">
                      {f.longTerm.protectedUntil ? t('archive.record.longTerm', { date: formatDate(f.longTerm.protectedUntil), count: f.longTerm.archiveTimestamps }) : null}
                    </Text>
                  ) : null}
                </div>
                {f.available ? (
                  <Button component="a" size="xs" variant="subtle" href={`/api/v1/archive/records/${r.id}/files/${f.index}?download=1`} leftSection={<IconDownload size={14} />} aria-label={t('archive.record.download', { name: f.name })}>
                    {t('archive.record.downloadShort')}
                  </Button>
                ) : (
                  <Badge size="sm" color="gray.8" variant="outline">
                    {t('archive.record.fileGone')}
                  </Badge>
                )}
              </Group>
            ))}
            {!r.files.length ? <Text size="sm" c="dimmed">{t('common.none')}</Text> : null}
          </Stack>
        </Card>
      </SimpleGrid>
      {pdf ? (
        <Card p="md">
          <PdfViewer url={`/api/v1/archive/records/${r.id}/files/${pdf.index}`} label={t('archive.record.preview', { name: pdf.name })} />
        </Card>
      ) : null}
      <Card p="md">
        <Title order={2} size="h4" mb="xs">
          {t('archive.record.history')}
        </Title>
        <Table verticalSpacing={4} data-testid="record-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('archive.record.when')}</Table.Th>
              <Table.Th>{t('archive.record.what')}</Table.Th>
              <Table.Th>{t('archive.record.who')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.history.map((h, i) => (
              <Table.Tr key={i}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(h.at)}</Table.Td>
                <Table.Td>
                  <Text size="sm" className="mono">
                    {h.action}
                  </Text>
                  {h.note ? <Text size="xs" c="dimmed">{h.note}</Text> : null}
                </Table.Td>
                <Table.Td>{h.actor ?? '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <HoldModal
        opened={hold}
        onClose={() => setHold(false)}
        holding={r.legalHold}
        submit={(reason) => unwrap(api.POST('/api/v1/archive/records/{id}/legal-hold', { params: { path: { id: r.id } }, body: { version: r.version, hold: !r.legalHold, reason } })).then(invalidate)}
      />
    </Stack>
  );
}

function HoldModal({ opened, onClose, holding, submit }: { opened: boolean; onClose: () => void; holding: boolean; submit: (reason: string | null) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const m = useMutation({
    mutationFn: () => submit(holding ? null : reason.trim() || null),
    onSuccess: () => {
      notifySuccess(holding ? t('archive.holdLifted') : t('archive.holdSet'));
      setReason('');
      onClose();
    },
    onError: notifyError,
  });
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{holding ? t('archive.liftHold') : t('archive.setHold')}</Text>} centered>
      <Stack gap="sm">
        <Text size="sm">{holding ? t('archive.liftHoldHelp') : t('archive.setHoldHelp')}</Text>
        {!holding ? <Textarea label={t('archive.holdReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} data-testid="hold-reason" /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={holding ? undefined : 'red'} loading={m.isPending} onClick={() => m.mutate()} data-testid="hold-confirm">
            {holding ? t('archive.liftHold') : t('archive.setHold')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

// ----- Berkas ------------------------------------------------------------------------------

function kurun(b: Berkas): string {
  if (!b.kurunStart) return String(b.year);
  return b.kurunStart === b.kurunEnd || !b.kurunEnd ? formatDate(b.kurunStart) : `${formatDate(b.kurunStart)} – ${formatDate(b.kurunEnd)}`;
}

function BerkasListPage() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [status, setStatus] = useState<'open' | 'closed' | null>(null);
  const [year, setYear] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useBerkasList({ unitId: unitId ?? undefined, status: status ?? undefined, year: year ? Number(year) : undefined });
  const rows = list.data ?? [];
  return (
    <Stack gap="md">
      <Card p="md">
        <Group gap="sm" align="flex-end" wrap="wrap" justify="space-between">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <UnitFilter value={unitId} onChange={setUnitId} />
            <Select
              label={t('archive.berkas.status')}
              data={(['open', 'closed'] as const).map((s) => ({ value: s, label: t(`archive.berkas.statuses.${s}`) }))}
              value={status}
              onChange={(v) => setStatus(v as 'open' | 'closed' | null)}
              clearable
              placeholder={t('archive.all')}
              size="sm"
              w={150}
              comboboxProps={{ withinPortal: true }}
            />
            <Select label={t('archive.year')} data={YEARS} value={year} onChange={setYear} clearable placeholder={t('archive.allYears')} size="sm" w={120} comboboxProps={{ withinPortal: true }} />
          </Group>
          <Group gap="xs">
            {unitId ? (
              <>
                <Button component="a" variant="light" size="sm" href={`/api/v1/archive/daftar?unitId=${unitId}&kind=aktif`} download leftSection={<IconDownload size={16} />} data-testid="daftar-aktif">
                  {t('archive.berkas.daftarAktif')}
                </Button>
                <Button component="a" variant="light" size="sm" href={`/api/v1/archive/daftar?unitId=${unitId}&kind=inaktif`} download leftSection={<IconDownload size={16} />}>
                  {t('archive.berkas.daftarInaktif')}
                </Button>
                <Button component="a" variant="light" size="sm" href={`/api/v1/archive/daftar?unitId=${unitId}&kind=aktif&format=pdf`} download leftSection={<IconDownload size={16} />}>
                  {t('archive.berkas.daftarAktifPdf')}
                </Button>
                <Button component="a" variant="light" size="sm" href={`/api/v1/archive/daftar?unitId=${unitId}&kind=inaktif&format=pdf`} download leftSection={<IconDownload size={16} />}>
                  {t('archive.berkas.daftarInaktifPdf')}
                </Button>
                <Button component="a" variant="light" size="sm" href={`/api/v1/archive/box-labels?unitId=${unitId}`} download leftSection={<IconDownload size={16} />} data-testid="box-labels">
                  {t('archive.berkas.boxLabels')}
                </Button>
              </>
            ) : null}
            <Button size="sm" leftSection={<IconFolderPlus size={16} />} onClick={() => setCreating(true)} data-testid="berkas-create">
              {t('archive.berkas.create')}
            </Button>
          </Group>
        </Group>
      </Card>
      <Card p={0}>
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="berkas-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('archive.classification')}</Table.Th>
                <Table.Th>{t('archive.berkas.uraian')}</Table.Th>
                <Table.Th>{t('archive.berkas.kurun')}</Table.Th>
                <Table.Th>{t('archive.berkas.jumlah')}</Table.Th>
                <Table.Th>{t('archive.berkas.status')}</Table.Th>
                <Table.Th>{t('archive.berkas.retention')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((b) => (
                <Table.Tr key={b.id} data-testid="berkas-row">
                  <Table.Td className="mono">{b.classificationCode}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/arsip/berkas/${b.id}`} size="sm">
                      {b.uraian}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {b.unitName}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{kurun(b)}</Table.Td>
                  <Table.Td>{b.itemCount}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge size="sm" variant="outline" color={b.status === 'open' ? 'blue.9' : 'gray.8'}>
                        {t(`archive.berkas.statuses.${b.status}`)}
                      </Badge>
                      <StateBadge state={b.state} />
                      {b.legalHold ? <IconLock size={14} aria-label={t('archive.legalHold')} /> : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{b.activeUntil ? t('archive.berkas.activeUntil', { date: formatDate(b.activeUntil) }) : t('archive.berkas.clockNotStarted')}</Text>
                    {b.inactiveUntil ? <Text size="xs">{t('archive.berkas.inactiveUntil', { date: formatDate(b.inactiveUntil) })}</Text> : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {!rows.length && !list.isPending ? (
          <Text c="dimmed" ta="center" py="md">
            {t('archive.berkas.empty')}
          </Text>
        ) : null}
      </Card>
      <CreateBerkasModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

function CreateBerkasModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidateArchive();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [year, setYear] = useState<number | string>(thisYear);
  const [activity, setActivity] = useState('');
  const [uraian, setUraian] = useState('');
  const m = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/archive/berkas', { body: { unitId: unitId!, classificationCode: code!, year: Number(year), activity: activity.trim(), ...(uraian.trim() ? { uraian: uraian.trim() } : {}) } })),
    onSuccess: (b) => {
      notifySuccess(t('archive.berkas.created'));
      void invalidate();
      onClose();
      void navigate(`/arsip/berkas/${b.id}`);
    },
    onError: notifyError,
  });
  const errors = fieldErrorsOf(m.error);
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{t('archive.berkas.create')}</Text>} centered size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('archive.berkas.createHelp')}
        </Text>
        <UnitFilter value={unitId} onChange={setUnitId} required />
        <ClassificationSelect label={t('archive.classification')} value={code} onChange={setCode} required error={errors.classificationCode} />
        <NumberInput label={t('archive.year')} value={year} onChange={setYear} min={1900} max={2200} w={140} />
        <TextInput label={t('archive.berkas.activity')} value={activity} onChange={(e) => setActivity(e.currentTarget.value)} required error={errors.activity} data-testid="berkas-activity" />
        <Textarea label={t('archive.berkas.uraian')} description={t('archive.berkas.uraianHelp')} value={uraian} onChange={(e) => setUraian(e.currentTarget.value)} autosize minRows={2} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={m.isPending} disabled={!unitId || !code || activity.trim().length < 3} onClick={() => m.mutate()} data-testid="berkas-create-submit">
            {t('archive.berkas.createSubmit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function BerkasPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const berkas = useBerkas(id);
  const invalidate = useInvalidateArchive();
  const [editing, setEditing] = useState(false);
  const [lending, setLending] = useState(false);
  const [hold, setHold] = useState(false);
  const close = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/archive/berkas/{id}/close', { params: { path: { id } }, body: { version: berkas.data!.version } })),
    onSuccess: () => notifySuccess(t('archive.berkas.closed')),
    onError: notifyError,
    onSettled: invalidate,
  });
  if (berkas.isPending) return <Text>{t('common.loading')}</Text>;
  if (berkas.isError || !berkas.data) return <Alert color="red">{t('archive.berkas.notFound')}</Alert>;
  const b = berkas.data;
  const location = [b.locationBuilding, b.locationRoom, b.locationShelf && t('archive.berkas.shelfN', { n: b.locationShelf }), b.locationBox && t('archive.berkas.boxN', { n: b.locationBox })].filter(Boolean).join(', ');
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/arsip/berkas" size="sm">
        ← {t('archive.tabs.berkas')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2" data-testid="berkas-title">
            {b.uraian}
          </Title>
          <Text c="dimmed" size="sm">
            {b.classificationCode} · {b.unitName ?? ''} · {kurun(b)}
          </Text>
        </div>
        <Group gap="xs">
          <Badge variant="outline" color={b.status === 'open' ? 'blue.9' : 'gray.8'} tt="none" data-testid="berkas-status">
            {t(`archive.berkas.statuses.${b.status}`)}
          </Badge>
          <StateBadge state={b.state} />
          {b.legalHold ? (
            <Badge color="red.9" variant="outline" leftSection={<IconLock size={12} />}>
              {t('archive.legalHold')}
            </Badge>
          ) : null}
        </Group>
      </Group>
      <Card p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Info label={t('archive.berkas.jumlah')} value={t('archive.berkas.items', { count: b.itemCount })} />
          <Info label={t('archive.berkas.location')} value={location || '–'} testId="berkas-location" />
          <Info label={t('archive.berkas.retention')} value={b.activeUntil ? `${t('archive.berkas.activeUntil', { date: formatDate(b.activeUntil) })}; ${b.inactiveUntil ? t('archive.berkas.inactiveUntil', { date: formatDate(b.inactiveUntil) }) : ''} ${b.finalDisposition ? `(${t(`archive.disposition.${b.finalDisposition}`, { defaultValue: b.finalDisposition })})` : ''}` : t('archive.berkas.clockNotStarted')} testId="berkas-retention" />
        </SimpleGrid>
        {b.legalHoldReason ? (
          <Text size="sm" mt="xs" c="red">
            {t('archive.holdReason')}: {b.legalHoldReason}
          </Text>
        ) : null}
        <Group mt="md" gap="xs">
          <Button size="sm" variant="light" onClick={() => setEditing(true)} data-testid="berkas-edit">
            {t('archive.berkas.edit')}
          </Button>
          <Button size="sm" variant="light" onClick={() => setLending(true)} data-testid="berkas-lend">
            {t('archive.loans.lend')}
          </Button>
          <Button size="sm" variant="light" color={b.legalHold ? 'gray' : 'red'} onClick={() => setHold(true)} data-testid="berkas-hold">
            {b.legalHold ? t('archive.liftHold') : t('archive.setHold')}
          </Button>
          {b.status === 'open' ? (
            <ConfirmButton size="sm" title={t('archive.berkas.close')} message={t('archive.berkas.closeConfirm')} loading={close.isPending} onConfirm={() => close.mutate()} data-testid="berkas-close">
              {t('archive.berkas.close')}
            </ConfirmButton>
          ) : null}
        </Group>
      </Card>
      <Card p={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="xs" data-testid="berkas-items">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('archive.number')}</Table.Th>
                <Table.Th>{t('archive.hal')}</Table.Th>
                <Table.Th>{t('archive.date')}</Table.Th>
                <Table.Th>{t('archive.accessClass')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {b.items.map((r: BerkasItem) => (
                <Table.Tr key={r.id}>
                  <Table.Td className="mono">{r.number ?? '–'}</Table.Td>
                  <Table.Td>
                    {r.canOpen ? (
                      <Anchor component={Link} to={`/arsip/arsip/${r.id}`} size="sm">
                        {r.title}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {r.title}
                      </Text>
                    )}
                    {r.contentDeleted ? <Badge size="xs" ml={6} color="gray.8" variant="outline">{t('archive.record.fileGone')}</Badge> : null}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.documentDate)}</Table.Td>
                  <Table.Td>{t(`sifat.${r.accessClass}`, { defaultValue: r.accessClass })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {!b.items.length ? (
          <Text c="dimmed" ta="center" py="md">
            {t('archive.berkas.noItems')}
          </Text>
        ) : null}
      </Card>
      <EditBerkasModal berkas={editing ? b : null} onClose={() => setEditing(false)} />
      <LendModal opened={lending} onClose={() => setLending(false)} berkasId={b.id} />
      <HoldModal
        opened={hold}
        onClose={() => setHold(false)}
        holding={b.legalHold}
        submit={(reason) => unwrap(api.POST('/api/v1/archive/berkas/{id}/legal-hold', { params: { path: { id: b.id } }, body: { version: b.version, hold: !b.legalHold, reason } })).then(invalidate)}
      />
    </Stack>
  );
}

function EditBerkasModal({ berkas, onClose }: { berkas: Berkas | null; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateArchive();
  const [f, setF] = useState({ uraian: '', locationBuilding: '', locationRoom: '', locationShelf: '', locationBox: '' });
  useEffect(() => {
    if (berkas) setF({ uraian: berkas.uraian, locationBuilding: berkas.locationBuilding ?? '', locationRoom: berkas.locationRoom ?? '', locationShelf: berkas.locationShelf ?? '', locationBox: berkas.locationBox ?? '' });
  }, [berkas]);
  const m = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/archive/berkas/{id}', {
          params: { path: { id: berkas!.id } },
          body: { version: berkas!.version, uraian: f.uraian.trim(), locationBuilding: f.locationBuilding.trim() || null, locationRoom: f.locationRoom.trim() || null, locationShelf: f.locationShelf.trim() || null, locationBox: f.locationBox.trim() || null },
        }),
      ),
    onSuccess: () => {
      notifySuccess(t('archive.berkas.saved'));
      onClose();
    },
    onError: notifyError,
    onSettled: invalidate,
  });
  const field = (k: keyof typeof f) => ({ value: f[k], onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setF({ ...f, [k]: e.currentTarget.value }) });
  return (
    <Modal opened={berkas !== null} onClose={onClose} title={<Text fw={700}>{t('archive.berkas.edit')}</Text>} centered size="lg">
      <Stack gap="sm">
        <Textarea label={t('archive.berkas.uraian')} autosize minRows={2} {...field('uraian')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('archive.berkas.building')} {...field('locationBuilding')} data-testid="loc-building" />
          <TextInput label={t('archive.berkas.room')} {...field('locationRoom')} data-testid="loc-room" />
          <TextInput label={t('archive.berkas.shelf')} {...field('locationShelf')} data-testid="loc-shelf" />
          <TextInput label={t('archive.berkas.box')} {...field('locationBox')} data-testid="loc-box" />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={m.isPending} onClick={() => m.mutate()} data-testid="berkas-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function LendModal({ opened, onClose, berkasId }: { opened: boolean; onClose: () => void; berkasId: string }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateArchive();
  const [borrower, setBorrower] = useState<string | null>(null);
  const [purpose, setPurpose] = useState('');
  const [dueOn, setDueOn] = useState('');
  const m = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/archive/loans', { body: { berkasId, borrowerUserId: borrower!, purpose: purpose.trim(), dueOn } })),
    onSuccess: () => {
      notifySuccess(t('archive.loans.lent'));
      setPurpose('');
      setDueOn('');
      onClose();
    },
    onError: notifyError,
    onSettled: invalidate,
  });
  const errors = fieldErrorsOf(m.error);
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{t('archive.loans.lend')}</Text>} centered>
      <Stack gap="sm">
        <UserSelect label={t('archive.loans.borrower')} value={borrower} onChange={setBorrower} required testId="loan-borrower" />
        <TextInput label={t('archive.loans.purpose')} value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} required error={errors.purpose} data-testid="loan-purpose" />
        <TextInput type="date" label={t('archive.loans.dueOn')} value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} required error={errors.dueOn} data-testid="loan-due" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={m.isPending} disabled={!borrower || purpose.trim().length < 3 || !dueOn} onClick={() => m.mutate()} data-testid="loan-submit">
            {t('archive.loans.lend')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

// ----- Loans ---------------------------------------------------------------------------------

function LoansPage() {
  const { t } = useTranslation();
  const [openOnly, setOpenOnly] = useState(true);
  const loans = useLoans(openOnly);
  const invalidate = useInvalidateArchive();
  const ret = useMutation({
    mutationFn: (l: { id: string; version: number }) => unwrap(api.POST('/api/v1/archive/loans/{id}/return', { params: { path: { id: l.id } }, body: { version: l.version } })),
    onSuccess: () => notifySuccess(t('archive.loans.returned')),
    onError: notifyError,
    onSettled: invalidate,
  });
  const rows = loans.data ?? [];
  return (
    <Stack gap="md">
      <Switch label={t('archive.loans.openOnly')} checked={openOnly} onChange={(e) => setOpenOnly(e.currentTarget.checked)} />
      <Card p={0}>
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="xs" data-testid="loans-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('archive.loans.item')}</Table.Th>
                <Table.Th>{t('archive.loans.borrower')}</Table.Th>
                <Table.Th>{t('archive.loans.purpose')}</Table.Th>
                <Table.Th>{t('archive.loans.dueOn')}</Table.Th>
                <Table.Th>{t('archive.loans.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((l) => (
                <Table.Tr key={l.id} data-testid="loan-row">
                  <Table.Td>{l.berkasId ? <Anchor component={Link} to={`/arsip/berkas/${l.berkasId}`} size="sm">{l.label}</Anchor> : l.recordId ? <Anchor component={Link} to={`/arsip/arsip/${l.recordId}`} size="sm">{l.label}</Anchor> : l.label}</Table.Td>
                  <Table.Td>{l.borrower}</Table.Td>
                  <Table.Td>{l.purpose}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(l.dueOn)}</Table.Td>
                  <Table.Td>
                    {l.returnedAt ? (
                      <Badge size="sm" color="cyan.9" variant="outline">
                        {t('archive.loans.returnedOn', { date: formatDateTime(l.returnedAt) })}
                      </Badge>
                    ) : l.overdue ? (
                      <Badge size="sm" color="red.9" variant="outline" data-testid="loan-overdue">
                        {t('archive.loans.overdue')}
                      </Badge>
                    ) : (
                      <Badge size="sm" color="blue.9" variant="outline">
                        {t('archive.loans.onLoan')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {!l.returnedAt ? (
                      <Button size="xs" variant="light" loading={ret.isPending && ret.variables?.id === l.id} onClick={() => ret.mutate(l)} data-testid="loan-return">
                        {t('archive.loans.return')}
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {!rows.length && !loans.isPending ? (
          <Text c="dimmed" ta="center" py="md" data-testid="loans-empty">
            {t('archive.loans.empty')}
          </Text>
        ) : null}
      </Card>
    </Stack>
  );
}

// ----- Retention report ----------------------------------------------------------------------

const REPORT_PARTS = ['dueInactive', 'dueDisposal', 'dueTransfer', 'dueReappraisal', 'withoutJra'] as const;

function RetentionPage() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [horizon, setHorizon] = useState<number | string>(90);
  const report = useRetentionReport({ unitId: unitId ?? undefined, horizonDays: Number(horizon) || 0 });
  const { pathname } = useLocation();
  return (
    <Stack gap="md" key={pathname}>
      <Card p="md">
        <Group gap="sm" align="flex-end">
          <UnitFilter value={unitId} onChange={setUnitId} />
          <NumberInput label={t('archive.retention.horizon')} value={horizon} onChange={setHorizon} min={0} max={3650} w={200} />
        </Group>
        {report.data ? (
          <Text size="xs" c="dimmed" mt="xs">
            {t('archive.retention.asOf', { date: formatDate(report.data.asOf) })}
          </Text>
        ) : null}
      </Card>
      {REPORT_PARTS.map((part) => {
        const rows = report.data?.[part] ?? [];
        return (
          <Card key={part} p="md" data-testid={`retention-${part}`}>
            <Group justify="space-between" mb="xs">
              <Title order={2} size="h4">
                {t(`archive.retention.${part}`)}
              </Title>
              <Group gap="xs">
                {rows.length && (part === 'dueDisposal' || part === 'dueTransfer') ? (
                  <Button component={Link} size="xs" variant="light" to={`/arsip/${part === 'dueDisposal' ? 'pemusnahan' : 'penyerahan'}/baru`} data-testid={`propose-${part}`}>
                    {t(`archive.retentionPropose.${part}`)}
                  </Button>
                ) : null}
                <Badge variant="outline" color={rows.length ? 'red.9' : 'gray.8'}>
                  {rows.length}
                </Badge>
              </Group>
            </Group>
            {rows.length ? (
              <Table verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('archive.classification')}</Table.Th>
                    <Table.Th>{t('archive.berkas.uraian')}</Table.Th>
                    <Table.Th>{t('archive.berkas.retention')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((b) => (
                    <Table.Tr key={b.id}>
                      <Table.Td className="mono">{b.classificationCode}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/arsip/berkas/${b.id}`} size="sm">
                          {b.uraian}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {b.unitName}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">{b.activeUntil ? t('archive.berkas.activeUntil', { date: formatDate(b.activeUntil) }) : t('archive.berkas.clockNotStarted')}</Text>
                        {b.inactiveUntil ? <Text size="xs">{t('archive.berkas.inactiveUntil', { date: formatDate(b.inactiveUntil) })}</Text> : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="sm" c="dimmed">
                {t('archive.retention.none')}
              </Text>
            )}
          </Card>
        );
      })}
    </Stack>
  );
}
