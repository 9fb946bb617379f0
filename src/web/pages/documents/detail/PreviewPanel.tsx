// The PDF on the document page: the current version (others selectable and downloadable), the
// signed PDF once signed, "menunggu konversi" while the .docx becomes a PDF (the page polls) and
// "Menyiapkan konverter…" with its progress while the converter itself still starts,
// the converter's error when it failed, a new version upload for the drafter, and for PDF
// drafts the marks where the number, the date and the signature go.
import { useEffect, useState } from 'react';
import { Alert, Badge, Box, Button, Card, FileButton, Group, Loader, Progress, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconFileUpload, IconMapPin } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { fileUrl, uploadVersion, useInvalidateDocuments, type DocumentDetail, type PdfMarks } from '../../../api/documents';
import { PdfViewer } from '../../../components/pdf/PdfViewer';
import { pdfPointToPixel, signatureMarkAt, signatureMarkBox, clickToPdfPoint, type PageGeometry } from '../../../lib/documents';
import { formatDateTime } from '../../../lib/format';
import { notifySuccess } from '../../../lib/errors';

type MarkKind = 'number' | 'date' | 'signature';

export function PreviewPanel({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const current = doc.versions.find((v) => v.current) ?? doc.versions[0];
  const [selected, setSelected] = useState<string>(doc.signed ? 'signed' : (current?.id ?? ''));
  // A new version or the signature: show it.
  useEffect(() => setSelected(doc.signed ? 'signed' : (current?.id ?? '')), [doc.signed, current?.id]);
  const version = doc.versions.find((v) => v.id === selected);
  const canMark = doc.draftKind === 'pdf' && doc.me.canEdit && Boolean(version?.current);

  const options = [
    ...(doc.signed ? [{ value: 'signed', label: t('doc.preview.signed') }] : []),
    ...doc.versions.map((v) => ({
      value: v.id,
      label: `${t('doc.preview.version', { n: v.n })} · ${t(`versionKind.${v.kind}`, { defaultValue: v.kind })} · ${v.createdBy.name}${v.current ? ` (${t('doc.preview.current')})` : ''}`,
    })),
  ];

  return (
    <Card p={{ base: 'xs', sm: 'md' }} data-testid="preview">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          {options.length > 1 ? (
            <Select aria-label={t('doc.preview.choose')} data={options} value={selected} onChange={(v) => v && setSelected(v)} allowDeselect={false} size="sm" style={{ flex: '1 1 240px' }} comboboxProps={{ withinPortal: true }} data-testid="version-select" />
          ) : (
            <Text fw={600} size="sm">
              {options[0]?.label ?? t('doc.preview.title')}
            </Text>
          )}
          <Group gap="xs">
            {selected === 'signed' && doc.signed ? (
              <Button component="a" href={fileUrl(doc.id, doc.signed.fileId, true)} size="xs" variant="light" leftSection={<IconDownload size={16} />}>
                {t('doc.preview.downloadPdf')}
              </Button>
            ) : null}
            {version?.pdfFileId ? (
              <Button component="a" href={fileUrl(doc.id, version.pdfFileId, true)} size="xs" variant="light" leftSection={<IconDownload size={16} />}>
                {t('doc.preview.downloadPdf')}
              </Button>
            ) : null}
            {version && version.sourceFileId !== version.pdfFileId && /\.docx$/i.test(version.sourceName) ? (
              <Button component="a" href={fileUrl(doc.id, version.sourceFileId, true)} size="xs" variant="default" leftSection={<IconDownload size={16} />} data-testid="download-docx">
                {t('doc.preview.downloadDocx')}
              </Button>
            ) : null}
            {doc.me.canEdit ? <UploadVersionButton doc={doc} /> : null}
          </Group>
        </Group>
        {version ? (
          <Text size="xs" c="dimmed">
            {version.sourceName} · {formatDateTime(version.createdAt)}
            {version.note ? ` · ${version.note}` : ''}
          </Text>
        ) : null}

        {selected === 'signed' && doc.signed ? (
          <PdfViewer url={fileUrl(doc.id, doc.signed.fileId)} label={t('doc.preview.signed')} />
        ) : !version ? (
          <Alert color="orange" icon={<IconAlertTriangle />} data-testid="no-version">
            {doc.me.canEdit ? t('doc.preview.noVersionDrafter') : t('doc.preview.noVersion')}
          </Alert>
        ) : (version.conversionStatus === 'pending' || version.conversionStatus === 'running') && version.converterStarting ? (
          <ConverterStarting starting={version.converterStarting} />
        ) : version.conversionStatus === 'pending' || version.conversionStatus === 'running' ? (
          <Stack gap="xs" py="xl" align="center" data-testid="conversion-pending">
            <Loader />
            <Text fw={600}>{t('doc.preview.converting')}</Text>
            <Progress value={100} animated striped w="100%" maw={360} />
            <Text size="sm" c="dimmed" ta="center">
              {t(`doc.preview.convertingHint.${version.conversionStatus}`)}
            </Text>
          </Stack>
        ) : version.conversionStatus === 'failed' ? (
          <Alert color="red" icon={<IconAlertTriangle />} title={t('doc.preview.conversionFailed')} data-testid="conversion-failed">
            <Text size="sm">{version.conversionError ?? t('errors.unexpected')}</Text>
            {doc.me.canEdit ? (
              <Text size="sm" mt="xs">
                {t('doc.preview.conversionFailedHint')}
              </Text>
            ) : null}
          </Alert>
        ) : version.pdfFileId ? (
          canMark ? (
            <MarksEditor doc={doc} url={fileUrl(doc.id, version.pdfFileId)} />
          ) : (
            <PdfViewer url={fileUrl(doc.id, version.pdfFileId)} label={t('doc.preview.title')} renderOverlay={doc.draftKind === 'pdf' && !doc.signed && doc.pdfMarks ? (p, g) => <MarkOverlays marks={doc.pdfMarks!} page={p} geometry={g} /> : undefined} />
          )
        ) : null}
      </Stack>
    </Card>
  );
}

/** The conversion waits for the converter to start (the WASM build takes a minute and more on a fresh machine). */
function ConverterStarting({ starting }: { starting: NonNullable<DocumentDetail['versions'][number]['converterStarting']> }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" py="xl" align="center" data-testid="converter-starting">
      <Loader />
      <Text fw={600}>{t('doc.preview.converterStarting')}</Text>
      <Progress value={starting.progress} animated w="100%" maw={360} aria-label={t('doc.preview.converterStarting')} data-testid="converter-starting-progress" />
      <Text size="sm" c="dimmed" ta="center">
        {t('doc.preview.converterStartingHint', { progress: starting.progress, elapsed: starting.elapsedSeconds ?? 0, expected: starting.expectedSeconds })}
      </Text>
    </Stack>
  );
}

