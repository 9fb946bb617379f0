// OCR of incoming scans (ocrmypdf adapter) as a job off the event loop.
import { handle } from '../jobs.js';
import { defineModule } from '../module.js';
import { OCR_RETRY_LIMIT, recogniseScanJob } from './recogniseScan.js';
import { OCR_JOB } from './requestOcr.js';

export const ocrModule = defineModule({
  name: 'ocr',
  jobs: (ctx) => {
    const c = ctx.config.ocr;
    return [
      handle(OCR_JOB, (data, meta) => recogniseScanJob(ctx, data, meta), {
        retryLimit: OCR_RETRY_LIMIT,
        retryDelaySeconds: 30,
        // Longer than the longest run the engine allows itself (page budget + start-up).
        expireInSeconds: 180 + c.maxPages * (c.pageTimeoutSeconds + 15),
        concurrency: c.concurrency,
      }),
    ];
  },
});
