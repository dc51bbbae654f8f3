/** Directory pages (regions, units, people): Simplified Chinese, the reference key set. */
export const directoryZhCN = {
  regions: { title: '行政区划' },
  units: { title: '单位管理' },
  people: { title: '人员库' },
};
export type DirectoryMessages = typeof directoryZhCN;
