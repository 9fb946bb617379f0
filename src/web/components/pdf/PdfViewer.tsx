// In-browser PDF preview with pdf.js: every page drawn on a canvas as wide as the column. The
// worker is a file of our own origin (Vite `?url`), allowed by the CSP (worker-src 'self' blob:);
// no eval (script-src 'self'). pdf.js loads on first use, not with the app.
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { Alert, Box, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { PageGeometry } from '../../lib/documents';

type PdfJs = typeof import('pdfjs-dist');
let loading: Promise<PdfJs> | undefined;

function loadPdfJs(): Promise<PdfJs> {
  loading ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([pdfjs, worker]) => {
    pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
    return pdfjs;
  });
  return loading;
}

/** Pages drawn at most; longer PDFs show a "more pages" button (the download has them all). */
const PAGE_BATCH = 10;

export interface PdfViewerProps {
  url: string;
  /** Called with the 1-based page, its geometry and the click offset inside the page (CSS px). */
  onPageClick?: (page: number, geometry: PageGeometry, x: number, y: number) => void;
  /** Drawn over a page (absolute positioning inside the page box). */
  renderOverlay?: (page: number, geometry: PageGeometry) => ReactNode;
  /** Accessible name of the preview. */
  label: string;
}

export function PdfViewer({ url, onPageClick, renderOverlay, label }: PdfViewerProps) {
  const { t } = useTranslation();
  const { ref, width } = useElementSize();
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE_BATCH);

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | undefined;
    setDoc(null);
    setError(null);
    setShown(PAGE_BATCH);
    void loadPdfJs()
      .then(async (pdfjs) => {
        const task = pdfjs.getDocument({ url, isEvalSupported: false, withCredentials: true });
        destroy = () => void task.destroy();
        const d = await task.promise;
        if (!cancelled) setDoc(d);
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [url]);

  return (
    <Box ref={ref} role="region" aria-label={label} data-testid="pdf-viewer" data-pages={doc?.numPages ?? 0}>
      {error ? (
        <Alert color="red" title={t('doc.preview.loadFailed')}>
          {error}
        </Alert>
      ) : !doc || width === 0 ? (
        <Center h={320}>
          <Loader />
        </Center>
      ) : (
        <Stack gap="sm" align="center">
          {Array.from({ length: Math.min(doc.numPages, shown) }, (_, i) => (
            <PdfPage key={`${url}#${i + 1}`} doc={doc} pageNumber={i + 1} width={Math.floor(width)} onPageClick={onPageClick} renderOverlay={renderOverlay} />
          ))}
          {doc.numPages > shown ? (
            <Button variant="light" onClick={() => setShown((n) => n + PAGE_BATCH)}>
              {t('doc.preview.morePages', { count: doc.numPages - shown })}
            </Button>
          ) : null}
          <Text size="xs" c="dimmed">
            {t('doc.preview.pages', { count: doc.numPages })}
          </Text>
        </Stack>
      )}
    </Box>
  );
}

function PdfPage({ doc, pageNumber, width, onPageClick, renderOverlay }: { doc: PDFDocumentProxy; pageNumber: number; width: number } & Pick<PdfViewerProps, 'onPageClick' | 'renderOverlay'>) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [geometry, setGeometry] = useState<PageGeometry | null>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);

  useEffect(() => {
    let cancelled = false;
    let cancelRender: (() => void) | undefined;
    void (async () => {
      const page = await doc.getPage(pageNumber);
      if (cancelled) return;
      const base = page.getViewport({ scale: 1 });
      const scale = width / base.width;
      const dpr = Math.min(window.devicePixelRatio || 1, 2);
      const viewport = page.getViewport({ scale: scale * dpr });
      const canvas = canvasRef.current;
      if (!canvas) return;
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      setSize({ w: width, h: base.height * scale });
      setGeometry({ view: page.view as [number, number, number, number], scale });
      const task = page.render({ canvas, viewport });
      cancelRender = () => task.cancel();
      await task.promise.catch(() => {});
    })();
    return () => {
      cancelled = true;
      cancelRender?.();
    };
  }, [doc, pageNumber, width]);

  const click = (e: MouseEvent<HTMLDivElement>) => {
    if (!onPageClick || !geometry) return;
    const r = e.currentTarget.getBoundingClientRect();
    onPageClick(pageNumber, geometry, e.clientX - r.left, e.clientY - r.top);
  };

  return (
    <Box
      pos="relative"
      w={size?.w ?? width}
      h={size?.h ?? width * 1.414}
      onClick={click}
      style={{ boxShadow: 'var(--mantine-shadow-sm)', background: 'white', cursor: onPageClick ? 'crosshair' : undefined, flexShrink: 0 }}
      data-testid={`pdf-page-${pageNumber}`}
    >
      <canvas ref={canvasRef} style={{ width: '100%', height: '100%', display: 'block' }} />
      {geometry && renderOverlay ? renderOverlay(pageNumber, geometry) : null}
    </Box>
  );
}
