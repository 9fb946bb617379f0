// The notify domain's public surface. Other domains queue a notice inside their transaction:
//   queueWhatsApp(ctx, tx, {to, template, params, purpose, userId})   (one-time codes, activation links)
//   queueEmail(ctx, tx, {to, subject, text, purpose, userId})
// and read its delivery state with getNotice / noticeStatusMessage.
export { queueWhatsApp, queueEmail, useWhatsAppGateway, NOTICE_JOB, type WhatsAppNoticeInput, type EmailNoticeInput } from './sendNotice.js';
export { notifyUsers, getNoticePreferences, setNoticePreferences, effectivePreferences, NOTICE_KINDS, type NoticeKind, type UserNotice } from './userNotices.js';
export { getNotice, noticeStatusMessage } from './getNotice.js';
export { registerWhatsAppTemplate, listWhatsAppTemplates, renderTemplate, type WhatsAppTemplate } from './templates.js';
export { GatewayError, type WhatsAppGateway, type WhatsAppMessage, type GatewayFailureKind } from './whatsAppGateway.js';
export { CloudApiGateway } from './cloudApiGateway.js';
export { FonnteGateway } from './fonnteGateway.js';
export { createWhatsAppGateway } from './createGateway.js';
export { quietUntil } from './quietHours.js';
export { normaliseWhatsapp } from '../../shared/identity.js';
export type { NoticeChannel, NoticeStatus, NoticePreferences } from './schema.js';
