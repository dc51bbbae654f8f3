import type { SecondmentsMessages } from './zh-CN';

export const secondmentsEn: SecondmentsMessages = {
  title: 'Secondments',
  detailTitle: 'Secondment',
  tab: 'Secondments',
  mine: { title: 'My secondments' },
};
