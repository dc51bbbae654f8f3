import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  type CardQrPayload,
  encodeQrPayload,
  type QrSignatureCheck,
  qrSigningInput,
  type SessionQrPayload,
} from '@ganxun/domain';

/**
 * Signing of QR tokens: HMAC-SHA-256 under a key of its own, derived from the server's secret key,
 * so a leaked QR key reveals nothing of the field cipher's keys and the reverse.
 */
export class QrSigner {
  private readonly key: Buffer;

  constructor(secretKey: Buffer) {
    this.key = createHmac('sha256', secretKey).update('ganxun:attendance-qr').digest();
  }

  private sign(signingInput: string): string {
    return createHmac('sha256', this.key).update(signingInput).digest('base64url');
  }

  /** A token for a payload (room code or trainee card). */
  token(payload: SessionQrPayload | CardQrPayload): string {
    return encodeQrPayload(payload, this.sign(qrSigningInput(payload)));
  }

  /** Compares a token's signature with ours in constant time. */
  readonly check: QrSignatureCheck = (signingInput, signature) => {
    const expected = Buffer.from(this.sign(signingInput));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
}
