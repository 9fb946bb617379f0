// Shared HTTP pieces of incoming letters and dispositions: the multipart reader, zod issues →
// field errors, file download.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { sendStoredFile } from '../files/sendStoredFile.js';
import { getFileRow } from '../files/storeFile.js';

export interface Multipart {
  fields: Record<string, string>;
  files: Array<{ field: string; name: string; bytes: Buffer }>;
}

/** Fields and files of a multipart request (size and count limited by the multipart plugin). */
export async function readMultipart(req: FastifyRequest): Promise<Multipart> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: 'multipart/form-data' });
  const fields: Record<string, string> = {};
  const files: Multipart['files'] = [];
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (bytes.length || part.filename) files.push({ field: part.fieldname, name: part.filename || 'berkas', bytes });
    } else fields[part.fieldname] = String(part.value);
  }
  return { fields, files };
}

export function parseFields<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError('VALIDATION_FAILED', { fields: r.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })) });
  return r.data;
}

/** A stored file, streamed with its SHA-256 as ETag (the caller has authorised the reader). */
export async function sendFile(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, fileId: string, download: boolean) {
  return sendStoredFile(ctx, req, reply, await getFileRow(ctx.database.db, fileId), { download });
}

export function sendPdf(reply: FastifyReply, bytes: Uint8Array, name: string) {
  return reply.type('application/pdf').header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(name)}`).header('cache-control', 'no-store').send(Buffer.from(bytes));
}
