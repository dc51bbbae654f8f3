/** Secondments: zh-CN, the reference key set. */
export const secondmentsZhCN = {
  title: '挂职交流',
  detailTitle: '挂职详情',
  tab: '挂职交流',
  mine: { title: '我的挂职' },
};
export type SecondmentsMessages = typeof secondmentsZhCN;
