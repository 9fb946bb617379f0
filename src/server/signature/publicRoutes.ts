// Routes outside /api/v1: PKI publication (CA certificates, CRLs, OCSP per RFC 6960, RFC 3161
// timestamps) and the public verification pages reached from the QR code. Registered at the
// root by app.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { AppError, isAppError } from '../errors.js';
import type { App } from '../http/types.js';
import { getSetting } from '../settings/settings.js';
import { codePage, errorPage, FILE_PICKER_SCRIPT, resultPage, uploadPage, type PageInstance } from './html/pages.js';
import { getPki, type AuthorityMaterial, type Pki } from './pki/authority.js';
import { derToPem, randomSerialHex } from './pki/crypto.js';
import { createTimestampToken, parseTimestampRequest, TimestampRequestError, timestampGranted, timestampRejected } from './pki/tsa.js';
import { answerOcsp, issuingCrl, rootCrl } from './pki/revocation.js';
import { matchRegistered, registeredDocument } from './registeredDocument.js';
import { verifyPdf } from './verify/verifyPdf.js';

const tags = ['pki'];
const CERTS = { root: 'root', issuing: 'issuing', tsa: 'tsa' } as const;

async function instanceName(ctx: AppContext): Promise<PageInstance> {
  return { name: (await getSetting<string>(ctx.database.db, 'instance.name')) ?? 'Naskah', timeZone: ctx.config.timeZone };
}

async function readPdfUpload(req: FastifyRequest, maxBytes: number): Promise<Buffer | null> {
  if (!req.isMultipart()) return null;
  let pdf: Buffer | null = null;
  for await (const part of req.parts({ limits: { files: 1, fileSize: maxBytes, fields: 5 } })) {
    if (part.type === 'file' && !pdf) {
      pdf = await part.toBuffer();
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes });
    }
  }
  return pdf && pdf.length ? pdf : null;
}

function htmlError(reply: FastifyReply, instance: PageInstance, e: unknown) {
  const err = isAppError(e) ? e : new AppError('INTERNAL');
  const status = err.status >= 500 ? err.status : err.status === 404 ? 404 : 400;
  return reply.code(status).type('text/html; charset=utf-8').send(errorPage(instance, 'Verifikasi gagal', err.userMessage('id'), err.userMessage('en')));
}

