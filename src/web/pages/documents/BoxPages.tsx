// The document boxes: Konsep (drafts and returned, with the return reason; Dalam Proses),
// Perlu Verifikasi, Perlu Tanda Tangan (bulk signing with one passphrase and per-document
// progress, each letter's PDF a "Lihat" away) and the routes of the Konsep section (new document, edit a draft's data).
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Group, Progress, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconEye, IconPlus, IconSignature, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useSearchParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { useInvalidateDocuments, type DocumentListItem } from '../../api/documents';
import { useSignedInUser, hasRole } from '../../auth/session';
import { PassphraseDialog } from '../../components/PassphraseDialog';
import { ComposePage, EditDraftPage } from './compose/ComposePage';
import { DocumentList } from './DocumentList';
import { LetterPreviewDialog } from './LetterPreviewDialog';

export function DraftsSection() {
  return (
    <Routes>
      <Route index element={<DraftsPage />} />
      <Route path="baru" element={<ComposePage />} />
      <Route path=":id/ubah" element={<EditDraftPage />} />
    </Routes>
  );
}

/** The return reason under a returned draft (the list carries the latest return). */
function RowReturnReason({ item }: { item: DocumentListItem }) {
  const { t } = useTranslation();
  const reason = item.lastReturn;
  if (!reason) return null;
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" mt={2} data-testid="row-return-reason">
      <IconArrowBackUp size={16} color="var(--mantine-color-orange-7)" style={{ flexShrink: 0, marginTop: 2 }} />
      <Text size="sm" c="orange.8">
        {t('lists.returnedBy', { name: reason.byName ?? '' })}: {reason.note}
      </Text>
    </Group>
  );
}

const returnReason = (item: DocumentListItem) => (item.status === 'returned' ? <RowReturnReason item={item} /> : null);

export function DraftsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'proses' ? 'in_progress' : 'drafts';
  const onlyReturned = params.get('status') === 'dikembalikan';
  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Title order={1} size="h2">
          {t('nav.drafts')}
        </Title>
        <Button component={Link} to="/konsep/baru" leftSection={<IconPlus size={18} />} data-testid="new-document">
          {t('compose.title')}
        </Button>
      </Group>
      <Tabs value={tab} onChange={(v) => setParams(v === 'in_progress' ? { tab: 'proses' } : {})} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="drafts">{t('lists.tabs.drafts')}</Tabs.Tab>
          <Tabs.Tab value="in_progress">{t('lists.tabs.inProgress')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="drafts" pt="md">
          <Stack gap="sm">
            <SegmentedControl
              value={onlyReturned ? 'returned' : 'all'}
              onChange={(v) => setParams(v === 'returned' ? { status: 'dikembalikan' } : {})}
              data={[
                { value: 'all', label: t('lists.allDrafts') },
                { value: 'returned', label: t('status.returned') },
              ]}
              style={{ alignSelf: 'flex-start' }}
            />
            <DocumentList key={onlyReturned ? 'r' : 'a'} box="drafts" status={onlyReturned ? 'returned' : undefined} empty={t(onlyReturned ? 'lists.empty.returned' : 'lists.empty.drafts')} renderExtra={returnReason} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="in_progress" pt="md">
          <DocumentList box="in_progress" empty={t('lists.empty.inProgress')} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

export function ToVerifyPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('nav.toVerify')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('lists.toVerifyHint')}
      </Text>
      <DocumentList box="to_verify" empty={t('lists.empty.toVerify')} renderExtra={returnReason} />
    </Stack>
  );
}

export function OutgoingList() {
  const { t } = useTranslation();
  return <DocumentList box="outgoing" empty={t('lists.empty.outgoing')} />;
}

type Batch = NonNullable<Awaited<ReturnType<typeof fetchBatch>>>;
const fetchBatch = (id: string) => unwrap(api.GET('/api/v1/sign-batches/{id}', { params: { path: { id } } }));
const fetchBatches = () => unwrap(api.GET('/api/v1/sign-batches'));

