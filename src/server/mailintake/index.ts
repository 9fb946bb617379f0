// E-mail intake's public surface: the routes, the job wiring, and the hook through which the
// incoming-letters domain receives each message with scans as a pending registration.
export { mailIntakeRoutes } from './routes.js';
export { startMailIntakeDomain, scheduleMailboxPolls } from './register.js';
export { setPendingSink, type PendingSink, type PendingFromMail } from './pendingSink.js';
export { pollMailboxJob, POLL_JOB } from './pollMailbox.js';
export { configureMailbox, checkMailboxNow, type MailboxInput } from './configureMailbox.js';
export { mailboxStateMessage } from './messages.js';
export { ImapReader, MailboxError, type MailboxReader } from './imapReader.js';
