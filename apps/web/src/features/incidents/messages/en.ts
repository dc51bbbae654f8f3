import type { IncidentsMessages } from './zh-CN';

/** Contingency plans and incidents (issue 9 items 2–3): en. */
export const incidentsEn: IncidentsMessages = {
  tab: 'Contingency',
};