export function ToSignPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const invalidate = useInvalidateDocuments();
  const [selected, setSelected] = useState<Map<string, DocumentListItem>>(new Map());
  const [open, setOpen] = useState(false);
  const [batchId, setBatchId] = useState<string | null>(null);
  const [viewing, setViewing] = useState<DocumentListItem | null>(null);
  const start = useMutation({
    meta: { inlineErrors: true },
    mutationFn: (passphrase: string) => unwrap(api.POST('/api/v1/documents/sign-bulk', { body: { passphrase, items: [...selected.values()].map((d) => ({ id: d.id, version: d.version })) } })),
    onSuccess: (r) => {
      setBatchId(r.batchId);
      setOpen(false);
    },
  });
  // A batch still running, or one that stopped with letters left, is found again after a reload
  // (or a server restart) until the signer closes it.
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const recent = useQuery({ queryKey: ['sign-batches'], queryFn: fetchBatches, enabled: hasRole(me, 'signer') });
  const shownId = batchId ?? recent.data?.items.find((b) => !dismissed.has(b.id) && (!b.finished || b.resumable > 0))?.id ?? null;
  const batch = useQuery({
    queryKey: ['sign-batch', shownId],
    queryFn: () => fetchBatch(shownId!),
    enabled: Boolean(shownId),
    refetchInterval: (q) => (q.state.data?.finished ? false : 1000),
  });
  const finished = batch.data?.finished ?? false;
  useEffect(() => {
    if (finished) {
      invalidate();
      setSelected(new Map());
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [finished]);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('nav.toSign')}
      </Title>
      {!hasRole(me, 'signer') ? <Alert color="orange">{t('lists.notSigner')}</Alert> : null}
      {shownId ? (
        <BatchProgress
          batch={batch.data}
          onClose={() => {
            setDismissed(new Set([...dismissed, shownId]));
            setBatchId(null);
          }}
        />
      ) : null}
      <DocumentList
        box="to_sign"
        empty={t('lists.empty.toSign')}
        renderExtra={returnReason}
        renderActions={(item) => (
          <Button size="sm" variant="light" leftSection={<IconEye size={16} />} onClick={() => setViewing(item)} aria-label={t('lists.viewHal', { hal: item.hal })} data-testid="row-view">
            {t('lists.view')}
          </Button>
        )}
        selection={{
          selected,
          onChange: setSelected,
          header: (items) =>
            items.length ? (
              <Card p="sm" className="bulk-bar" data-testid="bulk-bar">
                <Group justify="space-between" gap="sm" wrap="nowrap">
                  <Checkbox
                    label={t('lists.selectAll', { count: items.length })}
                    checked={items.every((i) => selected.has(i.id))}
                    indeterminate={items.some((i) => selected.has(i.id)) && !items.every((i) => selected.has(i.id))}
                    onChange={(e) => setSelected(e.currentTarget.checked ? new Map(items.map((i) => [i.id, i])) : new Map())}
                    size="md"
                  />
                  <Button color="red" leftSection={<IconSignature size={18} />} disabled={!selected.size} onClick={() => setOpen(true)} data-testid="bulk-sign">
                    {t('lists.signSelected', { count: selected.size })}
                  </Button>
                </Group>
              </Card>
            ) : null,
        }}
      />
      <LetterPreviewDialog item={viewing} onClose={() => setViewing(null)} />
      <PassphraseDialog
        opened={open}
        onClose={() => {
          start.reset();
          setOpen(false);
        }}
        title={t('lists.bulkTitle', { count: selected.size })}
        confirmLabel={t('lists.signSelected', { count: selected.size })}
        pending={start.isPending}
        error={start.error}
        onSubmit={(p) => start.mutate(p)}
      >
        <Stack gap={2}>
          {[...selected.values()].map((d) => (
            <Text key={d.id} size="sm">
              • {d.hal}
            </Text>
          ))}
        </Stack>
      </PassphraseDialog>
    </Stack>
  );
}

