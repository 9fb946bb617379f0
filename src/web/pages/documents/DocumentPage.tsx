// Halaman naskah: the PDF, the data, recipients, lampiran, the chain with SOP timings, the
// timeline, and the buttons for what this user may do now. Opening a delivered document marks it
// read (naskah masuk).
import { useEffect, useRef, useState } from 'react';
import { Alert, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router-dom';
import { api, isApiError, unwrap } from '../../api/client';
import { dashboardQueryKey } from '../../api/dashboard';
import { docKeys, useDocument, type DocumentDetail } from '../../api/documents';
import { StatusBadge, UrgencyBadges } from '../../components/StatusBadge';
import { lastReturn } from '../../lib/documents';
import { formatDateTime } from '../../lib/format';
import { NotFoundPage } from '../ComingSoonPage';
import { ActionBar } from './detail/ActionBar';
import { AttachmentsCard, DispatchesCard, EventsCard, MetaCard, RecipientsCard, VerificationCard } from './detail/Cards';
import { ChainStepper } from './detail/ChainStepper';
import { PreviewPanel } from './detail/PreviewPanel';
import { IncomingLinks } from '../incoming/IncomingLinks';

interface ComposeOutcome {
  attachmentProblems?: Array<{ name: string; message: string }>;
  uploadError?: string | null;
}

function useMarkRead(doc: DocumentDetail | undefined) {
  const qc = useQueryClient();
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!doc?.me.delivery || doc.me.delivery.readAt || done.current === doc.id) return;
    done.current = doc.id;
    void unwrap(api.POST('/api/v1/documents/{id}/read', { params: { path: { id: doc.id } } }))
      .then(() => {
        void qc.invalidateQueries({ queryKey: dashboardQueryKey });
        void qc.invalidateQueries({ queryKey: ['documents', 'inbox'] });
        void qc.invalidateQueries({ queryKey: docKeys.detail(doc.id) });
      })
      .catch(() => {
        done.current = null;
      });
  }, [doc, qc]);
}

export function DocumentPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const outcome = (location.state ?? {}) as ComposeOutcome;
  const query = useDocument(id);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const doc = query.data;
  useMarkRead(doc);

  if (query.isPending) {
    return (
      <Group justify="center" py="xl">
        <Loader />
      </Group>
    );
  }
  if (!doc) {
    if (isApiError(query.error, 'DOCUMENT_NOT_FOUND') || isApiError(query.error, 'VALIDATION_FAILED')) return <NotFoundPage />;
    return <Alert color="red">{query.error?.message}</Alert>;
  }

  const drafting = doc.me.access === 'full';
  const returned = lastReturn(doc.events);
  const showReturn = returned && (doc.status === 'returned' || doc.status === 'in_verification' || doc.status === 'awaiting_signature');
  const hasActions = doc.me.actions.some((a) => a !== 'deliver') || doc.me.canEdit;

  return (
    <Stack gap="md" className={hasActions ? 'doc-page with-actions' : 'doc-page'} data-testid="document-page">
      <div>
        <Group gap="xs" mb={4} wrap="wrap">
          <StatusBadge status={doc.status} />
          <UrgencyBadges sifat={doc.sifat} urgensi={doc.urgensi} />
          <Text size="sm" c="dimmed">
            {doc.type.name}
            {doc.number ? ` · ${doc.number}` : ''}
          </Text>
        </Group>
        <Title order={1} size="h2" data-testid="doc-hal" style={{ overflowWrap: 'anywhere' }}>
          {doc.hal}
        </Title>
        <Text size="sm" c="dimmed">
          {doc.issuingUnit.name} · {t('doc.updated', { time: formatDateTime(doc.updatedAt) })}
        </Text>
      </div>

      {showReturn ? (
        <Alert color="orange" icon={<IconArrowBackUp />} title={t('doc.returnedTitle', { name: returned.actorName ?? '' })} data-testid="return-reason">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {returned.note}
          </Text>
          <Text size="xs" c="dimmed" mt={4}>
            {formatDateTime(returned.at)}
          </Text>
        </Alert>
      ) : null}
      {doc.status === 'cancelled' ? (
        <Alert color="red" icon={<IconAlertTriangle />}>
          {t('doc.cancelledExplain')}
        </Alert>
      ) : null}
      {(outcome.attachmentProblems ?? []).filter((p) => !dismissed.includes(p.name)).map((p) => (
        <Alert key={p.name} color="red" icon={<IconAlertTriangle />} title={t('doc.attachments.refused', { name: p.name })} data-testid="attachment-error" withCloseButton onClose={() => setDismissed((d) => [...d, p.name])}>
          {p.message}
        </Alert>
      ))}
      {outcome.uploadError && !doc.versions.length ? (
        <Alert color="red" icon={<IconAlertTriangle />} title={t('doc.uploadFailedTitle')} data-testid="upload-error">
          {outcome.uploadError}
        </Alert>
      ) : null}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <PreviewPanel doc={doc} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md" className="doc-side">
            <ActionBar doc={doc} />
            <IncomingLinks documentId={doc.id} delivered={!!doc.me.delivery} />
            <VerificationCard doc={doc} />
            {/* Addressees and tembusan see the letter as sent: no drafting history (chain notes, times, timeline). */}
            {drafting ? <ChainStepper doc={doc} /> : null}
            <MetaCard doc={doc} />
            <RecipientsCard doc={doc} />
            <AttachmentsCard doc={doc} />
            {drafting ? <DispatchesCard doc={doc} /> : null}
            {drafting ? <EventsCard doc={doc} /> : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
