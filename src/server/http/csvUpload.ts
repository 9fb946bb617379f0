// CSV uploads (organisation and classification imports): text/csv bodies or a multipart "file".
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { App } from './types.js';
import { textProblem } from './textHygiene.js';

/** Accept text/csv and text/plain bodies as strings (registered once for the API). */
export function acceptCsvBodies(app: App): void {
  if (!app.hasContentTypeParser('text/csv')) {
    app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  }
}

export async function readCsvUpload(req: FastifyRequest): Promise<string> {
  if (req.isMultipart()) {
    const file = await req.file();
    if (!file) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.file', message: 'Berkas CSV wajib dilampirkan' }] });
    const text = (await file.toBuffer()).toString('utf8');
    const problem = textProblem(text); // a text/csv body is checked by the text hygiene hook; a file part here
    if (problem) throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'body.file', message: problem }] });
    return text;
  }
  if (typeof req.body === 'string') return req.body;
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: ['text/csv', 'multipart/form-data'] });
}
