// A Naskah cluster on loopback for the scale bench: a private PostgreSQL cluster (its own data
// directory and port, so it can be restarted without touching the machine's PostgreSQL), N web
// instances (NASKAH_ROLE=web) and M workers (NASKAH_ROLE=worker), each its own `naskah serve`
// process from the source, files in PostgreSQL (NASKAH_BLOB_STORE=postgres), and Debian's
// haproxy in front of the web instances with health checks on /api/health/ready.
//
// As a script: `node --import tsx bench/tools/scaleCluster.ts [web] [workers]` starts it all,
// prints the addresses, and stops it all on Ctrl-C. The scale bench uses startCluster().
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PG_BIN = fs.existsSync('/usr/lib/postgresql') ? path.join('/usr/lib/postgresql', fs.readdirSync('/usr/lib/postgresql').sort().at(-1)!, 'bin') : '';

export interface Instance {
  name: string;
  role: 'web' | 'worker';
  port: number;
  proc: ChildProcess | null;
  log: string;
  /** How many times it has started (its log is appended to). */
  starts: number;
}

export interface Cluster {
  /** The load balancer's address: what users reach. */
  url: string;
  databaseUrl: string;
  instances: Instance[];
  /** kill -9 one instance. */
  kill(name: string): void;
  /** Start a killed (or stopped) instance again; resolves when it is ready. */
  start(name: string): Promise<void>;
  /** Put only the first `n` web instances behind the balancer (the others drained). */
  useWeb(n: number): Promise<void>;
  /** `pg_ctl restart -m fast`: every connection is cut. */
  restartPostgres(): Promise<void>;
  /** haproxy's view of a web instance: UP, DOWN, MAINT … */
  backendStatus(name: string): Promise<string>;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms`);
}

const ready = (port: number) => async () => (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).status === 200;

function asPostgres(args: string[]): { status: number | null; out: string } {
  // initdb refuses to run as root: the private cluster belongs to the postgres user.
  const asRoot = process.getuid?.() === 0;
  const r = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8' }) : spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

export async function startCluster(opts: { web: number; workers: number; env?: Record<string, string>; dir?: string }): Promise<Cluster> {
  if (!PG_BIN) throw new Error('PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin)');
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-scale-'));
  fs.chmodSync(dir, 0o755);
  const pgData = path.join(dir, 'pg');
  fs.mkdirSync(pgData, { recursive: true });
  if (process.getuid?.() === 0) spawnSync('chown', ['-R', 'postgres:postgres', pgData]);
  const pgPort = await freePort();
  const init = asPostgres([path.join(PG_BIN, 'initdb'), '-D', pgData, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  if (init.status !== 0) throw new Error(`initdb: ${init.out}`);
  fs.appendFileSync(path.join(pgData, 'postgresql.conf'), `\nport = ${pgPort}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${pgData}'\nmax_connections = 300\nshared_buffers = 512MB\nfsync = on\nsynchronous_commit = on\n`);
  const pgCtl = (...a: string[]) => asPostgres([path.join(PG_BIN, 'pg_ctl'), '-D', pgData, '-l', path.join(pgData, 'server.log'), '-w', ...a]);
  const started = pgCtl('start');
  if (started.status !== 0) throw new Error(`pg_ctl start: ${started.out}`);
  const databaseUrl = `postgres://postgres@127.0.0.1:${pgPort}/postgres`;

  const kek = randomBytes(32).toString('base64');
  const env = (name: string, role: 'web' | 'worker', port: number, extra: Record<string, string>) => ({
    ...process.env,
    NASKAH_FROM_SOURCE: '1',
    DATABASE_URL: databaseUrl,
    NASKAH_ROLE: role,
    NASKAH_BLOB_STORE: 'postgres',
    NASKAH_KEK: kek,
    NASKAH_DATA_DIR: path.join(dir, name),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    TRUST_PROXY: '127.0.0.1',
    RATE_LIMIT_PER_MINUTE: '100000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    JOB_WORKER_TIMEOUT_SECONDS: '10',
    ...opts.env,
    ...extra,
  });

  const instances: Instance[] = [];
  for (let i = 1; i <= opts.web; i++) instances.push({ name: `web${i}`, role: 'web', port: await freePort(), proc: null, log: path.join(dir, `web${i}.log`), starts: 0 });
  for (let i = 1; i <= opts.workers; i++) instances.push({ name: `worker${i}`, role: 'worker', port: await freePort(), proc: null, log: path.join(dir, `worker${i}.log`), starts: 0 });

