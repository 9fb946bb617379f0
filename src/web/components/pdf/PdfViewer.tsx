// In-browser PDF preview with pdf.js: every page drawn on a canvas, as wide as the column or at
// the zoom the reader chose (buttons, pinch on touch screens), redrawn at scale × devicePixelRatio
// so text stays sharp; wider than the screen it scrolls sideways. "Layar penuh" shows the same
// document over the whole viewport. The worker is a file of our own origin (Vite `?url`),
// allowed by the CSP (worker-src 'self' blob:); no eval (script-src 'self'). pdf.js loads on
// first use, not with the app.
import { useEffect, useLayoutEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { ActionIcon, Alert, Box, Button, Center, Group, Loader, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { useElementSize, useMediaQuery, useMergedRef } from '@mantine/hooks';
import { IconArrowsHorizontal, IconMaximize, IconZoomIn, IconZoomOut } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { PageGeometry } from '../../lib/documents';
import { canvasPixelRatio, fitWidthScale, MAX_SCALE, MIN_SCALE, pinchScale, zoomIn, zoomOut, zoomPercent } from './zoom';

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

/** "fit": each page as wide as the column; a number: pdf.js scale (CSS px per PDF point). */
type Zoom = 'fit' | number;

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
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [full, setFull] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let destroy: (() => void) | undefined;
    setDoc(null);
    setError(null);
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
    <Box role="region" aria-label={label} data-testid="pdf-viewer" data-pages={doc?.numPages ?? 0} style={{ minWidth: 0 }}>
      {error ? (
        <Alert color="red" title={t('doc.preview.loadFailed')}>
          {error}
        </Alert>
      ) : !doc ? (
        <Center h={320}>
          <Loader />
        </Center>
      ) : (
        <>
          <PdfDocumentView key={url} doc={doc} url={url} onPageClick={onPageClick} renderOverlay={renderOverlay} onFullScreen={() => setFull(true)} />
          <Modal opened={full} onClose={() => setFull(false)} fullScreen title={label} padding="xs" closeButtonProps={{ 'aria-label': t('doc.preview.closeFullScreen') }} data-testid="pdf-fullscreen">
            {full ? (
              <Box role="region" aria-label={label} data-testid="pdf-fullscreen-viewer" style={{ minWidth: 0 }}>
                <PdfDocumentView doc={doc} url={url} onPageClick={onPageClick} renderOverlay={renderOverlay} />
              </Box>
            ) : null}
          </Modal>
        </>
      )}
    </Box>
  );
}

/** The nearest ancestor that scrolls vertically (the page itself when none does). */
function verticalScroller(el: HTMLElement): Element {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const oy = getComputedStyle(p).overflowY;
    if ((oy === 'auto' || oy === 'scroll') && p.scrollHeight > p.clientHeight) return p;
  }
  return document.scrollingElement ?? document.documentElement;
}

const distance = (a: Touch, b: Touch) => Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);

