// Outgoing documents: registration, versions and their conversion, the verifier chain, signing.
import { handle } from '../jobs.js';
import { defineModule } from '../module.js';
import { outgoingErrors } from './errors.js';
import { documentsRoutes } from './routes.js';
import { abandonConversion, CONVERT_JOB, convertVersionJob } from './uploadVersion.js';
import { warmConverter } from './converter.js';

export const outgoingModule = defineModule({
  name: 'outgoing',
  routes: documentsRoutes,
  errors: outgoingErrors,
  jobs: (ctx) => [handle(CONVERT_JOB, (data, meta) => convertVersionJob(ctx, data, meta), { abandoned: (data) => abandonConversion(ctx, data) })],
  // The first .docx preview should not wait for LibreOffice (or a minute for the WASM build).
  work: (ctx) => warmConverter(ctx),
  webSections: ['drafts', 'toVerify', 'toSign'],
});
