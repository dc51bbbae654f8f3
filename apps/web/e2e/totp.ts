import { generate } from 'otplib';

/** The RFC 6238 code an authenticator app shows for a secret at `now` (ms). */
export function totpCode(secret: string, now = Date.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(now / 1000) });
}
