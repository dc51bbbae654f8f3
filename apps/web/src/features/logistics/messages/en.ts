import type { LogisticsMessages } from './zh-CN';

/** Logistics and services of a class (issue 9 item 4): en. */
export const logisticsEn: LogisticsMessages = {
  tab: 'Stay and travel',
  myStay: {
    title: 'Stay and travel',
  },
};
