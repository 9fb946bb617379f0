// Halaman surat masuk: the scan, the data, what the records officer or the official may do now
// (Kirim ke pimpinan, Disposisi, Balas, Cetak lembar disposisi) and the whole disposition tree with
// who read what when, reports and overdue marks; each node's actions are where its people look.
import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Checkbox, FileInput, Grid, Group, Loader, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPrinter, IconArrowBackUp, IconSend, IconReceipt } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { dashboardQueryKey } from '../../api/dashboard';
import { incomingKeys, markDispositionRead, markLetterRead, useDispositionActions, useIncomingLetter, useInstructions, useReceivers, type DispositionNode, type IncomingLetter } from '../../api/incoming';
import { ConfirmButton } from '../../components/ConfirmButton';
import { UrgencyBadges } from '../../components/StatusBadge';
import { notifyError, notifySuccess } from '../../lib/errors';
import { formatDate, formatDateTime, holderPrefix } from '../../lib/format';
import { NotFoundPage } from '../ComingSoonPage';

function useMarkReads(letter: IncomingLetter | undefined) {
  const qc = useQueryClient();
  const done = useRef(new Set<string>());
  useEffect(() => {
    if (!letter) return;
    const work: Array<Promise<unknown>> = [];
    if (letter.me.isAddressee && !letter.readAt && !done.current.has(letter.id)) {
      done.current.add(letter.id);
      work.push(markLetterRead(letter.id));
    }
    for (const n of letter.dispositions) {
      if (n.me.isReceiver && n.state === 'sent' && !done.current.has(n.id)) {
        done.current.add(n.id);
        work.push(markDispositionRead(letter.id, n.id));
      }
    }
    if (work.length)
      void Promise.allSettled(work).then(() => {
        void qc.invalidateQueries({ queryKey: incomingKeys.letter(letter.id) });
        void qc.invalidateQueries({ queryKey: dashboardQueryKey });
      });
  }, [letter, qc]);
}

const holderText = (h: { name: string; kind: 'definitif' | 'plt' | 'plh' | 'pj' }) => `${h.kind === 'definitif' ? '' : holderPrefix(h.kind)}${h.name}`;