function PdfDocumentView({ doc, url, onPageClick, renderOverlay, onFullScreen }: { doc: PDFDocumentProxy; url: string; onFullScreen?: () => void } & Pick<PdfViewerProps, 'onPageClick' | 'renderOverlay'>) {
  const { t } = useTranslation();
  // On touch screens a tooltip opens on the tap and stays: the buttons' names are enough there.
  const noHover = useMediaQuery('(hover: none)') ?? false;
  const { ref: sizeRef, width } = useElementSize();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const mergedRef = useMergedRef(sizeRef, scrollerRef);
  const [shown, setShown] = useState(PAGE_BATCH);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [firstWidthPt, setFirstWidthPt] = useState<number | null>(null);
  // Where the content should be scrolled to after the next zoom: a point of the content (CSS px
  // at the old scale) and where on the screen it should stay, relative to the scroller.
  const anchor = useRef<{ x: number; y: number; screenX: number; dy: number; ratio: number } | null>(null);

  useEffect(() => {
    let cancelled = false;
    void doc.getPage(1).then((p) => {
      if (!cancelled) setFirstWidthPt(p.getViewport({ scale: 1 }).width);
    });
    return () => {
      cancelled = true;
    };
  }, [doc]);

  const column = Math.floor(width);
  const fit = firstWidthPt && column ? fitWidthScale(column, firstWidthPt) : null;
  const scale = zoom === 'fit' ? fit : zoom;
  const floor = Math.min(fit ?? MIN_SCALE, MIN_SCALE);

  /** Zoom keeping the horizontal middle of what is on screen in the middle. */
  const zoomTo = (next: Zoom) => {
    const el = scrollerRef.current;
    const nextScale = next === 'fit' ? fit : next;
    if (el && scale && nextScale) anchor.current = { x: el.scrollLeft + el.clientWidth / 2, y: 0, screenX: el.clientWidth / 2, dy: 0, ratio: nextScale / scale };
    setZoom(next);
  };

  useLayoutEffect(() => {
    const a = anchor.current;
    const el = scrollerRef.current;
    if (!a || !el) return;
    anchor.current = null;
    el.scrollLeft = a.x * a.ratio - a.screenX;
    if (a.dy) verticalScroller(el).scrollTop += a.dy;
  }, [scale]);

  // Pinch on a touch screen: two fingers scale the pages live (a CSS transform, cheap), and on
  // lifting them the pages are drawn again at the new scale. One finger scrolls as always.
  const live = useRef({ scale, floor });
  live.current = { scale, floor };
  useEffect(() => {
    const el = scrollerRef.current;
    const content = contentRef.current;
    if (!el || !content) return;
    let pinch: { d0: number; s0: number; ox: number; oy: number; screenX: number; next: number } | null = null;
    const start = (e: TouchEvent) => {
      if (e.touches.length !== 2 || !live.current.scale) return;
      const [a, b] = [e.touches[0]!, e.touches[1]!];
      const r = content.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      const mx = (a.clientX + b.clientX) / 2;
      const my = (a.clientY + b.clientY) / 2;
      pinch = { d0: distance(a, b), s0: live.current.scale, ox: mx - r.left, oy: my - r.top, screenX: mx - box.left, next: live.current.scale };
      content.style.transformOrigin = `${pinch.ox}px ${pinch.oy}px`;
      e.preventDefault();
    };
    const move = (e: TouchEvent) => {
      if (!pinch || e.touches.length !== 2) return;
      e.preventDefault();
      pinch.next = pinchScale(pinch.s0, pinch.d0, distance(e.touches[0]!, e.touches[1]!), live.current.floor);
      content.style.transform = `scale(${pinch.next / pinch.s0})`;
    };
    const end = (e: TouchEvent) => {
      if (!pinch || e.touches.length >= 2) return;
      const p = pinch;
      pinch = null;
      content.style.transform = '';
      const ratio = p.next / p.s0;
      if (Math.abs(ratio - 1) < 0.01) return;
      anchor.current = { x: p.ox, y: p.oy, screenX: p.screenX, dy: p.oy * (ratio - 1), ratio };
      setZoom(p.next);
    };
    const opts = { passive: false } as const;
    el.addEventListener('touchstart', start, opts);
    el.addEventListener('touchmove', move, opts);
    el.addEventListener('touchend', end);
    el.addEventListener('touchcancel', end);
    return () => {
      el.removeEventListener('touchstart', start);
      el.removeEventListener('touchmove', move);
      el.removeEventListener('touchend', end);
      el.removeEventListener('touchcancel', end);
    };
  }, [doc]);

  return (
    <Stack gap="xs">
      <Group gap={6} justify="flex-end" wrap="nowrap" data-testid="pdf-toolbar">
        <Tooltip disabled={noHover} label={t('doc.preview.zoomOut')}>
          <ActionIcon variant="default" size="lg" aria-label={t('doc.preview.zoomOut')} disabled={!scale || scale <= floor + 1e-6} onClick={() => scale && zoomTo(Math.max(floor, zoomOut(scale)))}>
            <IconZoomOut size={20} />
          </ActionIcon>
        </Tooltip>
        <Text size="sm" w={48} ta="center" aria-live="polite" data-testid="pdf-zoom">
          {scale ? `${zoomPercent(scale)}%` : ''}
        </Text>
        <Tooltip disabled={noHover} label={t('doc.preview.zoomIn')}>
          <ActionIcon variant="default" size="lg" aria-label={t('doc.preview.zoomIn')} disabled={!scale || scale >= MAX_SCALE} onClick={() => scale && zoomTo(zoomIn(scale))}>
            <IconZoomIn size={20} />
          </ActionIcon>
        </Tooltip>
        <Tooltip disabled={noHover} label={t('doc.preview.fitWidth')}>
          <ActionIcon variant={zoom === 'fit' ? 'light' : 'default'} size="lg" aria-label={t('doc.preview.fitWidth')} aria-pressed={zoom === 'fit'} onClick={() => zoomTo('fit')}>
            <IconArrowsHorizontal size={20} />
          </ActionIcon>
        </Tooltip>
        {onFullScreen ? (
          <Tooltip disabled={noHover} label={t('doc.preview.fullScreen')}>
            <ActionIcon variant="default" size="lg" aria-label={t('doc.preview.fullScreen')} onClick={onFullScreen} data-testid="pdf-open-fullscreen">
              <IconMaximize size={20} />
            </ActionIcon>
          </Tooltip>
        ) : null}
      </Group>
      {/* contain: the zoomed pages must not widen the column (grid/flex ancestors), only scroll it.
          Focusable, so the keyboard scrolls a zoomed page sideways too. */}
      <div ref={mergedRef} tabIndex={0} className="pdf-scroller" data-testid="pdf-scroller" style={{ overflowX: 'auto', contain: 'inline-size', touchAction: 'pan-x pan-y' }}>
        <div ref={contentRef} style={{ width: 'max-content', minWidth: '100%', display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 'var(--mantine-spacing-sm)' }}>
          {column && scale
            ? Array.from({ length: Math.min(doc.numPages, shown) }, (_, i) => <PdfPage key={`${url}#${i + 1}`} doc={doc} pageNumber={i + 1} zoom={zoom} column={column} onPageClick={onPageClick} renderOverlay={renderOverlay} />)
            : (
              <Center h={320}>
                <Loader />
              </Center>
            )}
        </div>
      </div>
      <Stack gap="sm" align="center">
        {doc.numPages > shown ? (
          <Button variant="light" onClick={() => setShown((n) => n + PAGE_BATCH)}>
            {t('doc.preview.morePages', { count: doc.numPages - shown })}
          </Button>
        ) : null}
        <Text size="xs" c="dimmed">
          {t('doc.preview.pages', { count: doc.numPages })}
        </Text>
      </Stack>
    </Stack>
  );
}

