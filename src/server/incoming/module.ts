// Incoming letters: registration (scan to PDF), agenda, sending to the leadership.
import { defineModule } from '../module.js';
import { incomingErrors } from './errors.js';
import { wireIncomingOcr } from './ocr.js';
import { incomingRoutes } from './routes.js';

export const incomingModule = defineModule({ name: 'incoming', routes: incomingRoutes,
  // The OCR job runs in every worker process: attach its result to the letter there.
  jobs: (ctx) => {
    wireIncomingOcr(ctx);
    return [];
  }, errors: incomingErrors, webSections: ['incoming'] });