function BatchProgress({ batch, onClose }: { batch: Batch | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [resuming, setResuming] = useState(false);
  const resume = useMutation({
    meta: { inlineErrors: true },
    mutationFn: (passphrase: string) => unwrap(api.POST('/api/v1/sign-batches/{id}/resume', { params: { path: { id: batch!.id } }, body: { passphrase } })),
    onSuccess: async () => {
      setResuming(false);
      await queryClient.invalidateQueries({ queryKey: ['sign-batch', batch!.id] });
    },
  });
  if (!batch) return null;
  const done = batch.signed + batch.failed;
  return (
    <Card data-testid="batch-progress">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={700}>
            {!batch.finished
              ? t('lists.batchRunning', { done, total: batch.total })
              : batch.interrupted
                ? t('lists.batchStopped', { signed: batch.signed, left: batch.total - batch.signed })
                : t('lists.batchDone', { signed: batch.signed, failed: batch.failed })}
          </Text>
          {batch.finished ? (
            <Group gap="xs">
              {batch.resumable ? (
                <Button size="xs" color="red" leftSection={<IconSignature size={14} />} onClick={() => setResuming(true)} data-testid="batch-resume">
                  {t('lists.batchResume', { count: batch.resumable })}
                </Button>
              ) : null}
              <Button size="xs" variant="default" onClick={onClose}>
                {t('common.close')}
              </Button>
            </Group>
          ) : null}
        </Group>
        {batch.interrupted && batch.finished ? (
          <Alert color="orange" data-testid="batch-interrupted">
            {t('lists.batchInterrupted', { count: batch.interrupted })}
          </Alert>
        ) : null}
        <PassphraseDialog
          opened={resuming}
          onClose={() => {
            resume.reset();
            setResuming(false);
          }}
          title={t('lists.batchResumeTitle', { count: batch.resumable })}
          confirmLabel={t('lists.batchResume', { count: batch.resumable })}
          pending={resume.isPending}
          error={resume.error}
          onSubmit={(p) => resume.mutate(p)}
        >
          <Text size="sm">{t('lists.batchResumeHint')}</Text>
        </PassphraseDialog>
        <Progress.Root size="lg">
          <Progress.Section value={(batch.signed / batch.total) * 100} color="teal" aria-label={t('lists.batchStatus.signed')} />
          <Progress.Section value={((batch.failed - batch.interrupted) / batch.total) * 100} color="red" aria-label={t('lists.batchStatus.failed')} />
          <Progress.Section value={(batch.interrupted / batch.total) * 100} color="orange" aria-label={t('lists.batchStatus.interrupted')} />
        </Progress.Root>
        <Stack gap={4}>
          {batch.items.map((i) => (
            <Group key={i.documentId} gap="xs" wrap="nowrap" align="flex-start" data-testid="batch-item" data-status={i.status}>
              <Badge size="sm" variant="light" tt="none" style={{ flexShrink: 0 }} color={i.status === 'signed' ? 'teal' : i.errorCode === 'INTERRUPTED' ? 'orange' : i.status === 'failed' ? 'red' : 'gray'} leftSection={i.status === 'signed' ? <IconCheck size={12} /> : i.status === 'failed' && i.errorCode !== 'INTERRUPTED' ? <IconX size={12} /> : null}>
                {t(`lists.batchStatus.${i.errorCode === 'INTERRUPTED' ? 'interrupted' : i.status}`)}
              </Badge>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" component={Link} to={`/naskah/${i.documentId}`} style={{ color: 'inherit' }}>
                  {i.hal}
                  {i.number ? ` · ${i.number}` : ''}
                </Text>
                {i.errorMessage ? (
                  <Text size="xs" c="red">
                    {i.errorMessage}
                  </Text>
                ) : null}
              </Stack>
            </Group>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}
