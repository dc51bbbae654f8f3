import type { LogisticsMessages } from './zh-CN';

/** Logistics and services of a class (issue 9 item 4): zh-TW. */
export const logisticsZhTW: LogisticsMessages = {
  tab: '食宿與接站',
  myStay: {
    title: '食宿與接站',
  },
};
