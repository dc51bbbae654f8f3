import type { CertificatesMessages } from './zh-CN';

/** Certificates: en. */
export const certificatesEn: CertificatesMessages = {
  title: 'Certificates',
  placeholder: 'Being built',
};
