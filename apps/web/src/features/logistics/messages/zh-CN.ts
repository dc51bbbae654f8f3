/** Logistics and services of a class (issue 9 item 4): zh-CN, the reference for the other languages. */
export const logisticsZhCN = {
  tab: '食宿与接站',
  myStay: {
    title: '食宿与接站',
  },
};
export type LogisticsMessages = typeof logisticsZhCN;
