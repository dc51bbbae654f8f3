import type { Db } from '../../db/client.js';

/** Certificates (结业证书): numbers, PDF with seal and QR code, public verification, zip, re-issue and revoke. */
export class CertificateService {
  constructor(readonly deps: { db: Db } & Record<string, unknown>) {}
}
