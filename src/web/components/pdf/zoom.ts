// Zoom arithmetic of the PDF viewer, kept apart from React so it is tested without a browser.
// A scale is pdf.js's viewport scale: CSS pixels per PDF point (1 = a 12 pt letter is 12 px).

/** The steps "Perbesar"/"Perkecil" walk through; "Sesuaikan lebar" leaves them for the column width. */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4] as const;
export const MIN_SCALE = ZOOM_STEPS[0];
export const MAX_SCALE = ZOOM_STEPS[ZOOM_STEPS.length - 1]!;

/** Most canvas pixels per page: above this phones refuse (iOS ~16.7 M) or run out of memory. */
export const MAX_CANVAS_PIXELS = 16_000_000;

/** Within the steps' bounds; `floor` lets a narrow screen's fit-width scale below the first step stay. */
export const clampScale = (s: number, floor: number = MIN_SCALE): number => Math.min(MAX_SCALE, Math.max(Math.min(floor, MIN_SCALE), s));

/** The next step above `scale` (from a fit-width scale between steps, the first step above it). */
export function zoomIn(scale: number): number {
  return ZOOM_STEPS.find((s) => s > scale * 1.001) ?? MAX_SCALE;
}

/** The next step below `scale`. */
export function zoomOut(scale: number): number {
  return [...ZOOM_STEPS].reverse().find((s) => s < scale * 0.999) ?? MIN_SCALE;
}

/** The scale at which a page `pageWidthPt` points wide fills `columnPx` CSS pixels. */
export const fitWidthScale = (columnPx: number, pageWidthPt: number): number => (pageWidthPt > 0 ? columnPx / pageWidthPt : 1);

/** Scale after a pinch: the start scale times how far the fingers moved apart, within bounds. */
export function pinchScale(startScale: number, startDistance: number, distance: number, floor: number = MIN_SCALE): number {
  if (startDistance <= 0) return startScale;
  return clampScale(startScale * (distance / startDistance), floor);
}

/**
 * Backing-store pixels per CSS pixel: the screen's devicePixelRatio, lowered only when the
 * canvas would pass MAX_CANVAS_PIXELS (a page at 400 % on a 3× phone).
 */
export function canvasPixelRatio(cssWidth: number, cssHeight: number, devicePixelRatio: number): number {
  const dpr = devicePixelRatio > 0 ? devicePixelRatio : 1;
  const area = cssWidth * cssHeight * dpr * dpr;
  return area <= MAX_CANVAS_PIXELS ? dpr : Math.sqrt(MAX_CANVAS_PIXELS / (cssWidth * cssHeight));
}

/** Percent shown beside the buttons: 100 % is print size (96 CSS px per inch, 72 pt per inch). */
export const zoomPercent = (scale: number): number => Math.round((scale * 72 * 100) / 96);
