// The document boxes: Konsep (drafts and returned, with the return reason; Dalam Proses),
// Perlu Verifikasi, Perlu Tanda Tangan (bulk signing with one passphrase and per-document
// progress, each letter's PDF a "Lihat" away) and the routes of the Konsep section (new document, edit a draft's data).
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Group, Progress, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconEye, IconPlus, IconSignature, IconX } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
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
  const batch = useQuery({
    queryKey: ['sign-batch', batchId],
    queryFn: () => fetchBatch(batchId!),
    enabled: Boolean(batchId),
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
      {batchId ? <BatchProgress batch={batch.data} onClose={() => setBatchId(null)} /> : null}
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
  if (!batch) return null;
  const done = batch.signed + batch.failed;
  return (
    <Card data-testid="batch-progress">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={700}>{batch.finished ? t('lists.batchDone', { signed: batch.signed, failed: batch.failed }) : t('lists.batchRunning', { done, total: batch.total })}</Text>
          {batch.finished ? (
            <Button size="xs" variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
          ) : null}
        </Group>
        <Progress.Root size="lg">
          <Progress.Section value={(batch.signed / batch.total) * 100} color="teal" />
          <Progress.Section value={(batch.failed / batch.total) * 100} color="red" />
        </Progress.Root>
        <Stack gap={4}>
          {batch.items.map((i) => (
            <Group key={i.documentId} gap="xs" wrap="nowrap" align="flex-start" data-testid="batch-item" data-status={i.status}>
              <Badge size="sm" variant="light" color={i.status === 'signed' ? 'teal' : i.status === 'failed' ? 'red' : 'gray'} leftSection={i.status === 'signed' ? <IconCheck size={12} /> : i.status === 'failed' ? <IconX size={12} /> : null}>
                {t(`lists.batchStatus.${i.status}`)}
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
