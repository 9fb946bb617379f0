// Pemusnahan (usul musnah) and serah arsip statis (usul serah) in the records officer's Arsip
// section: the proposals with their stage, a new proposal from the berkas the retention report
// lists as due, and one proposal walked through the steps the API offers: the panitia penilai's
// pertimbangan per berkas, the Kepala ANRI's approval (retention of 10 years or more), the
// keputusan penetapan by the head of the Perangkat Daerah, execution by the records officer, the
// head's TTE on the berita acara, and the documents each step produces. The buttons shown are the
// steps the API says this user may take now (`actions`); everyone else reads whom it waits for.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Checkbox, CloseButton, FileInput, Group, SegmentedControl, SimpleGrid, Stack, Stepper, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconDownload, IconFilePlus, IconSignature, IconUpload } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, postForm, unwrap } from '../../api/client';
import { disposalDocumentHref, useDisposal, useDisposals, useInvalidateArchive, useRetentionReport, type Disposal, type DisposalDetail, type DisposalDocument, type DisposalKind } from '../../api/archive';
import { useUnits } from '../../api/org';
import { hasRole, isSystemAdmin, useSignedInUser } from '../../auth/session';
import { ConfirmButton } from '../../components/ConfirmButton';
import { PassphraseDialog } from '../../components/PassphraseDialog';
import { UserSelect } from '../../components/UserSelect';
import { notifySuccess } from '../../lib/errors';
import { fieldErrorsOf } from '../../lib/forms';
import { formatDate, formatDateTime } from '../../lib/format';
import { Info, StateBadge } from './archiveShared';

const BASE: Record<DisposalKind, string> = { musnah: '/arsip/pemusnahan', serah: '/arsip/penyerahan' };
const STATUS_COLOR: Record<Disposal['status'], string> = { usul: 'orange.9', dinilai: 'grape.9', ditetapkan: 'blue.9', dilaksanakan: 'red.9', selesai: 'gray.8' };

/** The status as the user reads it; a proposal waiting for the Kepala ANRI says so. */
function statusText(t: TFunction, d: Disposal): string {
  if (d.kind === 'musnah' && d.needsAnriApproval && !d.anriApprovalFileId && d.status === 'dinilai') return t('archive.disposal.statuses.anri');
  return t(`archive.disposal.statuses.${d.kind}.${d.status}`);
}

function DisposalStatus({ d }: { d: Disposal }) {
  const { t } = useTranslation();
  return (
    <Badge size="md" variant="outline" color={STATUS_COLOR[d.status]} tt="none" data-testid="disposal-status">
      {statusText(t, d)}
    </Badge>
  );
}

// ----- List ---------------------------------------------------------------------------------