  const launch = async (inst: Instance, extra: Record<string, string> = {}) => {
    const out = fs.openSync(inst.log, 'a');
    inst.proc = spawn(process.execPath, [path.join(root, 'bin', 'naskah.js'), 'serve'], { cwd: root, env: env(inst.name, inst.role, inst.port, extra), stdio: ['ignore', out, out] });
    inst.proc.on('exit', () => fs.closeSync(out));
    // A web instance is ready when its readiness says so; a worker (it does not listen) when it
    // has printed its start line.
    const startedLine = async () => fs.readFileSync(inst.log, 'utf8').split('\n').filter((l) => l.includes(' berjalan di ')).length > inst.starts;
    await waitFor(inst.name, inst.role === 'web' ? ready(inst.port) : startedLine, 180_000);
    inst.starts++;
  };

  // The first instance migrates and seeds the demo pemda; the others find it done.
  await launch(instances[0]!, { NASKAH_DEMO: 'true' });
  await Promise.all(instances.slice(1).map((i) => launch(i, { NASKAH_DEMO: 'false' })));

  const lbPort = await freePort();
  const statsSock = path.join(dir, 'haproxy.sock');
  const cfg = path.join(dir, 'haproxy.cfg');
  const web = instances.filter((i) => i.role === 'web');
  fs.writeFileSync(
    cfg,
    [
      'global',
      `  stats socket ${statsSock} mode 600 level admin`,
      '  maxconn 4096',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
      '  timeout check 3s',
      '  retries 2',
      '  option redispatch',
      'frontend naskah',
      `  bind 127.0.0.1:${lbPort}`,
      '  option forwardfor',
      '  default_backend web',
      'backend web',
      '  balance leastconn',
      '  option httpchk GET /api/health/ready',
      '  default-server inter 500ms fall 3 rise 2',
      ...web.map((w) => `  server ${w.name} 127.0.0.1:${w.port} check`),
      '',
    ].join('\n'),
  );
  const haproxy = spawn('haproxy', ['-f', cfg, '-db'], { stdio: ['ignore', 'ignore', fs.openSync(path.join(dir, 'haproxy.log'), 'a')] });
  const url = `http://127.0.0.1:${lbPort}`;
  // Whatever ends this process (a crash included) ends the cluster: no instance left on loopback.
  const killAll = () => {
    for (const i of instances) i.proc?.kill('SIGKILL');
    haproxy.kill('SIGKILL');
    pgCtl('stop', '-m', 'immediate');
  };
  process.once('exit', killAll);
  const onSignal = () => {
    killAll();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  await waitFor('haproxy', async () => (await fetch(`${url}/api/health/ready`)).status === 200, 20_000);

  const stats = (command: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const s = net.createConnection(statsSock);
      let out = '';
      s.on('data', (d) => (out += d.toString()));
      s.on('end', () => resolve(out));
      s.on('error', reject);
      s.write(`${command}\n`);
    });

  const byName = (name: string) => {
    const inst = instances.find((i) => i.name === name);
    if (!inst) throw new Error(`no instance ${name}`);
    return inst;
  };

  return {
    url,
    databaseUrl,
    instances,
    kill(name) {
      byName(name).proc?.kill('SIGKILL');
    },
    async start(name) {
      const inst = byName(name);
      if (inst.proc && inst.proc.exitCode === null && inst.proc.signalCode === null) return;
      await launch(inst, { NASKAH_DEMO: 'false' });
    },
    async useWeb(n) {
      for (const [i, w] of web.entries()) await stats(`set server web/${w.name} state ${i < n ? 'ready' : 'maint'}`);
    },
    async restartPostgres() {
      const r = pgCtl('restart', '-m', 'fast');
      if (r.status !== 0) throw new Error(`pg_ctl restart: ${r.out}`);
    },
    async backendStatus(name) {
      const csv = await stats('show stat');
      const line = csv.split('\n').find((l) => l.startsWith(`web,${name},`));
      // Column 18 (0-based 17) of `show stat` is the status.
      return line?.split(',')[17] ?? 'unknown';
    },
    async stop() {
      haproxy.kill('SIGTERM');
      await Promise.all(
        instances.map(
          (i) =>
            new Promise<void>((resolve) => {
              if (!i.proc || i.proc.exitCode !== null || i.proc.signalCode !== null) return resolve();
              const t = setTimeout(() => i.proc?.kill('SIGKILL'), 20_000);
              i.proc.once('exit', () => {
                clearTimeout(t);
                resolve();
              });
              i.proc.kill('SIGTERM');
            }),
        ),
      );
      pgCtl('stop', '-m', 'fast');
      process.off('exit', killAll);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (!opts.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [webArg, workersArg] = process.argv.slice(2);
  const cluster = await startCluster({ web: Number(webArg ?? 3), workers: Number(workersArg ?? 2) });
  process.stdout.write(`Naskah behind haproxy: ${cluster.url}\nPostgreSQL: ${cluster.databaseUrl}\n${cluster.instances.map((i) => `  ${i.name} (${i.role}) :${i.port}  log ${i.log}`).join('\n')}\nCtrl-C stops everything.\n`);
  const stop = () => void cluster.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
