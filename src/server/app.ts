// Builds the Fastify app: plugins, error mapping, authentication, every domain's routes under
// /api/v1, OpenAPI at /api/openapi.json, and the web app.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import './http/fastifyTypes.js';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';
import { installAuthHook, publicScope } from './http/authHook.js';
import { installErrorHandler } from './http/errorHandler.js';
import type { App, RoutePlugin } from './http/types.js';
import { webDistDir } from './paths.js';
import { getSetting } from './settings/settings.js';
import { authRoutes } from './auth/routes.js';
import { orgRoutes } from './org/routes.js';
import { archiveRoutes } from './archive/routes.js';
import { numberingRoutes } from './numbering/routes.js';
import { signatureRoutes } from './signature/routes.js';
import { documentsRoutes } from './documents/wiring.js';
import { signaturePublicRoutes } from './signature/publicRoutes.js';
import { dashboardRoutes } from './dashboard/routes.js';

z.config(z.locales.id());

/** Every domain's routes, in registration order. Later issues add theirs here. */
const domainRoutes: RoutePlugin[] = [authRoutes, orgRoutes, archiveRoutes, numberingRoutes, signatureRoutes, documentsRoutes, dashboardRoutes];

export async function buildApp(ctx: AppContext, opts: { extraRoutes?: RoutePlugin[] } = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    // Per-request log lines only when debugging; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace' }),
    trustProxy: true,
    bodyLimit: ctx.config.uploads.uploadMaxBytes + 1024 * 1024,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

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
    allowList: (req) => req.url === '/api/health',
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
      schema: { tags: ['system'], summary: 'Readiness: the database answers', response: { 200: z.object({ status: z.literal('ready') }) } },
    },
    async () => {
      await ctx.database.pool.query('select 1');
      return { status: 'ready' as const };
    },
  );
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
      for (const routes of [...domainRoutes, ...(opts.extraRoutes ?? [])]) await routes(api as App, ctx);
    },
    { prefix: '/api/v1' },
  );

  // Public pages and protocols outside the API (PKI, QR verification).
  await signaturePublicRoutes(app as App, ctx);

  const webDir = ctx.config.webDir ?? webDistDir;
  const indexHtml = path.join(webDir, 'index.html');
  const hasWeb = fs.existsSync(indexHtml);
  if (hasWeb) {
    // Files are listed at start; a test run that rebuilds the web app uses its own NASKAH_WEB_DIR.
    await app.register(async (assets) => {
      publicScope(assets);
      await assets.register(fastifyStatic, { root: webDir, wildcard: false, index: false, maxAge: '1h', immutable: false });
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api') {
      return reply.code(404).send(new AppError('ROUTE_NOT_FOUND', { method: req.method, url: req.url.split('?')[0] }).toBody(req.lang));
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && hasWeb) {
      // The web app routes on the client: every other GET gets its shell.
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(fs.createReadStream(indexHtml));
    }
    return reply.code(404).send(new AppError('NOT_FOUND').toBody(req.lang));
  });

  return app as unknown as App;
}