function UploadVersionButton({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateDocuments();
  const upload = useMutation({
    meta: { inlineErrors: true },
    mutationFn: (file: File) => uploadVersion(doc.id, doc.version, file),
    onSuccess: () => notifySuccess(t('doc.preview.uploaded')),
    onSettled: invalidate,
  });
  return (
    <Stack gap={4} align="flex-end">
      <FileButton onChange={(f) => f && upload.mutate(f)} accept={doc.draftKind === 'pdf' ? 'application/pdf,.pdf' : '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document'}>
        {(props) => (
          <Button {...props} size="xs" variant="light" leftSection={<IconFileUpload size={16} />} loading={upload.isPending} data-testid="upload-version">
            {doc.versions.length ? t('doc.preview.uploadNew') : t('doc.preview.uploadFirst')}
          </Button>
        )}
      </FileButton>
      {upload.error ? (
        <Text size="xs" c="red" maw={320} ta="right" data-testid="upload-error">
          {upload.error.message}
        </Text>
      ) : null}
    </Stack>
  );
}

export function MarkOverlays({ marks, page, geometry }: { marks: PdfMarks; page: number; geometry: PageGeometry }) {
  const { t } = useTranslation();
  return (
    <>
      {(['number', 'date'] as const).map((k) => {
        const m = marks[k];
        if (!m || m.page !== page) return null;
        const { left, top } = pdfPointToPixel(geometry, m.x, m.y);
        const h = (m.fontSize ?? 12) * geometry.scale;
        return (
          <Box key={k} pos="absolute" left={left} top={top - h} h={h} px={4} style={{ border: '1px dashed var(--mantine-color-pemda-6)', background: 'rgba(40,107,202,0.12)', fontSize: Math.max(9, h * 0.7), lineHeight: `${h}px`, whiteSpace: 'nowrap', pointerEvents: 'none' }} data-testid={`mark-${k}`}>
            {t(`doc.marks.${k}`)}
          </Box>
        );
      })}
      {marks.signature && marks.signature.page === page ? (
        <Box
          pos="absolute"
          {...(() => {
            const b = signatureMarkBox(geometry, marks.signature);
            return { left: b.left, top: b.top, w: b.width, h: b.height };
          })()}
          style={{ border: '2px dashed var(--mantine-color-red-6)', background: 'rgba(250,82,82,0.08)', display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 12, color: 'var(--mantine-color-red-8)', pointerEvents: 'none' }}
          data-testid="mark-signature"
        >
          {t('doc.marks.signature')}
        </Box>
      ) : null}
    </>
  );
}

function MarksEditor({ doc, url }: { doc: DocumentDetail; url: string }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateDocuments();
  const [kind, setKind] = useState<MarkKind>('number');
  const [marks, setMarks] = useState<PdfMarks>(doc.pdfMarks ?? {});
  useEffect(() => setMarks(doc.pdfMarks ?? {}), [doc.pdfMarks]);
  const dirty = JSON.stringify(marks) !== JSON.stringify(doc.pdfMarks ?? {});
  const save = useMutation({
    mutationFn: () => unwrap(api.PATCH('/api/v1/documents/{id}', { params: { path: { id: doc.id } }, body: { version: doc.version, pdfMarks: marks } })),
    onSuccess: () => notifySuccess(t('doc.marks.saved')),
    onSettled: invalidate,
  });
  const needed: MarkKind[] = doc.signatureVisibility === 'visible' ? ['number', 'date', 'signature'] : ['number', 'date'];
  const missing = needed.filter((k) => !marks[k]);

  const place = (page: number, g: PageGeometry, x: number, y: number) => {
    if (kind === 'signature') setMarks((m) => ({ ...m, signature: signatureMarkAt(g, page, x, y) }));
    else {
      const p = clickToPdfPoint(g, x, y);
      setMarks((m) => ({ ...m, [kind]: { page, x: p.x, y: p.y, fontSize: 12 } }));
    }
    // Next mark still to place, for three clicks in a row.
    const rest = needed.filter((k) => k !== kind && !marks[k]);
    if (rest[0]) setKind(rest[0]);
  };

  return (
    <Stack gap="sm" data-testid="marks-editor">
      <Alert color={missing.length ? 'orange' : 'teal'} icon={<IconMapPin />} p="sm">
        <Text size="sm">{t('doc.marks.explain')}</Text>
        {missing.length ? (
          <Text size="sm" fw={600} mt={4}>
            {t('doc.marks.missing', { list: missing.map((k) => t(`doc.marks.${k}`)).join(', ') })}
          </Text>
        ) : null}
      </Alert>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as MarkKind)}
          data={needed.map((k) => ({ value: k, label: `${marks[k] ? '✓ ' : ''}${t(`doc.marks.${k}`)}` }))}
          data-testid="mark-kind"
        />
        <Group gap="xs">
          {dirty ? (
            <Badge color="orange" variant="light">
              {t('doc.marks.unsaved')}
            </Badge>
          ) : null}
          <Button size="sm" onClick={() => save.mutate()} disabled={!dirty} loading={save.isPending} data-testid="save-marks">
            {t('doc.marks.save')}
          </Button>
        </Group>
      </Group>
      <PdfViewer url={url} label={t('doc.preview.title')} onPageClick={place} renderOverlay={(p, g) => <MarkOverlays marks={marks} page={p} geometry={g} />} />
    </Stack>
  );
}
