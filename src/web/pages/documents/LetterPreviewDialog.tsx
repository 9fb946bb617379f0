// "Lihat" in Perlu Tanda Tangan: the letter's current PDF (what the signature goes on, with the
// marked number/date/signature places of a PDF draft) in a dialog, so the signer reads every
// letter of a bulk signing without leaving the list and its selection.
import { Alert, Center, Loader, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { fileUrl, useDocument, type DocumentListItem } from '../../api/documents';
import { PdfViewer } from '../../components/pdf/PdfViewer';
import { MarkOverlays } from './detail/PreviewPanel';

export function LetterPreviewDialog({ item, onClose }: { item: DocumentListItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const doc = useDocument(item?.id);
  const d = doc.data;
  const version = d ? (d.versions.find((v) => v.current) ?? d.versions[0]) : undefined;
  return (
    <Modal opened={Boolean(item)} onClose={onClose} title={item?.hal} size="xl" fullScreen={phone} padding={phone ? 'xs' : 'md'} closeButtonProps={{ 'aria-label': t('common.close') }} data-testid="letter-preview">
      {!item ? null : doc.isPending ? (
        <Center h={320}>
          <Loader />
        </Center>
      ) : doc.error ? (
        <Alert color="red">{doc.error.message}</Alert>
      ) : d && version?.pdfFileId ? (
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {[item.typeName, item.drafterName].filter(Boolean).join(' · ')}
          </Text>
          <PdfViewer
            url={fileUrl(d.id, version.pdfFileId)}
            label={t('lists.previewOf', { hal: item.hal })}
            renderOverlay={d.draftKind === 'pdf' && !d.signed && d.pdfMarks ? (p, g) => <MarkOverlays marks={d.pdfMarks!} page={p} geometry={g} /> : undefined}
          />
        </Stack>
      ) : (
        <Alert color="orange">{t('doc.preview.noVersion')}</Alert>
      )}
    </Modal>
  );
}
