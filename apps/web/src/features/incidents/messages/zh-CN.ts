/** Contingency plans and incidents (issue 9 items 2–3): zh-CN, the reference key set. */
export const incidentsZhCN = {
  tab: '应急与事件',
};
export type IncidentsMessages = typeof incidentsZhCN;
