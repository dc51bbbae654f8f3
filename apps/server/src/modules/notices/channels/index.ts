import type { Config } from '../../../config.js';
import { SmtpChannel } from './email.js';
import { SmsGatewayChannel } from './sms.js';
import type { Channel } from './types.js';

export { type Channel, DeliveryError, type OutboundMessage } from './types.js';

/** The channels this installation has; null: not configured, deliveries by it are skipped. */
export interface Channels {
  email: Channel | null;
  sms: Channel | null;
}

/** The channels the configuration turns on (SMTP_URL / SMTP_FROM, SMS_GATEWAY_URL / _TOKEN). */
export function channelsFrom(config: Pick<Config, 'smtp' | 'sms'>): Channels {
  return {
    email: config.smtp ? new SmtpChannel(config.smtp) : null,
    sms: config.sms ? new SmsGatewayChannel(config.sms) : null,
  };
}
