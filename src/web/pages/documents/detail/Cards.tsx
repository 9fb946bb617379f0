// The smaller cards of the document page: data (metadata), recipients, lampiran, the timeline,
// dispatches to external addressees, and the signature's verification link with its QR code.
import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Anchor, Badge, Card, FileButton, Group, Image, SimpleGrid, Stack, Text, Timeline, Title, Button } from '@mantine/core';
import { IconAlertTriangle, IconExternalLink, IconFileTypePdf, IconPaperclip, IconShieldCheck, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { fileUrl, uploadAttachment, useInvalidateDocuments, type DocumentDetail } from '../../../api/documents';
import { formatDate, formatDateTime } from '../../../lib/format';
import { SendDispatchButton } from './SendDispatch';

function Field({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
        {label}
      </Text>
      <Text size="sm" data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {children || '–'}
      </Text>
    </div>
  );
}

export function MetaCard({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  return (
    <Card data-testid="meta-card">
      <Title order={2} size="h4" mb="sm">
        {t('doc.meta.title')}
      </Title>
      <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
        <Field label={t('doc.meta.number')} testId="doc-number">
          {doc.number ?? t(doc.numberingMode === 'at_signing' ? 'doc.meta.numberAtSigning' : 'doc.meta.numberPending')}
        </Field>
        <Field label={t('doc.meta.date')}>{doc.documentDate ? formatDate(doc.documentDate) : t('doc.meta.dateAtSigning')}</Field>
        <Field label={t('compose.sifat')}>{t(`sifat.${doc.sifat}`)}</Field>
        <Field label={t('compose.urgensi')}>{t(`urgensi.${doc.urgensi}`)}</Field>
        <Field label={t('compose.classification')}>{doc.classificationCode}</Field>
        <Field label={t('compose.lampiran')}>{doc.lampiran}</Field>
        <Field label={t('doc.meta.type')}>{doc.type.name}</Field>
        <Field label={t('compose.letterhead')}>{doc.letterhead?.name ?? '–'}</Field>
        <Field label={t('doc.meta.unit')}>{doc.issuingUnit.name}</Field>
        <Field label={t('doc.meta.drafter')}>{doc.drafter.name}</Field>
        <Field label={t('compose.signer')}>
          {doc.onBehalfOfPosition ? `${t('doc.meta.an')} ${doc.onBehalfOfPosition.name}, ` : ''}
          {doc.signerPosition.name}
        </Field>
        <Field label={t('compose.visibility')}>{t(doc.signatureVisibility === 'visible' ? 'compose.visible' : 'compose.invisible')}</Field>
      </SimpleGrid>
    </Card>
  );
}

export function RecipientsCard({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  return (
    <Card data-testid="recipients-card">
      <Title order={2} size="h4" mb="sm">
        {t('compose.recipients')}
      </Title>
      <Stack gap="sm">
        {(['to', 'cc'] as const).map((role) => {
          const list = doc.recipients.filter((r) => r.role === role);
          if (!list.length) return null;
          return (
            <div key={role}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
                {t(`compose.role.${role}`)}
              </Text>
              <Stack gap={2} mt={2}>
                {list.map((r) => (
                  <Group key={r.id} gap={6} wrap="nowrap" align="flex-start">
                    <Badge size="xs" variant="light" mt={3} style={{ flexShrink: 0 }} color={r.kind === 'external' ? 'orange' : r.kind === 'group' ? 'grape' : 'pemda'}>
                      {t(`compose.kind.${r.kind}`)}
                    </Badge>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {r.label}
                      {r.kind === 'external' && r.externalEmail ? (
                        <Text span c="dimmed" size="xs">
                          {' '}
                          · {r.externalEmail}
                        </Text>
                      ) : null}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </div>
          );
        })}
        {doc.recipients.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('doc.noRecipients')}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

export function AttachmentsCard({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateDocuments();
  const [problems, setProblems] = useState<Array<{ name: string; message: string }>>([]);
  const add = useMutation({
    meta: { inlineErrors: true },
    mutationFn: async (files: File[]) => {
      const failed: Array<{ name: string; message: string }> = [];
      let version = doc.version;
      for (const f of files) {
        try {
          version = (await uploadAttachment(doc.id, version, f)).version;
        } catch (e) {
          failed.push({ name: f.name, message: e instanceof Error ? e.message : String(e) });
        }
      }
      return failed;
    },
    onSuccess: setProblems,
    onSettled: invalidate,
  });
  const remove = useMutation({
    mutationFn: (attachmentId: string) => unwrap(api.DELETE('/api/v1/documents/{id}/attachments/{attachmentId}', { params: { path: { id: doc.id, attachmentId }, query: { version: doc.version } } })),
    onSettled: invalidate,
  });
  if (!doc.attachments.length && !doc.me.canEdit && !problems.length) return null;
  return (
    <Card data-testid="attachments-card">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('compose.attachments')}
        </Title>
        {doc.me.canEdit ? (
          <FileButton multiple accept="application/pdf,.pdf" onChange={(f) => f.length && add.mutate(f)}>
            {(props) => (
              <Button {...props} size="xs" variant="light" leftSection={<IconPaperclip size={14} />} loading={add.isPending} data-testid="add-attachment">
                {t('doc.attachments.add')}
              </Button>
            )}
          </FileButton>
        ) : null}
      </Group>
      <Stack gap={6}>
        {doc.attachments.map((a) => (
          <Group key={a.id} gap="xs" wrap="nowrap" justify="space-between" data-testid="attachment">
            <Anchor href={fileUrl(doc.id, a.fileId)} target="_blank" rel="noopener" size="sm" style={{ minWidth: 0 }}>
              <Group gap={6} wrap="nowrap">
                <IconFileTypePdf size={18} style={{ flexShrink: 0 }} />
                <Text size="sm" truncate>
                  {a.name}
                </Text>
              </Group>
            </Anchor>
            <Group gap={4} wrap="nowrap">
              {a.pages ? (
                <Text size="xs" c="dimmed">
                  {t('doc.attachments.pages', { count: a.pages })}
                </Text>
              ) : null}
              {doc.me.canEdit ? (
                <ActionIcon variant="subtle" color="red" aria-label={t('doc.attachments.remove', { name: a.name })} onClick={() => remove.mutate(a.id)} loading={remove.isPending}>
                  <IconTrash size={16} />
                </ActionIcon>
              ) : null}
            </Group>
          </Group>
        ))}
        {!doc.attachments.length ? (
          <Text size="sm" c="dimmed">
            {t('doc.attachments.none')}
          </Text>
        ) : null}
        {doc.me.canEdit ? (
          <Text size="xs" c="dimmed">
            {t('compose.attachmentHint')}
          </Text>
        ) : null}
        {problems.map((p) => (
          <Alert key={p.name} color="red" icon={<IconAlertTriangle />} title={t('doc.attachments.refused', { name: p.name })} data-testid="attachment-error" withCloseButton onClose={() => setProblems((x) => x.filter((y) => y !== p))}>
            {p.message}
          </Alert>
        ))}
      </Stack>
    </Card>
  );
}

const EVENT_COLORS: Record<string, string> = { returned: 'orange', cancelled: 'red', signed: 'red', conversion_failed: 'red', delivered: 'green', dispatched: 'green', approved: 'teal', edited_and_approved: 'teal' };

export function EventsCard({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const events = [...doc.events].reverse();
  return (
    <Card data-testid="events-card">
      <Title order={2} size="h4" mb="md">
        {t('doc.events.title')}
      </Title>
      <Timeline bulletSize={12} lineWidth={2}>
        {events.map((e, i) => (
          <Timeline.Item key={i} color={EVENT_COLORS[e.action] ?? 'gray'} title={<Text size="sm" fw={600}>{t(`doc.events.action.${e.action}`, { defaultValue: e.action })}</Text>} data-testid="event">
            <Text size="xs" c="dimmed">
              {formatDateTime(e.at)}
              {e.actorName ? ` · ${e.actedAs ? `${e.actedAs} ` : ''}${e.actorName}` : ''}
            </Text>
            {e.note ? (
              <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap' }}>
                {e.note}
              </Text>
            ) : null}
            {e.action === 'dispatched' && typeof e.data.to === 'string' ? (
              <Text size="xs">{t('doc.events.dispatchedTo', { to: e.data.to, channel: t(`outbox.channelName.${String(e.data.channel)}`, { defaultValue: String(e.data.channel) }) })}</Text>
            ) : null}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}

export function DispatchesCard({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  if (!doc.dispatches.length) return null;
  return (
    <Card data-testid="dispatches-card">
      <Title order={2} size="h4" mb="sm">
        {t('doc.dispatches.title')}
      </Title>
      <Stack gap="sm">
        {doc.dispatches.map((d) => (
          <Group key={d.id} justify="space-between" gap="xs" wrap="nowrap" align="flex-start" data-testid="dispatch">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={500}>
                {d.externalName}
              </Text>
              <Text size="xs" c="dimmed">
                {[d.externalAddress, d.externalEmail].filter(Boolean).join(' · ')}
              </Text>
              {d.sentAt ? (
                <Text size="xs">
                  {t('outbox.sentVia', { channel: t(`outbox.channelName.${d.channel ?? 'other'}`), time: formatDateTime(d.sentAt) })}
                  {d.note ? ` · ${d.note}` : ''}
                </Text>
              ) : d.note ? (
                <Text size="xs">{d.note}</Text>
              ) : null}
            </Stack>
            <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
              <Badge size="sm" variant="light" color={d.status === 'sent' ? 'green' : d.status === 'failed' ? 'red' : 'orange'}>
                {t(`outbox.status.${d.status}`)}
              </Badge>
              {doc.me.canDispatch && (d.status === 'awaiting' || d.status === 'failed') && d.channel !== 'email' ? <SendDispatchButton dispatch={d} /> : null}
            </Stack>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

/** After signing: the verification page (what the QR code on the PDF leads to). */
export function VerificationCard({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  const url = doc.signed?.verificationUrl;
  useEffect(() => {
    if (!url) return;
    let alive = true;
    void import('qrcode').then((q) => q.toDataURL(url, { margin: 1, width: 240 })).then((d) => alive && setQr(d)).catch(() => {});
    return () => {
      alive = false;
    };
  }, [url]);
  if (!doc.signed) return null;
  return (
    <Card data-testid="verification-card" style={{ borderColor: 'var(--mantine-color-teal-4)' }}>
      <Group gap="md" wrap="nowrap" align="flex-start">
        {qr ? <Image src={qr} alt={t('doc.signed.qrAlt')} w={104} h={104} style={{ flexShrink: 0 }} /> : null}
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <IconShieldCheck size={20} color="var(--mantine-color-teal-7)" />
            <Text fw={700}>{t('doc.signed.title')}</Text>
          </Group>
          <Text size="sm">{t('doc.signed.by', { name: doc.signed.signedAs ?? '', time: formatDateTime(doc.signed.signedAt) })}</Text>
          {doc.number ? <Text size="sm">{t('doc.signed.number', { number: doc.number })}</Text> : null}
          <Anchor href={doc.signed.verificationUrl} target="_blank" rel="noopener" size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="verification-link">
            <Group gap={4} wrap="nowrap">
              {doc.signed.verificationUrl}
              <IconExternalLink size={14} style={{ flexShrink: 0 }} />
            </Group>
          </Anchor>
          <Text size="xs" c="dimmed">
            {t('doc.signed.verifyHint')}
          </Text>
        </Stack>
      </Group>
    </Card>
  );
}
