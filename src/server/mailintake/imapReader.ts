// The IMAP adapter: read the messages above a UID from one mailbox, read-only (flags are not
// touched; where reading stopped is kept by Naskah, not by \Seen). ImapFlow over TCP/TLS.
import { ImapFlow } from 'imapflow';

export type MailboxFailureKind = 'auth_failed' | 'unreachable' | 'error';

export class MailboxError extends Error {
  constructor(
    readonly kind: MailboxFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'MailboxError';
  }
}

export interface MailboxCredentials {
  host: string;
  port: number;
  tls: boolean;
  username: string;
  password: string;
  mailbox: string;
}

export interface FetchedMessage {
  uid: number;
  size: number;
  /** The raw RFC 5322 message; null when it is larger than the limit (not downloaded). */
  source: Buffer | null;
}

export interface MailboxBatch {
  uidValidity: bigint;
  messages: FetchedMessage[];
}

export interface MailboxReader {
  /** Messages with UID > afterUid (all when uidValidity changed), oldest first, at most `max`. */
  readNew(c: MailboxCredentials, since: { uidValidity: bigint | null; afterUid: number }, limits: { max: number; maxBytes: number; timeoutMs: number }): Promise<MailboxBatch>;
}

function classify(e: unknown): MailboxError {
  const err = e as { authenticationFailed?: boolean; code?: string; message?: string; responseText?: string };
  if (err.authenticationFailed) return new MailboxError('auth_failed', err.responseText ?? err.message ?? 'authentication failed');
  if (err.code && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ETIMEOUT|NoConnection|CONNECT_TIMEOUT|GREETING_TIMEOUT|EConnectionClosed)$/i.test(err.code)) {
    return new MailboxError('unreachable', `${err.code}: ${err.message ?? ''}`);
  }
  if (/timeout|timed out|closed|ECONNREFUSED/i.test(err.message ?? '')) return new MailboxError('unreachable', err.message ?? 'connection failed');
  return new MailboxError('error', err.responseText ?? err.message ?? String(e));
}

export class ImapReader implements MailboxReader {
  async readNew(c: MailboxCredentials, since: { uidValidity: bigint | null; afterUid: number }, limits: { max: number; maxBytes: number; timeoutMs: number }): Promise<MailboxBatch> {
    const client = new ImapFlow({
      host: c.host,
      port: c.port,
      secure: c.tls,
      auth: { user: c.username, pass: c.password },
      logger: false,
      connectionTimeout: limits.timeoutMs,
      greetingTimeout: limits.timeoutMs,
      socketTimeout: limits.timeoutMs * 4,
      disableAutoIdle: true,
    });
    client.on('error', () => {
      /* reported through the awaited calls */
    });
    try {
      await client.connect();
    } catch (e) {
      throw classify(e);
    }
    try {
      const box = await client.mailboxOpen(c.mailbox, { readOnly: true });
      const uidValidity = BigInt(box.uidValidity);
      const after = since.uidValidity === uidValidity ? since.afterUid : 0;
      const messages: FetchedMessage[] = [];
      if (box.exists > 0) {
        const sizes: Array<{ uid: number; size: number }> = [];
        for await (const m of client.fetch(`${after + 1}:*`, { uid: true, size: true }, { uid: true })) {
          // "n:*" also returns the highest message when its UID is below n.
          if (m.uid > after) sizes.push({ uid: m.uid, size: m.size ?? 0 });
        }
        sizes.sort((a, b) => a.uid - b.uid);
        for (const s of sizes.slice(0, limits.max)) {
          if (s.size > limits.maxBytes) {
            messages.push({ uid: s.uid, size: s.size, source: null });
            continue;
          }
          const one = await client.fetchOne(String(s.uid), { uid: true, source: true }, { uid: true });
          messages.push({ uid: s.uid, size: s.size, source: one && one.source ? Buffer.from(one.source) : null });
        }
      }
      return { uidValidity, messages };
    } catch (e) {
      throw e instanceof MailboxError ? e : classify(e);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }
}
