import type { DirectoryMessages } from './zh-CN';

export const directoryEn: DirectoryMessages = {
  regions: { title: 'Regions' },
  units: { title: 'Units' },
  people: { title: 'People' },
};
