// The OCR domain's public surface: ask for a scan's text layer inside your transaction, read
// the run (state, officer's message, pages, suggestions), and be told when it finishes.
export { requestOcr, OCR_JOB, type RequestOcrInput } from './requestOcr.js';
export { getOcrRun, latestOcrRunFor, ocrRunView, readOcrOutput } from './getOcrRun.js';
export { onOcrFinished, onOcrSettled, useOcrEngine, type OcrFinishedListener, type OcrSettledListener, type OcrRun } from './recogniseScan.js';
export { ocrStatusMessage } from './messages.js';
export { suggestLetterFields, parseIndonesianDate, type LetterSuggestions } from './suggestLetterFields.js';
export { sniffScan, OcrError, type OcrEngine, type OcrOutcome, type OcrPage, type OcrFailureKind, type ScanKind } from './ocrEngine.js';
export { OCR_STATUSES, type OcrStatus } from './schema.js';
export { runProcess, type ProcessResult, type RunOptions } from './runProcess.js';