export function DisposalListPage({ kind }: { kind: DisposalKind }) {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const list = useDisposals(kind);
  const units = useUnits();
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? '';
  const rows = [...(list.data ?? [])].reverse();
  const officer = hasRole(me, 'records_officer') || isSystemAdmin(me);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={720}>
          {t(`archive.disposal.${kind}.intro`)}
        </Text>
        {officer ? (
          <Button component={Link} to={`${BASE[kind]}/baru`} leftSection={<IconFilePlus size={16} />} data-testid="disposal-create">
            {t(`archive.disposal.${kind}.create`)}
          </Button>
        ) : null}
      </Group>
      <Card p={0}>
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="disposal-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('archive.disposal.proposedAt')}</Table.Th>
                <Table.Th>{t('archive.unit')}</Table.Th>
                <Table.Th>{t('archive.disposal.status')}</Table.Th>
                <Table.Th>{t('archive.disposal.keputusan')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((d) => (
                <Table.Tr key={d.id} data-testid="disposal-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.createdAt)}</Table.Td>
                  <Table.Td>{unitName(d.unitId)}</Table.Td>
                  <Table.Td>
                    <DisposalStatus d={d} />
                  </Table.Td>
                  <Table.Td className="mono">{d.keputusanNumber ? `${d.keputusanNumber} (${formatDate(d.keputusanDate)})` : '–'}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`${BASE[kind]}/${d.id}`} size="sm">
                      {t('archive.disposal.open')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {!rows.length && !list.isPending ? (
          <Text c="dimmed" ta="center" py="md" data-testid="disposals-empty">
            {t(`archive.disposal.${kind}.empty`)}
          </Text>
        ) : null}
      </Card>
    </Stack>
  );
}

// ----- New proposal -------------------------------------------------------------------------

const berkasIdsOf = (err: unknown): string[] => (err instanceof ApiError && Array.isArray(err.details.berkasIds) ? (err.details.berkasIds as string[]) : []);

export function ProposeDisposalPage({ kind }: { kind: DisposalKind }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidateArchive();
  // Every due berkas of the units this officer keeps; one proposal is for one unit (the unit of
  // the berkas chosen).
  const report = useRetentionReport({ horizonDays: 0 });
  const due = (kind === 'musnah' ? report.data?.dueDisposal : report.data?.dueTransfer) ?? [];
  const [chosen, setChosen] = useState<string[]>([]);
  const chosenUnits = [...new Set(due.filter((b) => chosen.includes(b.id)).map((b) => b.unitId))];
  const [panitia, setPanitia] = useState<Array<{ id: string; name: string }>>([]);
  const [picking, setPicking] = useState<string | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const propose = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/archive/disposals', { body: { kind, unitId: chosenUnits[0]!, berkasIds: chosen, ...(kind === 'musnah' ? { panitiaUserIds: panitia.map((p) => p.id) } : {}) } })),
    onSuccess: async (d) => {
      notifySuccess(t(`archive.disposal.${kind}.proposed`));
      await invalidate();
      void navigate(`${BASE[kind]}/${d.id}`);
    },
  });
  const errors = { ...fieldErrorsOf(propose.error, { DISPOSAL_NOT_DUE: 'berkasIds', DISPOSAL_LEGAL_HOLD: 'berkasIds', DISPOSAL_ALREADY_PROPOSED: 'berkasIds' }), ...local };
  const flagged = new Set(berkasIdsOf(propose.error));
  const submit = () => {
    const e: Record<string, string> = {};
    if (!chosen.length) e.berkasIds = t('archive.disposal.errors.noBerkas');
    else if (chosenUnits.length > 1) e.berkasIds = t('archive.disposal.errors.oneUnit');
    if (kind === 'musnah' && !panitia.length) e.panitiaUserIds = t('archive.disposal.errors.noPanitia');
    setLocal(e);
    if (!Object.keys(e).length) propose.mutate();
  };
  const toggle = (id: string, on: boolean) => setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)));
  return (
    <Stack gap="md">
      <Anchor component={Link} to={BASE[kind]} size="sm">
        ← {t(`archive.disposal.${kind}.list`)}
      </Anchor>
      <Title order={1} size="h2">
        {t(`archive.disposal.${kind}.create`)}
      </Title>
      <Card p="md">
        <Stack gap="md">
          <div>
            <Title order={2} size="h4" mb={4}>
              {t(`archive.disposal.${kind}.dueTitle`)}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t(`archive.disposal.${kind}.dueHelp`)}
            </Text>
            {due.length ? (
              <Table verticalSpacing={4} data-testid="due-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>
                      <Checkbox
                        aria-label={t('archive.disposal.chooseAll')}
                        checked={chosen.length === due.length}
                        indeterminate={chosen.length > 0 && chosen.length < due.length}
                        onChange={(e) => setChosen(e.currentTarget.checked ? due.map((b) => b.id) : [])}
                      />
                    </Table.Th>
                    <Table.Th>{t('archive.classification')}</Table.Th>
                    <Table.Th>{t('archive.berkas.uraian')}</Table.Th>
                    <Table.Th>{t('archive.berkas.jumlah')}</Table.Th>
                    <Table.Th>{t('archive.berkas.retention')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {due.map((b) => (
                    <Table.Tr key={b.id} data-testid="due-row" bg={flagged.has(b.id) ? 'red.0' : undefined}>
                      <Table.Td>
                        <Checkbox aria-label={b.uraian} checked={chosen.includes(b.id)} onChange={(e) => toggle(b.id, e.currentTarget.checked)} data-testid="due-check" />
                      </Table.Td>
                      <Table.Td className="mono">{b.classificationCode}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{b.uraian}</Text>
                        <Text size="xs" c="dimmed">
                          {b.unitName}
                        </Text>
                        {b.legalHold ? (
                          <Text size="xs" c="red.8">
                            {t('archive.legalHold')}
                          </Text>
                        ) : null}
                        {flagged.has(b.id) ? (
                          <Text size="xs" c="red.8" data-testid="due-row-error">
                            {errors.berkasIds}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{t('archive.berkas.items', { count: b.itemCount })}</Table.Td>
                      <Table.Td>{b.inactiveUntil ? <Text size="xs">{t('archive.berkas.inactiveUntil', { date: formatDate(b.inactiveUntil) })}</Text> : null}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="sm" c="dimmed" data-testid="due-empty">
                {report.isPending ? t('common.loading') : t('archive.disposal.noneDue')}
              </Text>
            )}
            {errors.berkasIds && !flagged.size ? (
              <Text size="sm" c="red.8" mt={4} data-testid="berkas-error">
                {errors.berkasIds}
              </Text>
            ) : null}
          </div>
          {kind === 'musnah' ? (
            <div>
              <Title order={2} size="h4" mb={4}>
                {t('archive.disposal.panitia')}
              </Title>
              <Text size="xs" c="dimmed" mb="xs">
                {t('archive.disposal.panitiaHelp')}
              </Text>
              <Stack gap={4} mb="xs" data-testid="panitia-list">
                {panitia.map((p) => (
                  <Group key={p.id} gap="xs">
                    <Text size="sm">{p.name}</Text>
                    <CloseButton size="sm" aria-label={t('archive.disposal.removeMember', { name: p.name })} onClick={() => setPanitia((l) => l.filter((x) => x.id !== p.id))} />
                  </Group>
                ))}
              </Stack>
              <PanitiaPicker
                value={picking}
                onPick={(id, name) => {
                  setPicking(null);
                  if (id && !panitia.some((p) => p.id === id)) setPanitia((l) => [...l, { id, name }]);
                }}
                error={errors.panitiaUserIds}
              />
            </div>
          ) : null}
          <Group justify="flex-end">
            <Button onClick={submit} loading={propose.isPending} data-testid="disposal-propose">
              {t(`archive.disposal.${kind}.submit`)}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}

/** Adds one member at a time (UserSelect is single): picking adds, the field empties again. */
function PanitiaPicker({ value, onPick, error }: { value: string | null; onPick: (id: string | null, name: string) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const [key, setKey] = useState(0);
  return (
    <div style={{ maxWidth: 420 }}>
      <UserSelect
        key={key}
        label={t('archive.disposal.addMember')}
        value={value}
        error={error}
        testId="panitia-add"
        onChange={(id, label) => {
          onPick(id, (label ?? '').split(' · ')[0] ?? '');
          setKey((k) => k + 1);
        }}
      />
    </div>
  );
}

// ----- One proposal -------------------------------------------------------------------------

export function DisposalPage() {
  const { t } = useTranslation();
  const { id } = useParams() as { id: string };
  const q = useDisposal(id);
  const me = useSignedInUser();
  if (q.isPending) return <Text c="dimmed">{t('common.loading')}</Text>;
  if (!q.data) return <Alert color="red">{t('archive.disposal.notFound')}</Alert>;
  const d = q.data;
  const approvedCount = d.items.filter((i) => d.kind === 'serah' || i.approved).length;
  return (
    <Stack gap="md">
      <Anchor component={Link} to={BASE[d.kind]} size="sm">
        ← {t(`archive.disposal.${d.kind}.list`)}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2" data-testid="disposal-title">
            {t(`archive.disposal.${d.kind}.title`)}
          </Title>
          <Text c="dimmed">{d.unitName}</Text>
        </div>
        <DisposalStatus d={d} />
      </Group>
      <Card p="md">
        <DisposalSteps d={d} />
      </Card>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Stack gap="md" style={{ gridColumn: 'span 2' }}>
          <Card p="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <Info label={t('archive.disposal.proposedAt')} value={formatDateTime(d.createdAt)} />
              {d.kind === 'musnah' ? <Info label={t('archive.disposal.panitia')} value={d.panitia.map((p) => p.name).join(', ')} testId="disposal-panitia" /> : null}
              {d.kind === 'musnah' ? (
                <Info label={t('archive.disposal.anri')} value={d.needsAnriApproval ? (d.anriApprovalFileId ? t('archive.disposal.anriAttached') : t('archive.disposal.anriNeeded')) : t('archive.disposal.anriNotNeeded')} testId="disposal-anri" />
              ) : null}
              {d.anriApprovalNumber ? <Info label={t('archive.disposal.anriLetter')} value={t('archive.disposal.keputusanValue', { number: d.anriApprovalNumber, date: formatDate(d.anriApprovalDate) })} testId="disposal-anri-letter" /> : null}
              <Info label={t('archive.disposal.head')} value={headLine(t, d)} testId="disposal-head" />
              <Info
                label={t('archive.disposal.keputusan')}
                value={d.keputusanNumber ? `${t('archive.disposal.keputusanValue', { number: d.keputusanNumber, date: formatDate(d.keputusanDate) })}${d.decidedByName ? ` · ${d.decidedByName}` : ''}` : '–'}
                testId="disposal-keputusan"
              />
              {d.executedAt ? <Info label={t(`archive.disposal.${d.kind}.executedAt`)} value={`${formatDateTime(d.executedAt)}${d.executedByName ? ` · ${d.executedByName}` : ''}`} testId="disposal-executed" /> : null}
              {d.signedAt ? <Info label={t('archive.disposal.signedAt')} value={`${formatDateTime(d.signedAt)} · ${d.signedByName ?? ''}`} testId="disposal-signed" /> : null}
            </SimpleGrid>
          </Card>
          <ItemsCard d={d} />
        </Stack>
        <Stack gap="md">
          <NextStep d={d} approvedCount={approvedCount} />
          <DocumentsCard d={d} />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function DisposalSteps({ d }: { d: DisposalDetail }) {
  const { t } = useTranslation();
  const steps: Array<{ key: string; done: boolean }> = [{ key: 'proposed', done: true }];
  if (d.kind === 'musnah') steps.push({ key: 'assessed', done: d.status !== 'usul' });
  if (d.needsAnriApproval) steps.push({ key: 'anri', done: !!d.anriApprovalFileId });
  steps.push({ key: 'decided', done: d.status === 'ditetapkan' || d.status === 'dilaksanakan' || d.status === 'selesai' });
  steps.push({ key: `executed.${d.kind}`, done: d.status === 'dilaksanakan' || d.status === 'selesai' });
  steps.push({ key: 'signed', done: d.status === 'selesai' });
  const active = steps.findIndex((s) => !s.done);
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Stepper active={active === -1 ? steps.length : active} size="sm" orientation={phone ? 'vertical' : 'horizontal'} allowNextStepsSelect={false} data-testid="disposal-steps">
      {steps.map((s) => (
        <Stepper.Step key={s.key} label={t(`archive.disposal.steps.${s.key}`)} />
      ))}
    </Stepper>
  );
}

function ItemsCard({ d }: { d: DisposalDetail }) {
  const { t } = useTranslation();
  const canAssess = d.actions.assess;
  const invalidate = useInvalidateArchive();
  const [verdicts, setVerdicts] = useState<Record<string, { approved: boolean; pertimbangan: string }>>({});
  const [local, setLocal] = useState<Record<string, string>>({});
  const assess = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/archive/disposals/{id}/assess', { params: { path: { id: d.id } }, body: { version: d.version, items: d.items.map((i) => ({ berkasId: i.berkasId, approved: verdicts[i.berkasId]?.approved ?? true, pertimbangan: (verdicts[i.berkasId]?.pertimbangan ?? '').trim() })) } })),
    onSuccess: async () => {
      notifySuccess(t('archive.disposal.assessed'));
      await invalidate();
    },
  });
  const serverErrors = fieldErrorsOf(assess.error);
  const errorOf = (n: number, berkasId: string) => local[berkasId] ?? serverErrors[`items.${n}.pertimbangan`];
  const submit = () => {
    const e: Record<string, string> = {};
    for (const i of d.items) if ((verdicts[i.berkasId]?.pertimbangan ?? '').trim().length < 3) e[i.berkasId] = t('archive.disposal.errors.pertimbangan');
    setLocal(e);
    if (!Object.keys(e).length) assess.mutate();
  };
  const set = (berkasId: string, patch: Partial<{ approved: boolean; pertimbangan: string }>) => setVerdicts((v) => ({ ...v, [berkasId]: { approved: v[berkasId]?.approved ?? true, pertimbangan: v[berkasId]?.pertimbangan ?? '', ...patch } }));
  return (
    <Card p="md">
      <Title order={2} size="h4" mb="xs">
        {t('archive.disposal.items', { count: d.items.length })}
      </Title>
      {canAssess ? (
        <Text size="sm" mb="sm">
          {t('archive.disposal.assessHelp')}
        </Text>
      ) : null}
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" data-testid="disposal-items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('archive.classification')}</Table.Th>
              <Table.Th>{t('archive.berkas.uraian')}</Table.Th>
              <Table.Th>{t('archive.berkas.jumlah')}</Table.Th>
              <Table.Th>{t('archive.state')}</Table.Th>
              {d.kind === 'musnah' ? <Table.Th>{t('archive.disposal.pertimbangan')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.items.map((i, n) => (
              <Table.Tr key={i.berkasId} data-testid="disposal-item">
                <Table.Td className="mono">{i.classificationCode}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/arsip/berkas/${i.berkasId}`} size="sm">
                    {i.uraian}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t('archive.berkas.items', { count: i.itemCount })}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <StateBadge state={i.state} />
                </Table.Td>
                {d.kind === 'musnah' ? (
                  <Table.Td miw={260}>
                    {canAssess ? (
                      <Stack gap={6}>
                        <SegmentedControl
                          size="xs"
                          value={(verdicts[i.berkasId]?.approved ?? true) ? 'yes' : 'no'}
                          onChange={(v) => set(i.berkasId, { approved: v === 'yes' })}
                          data={[
                            { value: 'yes', label: t('archive.disposal.agree') },
                            { value: 'no', label: t('archive.disposal.disagree') },
                          ]}
                          data-testid="assess-verdict"
                        />
                        <Textarea
                          label={t('archive.disposal.pertimbangan')}
                          autosize
                          minRows={2}
                          value={verdicts[i.berkasId]?.pertimbangan ?? ''}
                          onChange={(e) => set(i.berkasId, { pertimbangan: e.currentTarget.value })}
                          error={errorOf(n, i.berkasId)}
                          data-testid="assess-pertimbangan"
                        />
                      </Stack>
                    ) : i.pertimbangan ? (
                      <Text size="sm" data-testid="item-pertimbangan">
                        <Text span fw={600} c={i.approved ? 'teal.9' : 'red.9'}>
                          {i.approved ? t('archive.disposal.agree') : t('archive.disposal.disagree')}
                        </Text>
                        {`: ${i.pertimbangan}`}
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('archive.disposal.notAssessed')}
                      </Text>
                    )}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {canAssess ? (
        <Group justify="flex-end" mt="sm">
          <Button onClick={submit} loading={assess.isPending} data-testid="assess-submit">
            {t('archive.disposal.assessSubmit')}
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}

/** The one thing to do next, for who may do it; everyone else reads whom it waits for. */
function NextStep({ d, approvedCount }: { d: DisposalDetail; approvedCount: number }) {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const needsAnri = d.kind === 'musnah' && d.needsAnriApproval && !d.anriApprovalFileId && (d.status === 'usul' || d.status === 'dinilai');
  const ownProposal = d.createdByUserId === me.user.id && d.head.holders.some((h) => h.userId === me.user.id);
  if (d.status === 'selesai')
    return (
      <Alert color="teal" title={t(`archive.disposal.${d.kind}.doneTitle`)} data-testid="disposal-done">
        {t(`archive.disposal.${d.kind}.done`, { count: approvedCount })}
      </Alert>
    );
  const head = headLine(t, d);
  return (
    <Card p="md" data-testid="disposal-next">
      <Title order={2} size="h4" mb="xs">
        {t('archive.disposal.next')}
      </Title>
      <Stack gap="sm">
        {d.status === 'usul' ? <Text size="sm">{d.actions.assess ? t('archive.disposal.waitYou') : t('archive.disposal.waitPanitia')}</Text> : null}
        {needsAnri ? d.actions.anri ? <AnriUpload d={d} /> : <Text size="sm">{t('archive.disposal.waitAnri')}</Text> : null}
        {d.status === 'dinilai' && !needsAnri ? d.actions.decide ? <DecideForm d={d} /> : <Text size="sm">{t('archive.disposal.waitDecision', { head })}</Text> : null}
        {d.status === 'ditetapkan' ? d.actions.execute ? <ExecuteButton d={d} count={approvedCount} /> : <Text size="sm">{t('archive.disposal.waitExecution')}</Text> : null}
        {d.status === 'dilaksanakan' ? d.actions.sign ? <SignButton d={d} /> : <Text size="sm">{t('archive.disposal.waitSignature', { head })}</Text> : null}
        {ownProposal && (d.status === 'dinilai' || d.status === 'dilaksanakan') ? (
          <Alert color="yellow" data-testid="own-proposal">
            {t('archive.disposal.ownProposal')}
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}

/** "Sekretaris Daerah (Dr. Bambang Wijaya)", or the post alone while nobody holds it. */
function headLine(t: TFunction, d: DisposalDetail): string {
  const post = d.head.positionName ?? d.head.unitName;
  const holders = d.head.holders.map((h) => (h.kind === 'definitif' ? h.name : `${h.name}, ${h.kind.toUpperCase() === 'PJ' ? 'Pj' : h.kind === 'plt' ? 'Plt' : 'Plh'}.`));
  return holders.length ? `${post} (${holders.join('; ')})` : t('archive.disposal.headVacant', { post });
}

/** The head signs the berita acara and the daftar with TTE: one passphrase, both documents. */
function SignButton({ d }: { d: DisposalDetail }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateArchive();
  const [opened, setOpened] = useState(false);
  const sign = useMutation({
    mutationFn: (passphrase: string) => unwrap(api.POST('/api/v1/archive/disposals/{id}/sign', { params: { path: { id: d.id } }, body: { version: d.version, passphrase } })),
    onSuccess: async () => {
      setOpened(false);
      notifySuccess(t('archive.disposal.signed'));
      await invalidate();
    },
  });
  return (
    <Stack gap="xs">
      <Text size="sm">{t(`archive.disposal.${d.kind}.signHelp`)}</Text>
      <Group gap="xs">
        <Button component="a" href={disposalDocumentHref(d.id, 'berita-acara')} variant="light" size="sm" leftSection={<IconDownload size={16} />} data-testid="draft-berita-acara">
          {t('archive.disposal.draftBa')}
        </Button>
        <Button component="a" href={disposalDocumentHref(d.id, 'daftar')} variant="light" size="sm" leftSection={<IconDownload size={16} />} data-testid="draft-daftar">
          {t('archive.disposal.draftDaftar')}
        </Button>
      </Group>
      <Button leftSection={<IconSignature size={16} />} onClick={() => setOpened(true)} data-testid="sign-berita-acara">
        {t('archive.disposal.sign')}
      </Button>
      <PassphraseDialog opened={opened} onClose={() => setOpened(false)} title={t('archive.disposal.sign')} confirmLabel={t('archive.disposal.sign')} pending={sign.isPending} error={sign.error} onSubmit={(passphrase) => sign.mutate(passphrase)}>
        <Text size="sm">{t(`archive.disposal.${d.kind}.signConfirm`)}</Text>
      </PassphraseDialog>
    </Stack>
  );
}

function AnriUpload({ d }: { d: DisposalDetail }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateArchive();
  const [file, setFile] = useState<File | null>(null);
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const upload = useMutation({
    mutationFn: () => postForm(`/api/v1/archive/disposals/${d.id}/anri-approval`, { version: d.version, number: number.trim(), date }, { blob: file!, name: file!.name }),
    onSuccess: async () => {
      notifySuccess(t('archive.disposal.anriUploaded'));
      setFile(null);
      await invalidate();
    },
  });
  const errors = { ...fieldErrorsOf(upload.error), ...local };
  const submit = () => {
    const e: Record<string, string> = {};
    if (!file) e.file = t('archive.disposal.errors.anriFile');
    else if (!/\.pdf$/i.test(file.name) && file.type !== 'application/pdf') e.file = t('archive.disposal.errors.anriPdf');
    if (number.trim().length < 3) e.number = t('archive.disposal.errors.anriNumber');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) e.date = t('archive.disposal.errors.anriDate');
    setLocal(e);
    if (!Object.keys(e).length) upload.mutate();
  };
  return (
    <Stack gap="xs">
      <Text size="sm">{t('archive.disposal.anriHelp')}</Text>
      <FileInput label={t('archive.disposal.anriFile')} accept="application/pdf" value={file} onChange={setFile} clearable error={errors.file} data-testid="anri-file" />
      <TextInput label={t('archive.disposal.anriNumber')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={errors.number} data-testid="anri-number" />
      <TextInput type="date" label={t('archive.disposal.anriDate')} value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.date} data-testid="anri-date" />
      <Button leftSection={<IconUpload size={16} />} onClick={submit} loading={upload.isPending} data-testid="anri-submit">
        {t('archive.disposal.anriSubmit')}
      </Button>
    </Stack>
  );
}

function DecideForm({ d }: { d: DisposalDetail }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateArchive();
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const decide = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/archive/disposals/{id}/decide', { params: { path: { id: d.id } }, body: { version: d.version, keputusanNumber: number.trim(), keputusanDate: date } })),
    onSuccess: async () => {
      notifySuccess(t('archive.disposal.decided'));
      await invalidate();
    },
  });
  const errors = { ...fieldErrorsOf(decide.error), ...local };
  const submit = () => {
    const e: Record<string, string> = {};
    if (number.trim().length < 3) e.keputusanNumber = t('archive.disposal.errors.keputusanNumber');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) e.keputusanDate = t('archive.disposal.errors.keputusanDate');
    setLocal(e);
    if (!Object.keys(e).length) decide.mutate();
  };
  return (
    <Stack gap="xs">
      <Text size="sm">{t(`archive.disposal.${d.kind}.decideHelp`)}</Text>
      <TextInput label={t('archive.disposal.keputusanNumber')} value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={errors.keputusanNumber} data-testid="keputusan-number" />
      <TextInput type="date" label={t('archive.disposal.keputusanDate')} value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors.keputusanDate} data-testid="keputusan-date" />
      <Button onClick={submit} loading={decide.isPending} data-testid="decide-submit">
        {t('archive.disposal.decideSubmit')}
      </Button>
    </Stack>
  );
}

function ExecuteButton({ d, count }: { d: DisposalDetail; count: number }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateArchive();
  const execute = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/archive/disposals/{id}/execute', { params: { path: { id: d.id } }, body: { version: d.version } })),
    onSuccess: async () => {
      notifySuccess(t(`archive.disposal.${d.kind}.executed`));
      await invalidate();
    },
  });
  return (
    <Stack gap="xs">
      <Text size="sm">{t(`archive.disposal.${d.kind}.executeHelp`, { count })}</Text>
      <ConfirmButton color={d.kind === 'musnah' ? 'red' : undefined} title={t(`archive.disposal.${d.kind}.execute`)} message={t(`archive.disposal.${d.kind}.executeConfirm`, { count })} onConfirm={() => execute.mutate()} loading={execute.isPending} data-testid="execute">
        {t(`archive.disposal.${d.kind}.execute`)}
      </ConfirmButton>
    </Stack>
  );
}

function DocumentsCard({ d }: { d: DisposalDetail }) {
  const { t } = useTranslation();
  const docs: DisposalDocument[] = ['usul'];
  if (d.anriApprovalFileId) docs.push('anri');
  if (d.daftarFileId) docs.push('daftar');
  if (d.beritaAcaraFileId) docs.push('berita-acara');
  if (d.packageFileId) docs.push('paket');
  return (
    <Card p="md">
      <Title order={2} size="h4" mb="xs">
        {t('archive.disposal.documents')}
      </Title>
      <Stack gap={6}>
        {docs.map((w) => (
          <Button
            key={w}
            component="a"
            href={disposalDocumentHref(d.id, w)}
            download
            variant="light"
            size="sm"
            justify="flex-start"
            leftSection={<IconDownload size={16} />}
            // Long names ("Daftar arsip statis yang diserahkan (PDF)") wrap instead of being cut off.
            styles={{ root: { height: 'auto', minHeight: 34, paddingBlock: 6 }, label: { whiteSpace: 'normal', textAlign: 'left', lineHeight: 1.3 } }}
            data-testid={`doc-${w}`}
          >
            {t(`archive.disposal.docs.${d.kind}.${w}`)}
          </Button>
        ))}
      </Stack>
    </Card>
  );
}
