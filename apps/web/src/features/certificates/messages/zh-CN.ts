/** Certificates: zh-CN, the reference key set. */
export const certificatesZhCN = {
  title: '证书',
  placeholder: '建设中',
};
export type CertificatesMessages = typeof certificatesZhCN;
