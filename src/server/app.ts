// Builds the Fastify app: plugins, error mapping, authentication, every module's routes (modules.ts) under
// /api/v1, OpenAPI at /api/openapi.json, and the web app.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import './http/fastifyTypes.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';
import { installAuthHook, publicScope } from './http/authHook.js';
import { installErrorHandler } from './http/errorHandler.js';
import { recordAudit } from './audit/recordAudit.js';
import { registerTextHygiene } from './http/textHygiene.js';
import type { App, RoutePlugin } from './http/types.js';
import { webDistDir } from './paths.js';
import { getSetting } from './settings/settings.js';
import { modules } from './modules.js';
import { MIGRATION_LOCK_KEY } from './db/migrate.js';
import { httpDuration, metricsAllowed, registerContextMetrics, renderMetrics } from './metrics.js';

z.config(z.locales.id());

/**
 * Fastify answers a bare hop count with "trust nobody"; TRUST_PROXY=N means "the N nearest
 * hops are our proxies" (only sound when clients cannot reach the server directly).
 */
function trustProxyOption(v: Config['trustProxy']): boolean | string[] | ((addr: string, hop: number) => boolean) {
  if (typeof v === 'number') return (_addr, hop) => hop < v;
  return v;
}

export async function buildApp(ctx: AppContext, opts: { extraRoutes?: RoutePlugin[] } = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    // Per-request log lines only when debugging; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace' }),
    // X-Forwarded-For is believed only from configured proxies (TRUST_PROXY): otherwise any
    // client could pick the address the rate limit and the audit see.
    trustProxy: trustProxyOption(ctx.config.trustProxy),
    bodyLimit: ctx.config.uploads.uploadMaxBytes + 1024 * 1024,
    return503OnClosing: true,
    // Random request ids (not a counter that tells how busy the server is); a client's or the
    // proxy's X-Request-Id is not taken over, so log lines cannot be forged into another's.
    genReqId: () => randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();

  registerContextMetrics(ctx);
  app.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', String(req.id));
  });
  app.addHook('onResponse', async (req, reply) => {
    // The route pattern keeps the label set small (unmatched URLs are one label).
    const route = req.routeOptions.url ?? 'unmatched';
    httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // A signed-in user refused an action (no right for it, or a forged request without the CSRF
  // token) leaves an audit event: repeated refusals are how probing shows up in the trail.
  installErrorHandler(app, {
    onRefused: async (req, err) => {
      if (!req.actor) return;
      await recordAudit(ctx.database.db, {
        at: ctx.now(),
        actorUserId: req.actor.userId,
        action: 'auth.access_refused',
        entityType: 'route',
        entityId: `${req.method} ${req.routeOptions.url ?? 'unmatched'}`,
        data: { code: err.code },
        ip: req.ip,
      });
    },
  });

  // JSON, HTML and scripts go compressed (a document page on a 200 KB/s link was 2.5 MB raw);
  // brotli at a middle quality keeps the CPU per response small. PDFs and images are already
  // compressed and pass through (mime-db marks them not compressible). The web app's own files
  // are compressed once at build time and served as they are (preCompressed below).
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'], brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameSrc: ["'self'", 'blob:'],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: true,
    max: ctx.config.rateLimit.perMinute,
    timeWindow: '1 minute',
    // Health checks come from load balancers and monitors at their own pace.
    allowList: (req) => req.url === '/api/health' || req.url === '/api/health/ready' || req.url === '/metrics',
    // A client gone before its request is routed has no address (the socket is closed): the
    // default key generator threw a TypeError (a 500 in the log) for it.
    keyGenerator: (req) => req.ip ?? req.socket?.remoteAddress ?? 'unknown',
    errorResponseBuilder: (_req, context) => {
      const err = new AppError('RATE_LIMITED', { retryAfterSeconds: Math.ceil(context.ttl / 1000) });
      Object.assign(err, { statusCode: 429, headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) } });
      return err;
    },
  });
  await app.register(multipart, {
    limits: { fileSize: ctx.config.uploads.uploadMaxBytes, files: ctx.config.uploads.attachmentMaxCount + 4, fields: 100 },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Naskah API',
        description: 'Tata Naskah Dinas Elektronik. Semua endpoint di bawah /api/v1 memakai sesi cookie; permintaan tulis wajib membawa header X-CSRF-Token.',
        version: ctx.config.version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'naskah_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  installAuthHook(app, ctx);
  registerTextHygiene(app);
  // The browsable API documentation is public like /api/openapi.json.
  await app.register(async (docs) => {
    publicScope(docs);
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });

  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness: answers without touching the database',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }) },
      },
    },
    async () => ({ status: 'ok' as const, database: ctx.database.engine, version: ctx.config.version }),
  );
  app.get(
    '/api/health/ready',
    {
      config: { public: true },
      schema: { tags: ['system'], summary: 'Readiness: the database answers and no instance is migrating it', response: { 200: z.object({ status: z.literal('ready') }) } },
    },
    async () => {
      // A load balancer takes the instance out while this fails: database gone (or too slow to
      // answer in 2 s), or a migration running (the migration advisory lock is held).
      const key = BigInt(MIGRATION_LOCK_KEY);
      const check = ctx.database.pool.query<{ migrating: boolean }>(
        "select exists (select 1 from pg_locks where locktype = 'advisory' and granted and classid = $1::bigint::oid and objid = $2::bigint::oid and objsubid = 1) as migrating",
        [String(key >> 32n), String(key & 0xffffffffn)],
      );
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('readiness timeout')), 2000)));
      let migrating: boolean;
      try {
        migrating = (await Promise.race([check, timeout])).rows[0]!.migrating;
      } catch {
        throw new AppError('SERVICE_UNAVAILABLE', { reason: 'database' });
      } finally {
        clearTimeout(timer);
      }
      if (migrating) throw new AppError('SERVICE_UNAVAILABLE', { reason: 'migrating' });
      return { status: 'ready' as const };
    },
  );
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
    if (!metricsAllowed(ctx.config.metrics.token, req.socket.remoteAddress, req.headers.authorization)) return reply.code(404).send(new AppError('NOT_FOUND').toBody(req.lang));
    const { contentType, body } = await renderMetrics();
    return reply.type(contentType).header('cache-control', 'no-store').send(body);
  });
  app.get(
    '/api/v1/instance',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Identitas instansi untuk halaman masuk (nama pemda, warna)',
        response: { 200: z.object({ name: z.string(), region: z.string().nullable(), primaryColor: z.string().nullable() }) },
      },
    },
    async () => ({
      name: (await getSetting<string>(ctx.database.db, 'instance.name')) ?? 'Naskah',
      region: (await getSetting<string>(ctx.database.db, 'instance.region')) ?? null,
      primaryColor: (await getSetting<string>(ctx.database.db, 'instance.primaryColor')) ?? null,
    }),
  );
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      // API answers carry personal data (/me, users, letters): no browser or proxy cache keeps
      // them. A route that may be cached sets its own Cache-Control.
      api.addHook('onSend', async (_req, reply) => {
        if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
      });
      for (const routes of [...modules.map((m) => m.routes), ...(opts.extraRoutes ?? [])]) if (routes) await routes(api as App, ctx);
    },
    { prefix: '/api/v1' },
  );

  // Public pages and protocols outside the API (PKI, QR verification).
  for (const m of modules) if ('publicRoutes' in m && m.publicRoutes) await m.publicRoutes(app as App, ctx);

  const webDir = ctx.config.webDir ?? webDistDir;
  const indexHtml = path.join(webDir, 'index.html');
  const hasWeb = fs.existsSync(indexHtml);
  // The app shell, read once (a few KB), with its build-time compressed forms when present.
  const readIf = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f) : undefined);
  const shell = hasWeb ? { identity: fs.readFileSync(indexHtml), br: readIf(`${indexHtml}.br`), gzip: readIf(`${indexHtml}.gz`) } : { identity: Buffer.alloc(0) };
  if (hasWeb) {
    // Files are listed at start; a test run that rebuilds the web app uses its own NASKAH_WEB_DIR.
    await app.register(async (assets) => {
      publicScope(assets);
      await assets.register(fastifyStatic, {
        root: webDir,
        wildcard: false,
        index: false,
        preCompressed: true,
        // Vite names bundles by content hash under /assets: they never change, so a year and
        // `immutable`; other files (icons, manifest) may change between releases.
        // (@fastify/static 10 passes the Fastify reply here, typed as the raw response.)
        setHeaders: (res, file) => {
          (res as unknown as { header(k: string, v: string): void }).header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
        },
        cacheControl: false,
      });
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (isApiPath(req.url)) {
      return reply.code(404).send(new AppError('ROUTE_NOT_FOUND', { method: req.method, url: req.url.split('?')[0] }).toBody(req.lang));
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && hasWeb) {
      // The web app routes on the client: every other GET gets its shell.
      // (Not a route, so the compress plugin does not see it: the build's .br/.gz serve instead.)
      const accepts = String(req.headers['accept-encoding'] ?? '');
      const encoding = (['br', 'gzip'] as const).find((e) => shell[e] && new RegExp(`\\b${e}\\b`).test(accepts));
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept-encoding');
      return encoding ? reply.header('content-encoding', encoding).send(shell[encoding]) : reply.send(shell.identity);
    }
    return reply.code(404).send(new AppError('NOT_FOUND').toBody(req.lang));
  });

  return app as unknown as App;
}

/**
 * Whether an unmatched URL is meant for the API, however it is spelled (//api, /API, /api;x=1,
 * %61pi, %2F): it gets the API's JSON 404, never the web app's shell with a 200.
 */
export function isApiPath(url: string): boolean {
  let p = url.split('?')[0]!.split('#')[0]!;
  try {
    p = decodeURIComponent(p);
  } catch {
    /* a malformed escape: judged as written */
  }
  p = p.toLowerCase().replace(/;[^/]*/g, '').replace(/\/{2,}/g, '/');
  return p === '/api' || p === '/api/' || p.startsWith('/api/');
}
