// config -> database -> app -> listen (and the job workers).
import type { Config } from './config.js';
import { closeContext, createContext, type AppContext } from './context.js';
import { buildApp } from './app.js';
import { demoAccountsTable, isDatabaseEmpty, seedDemo } from './demo/seedDemo.js';
import { registerDomains, startDomains } from './domains.js';
import { getSetting } from './settings/settings.js';
import type { App } from './http/types.js';

export interface RunningServer {
  ctx: AppContext;
  app: App;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(config: Config, opts: { print?: (line: string) => void } = {}): Promise<RunningServer> {
  const print = opts.print ?? ((l: string) => process.stdout.write(`${l}\n`));
  const ctx = await createContext(config);
  let app: App | undefined;
  try {
    registerDomains(ctx);
    await ctx.jobs.start();
    await startDomains(ctx);
    const seedWanted = config.demo === 'true' || (config.demo === 'auto' && ctx.database.engine === 'pglite');
    if (seedWanted && (await isDatabaseEmpty(ctx))) {
      print('Membuat data demo "Pemerintah Kabupaten Contoh" … / Seeding the demo pemda …');
      await seedDemo(ctx);
    }
    app = await buildApp(ctx);
    if (config.role !== 'worker') await app.listen({ port: config.port, host: config.host });
    if (config.role !== 'web') await ctx.jobs.work();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://localhost:${port}`;
    if (await getSetting<boolean>(ctx.database.db, 'demo.seeded')) print(demoAccountsTable());
    if (await isDatabaseEmpty(ctx)) print('Belum ada pengguna. Buat admin: npx naskah create-admin --username admin --name "Nama Admin"');
    print(`Naskah ${config.version} berjalan di ${url} (basis data: ${ctx.database.engine})`);
    let stopping: Promise<void> | undefined;
    return {
      ctx,
      app,
      url,
      stop() {
        stopping ??= (async () => {
          await app!.close();
          await closeContext(ctx);
        })();
        return stopping;
      },
    };
  } catch (e) {
    await app?.close();
    await closeContext(ctx);
    throw e;
  }
}
