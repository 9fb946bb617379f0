// A Debian dovecot-imapd started by the test on loopback: its own configuration, users file,
// Maildir and runtime directory in a temporary folder; no system service is touched.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Deliver a raw RFC 5322 message into the user's INBOX (IMAP APPEND, as a delivery agent would). */
  deliver(raw: Buffer | string): Promise<number>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const c = net.connect(port, '127.0.0.1');
      c.once('connect', () => {
        c.destroy();
        r(true);
      });
      c.once('error', () => r(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startDovecot(opts: { user?: string; password?: string } = {}): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naskah-dovecot-'));
  fs.chmodSync(dir, 0o755);
  const user = opts.user ?? 'surat.kominfo';
  const password = opts.password ?? 'Kotak-Surat-2026';
  for (const d of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, d));
  // Mail processes run as "nobody": dovecot refuses root for mail access.
  const uid = 65534;
  fs.chownSync(path.join(dir, 'mail'), uid, uid);
  fs.writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${password}:${uid}:${uid}::${dir}/mail/${user}\n`);
  const port = await freePort();
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = 1
default_internal_user = dovecot
default_login_user = dovenull
passdb {
  driver = passwd-file
  args = ${dir}/users
}
userdb {
  driver = passwd-file
  args = ${dir}/users
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
  fs.writeFileSync(path.join(dir, 'dovecot.conf'), conf);
  let child: ChildProcess | null = null;
  const dv: Dovecot = {
    host: '127.0.0.1',
    port,
    user,
    password,
    async start() {
      child = spawn('dovecot', ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' });
      await waitForPort(port);
    },
    async stop() {
      if (!child) return;
      const c = child;
      child = null;
      await new Promise<void>((r) => {
        c.once('exit', () => r());
        c.kill('SIGTERM');
      });
      // Wait until the listener is gone.
      for (let i = 0; i < 50; i++) {
        const open = await new Promise<boolean>((r) => {
          const s = net.connect(port, '127.0.0.1');
          s.once('connect', () => {
            s.destroy();
            r(true);
          });
          s.once('error', () => r(false));
        });
        if (!open) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async deliver(raw) {
      const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
      await c.connect();
      try {
        const r = await c.append('INBOX', typeof raw === 'string' ? Buffer.from(raw) : raw);
        return Number((r as { uid?: number }).uid ?? 0);
      } finally {
        await c.logout();
      }
    },
    async close() {
      await dv.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await dv.start();
  return dv;
}
