/** Pairings and exchange statistics: zh-CN, the reference key set. */
export const partnershipsZhCN = {
  title: '结对协作',
  detailTitle: '结对详情',
  stats: { title: '交流统计' },
};
export type PartnershipsMessages = typeof partnershipsZhCN;
