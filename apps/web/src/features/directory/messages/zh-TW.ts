import type { DirectoryMessages } from './zh-CN';

export const directoryZhTW: DirectoryMessages = {
  regions: { title: '行政區劃' },
  units: { title: '單位管理' },
  people: { title: '人員庫' },
};
