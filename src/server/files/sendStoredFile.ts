// Answering a download of a stored file: the bytes stream from the blob store (never whole in
// memory), the ETag is the SHA-256 that already names them, and a matching If-None-Match gets a
// 304 without touching the store. Files are access-controlled, so callers authorise first (a user
// who may not see the file gets 404 whatever he sends) and the browser must revalidate every time
// (`private, no-cache`): a revoked reader is never served from his own cache without asking.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { FileRow } from './storeFile.js';

export interface SendStoredFileOptions {
  /** The name offered to the browser (defaults to the stored name). */
  name?: string;
  /** `attachment` instead of showing a PDF in the browser. Non-PDFs are always attachments. */
  download?: boolean;
  /**
   * `no-store` for personal data whose every opening is logged (permohonan layanan): the browser
   * keeps no copy, so it never revalidates and each view reaches the access log.
   */
  cache?: 'revalidate' | 'no-store';
}

export function etagOf(sha256: string): string {
  return `"${sha256}"`;
}

/** Whether an If-None-Match header names this entity tag (weak comparison, RFC 9110 13.1.2). */
export function ifNoneMatchHits(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  return value.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export async function sendStoredFile(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, row: Pick<FileRow, 'sha256' | 'size' | 'mime' | 'name'>, opts: SendStoredFileOptions = {}) {
  const etag = etagOf(row.sha256);
  const revalidate = (opts.cache ?? 'revalidate') === 'revalidate';
  void reply.header('cache-control', revalidate ? 'private, no-cache' : 'no-store');
  if (revalidate) {
    void reply.header('etag', etag);
    if (ifNoneMatchHits(req.headers['if-none-match'], etag)) return reply.code(304).send();
  }
  const disposition = opts.download || row.mime !== 'application/pdf' ? 'attachment' : 'inline';
  const stream = await ctx.blobs.getStream(row.sha256);
  return reply
    .type(row.mime)
    .header('content-length', String(row.size))
    .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(opts.name ?? row.name)}`)
    .send(stream);
}
