import nodemailer, { type Transporter } from 'nodemailer';
import { type Channel, DeliveryError, type OutboundMessage } from './types.js';

/** Connection errors of nodemailer that a later attempt may not meet. */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'EAUTH',
  'ETLS',
  'EPROTOCOL',
]);

/** nodemailer options from `smtp://user:pass@host:587` (smtps:// for TLS from the start, port 465). */
export function smtpOptions(url: string) {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  const maxConnections = Number(u.searchParams.get('maxConnections') ?? 5);
  return {
    host: u.hostname,
    port: Number(u.port) || (secure ? 465 : 587),
    secure,
    ...(u.username
      ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }
      : {}),
    // A pool: thousands of messages of one notice reuse a few connections.
    pool: true as const,
    maxConnections: Number.isFinite(maxConnections) && maxConnections > 0 ? maxConnections : 5,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...(u.searchParams.get('tls.rejectUnauthorized') === 'false'
      ? { tls: { rejectUnauthorized: false } }
      : {}),
  };
}

/** Is a nodemailer error worth retrying? 4xx replies and connection trouble yes, 5xx replies no. */
export function smtpRetryable(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return e.responseCode < 500;
  return e.code === undefined || TRANSIENT_CODES.has(e.code);
}

/** Email over SMTP (nodemailer), plain text, one recipient per message. */
export class SmtpChannel implements Channel {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(options: { url: string; from: string }) {
    this.transport = nodemailer.createTransport(smtpOptions(options.url));
    this.from = options.from;
  }

  async send(message: OutboundMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    } catch (error) {
      const e = error as Error & { response?: string };
      throw new DeliveryError((e.response ?? e.message ?? String(error)).slice(0, 500), smtpRetryable(error));
    }
  }

  close(): void {
    this.transport.close();
  }
}