function PdfPage({ doc, pageNumber, zoom, column, onPageClick, renderOverlay }: { doc: PDFDocumentProxy; pageNumber: number; zoom: Zoom; column: number } & Pick<PdfViewerProps, 'onPageClick' | 'renderOverlay'>) {
  const boxRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const [page, setPage] = useState<Awaited<ReturnType<PDFDocumentProxy['getPage']>> | null>(null);
  // Only pages on or near the screen keep a bitmap: ten pages at 400 % on a 3× phone would not fit.
  const [near, setNear] = useState(pageNumber === 1);

  useEffect(() => {
    const el = boxRef.current;
    if (!el || typeof IntersectionObserver === 'undefined') return setNear(true);
    const io = new IntersectionObserver((entries) => setNear(entries.some((e) => e.isIntersecting)), { rootMargin: '100% 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, []);

  useEffect(() => {
    let cancelled = false;
    void doc.getPage(pageNumber).then((p) => {
      if (!cancelled) setPage(p);
    });
    return () => {
      cancelled = true;
    };
  }, [doc, pageNumber]);

  const base = page?.getViewport({ scale: 1 });
  const scale = base ? (zoom === 'fit' ? fitWidthScale(column, base.width) : zoom) : null;
  const cssW = base && scale ? base.width * scale : column;
  const cssH = base && scale ? base.height * scale : column * 1.414;
  const geometry: PageGeometry | null = page && scale ? { view: page.view as [number, number, number, number], scale } : null;

  // Drawn on a fresh canvas that replaces the old one when done: zooming never blanks the page,
  // and the bitmap is scale × devicePixelRatio, not a small one stretched by CSS.
  useEffect(() => {
    if (!page || !scale) return;
    if (!near) {
      hostRef.current?.replaceChildren();
      return;
    }
    let cancelled = false;
    const v1 = page.getViewport({ scale: 1 });
    const ratio = canvasPixelRatio(v1.width * scale, v1.height * scale, window.devicePixelRatio || 1);
    const viewport = page.getViewport({ scale: scale * ratio });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(viewport.width);
    canvas.height = Math.ceil(viewport.height);
    canvas.style.cssText = 'width:100%;height:100%;display:block';
    canvas.dataset.scale = String(scale);
    const task = page.render({ canvas, viewport });
    task.promise.then(
      () => {
        if (!cancelled) hostRef.current?.replaceChildren(canvas);
      },
      () => {},
    );
    return () => {
      cancelled = true;
      task.cancel();
    };
  }, [page, scale, near]);

  const click = (e: MouseEvent<HTMLDivElement>) => {
    if (!onPageClick || !geometry) return;
    const r = e.currentTarget.getBoundingClientRect();
    onPageClick(pageNumber, geometry, e.clientX - r.left, e.clientY - r.top);
  };

  return (
    <Box
      ref={boxRef}
      pos="relative"
      w={cssW}
      h={cssH}
      onClick={click}
      style={{ boxShadow: 'var(--mantine-shadow-sm)', background: 'white', cursor: onPageClick ? 'crosshair' : undefined, flexShrink: 0 }}
      data-testid={`pdf-page-${pageNumber}`}
      data-scale={scale ?? undefined}
    >
      <div ref={hostRef} style={{ width: '100%', height: '100%' }} />
      {geometry && renderOverlay ? renderOverlay(pageNumber, geometry) : null}
    </Box>
  );
}
