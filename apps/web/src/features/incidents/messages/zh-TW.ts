import type { IncidentsMessages } from './zh-CN';

/** Contingency plans and incidents (issue 9 items 2–3): zh-TW. */
export const incidentsZhTW: IncidentsMessages = {
  tab: '應急與事件',
};