export async function signaturePublicRoutes(app: App, ctx: AppContext): Promise<void> {
  const maxBytes = ctx.config.uploads.uploadMaxBytes;
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // OCSP requests and timestamp queries arrive as raw DER.
    scope.addContentTypeParser(['application/ocsp-request', 'application/timestamp-query'], { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));
    const pki = () => getPki(ctx);
    const sendAuthority = (reply: FastifyReply, m: AuthorityMaterial, pem: boolean) =>
      pem ? reply.type('application/x-pem-file').send(m.pem) : reply.type('application/pkix-cert').header('content-disposition', `attachment; filename="${m.kind}.crt"`).send(m.der);
    const sendCert = (reply: FastifyReply, p: Pki, kind: keyof typeof CERTS, pem: boolean) => sendAuthority(reply, p[kind], pem);

    scope.get(
      '/pki/:name',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Sertifikat CA dan CRL instansi: root.crt|pem, issuing.crt|pem, tsa.crt|pem, chain.pem, crl, crl.pem, root.crl',
          params: z.object({ name: z.enum(['root.crt', 'root.pem', 'issuing.crt', 'issuing.pem', 'tsa.crt', 'tsa.pem', 'chain.pem', 'crl', 'crl.pem', 'root.crl']) }),
        },
      },
      async (req, reply) => {
        const p = await pki();
        const name = req.params.name;
        reply.header('cache-control', 'public, max-age=300');
        if (name === 'chain.pem') return reply.type('application/x-pem-file').send(p.issuers.map((i) => i.pem).join('') + p.root.pem);
        // These two URLs belong to the first issuing CA: its certificates name them for good.
        if (name === 'crl' || name === 'crl.pem') {
          const der = await issuingCrl(ctx, ctx.database.db, p, p.firstIssuer);
          reply.header('cache-control', 'no-cache');
          return name === 'crl' ? reply.type('application/pkix-crl').send(der) : reply.type('application/x-pem-file').send(derToPem(der, 'X509 CRL'));
        }
        if (name === 'root.crl') return reply.type('application/pkix-crl').send(await rootCrl(ctx, p));
        const [kind, ext] = name.split('.') as [keyof typeof CERTS, string];
        if (kind === 'issuing') return sendAuthority(reply, p.firstIssuer, ext === 'pem');
        return sendCert(reply, p, kind, ext === 'pem');
      },
    );

    scope.get(
      '/pki/ca/:serial/:name',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Sertifikat dan CRL sebuah CA penerbit yang menggantikan CA sebelumnya (pergantian kunci): issuing.crt|pem, crl, crl.pem',
          params: z.object({ serial: z.string().regex(/^[0-9a-f]{1,64}$/), name: z.enum(['issuing.crt', 'issuing.pem', 'crl', 'crl.pem']) }),
        },
      },
      async (req, reply) => {
        const p = await pki();
        const issuer = p.issuers.find((i) => i.cert.serialNumber.toLowerCase() === req.params.serial);
        if (!issuer) throw new AppError('NOT_FOUND', { entity: 'issuing_ca', serial: req.params.serial });
        const name = req.params.name;
        if (name === 'crl' || name === 'crl.pem') {
          const der = await issuingCrl(ctx, ctx.database.db, p, issuer);
          reply.header('cache-control', 'no-cache');
          return name === 'crl' ? reply.type('application/pkix-crl').send(der) : reply.type('application/x-pem-file').send(derToPem(der, 'X509 CRL'));
        }
        reply.header('cache-control', 'public, max-age=300');
        return sendAuthority(reply, issuer, name === 'issuing.pem');
      },
    );

    scope.post(
      '/pki/ocsp',
      { config: { public: true }, schema: { tags, summary: 'OCSP (RFC 6960), body application/ocsp-request', hide: false } },
      async (req, reply) => {
        const body = req.body as Buffer | undefined;
        if (!Buffer.isBuffer(body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: 'application/ocsp-request' });
        return reply.type('application/ocsp-response').header('cache-control', 'no-cache').send(await answerOcsp(ctx, await pki(), body));
      },
    );

    scope.get(
      '/pki/ocsp/*',
      { config: { public: true }, schema: { tags, summary: 'OCSP (RFC 6960) GET: /pki/ocsp/{base64 DER OCSPRequest, URL-encoded}' } },
      async (req, reply) => {
        const raw = decodeURIComponent((req.params as { '*': string })['*'] ?? '');
        const der = Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
        return reply.type('application/ocsp-response').header('cache-control', 'max-age=60').send(await answerOcsp(ctx, await pki(), der));
      },
    );

    scope.post(
      '/pki/tsa',
      { config: { public: true }, schema: { tags, summary: 'Layanan cap waktu RFC 3161: application/timestamp-query → application/timestamp-reply' } },
      async (req, reply) => {
        const body = req.body as Buffer | undefined;
        if (!Buffer.isBuffer(body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { expected: 'application/timestamp-query' });
        reply.type('application/timestamp-reply');
        let parsed;
        try {
          parsed = parseTimestampRequest(body);
        } catch (e) {
          if (e instanceof TimestampRequestError) return reply.send(timestampRejected(e.failInfo, e.message));
          throw e;
        }
        try {
          const p = await pki();
          const token = await createTimestampToken({ certDer: p.tsa.der, chainDer: [p.issuing.der], key: p.tsa.key }, parsed, ctx.now(), randomSerialHex());
          return reply.send(timestampGranted(token));
        } catch (err) {
          ctx.log.error({ err }, 'timestamp failed');
          return reply.send(timestampRejected('systemFailure', 'internal error'));
        }
      },
    );

    // Public verification pages. The one script names the chosen file in Indonesian (the browser's
    // own file button speaks the browser's language); it is a file of ours, as the CSP requires.
    scope.get('/verifikasi/pilih-berkas.js', { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(FILE_PICKER_SCRIPT),
    );
    scope.get('/verifikasi', { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(uploadPage(await instanceName(ctx))),
    );

    scope.post('/verifikasi', { config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { hide: true } }, async (req, reply) => {
      const instance = await instanceName(ctx);
      try {
        const pdf = await readPdfUpload(req, maxBytes);
        if (!pdf) return reply.code(400).type('text/html; charset=utf-8').send(uploadPage(instance, 'Pilih berkas PDF terlebih dahulu. / Choose a PDF file first.'));
        const report = await verifyPdf(ctx, pdf, { maxBytes });
        return reply.type('text/html; charset=utf-8').send(resultPage(instance, report));
      } catch (e) {
        return htmlError(reply, instance, e);
      }
    });

    scope.get('/verifikasi/:code', { config: { public: true }, schema: { hide: true, params: z.object({ code: z.string().max(64) }) } }, async (req, reply) => {
      const instance = await instanceName(ctx);
      try {
        const { doc } = await registeredDocument(ctx.database.db, req.params.code);
        return reply.type('text/html; charset=utf-8').send(codePage(instance, doc));
      } catch (e) {
        return htmlError(reply, instance, e);
      }
    });

    scope.post('/verifikasi/:code', { config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { hide: true, params: z.object({ code: z.string().max(64) }) } }, async (req, reply) => {
      const instance = await instanceName(ctx);
      try {
        const { doc, hashes } = await registeredDocument(ctx.database.db, req.params.code);
        const pdf = await readPdfUpload(req, maxBytes);
        if (!pdf) return reply.code(400).type('text/html; charset=utf-8').send(codePage(instance, doc));
        const report = await verifyPdf(ctx, pdf, { maxBytes });
        return reply.type('text/html; charset=utf-8').send(resultPage(instance, report, { doc, match: matchRegistered(pdf, hashes) }));
      } catch (e) {
        return htmlError(reply, instance, e);
      }
    });
  });
}
