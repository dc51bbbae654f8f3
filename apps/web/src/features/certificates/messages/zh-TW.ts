import type { CertificatesMessages } from './zh-CN';

/** Certificates: zh-TW. */
export const certificatesZhTW: CertificatesMessages = {
  title: '證書',
  placeholder: '建設中',
};
