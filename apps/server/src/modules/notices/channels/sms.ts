import { type Channel, DeliveryError, type OutboundMessage } from './types.js';

/** The longest text sent (a few SMS segments); longer notices are cut with an ellipsis. */
const SMS_MAX_CHARS = 300;

/**
 * SMS through an HTTP gateway the installation runs or rents (no provider bundled): POST of
 * `{ to, text }` as JSON with `Authorization: Bearer <SMS_GATEWAY_TOKEN>`; any 2xx is accepted.
 * 408, 429 and 5xx replies and network errors are retried; other 4xx are permanent.
 */
export class SmsGatewayChannel implements Channel {
  constructor(
    private readonly options: { url: string; token: string | null },
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: OutboundMessage): Promise<void> {
    const full = `【${message.subject}】${message.text}`;
    const text = full.length > SMS_MAX_CHARS ? `${full.slice(0, SMS_MAX_CHARS - 1)}…` : full;
    let res: Response;
    try {
      res = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        body: JSON.stringify({ to: message.to, text }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new DeliveryError(`sms gateway unreachable: ${(error as Error).message}`.slice(0, 500), true);
    }
    if (res.ok) {
      await res.arrayBuffer();
      return;
    }
    const detail = (await res.text().catch(() => '')).slice(0, 300);
    const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
    throw new DeliveryError(`sms gateway: HTTP ${res.status} ${detail}`.trim(), retryable);
  }
}
