// Run an external program with a wall-clock limit; on timeout or abort its whole process group
// is killed (ocrmypdf starts tesseract and ghostscript children).
import { spawn } from 'node:child_process';

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The program could not be started (ENOENT …). */
  spawnError: NodeJS.ErrnoException | null;
}

export interface RunOptions {
  timeoutMs: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Lower the CPU priority (nice value 0-19) so the web process stays responsive. */
  nice?: number;
  signal?: AbortSignal;
  /** Keep at most this many characters of stdout/stderr. */
  maxOutput?: number;
}

export function runProcess(cmd: string, args: string[], opts: RunOptions): Promise<ProcessResult> {
  const max = opts.maxOutput ?? 1_000_000;
  const [file, argv] = opts.nice && opts.nice > 0 ? ['nice', ['-n', String(Math.min(19, opts.nice)), cmd, ...args]] : [cmd, args];
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, opts.timeoutMs);
    const onAbort = () => {
      timedOut = true;
      killGroup();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < max) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < max) stderr += d;
    });
    const finish = (r: Partial<ProcessResult>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve({ code: null, signal: null, stdout, stderr, timedOut, spawnError: null, ...r });
    };
    child.on('error', (err) => finish({ spawnError: err as NodeJS.ErrnoException }));
    child.on('close', (code, signal) => finish({ code, signal }));
  });
}
