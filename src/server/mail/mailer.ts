// Outgoing e-mail. One real implementation (SMTP via nodemailer), chosen by SMTP_URL.
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType?: string }>;
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

export class SmtpMailer implements Mailer {
  private readonly transport;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }
  async send(m: MailMessage): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text, attachments: m.attachments });
    return { messageId: info.messageId };
  }
}

export function createMailer(config: Config['mail']): Mailer | null {
  return config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.from) : null;
}

export function requireMailer(config: Config['mail']): Mailer {
  const m = createMailer(config);
  if (!m) throw new AppError('MAIL_NOT_CONFIGURED');
  return m;
}
