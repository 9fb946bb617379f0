// config -> context -> modules (jobs, start-up work, demo seed) -> app -> listen (and the job workers).
import type { Config } from './config.js';
import { closeContext, createContext, type AppContext } from './context.js';
import { buildApp } from './app.js';
import { demoAccountsTable, isDatabaseEmpty, seedDemo } from './demo/seedDemo.js';
import { startModules, startWorkers } from './modules.js';
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
    await startModules(ctx);
    const seedWanted = config.demo === 'true' || (config.demo === 'auto' && ctx.database.engine === 'pglite');
    if (seedWanted && (await isDatabaseEmpty(ctx))) {
      print('Membuat data demo "Pemerintah Kabupaten Contoh" … / Seeding the demo pemda …');
      await seedDemo(ctx);
    }
    app = await buildApp(ctx);
    if (config.role !== 'worker') await app.listen({ port: config.port, host: config.host });
    if (config.role !== 'web') await startWorkers(ctx);
    else await ctx.jobs.startHeartbeat();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://localhost:${port}`;
    if (await getSetting<boolean>(ctx.database.db, 'demo.seeded')) print(demoAccountsTable());
    if (await isDatabaseEmpty(ctx)) print('Belum ada pengguna. Buat admin: npx naskah create-admin --username admin --name "Nama Admin"');
    print(kekLine(ctx));
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

/** Where the key-encryption key is: it must be backed up, apart from the data and the database dumps. */
export function kekLine(ctx: AppContext): string {
  const info = ctx.kekInfo;
  if (!info || info.source === 'NASKAH_KEK') return 'Kunci enkripsi (KEK): dari variabel lingkungan / key-encryption key: from the environment';
  const where = info.created ? 'dibuat di / created at' : info.movedFrom ? `dipindah dari ${info.movedFrom} ke / moved from the data directory to` : 'di / at';
  const inside = info.source.startsWith(ctx.config.dataDir + '/') ? ' — PERINGATAN: di dalam direktori data / WARNING: inside the data directory' : '';
  return `Kunci enkripsi (KEK) ${where} ${info.source}${inside}. Cadangkan terpisah dari data dan dump basis data / back it up apart from the data and database dumps.`;
}
