// Child process that owns the embedded PGlite database and serves it over a Unix socket with
// the PostgreSQL wire protocol. Running PGlite here, not in the HTTP process, keeps a heavy query
// from blocking the server's event loop; it also lets the app use one driver (node-postgres)
// for both engines. Started by embedded.ts; exits when its parent goes away.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDirectory, type DirLock } from './dirLock.js';

export interface EmbeddedServerArgs {
  /** Directory for the database files, or 'memory://' */
  dataDir: string;
  socketPath: string;
  /** Optional tarball from PGlite dumpDataDir() to start from (tests use a migrated template). */
  loadFrom?: string;
}

type ParentMessage = { type: 'shutdown' } | { type: 'dump'; path: string };
export type ChildMessage = { type: 'ready' } | { type: 'dumped' } | { type: 'error'; code: string; message: string };

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as EmbeddedServerArgs;
  // PGlite's files (catalogs, pg_hba.conf, WAL) are owner-only like the rest of the data directory.
  process.umask(0o077);
  let lock: DirLock | undefined;
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  const send = (m: ChildMessage) => process.send?.(m);

  const shutdown = async (code: number) => {
    try {
      await server?.stop();
      await db?.close();
    } catch {
      /* exiting anyway */
    }
    lock?.release();
    try {
      fs.unlinkSync(args.socketPath);
    } catch {
      /* gone */
    }
    process.exit(code);
  };

  try {
    if (!args.dataDir.startsWith('memory://')) {
      lock = lockDirectory(path.dirname(path.resolve(args.dataDir)), `${path.basename(args.dataDir)}.lock`);
      fs.mkdirSync(args.dataDir, { recursive: true });
    }
    const loadDataDir = args.loadFrom ? new Blob([fs.readFileSync(args.loadFrom)]) : undefined;
    // pg_trgm: the search index matches numbers, names and OCR noise by trigrams.
    db = await PGlite.create(args.dataDir, { extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
    try {
      fs.unlinkSync(args.socketPath);
    } catch {
      /* no stale socket */
    }
    // The app's pool holds one connection, but node-postgres' pool.query() discards a connection
    // after any failed query (Terminate, then a new connect). With maxConnections 1 that new
    // connection arrived while the old handler was still closing and was refused ("Too many
    // connections"), so the next, unrelated query failed with EPIPE/ECONNRESET. Room for a few
    // connections lets the replacement in; PGlite's query queue still runs one query at a time
    // and keeps a transaction's queries on its own connection.
    server = new PGLiteSocketServer({ db, path: args.socketPath, maxConnections: 4 });
    await server.start();
    send({ type: 'ready' });
  } catch (e) {
    const err = e as Error & { code?: string };
    send({ type: 'error', code: err.name === 'DirectoryLockedError' ? 'LOCKED' : 'START_FAILED', message: err.message });
    await shutdown(1);
    return;
  }

  process.on('message', (m: ParentMessage) => {
    if (m?.type === 'shutdown') void shutdown(0);
    if (m?.type === 'dump') {
      // A tarball of the data directory (tests start many databases from one migrated copy).
      void db!
        .dumpDataDir('none')
        .then(async (blob) => fs.writeFileSync(m.path, Buffer.from(await blob.arrayBuffer())))
        .then(() => send({ type: 'dumped' }))
        .catch((e: Error) => send({ type: 'error', code: 'DUMP_FAILED', message: e.message }));
    }
  });
  process.on('disconnect', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
}

void main();
