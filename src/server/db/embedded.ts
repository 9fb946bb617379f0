// Starts the embedded PGlite database in a child process (embeddedServer.ts) and waits until
// it serves its Unix socket.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DirectoryLockedError } from './dirLock.js';
import type { ChildMessage, EmbeddedServerArgs } from './embeddedServer.js';

export interface EmbeddedPostgres {
  /** Directory holding the socket `.s.PGSQL.5432`: node-postgres `host`. */
  socketDir: string;
  child: ChildProcess;
  /** Write a tarball of the data directory (PGlite dumpDataDir) to `file`. */
  dump(file: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(opts: { dataDir: string; loadFrom?: string }): Promise<EmbeddedPostgres> {
  // Unix socket paths are limited to ~107 bytes: keep it in a short private temp dir.
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-pg-'));
  const socketPath = path.join(socketDir, '.s.PGSQL.5432');
  const here = fileURLToPath(import.meta.url);
  const childFile = path.join(path.dirname(here), `embeddedServer${path.extname(here)}`);
  const args: EmbeddedServerArgs = { dataDir: opts.dataDir, socketPath, ...(opts.loadFrom ? { loadFrom: opts.loadFrom } : {}) };
  // Running from source (tsx, vitest) the child is TypeScript too and needs the tsx loader.
  const execArgv =
    path.extname(here) === '.ts' && !process.execArgv.some((a) => a.includes('tsx')) ? [...process.execArgv, '--import', 'tsx'] : process.execArgv;
  const child = fork(childFile, [JSON.stringify(args)], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

  // A signal to the whole process group (Ctrl-C, `systemctl stop`) reaches the child too, which may
  // exit while the parent still writes to its IPC channel: such a write fails with EPIPE or
  // ERR_IPC_CHANNEL_CLOSED, emitted as 'error' on the child. Without this listener that crashed the
  // server during a clean stop. The child being gone is what stop() waits for anyway.
  child.on('error', () => {});

  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`embedded database exited during start (code ${code})`));
    child.once('exit', onExit);
    child.once('message', (m: ChildMessage) => {
      child.off('exit', onExit);
      if (m.type === 'ready') return resolve();
      if (m.type !== 'error') return reject(new Error(`unexpected message ${m.type}`));
      if (m.code === 'LOCKED') {
        const pid = Number(/pid (\d+)/.exec(m.message)?.[1] ?? 0);
        return reject(new DirectoryLockedError(opts.dataDir, pid));
      }
      reject(new Error(`embedded database failed to start: ${m.message}`));
    });
  });

  let stopped: Promise<void> | undefined;
  return {
    socketDir,
    child,
    dump(file: string) {
      return new Promise<void>((resolve, reject) => {
        child.once('message', (m: ChildMessage) => (m.type === 'dumped' ? resolve() : reject(new Error(m.type === 'error' ? m.message : 'unexpected reply'))));
        child.send({ type: 'dump', path: file }, (err) => err && reject(err));
      });
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          fs.rmSync(socketDir, { recursive: true, force: true });
          resolve();
        });
        if (!child.connected) return; // already leaving on its own signal: 'exit' follows
        child.send({ type: 'shutdown' }, (err) => {
          if (err) child.kill('SIGTERM'); // channel closed under us: ask by signal instead
        });
      });
      return stopped;
    },
  };
}
