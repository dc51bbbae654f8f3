import type { PartnershipsMessages } from './zh-CN';

export const partnershipsEn: PartnershipsMessages = {
  title: 'Pairings',
  detailTitle: 'Pairing',
  stats: { title: 'Exchange statistics' },
};
