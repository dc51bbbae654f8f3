import type { ArchiveMessages } from './zh-CN';

/** Archive: zh-TW. */
export const archiveZhTW: ArchiveMessages = {
  title: '學時檔案',
  placeholder: '建設中',
};
