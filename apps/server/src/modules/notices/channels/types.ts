/** One message to one address, in the recipient's language. */
export interface OutboundMessage {
  /** An email address or a mainland mobile number, in clear (decrypted just before sending). */
  to: string;
  subject: string;
  text: string;
}

/** A way out of the system (email, SMS). `send` resolves once the far side accepted the message. */
export interface Channel {
  send(message: OutboundMessage): Promise<void>;
  /** Frees connections (a pool of SMTP connections). */
  close?(): void;
}

/**
 * A failed send. `retryable`: worth trying again later (connection refused, timeout, 4xx reply);
 * otherwise permanent (the address was refused with 5xx, the gateway said the request is wrong).
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
