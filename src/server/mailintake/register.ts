// E-mail intake's start-up work (see module.ts): in worker processes, a timer that
// asks every enabled mailbox to be read each MAIL_INTAKE_INTERVAL_SECONDS. Several instances
// may run the timer: pg-boss's singleton key keeps one poll per mailbox per interval.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { POLL_JOB } from './pollMailbox.js';
import { mailIntakeAccounts } from './schema.js';

export async function scheduleMailboxPolls(ctx: AppContext): Promise<number> {
  const accounts = await ctx.database.db.select({ id: mailIntakeAccounts.id }).from(mailIntakeAccounts).where(eq(mailIntakeAccounts.enabled, true));
  const every = ctx.config.mailIntake.intervalSeconds;
  for (const a of accounts) {
    await ctx.jobs.send(null, POLL_JOB, { accountId: a.id }, { singletonKey: `mailbox:${a.id}`, singletonSeconds: every });
  }
  return accounts.length;
}

export async function startMailIntakeDomain(ctx: AppContext): Promise<void> {
  if (ctx.config.role === 'web') return;
  const timer = setInterval(() => {
    scheduleMailboxPolls(ctx).catch((err) => ctx.log.warn({ err }, 'scheduling mailbox checks'));
  }, ctx.config.mailIntake.intervalSeconds * 1000);
  timer.unref();
  ctx.closers.push(async () => clearInterval(timer));
}
