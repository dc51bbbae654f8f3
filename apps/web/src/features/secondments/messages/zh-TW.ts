import type { SecondmentsMessages } from './zh-CN';

export const secondmentsZhTW: SecondmentsMessages = {
  title: '掛職交流',
  detailTitle: '掛職詳情',
  tab: '掛職交流',
  mine: { title: '我的掛職' },
};