function DisposeForm({ letter, parent, onDone }: { letter: IncomingLetter; parent: DispositionNode | null; onDone: () => void }) {
  const { t } = useTranslation();
  const receivers = useReceivers(letter.id, parent?.id ?? null, true);
  const instructions = useInstructions();
  const { dispose } = useDispositionActions(letter.id);
  const [to, setTo] = useState<string[]>([]);
  const [ins, setIns] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [due, setDue] = useState('');
  return (
    <Stack gap="xs" data-testid="dispose-form">
      <Checkbox.Group label={t('disposition.receivers')} value={to} onChange={setTo} data-testid="dispose-receivers">
        <Stack gap={4} mt={4}>
          {(receivers.data ?? []).map((r) => (
            <Checkbox key={r.positionId} value={r.positionId} disabled={!r.holders.length} label={`${r.name}${r.holders.length ? ` — ${r.holders.map(holderText).join(', ')}` : ' (kosong)'}`} style={{ paddingLeft: (r.depth - 1) * 16 }} data-testid={`receiver-${r.name}`} />
          ))}
        </Stack>
      </Checkbox.Group>
      <Checkbox.Group label={t('disposition.instructions')} value={ins} onChange={setIns}>
        <Stack gap={4} mt={4}>
          {(instructions.data ?? []).map((i) => (
            <Checkbox key={i.code} value={i.code} label={i.label} data-testid={`instruction-${i.code}`} />
          ))}
        </Stack>
      </Checkbox.Group>
      <Textarea label={t('disposition.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} data-testid="dispose-note" />
      <TextInput type="date" label={t('disposition.dueDate')} value={due} onChange={(e) => setDue(e.currentTarget.value)} data-testid="dispose-due" />
      <Button
        leftSection={<IconSend size={16} />}
        loading={dispose.isPending}
        disabled={!to.length}
        data-testid="dispose-submit"
        onClick={() =>
          dispose.mutate(
            { receiverPositionIds: to, instructions: ins, note: note || null, dueDate: due || null, ...(parent ? { parentId: parent.id, version: parent.version } : {}) },
            { onSuccess: () => { notifySuccess(t('disposition.done')); onDone(); }, onError: notifyError },
          )
        }
      >
        {t('disposition.submit')}
      </Button>
    </Stack>
  );
}

function ReportForm({ letter, node }: { letter: IncomingLetter; node: DispositionNode }) {
  const { t } = useTranslation();
  const { report } = useDispositionActions(letter.id);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  return (
    <Stack gap="xs" data-testid="report-form">
      <Textarea label={t('disposition.reportText')} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} data-testid="report-text" />
      <FileInput multiple label={t('disposition.reportFiles')} value={files} onChange={setFiles} accept="application/pdf,image/*" data-testid="report-files" clearable />
      <Button loading={report.isPending} disabled={!text.trim()} data-testid="report-submit" onClick={() => report.mutate({ id: node.id, version: node.version, text, files }, { onSuccess: () => notifySuccess(t('disposition.reported')), onError: notifyError })}>
        {t('disposition.report')}
      </Button>
    </Stack>
  );
}

function NodeCard({ letter, node, all, depth }: { letter: IncomingLetter; node: DispositionNode; all: DispositionNode[]; depth: number }) {
  const { t } = useTranslation();
  const { cancel, withdraw } = useDispositionActions(letter.id);
  const [open, setOpen] = useState<'dispose' | 'report' | 'withdraw' | null>(null);
  const [reason, setReason] = useState('');
  const children = all.filter((c) => c.parentId === node.id);
  const color = node.state === 'completed' ? 'green' : node.state === 'cancelled' || node.state === 'withdrawn' ? 'gray' : node.state === 'sent' ? 'orange' : 'blue';
  return (
    <Stack gap={6} style={{ marginLeft: depth ? 18 : 0, borderLeft: depth ? '2px solid var(--mantine-color-gray-3)' : undefined, paddingLeft: depth ? 10 : 0 }}>
      <Card withBorder padding="sm" data-testid="disposition-node" data-receiver={node.receiver.positionName} data-state={node.state}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="sm" fw={600}>
            {t('disposition.fromTo', { from: `${node.sender.actedAs ? `${node.sender.actedAs} ` : ''}${node.sender.positionName}`, to: node.receiver.positionName })}
          </Text>
          <Group gap={4} wrap="nowrap">
            {node.overdue ? <Badge size="xs" color="red" data-testid="node-overdue">{t('disposition.overdue')}</Badge> : null}
            <Badge size="xs" color={color} data-testid="node-state">{t(`disposition.state.${node.state}`)}</Badge>
          </Group>
        </Group>
        <Text size="xs" c="dimmed">{node.receiver.holders.map(holderText).join(', ')}</Text>
        <Text size="sm">{node.instructions.map((i) => i.label).join('; ')}</Text>
        {node.note ? <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>“{node.note}”</Text> : null}
        <Text size="xs" c="dimmed">
          {t('disposition.sentAt', { time: formatDateTime(node.sentAt) })} · {node.readAt ? t('disposition.readAt', { time: formatDateTime(node.readAt) }) + (node.readByName ? ` (${node.readByName})` : '') : t('disposition.unread')}
          {node.dueDate ? ` · ${t('disposition.due', { date: formatDate(node.dueDate) })}` : ''}
        </Text>
        {node.closeReason ? <Text size="xs" c="red">{node.closeReason}</Text> : null}
        {node.reports.map((r) => (
          <Alert key={r.id} color="green" p="xs" mt={4} data-testid="node-report">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{r.text}</Text>
            {r.files.map((f) => (
              <Anchor key={f.fileId} href={`/api/v1/incoming-letters/${letter.id}/report-files/${f.fileId}`} target="_blank" size="xs" display="block">
                {f.name}
              </Anchor>
            ))}
            <Text size="xs" c="dimmed">{r.authorName} · {formatDateTime(r.createdAt)}</Text>
          </Alert>
        ))}
        <Group gap="xs" mt={6}>
          {node.me.actions.includes('dispose') ? <Button size="xs" variant="light" onClick={() => setOpen(open === 'dispose' ? null : 'dispose')} data-testid="node-redispose">{t('disposition.redispose')}</Button> : null}
          {node.me.actions.includes('report') ? <Button size="xs" onClick={() => setOpen(open === 'report' ? null : 'report')} data-testid="node-report-open">{t('disposition.report')}</Button> : null}
          {node.me.actions.includes('cancel') ? (
            <ConfirmButton size="xs" color="red" variant="light" confirmLabel={t('disposition.cancel')} title={t('disposition.cancel')} message={t('disposition.cancelConfirm')} loading={cancel.isPending} onConfirm={() => cancel.mutate({ id: node.id, version: node.version }, { onError: notifyError })} data-testid="node-cancel">
              {t('disposition.cancel')}
            </ConfirmButton>
          ) : null}
          {node.me.actions.includes('withdraw') ? <Button size="xs" color="red" variant="subtle" onClick={() => setOpen(open === 'withdraw' ? null : 'withdraw')} data-testid="node-withdraw">{t('disposition.withdraw')}</Button> : null}
        </Group>
        {open === 'dispose' ? <DisposeForm letter={letter} parent={node} onDone={() => setOpen(null)} /> : null}
        {open === 'report' ? <ReportForm letter={letter} node={node} /> : null}
        {open === 'withdraw' ? (
          <Group align="flex-end" mt={6}>
            <TextInput label={t('disposition.withdrawReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} style={{ flex: 1 }} data-testid="withdraw-reason" />
            <Button color="red" loading={withdraw.isPending} disabled={!reason.trim()} onClick={() => withdraw.mutate({ id: node.id, version: node.version, reason }, { onError: notifyError })} data-testid="withdraw-submit">
              {t('disposition.withdraw')}
            </Button>
          </Group>
        ) : null}
      </Card>
      {children.map((c) => (
        <NodeCard key={c.id} letter={letter} node={c} all={all} depth={depth + 1} />
      ))}
    </Stack>
  );
}

/** The OCR state of the scan and its text (for the records officer and whoever reads the letter). */
function OcrCard({ letter }: { letter: IncomingLetter }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (letter.ocrStatus === 'none') return null;
  const busy = letter.ocrStatus === 'pending' || letter.ocrStatus === 'running';
  return (
    <Card withBorder data-testid="ocr-card" data-ocr-status={letter.ocrStatus}>
      <Group justify="space-between">
        <Group gap="xs">
          {busy ? <Loader size="xs" /> : null}
          <Text fw={600}>{t('incoming.ocr.title')}</Text>
          <Badge variant="light" tt="none" color={letter.ocrStatus === 'failed' ? 'orange' : busy ? 'blue' : 'teal'} data-testid="ocr-state">{t(`incoming.ocr.${letter.ocrStatus}`)}</Badge>
        </Group>
        {letter.ocrText ? <Button size="compact-xs" variant="subtle" onClick={() => setOpen((o) => !o)} data-testid="ocr-toggle">{open ? t('incoming.ocr.hideText') : t('incoming.ocr.showText')}</Button> : null}
      </Group>
      {letter.ocrError ? <Text size="sm" mt={4} data-testid="ocr-error">{letter.ocrError}</Text> : null}
      {open ? (
        <Text size="xs" mt="xs" ff="monospace" style={{ whiteSpace: 'pre-wrap', maxHeight: 320, overflow: 'auto' }} data-testid="ocr-text">
          {letter.ocrText?.replace(/\f/g, '\n\n').trim() || t('incoming.ocr.noText')}
        </Text>
      ) : null}
    </Card>
  );
}

export function LetterPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useIncomingLetter(id, { pollWhile: (l) => l.ocrStatus === 'pending' || l.ocrStatus === 'running' });
  const letter = query.data;
  useMarkReads(letter);
  const actions = useDispositionActions(id ?? '');
  const [disposing, setDisposing] = useState(false);
  if (query.isPending) return <Group justify="center" py="xl"><Loader /></Group>;
  if (!letter) {
    if (isApiError(query.error, 'INCOMING_NOT_FOUND') || isApiError(query.error, 'VALIDATION_FAILED')) return <NotFoundPage />;
    return <Alert color="red">{query.error?.message}</Alert>;
  }
  const roots = letter.dispositions.filter((n) => !n.parentId);
  return (
    <Stack gap="md" data-testid="incoming-page">
      <div>
        <Group gap="xs" mb={4}>
          <Badge variant="light" tt="none" data-testid="incoming-status">{t(`incoming.status.${letter.status}`)}</Badge>
          <UrgencyBadges sifat={letter.sifat} urgensi={letter.urgensi} />
          {letter.answered ? <Badge color="green" data-testid="answered">{t('incoming.answered')}</Badge> : null}
          <Text size="sm" c="dimmed" data-testid="incoming-agenda">{letter.agenda}</Text>
        </Group>
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }} data-testid="incoming-hal">{letter.hal}</Title>
        <Text size="sm" c="dimmed">
          {t('incoming.from')} {[letter.senderJabatan, letter.senderInstansi].filter(Boolean).join(', ')} · {letter.letterNumber} · {formatDate(letter.letterDate)}
        </Text>
      </div>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          {letter.fileId ? <iframe title={t('incoming.scan')} src={`/api/v1/incoming-letters/${letter.id}/file`} style={{ width: '100%', height: '75vh', border: '1px solid var(--mantine-color-gray-3)' }} /> : null}
          {letter.source === 'service' && typeof letter.intake?.serviceTicketId === 'string' ? (
            <Alert color="blue" title={t('incoming.serviceRequest.title', { number: String(letter.intake.ticketNumber ?? '') })} data-testid="service-request">
              <Text size="sm" mb="xs">{t('incoming.serviceRequest.body')}</Text>
              <Button component={Link} to={`/layanan/tiket/${letter.intake.serviceTicketId}`} size="compact-sm" variant="light" data-testid="open-ticket">
                {t('incoming.serviceRequest.open')}
              </Button>
            </Alert>
          ) : null}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Group gap="xs">
              {letter.status === 'pending' && letter.me.isRecordsOfficer ? (
                <Button component={Link} to={`/surat-masuk/catat?menunggu=${letter.id}`} data-testid="register-pending">
                  {t('incoming.ocr.registerPending')}
                </Button>
              ) : null}
              {letter.me.canSend ? (
                <Button leftSection={<IconSend size={16} />} loading={actions.send.isPending} onClick={() => actions.send.mutate(letter.version, { onSuccess: () => notifySuccess(t('incoming.sent')), onError: notifyError })} data-testid="send-to-leader">
                  {t('incoming.sendToLeader')}
                </Button>
              ) : null}
              {letter.me.canDispose ? <Button onClick={() => setDisposing((d) => !d)} data-testid="dispose-open">{t('disposition.dispose')}</Button> : null}
              {letter.me.canReply ? <Button variant="light" leftSection={<IconArrowBackUp size={16} />} onClick={() => void navigate(`/konsep/baru?balas=${letter.id}`)} data-testid="reply">{t('incoming.reply')}</Button> : null}
              {letter.dispositions.length ? <Button component="a" href={`/api/v1/incoming-letters/${letter.id}/lembar-disposisi.pdf`} target="_blank" variant="default" leftSection={<IconPrinter size={16} />} data-testid="print-lembar">{t('disposition.print')}</Button> : null}
              {letter.me.isRecordsOfficer && letter.agenda ? <Button component="a" href={`/api/v1/incoming-letters/${letter.id}/tanda-terima.pdf`} target="_blank" variant="default" leftSection={<IconReceipt size={16} />} data-testid="tanda-terima">{t('incoming.tandaTerima')}</Button> : null}
            </Group>
            {disposing ? (
              <Card withBorder>
                <Text fw={600} mb="xs">{t('disposition.disposeTitle')}</Text>
                <DisposeForm letter={letter} parent={null} onDone={() => setDisposing(false)} />
              </Card>
            ) : null}
            <Card withBorder>
              <Group justify="space-between" mb="xs">
                <Text fw={600}>{t('disposition.tree')}</Text>
                {letter.summary.total ? (
                  <Badge color={letter.summary.complete ? 'green' : 'blue'} tt="none" data-testid="tree-summary">
                    {letter.summary.complete ? t('disposition.complete') : t('disposition.open', { count: letter.summary.open })}
                  </Badge>
                ) : null}
              </Group>
              {roots.length ? <Stack gap="xs">{roots.map((n) => <NodeCard key={n.id} letter={letter} node={n} all={letter.dispositions} depth={0} />)}</Stack> : <Text size="sm" c="dimmed">{t('disposition.noneYet')}</Text>}
            </Card>
            <OcrCard letter={letter} />
            <Card withBorder>
              <Stack gap={4}>
                <Text size="sm"><b>{t('incoming.agenda')}:</b> {letter.agenda ?? '-'}</Text>
                <Text size="sm"><b>{t('incoming.received')}:</b> {formatDateTime(letter.receivedAt)}</Text>
                <Text size="sm"><b>{t('incoming.classification')}:</b> {letter.classificationCode}</Text>
                <Text size="sm"><b>{t('incoming.lampiran')}:</b> {letter.lampiran}</Text>
                <Text size="sm"><b>{t('incoming.addressed')}:</b> {letter.addressedPosition?.name ?? '-'}</Text>
                {letter.replies.length ? (
                  <div data-testid="replies">
                    <Text size="sm" fw={600}>{t('incoming.replies')}</Text>
                    {letter.replies.map((r) => (
                      <Anchor key={r.documentId} component={Link} to={`/naskah/${r.documentId}`} size="sm" display="block">
                        {r.number ?? r.hal}
                      </Anchor>
                    ))}
                  </div>
                ) : null}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
